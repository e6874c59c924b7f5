"""The tutorial notebooks run from top to bottom, as committed (issue 8).

Each notebook is executed afresh (a copy; the committed file is not touched) with the
installed package and no network. The committed notebooks must carry their outputs, so
that they read well on a code-hosting site, and stay small.
"""
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_the_four_tutorials_are_there():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_and_is_committed_with_its_outputs(path):
    assert path.stat().st_size < 2_000_000
    committed = nbformat.read(path, as_version=4)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code), "commit the notebook executed, with outputs"
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    started = time.perf_counter()
    client = nbclient.NotebookClient(committed, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    assert time.perf_counter() - started < 150
