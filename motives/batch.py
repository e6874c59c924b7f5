"""Label every row of a table: nothing lost, bad rows marked, not dropped."""
from __future__ import annotations

import math

from .labels import LABELS

__all__ = ["label_frame", "segment_frame", "label_dask", "OUTPUT_COLUMNS", "SEGMENT_COLUMNS"]

#: Columns ``label_frame`` adds after the input's own.
OUTPUT_COLUMNS = ("motives", *(f"p_{label}" for label in LABELS), "error")


def _no_clash(frame, added) -> None:
    """Refuse input columns that the output would overwrite (a table labelled before)."""
    from .errors import InputError

    clash = [c for c in added if c in frame.columns]
    if clash:
        raise InputError(f"the input already has the column(s) {', '.join(clash)} that labelling adds; "
                         f"rename or drop them (is this a table labelled before?)")


def _problem(cell) -> str:
    """Why a cell cannot be classified, or "" if it can."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or type(cell).__name__ in ("NAType", "NaTType"):
        return "missing text"  # None, NaN, and pandas' NA (Arrow-backed strings, as Dask makes them)
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
    _no_clash(frame, OUTPUT_COLUMNS)
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


#: Columns ``segment_frame`` adds after the input's own.
SEGMENT_COLUMNS = ("level", "passage", "section", "passage_text", "motives",
                   *(f"p_{label}" for label in LABELS), *(f"mean_{label}" for label in LABELS),
                   "passages", "error")


def segment_frame(frame, *, text_column: str = "text", model=None):
    """Each row's text as a whole article: one ``article`` row, then one ``passage`` row
    per passage of it.

    The article row keeps every input column and gives the motives found in any of
    its passages (each passage judged at the model's thresholds), the highest
    (``p_<label>``) and the mean (``mean_<label>``) passage probability per motive,
    and the number of passages. Passage rows repeat the input columns except the
    text, and give the passage's index, section, text, motives and probabilities.
    A row whose text is missing, empty or not text, or has no passage, gets an
    article row with ``error`` filled and no passage rows.

    >>> import pandas as pd
    >>> article = ("Pemerintah provinsi ingin menarik investor Korea ke kawasan industri.\\n\\n"
    ...            "Festival tari juga memperkenalkan budaya Aceh kepada warga Turki.")
    >>> out = segment_frame(pd.DataFrame({"id": [7], "text": [article]}))
    >>> out[["id", "level", "passage", "motives", "passages"]].astype(object).values.tolist()
    [[7, 'article', <NA>, 'economic;cultural', 2], [7, 'passage', 0, 'economic', <NA>], [7, 'passage', 1, 'cultural', <NA>]]
    """
    import numpy as np
    import pandas as pd

    from .errors import MotivesError
    from .predict import classify
    from .segment import segment

    if text_column not in frame.columns:
        raise KeyError(f"no column {text_column!r}; the columns are {', '.join(map(str, frame.columns))}")
    _no_clash(frame, SEGMENT_COLUMNS)
    articles, texts = [], []
    for cell in frame[text_column]:
        problem, passages = _problem(cell), []
        if not problem:
            try:  # bytes: always the text itself, never taken for a file name
                passages = segment(cell.encode("utf-8"))
            except MotivesError as error:
                problem = str(error)
            problem = problem or ("" if passages else "no passage in the text")
        articles.append((problem, passages))
        texts += [p.text for p in passages]
    results = iter(classify(texts, model=model, evidence=0))
    rows = []
    for (_, original), (problem, passages) in zip(frame.iterrows(), articles):
        found = [next(results) for _ in passages]
        article = dict(original) | {"level": "article", "passage": None, "section": None,
                                    "passage_text": None, "passages": len(passages) if found else None,
                                    "error": problem}
        article["motives"] = ";".join(l for l in LABELS if any(l in r.labels for r in found))
        for label in LABELS:
            scores = [r.scores[label] for r in found]
            article[f"p_{label}"] = round(max(scores), 4) if scores else None
            article[f"mean_{label}"] = round(float(np.mean(scores)), 4) if scores else None
        rows.append(article)
        for passage, result in zip(passages, found):
            row = dict(original) | {text_column: None, "level": "passage", "passage": passage.index,
                                    "section": passage.section, "passage_text": passage.text,
                                    "motives": ";".join(result.labels), "passages": None, "error": ""}
            for label in LABELS:
                row[f"p_{label}"] = round(result.scores[label], 4)
                row[f"mean_{label}"] = None
            rows.append(row)
    out = pd.DataFrame(rows, columns=[*frame.columns, *SEGMENT_COLUMNS])
    return out.astype({"passage": "Int64", "passages": "Int64"})


def label_dask(frame, *, text_column: str = "text", model=None):
    """Label a Dask DataFrame partition by partition (``label_frame`` via ``map_partitions``).

    The same call runs on a laptop's ``distributed.LocalCluster`` and on a real
    Dask cluster; each worker loads the model once (pass a model folder, or nothing
    for the default model, rather than a model object). Needs the ``dask`` extra
    (``pip install "motives[dask]"``).

    >>> import dask.dataframe as dd, pandas as pd
    >>> texts = pd.DataFrame({"text": ["Provinsi ingin menarik investor asing.", None]})
    >>> label_dask(dd.from_pandas(texts, npartitions=1)).compute()[["motives", "error"]].values.tolist()
    [['economic', ''], ['', 'missing text']]
    """
    import pandas as pd

    if text_column not in frame.columns:
        raise KeyError(f"no column {text_column!r}; the columns are {', '.join(map(str, frame.columns))}")
    meta = frame._meta.assign(motives=pd.Series(dtype=object),
                              **{f"p_{label}": pd.Series(dtype=float) for label in LABELS},
                              error=pd.Series(dtype=object))
    return frame.map_partitions(_label_partition, text_column, model, meta=meta)


def _label_partition(partition, text_column, model):
    if model is not None and not hasattr(model, "predict_proba"):
        from .stream import _cached_model  # one load per worker process
        model = _cached_model(str(model))
    out = label_frame(partition, text_column=text_column, model=model)
    for label in LABELS:
        out[f"p_{label}"] = out[f"p_{label}"].astype(float)
    return out
