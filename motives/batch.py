"""Label every row of a table: nothing lost, bad rows marked, not dropped."""
from __future__ import annotations

import math

from .labels import LABELS

__all__ = ["label_frame", "OUTPUT_COLUMNS"]

#: Columns ``label_frame`` adds after the input's own.
OUTPUT_COLUMNS = ("motives", *(f"p_{label}" for label in LABELS), "error")


def _problem(cell) -> str:
    """Why a cell cannot be classified, or "" if it can."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return "missing text"
    if not isinstance(cell, str):
        return f"not text ({type(cell).__name__})"
    if not cell.strip():
        return "empty text"
    return ""


def label_frame(frame, *, text_column: str = "text", model=None):
    """Every row and column of ``frame``, in order, plus ``motives``, ``p_<label>`` and ``error``.

    Rows whose text is missing, empty or not text keep their place with
    ``error`` saying why and the other new columns empty; the rest are classified
    together in one pass of the model.

    >>> import pandas as pd
    >>> out = label_frame(pd.DataFrame({"text": ["Provinsi ingin menarik investor asing.", None]}))
    >>> out[["motives", "error"]].values.tolist()
    [['economic', ''], ['', 'missing text']]
    """
    from .predict import classify

    if text_column not in frame.columns:
        raise KeyError(f"no column {text_column!r}; the columns are {', '.join(map(str, frame.columns))}")
    out = frame.copy()
    problems = [_problem(cell) for cell in frame[text_column]]
    good = [i for i, problem in enumerate(problems) if not problem]
    results = classify([frame[text_column].iloc[i] for i in good], model=model, evidence=0)
    motives = [""] * len(frame)
    scores = {label: [None] * len(frame) for label in LABELS}
    for i, result in zip(good, results):
        motives[i] = ";".join(result.labels)
        for label in LABELS:
            scores[label][i] = round(result.scores[label], 4)
    out["motives"] = motives
    for label in LABELS:
        out[f"p_{label}"] = scores[label]
    out["error"] = problems
    return out
