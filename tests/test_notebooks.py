"""The tutorial notebooks run from top to bottom, as committed (issue 8).

Each notebook is executed afresh (a copy; the committed file is not touched) with the
installed package and no network. The committed notebooks must carry their outputs, so
that they read well on a code-hosting site, in order, the same text as a fresh run gives
(so a reader never sees stale results), and stay small.
"""
import re
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_the_four_tutorials_are_there():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04"]


def _text(cell) -> list[str]:
    """What a reader sees of a cell's output as text, without temporary paths and addresses."""
    shown = []
    for output in cell.outputs:
        text = output.get("text") if output.output_type == "stream" else output.get("data", {}).get("text/plain")
        if text is not None:
            text = re.sub(r"/tmp/[^\s'\")]*", "<tmp>", "".join(text))
            text = re.sub(r" at 0x[0-9a-f]+", "", text)
            # the last digits of a float may differ between runs (summation order in BLAS)
            shown.append(re.sub(r"\d+\.\d{5,}", lambda m: f"{float(m.group()):.4f}", text))
    return shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_and_is_committed_with_its_outputs(path):
    assert path.stat().st_size < 2_000_000
    committed = nbformat.read(path, as_version=4)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), \
        "commit the notebook run from top to bottom, with its outputs"
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    fresh = nbformat.from_dict(committed)
    started = time.perf_counter()
    client = nbclient.NotebookClient(fresh, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    assert time.perf_counter() - started < 150
    for number, (old, new) in enumerate(zip(code, [c for c in fresh.cells if c.cell_type == "code"]), start=1):
        assert _text(old) == _text(new), f"cell {number} of {path.name} shows stale output: re-run and commit it"
