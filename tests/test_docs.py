"""Documentation that stays true: an example, run as a doctest, in every public docstring (issue 8).

The public API is what ``motives.__all__`` exports and the ``__all__`` of the modules a
researcher uses directly; ``clean``, ``features``, ``linear``, ``plots``, ``lang_data``
and ``cli`` are the implementation (their docstrings say so) and are not listed here.
The examples themselves run with ``python -m pytest`` (``--doctest-modules``).
"""
import importlib
import inspect

import pytest

import motives

PUBLIC_MODULES = ("batch", "coding", "data", "errors", "evaluate", "labels", "model", "predict", "profile",
                  "read", "segment", "spacy_component", "stream", "suggest")
INTERNAL_MODULES = ("clean", "features", "linear", "plots", "lang_data", "cli")


def _public_objects():
    seen = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(f"motives.{name}")
        for attribute in module.__all__:
            obj = getattr(module, attribute)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == module.__name__:
                seen[f"motives.{name}.{attribute}"] = obj
                if inspect.isclass(obj):
                    for method, member in vars(obj).items():
                        function = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                        if not method.startswith("_") and inspect.isfunction(function):
                            seen[f"motives.{name}.{attribute}.{method}"] = function
    for attribute in motives.__all__:
        obj = getattr(motives, attribute)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return seen


PUBLIC = _public_objects()


def test_the_public_api_is_found():
    assert {"motives.predict.classify", "motives.coding.read_coded", "motives.suggest.suggest",
            "motives.evaluate.Report.save", "motives.spacy_component.MotivesComponent.pipe"} <= set(PUBLIC)
    assert len(PUBLIC) > 60


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_docstring_has_an_example(name):
    doc = inspect.getdoc(PUBLIC[name]) or ""
    assert ">>>" in doc, f"{name} has no example in its docstring"
    assert "+SKIP" not in doc, f"{name}'s example is not run"


@pytest.mark.parametrize("name", INTERNAL_MODULES)
def test_internal_modules_say_so(name):
    assert "Internal" in (importlib.import_module(f"motives.{name}").__doc__ or "")


def test_the_api_reference_command_in_the_readme_builds_every_public_module(tmp_path):
    """The README's pdoc command, run as written (into a folder), documents every public name."""
    pdoc = pytest.importorskip("pdoc")
    import re
    import shlex
    from pathlib import Path

    import pdoc.render

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = shlex.split(re.search(r"^python -m pip install \"\.\[docs\]\" && (pdoc .*)$", readme, re.M).group(1))
    modules = [word for word in command[1:] if not word.startswith("-") and word != "numpy"]
    assert "--docformat" in command and "numpy" in command
    pdoc.render.configure(docformat="numpy")
    pdoc.pdoc(*modules, output_directory=tmp_path)
    for module in PUBLIC_MODULES:
        page = (tmp_path / "motives" / f"{module}.html").read_text(encoding="utf-8")
        for name in importlib.import_module(f"motives.{module}").__all__:
            assert f'id="{name}"' in page, f"{name} is missing from the reference of motives.{module}"
