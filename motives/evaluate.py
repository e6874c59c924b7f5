"""Agreement between coders, and between the model and coders: the numbers a researcher reports."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .labels import LABELS, label_matrix, parse_labels

__all__ = ["krippendorff_alpha", "label_agreement", "score_labels", "read_coded_folder", "evaluate", "Report",
           "reliability", "expected_calibration_error", "compare", "cross_validate"]


def krippendorff_alpha(reliability_data) -> float:
    """Krippendorff's alpha for nominal data.

    Parameters
    ----------
    reliability_data : array-like, shape (n_coders, n_units)
        One row per coder, one column per coded unit; ``NaN`` where a coder did
        not code a unit. Values are category codes (any numbers).

    Returns
    -------
    float
        ``1 - D_o / D_e`` from the coincidence matrix (Krippendorff 2011,
        "Computing Krippendorff's alpha-reliability"); units coded by fewer than
        two coders are left out. ``nan`` when there is no variation to agree on.

    Examples
    --------
    Krippendorff's own example (4 coders, 12 units, missing values), whose
    nominal alpha is 0.743:

    >>> nan = float("nan")
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> round(krippendorff_alpha(data), 3)
    0.743
    """
    data = np.asarray(reliability_data, dtype=float)
    if data.ndim != 2:
        raise ValueError("reliability_data must be 2-D: one row per coder, one column per unit")
    values = np.unique(data[~np.isnan(data)])
    index = {value: i for i, value in enumerate(values)}
    coincidences = np.zeros((len(values), len(values)))
    for unit in data.T:
        coded = [index[value] for value in unit[~np.isnan(unit)]]
        if len(coded) < 2:
            continue
        counts = np.bincount(coded, minlength=len(values)).astype(float)
        pairs = np.outer(counts, counts) - np.diag(counts)   # ordered pairs of different coders
        coincidences += pairs / (len(coded) - 1)
    totals = coincidences.sum(axis=1)
    n = totals.sum()
    observed = n - np.trace(coincidences)
    expected = (n * n - (totals ** 2).sum()) / (n - 1) if n > 1 else 0.0
    return float(1 - observed / expected) if expected > 0 else float("nan")


def label_agreement(first: Sequence, second: Sequence) -> dict[str, float]:
    """Krippendorff's alpha between two codings of the same passages.

    ``first`` and ``second`` hold one label cell per passage (``"economic;cultural"``,
    a tuple of labels, ``""`` for none). Returns alpha per label (present or
    absent, nominal), ``overall`` (every passage-label decision as one unit) and
    ``same_label_set`` (share of passages given exactly the same labels).

    >>> label_agreement(["economic", "", "cultural;political"],
    ...                 ["economic", "", "cultural"])["economic"]
    1.0
    """
    if len(first) != len(second):
        raise ValueError(f"the codings differ in length: {len(first)} and {len(second)}")
    sets = [[parse_labels(cell) for cell in coding] for coding in (first, second)]
    result = {}
    pooled = []
    for label in LABELS:
        pair = np.array([[label in labels for labels in coding] for coding in sets], dtype=float)
        pooled.append(pair)
        result[label] = krippendorff_alpha(pair)
    result["overall"] = krippendorff_alpha(np.hstack(pooled))
    result["same_label_set"] = float(np.mean([a == b for a, b in zip(*sets)]))
    return result


def score_labels(gold, predicted) -> dict:
    """Precision, recall, F1 and support per label, macro-F1 and exact-match share.

    ``gold`` and ``predicted`` are indicator matrices over ``LABELS`` (or one
    label cell per passage).

    >>> score_labels([[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 0, 0]])["macro_f1"]
    0.3333
    """
    gold, predicted = (label_matrix(y).astype(bool) for y in (gold, predicted))
    if gold.shape != predicted.shape:
        raise ValueError(f"gold has shape {gold.shape} but predictions {predicted.shape}")
    result: dict = {"passages": int(gold.shape[0])}
    f1s = []
    for j, label in enumerate(LABELS):
        tp = int((gold[:, j] & predicted[:, j]).sum())
        fp = int((~gold[:, j] & predicted[:, j]).sum())
        fn = int((gold[:, j] & ~predicted[:, j]).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        f1s.append(f1)
        result[label] = {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
                         "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
                         "f1": round(f1, 4), "support": tp + fn}
    result["macro_f1"] = round(float(np.mean(f1s)), 4)
    result["exact_match"] = round(float((gold == predicted).all(axis=1).mean()), 4) if len(gold) else 0.0
    return result


def read_coded_folder(folder):
    """Real coded passages from every ``*.jsonl`` of a folder (e.g. ``../shared/dev``).

    Each line has ``text`` and ``labels`` (a list, or a label cell); rows with
    ``usable`` false are left out. Returns a DataFrame with a ``file`` column.

    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = [{"text": "Investor datang.", "labels": ["economic"]}, {"text": "x", "labels": [], "usable": False}]
    >>> _ = (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\\n" for r in rows))
    >>> read_coded_folder(folder)[["text", "file"]].values.tolist()
    [['Investor datang.', 'news.jsonl']]
    """
    from pathlib import Path

    import pandas as pd

    from .errors import MotivesError

    folder = Path(folder)
    frames = [pd.read_json(path, lines=True, dtype=False).assign(file=path.name)
              for path in sorted(folder.glob("*.jsonl"))]
    if not frames:
        raise MotivesError(f"{folder}: no .jsonl files of coded passages")
    frame = pd.concat(frames, ignore_index=True)
    if "usable" in frame.columns:
        frame = frame[frame["usable"].fillna(True).astype(bool)]
    return frame.reset_index(drop=True)


# -- evaluating a model against human codes --------------------------------------------

def _alpha_binary(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Krippendorff's alpha (nominal) of two complete binary codings, along the last axis.

    The closed form of the coincidence matrix for two coders and two values:
    ``1 - (2N - 1) * disagreements / (zeros * ones)``, with zeros and ones counted
    over both codings; vectorised so that bootstrap samples cost one array operation.
    """
    first, second = np.asarray(first, dtype=bool), np.asarray(second, dtype=bool)
    units = first.shape[-1]
    ones = first.sum(axis=-1) + second.sum(axis=-1)
    zeros = 2 * units - ones
    disagreements = (first != second).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(zeros * ones > 0, 1 - (2 * units - 1) * disagreements / (zeros * ones), np.nan)


def _f1(gold: np.ndarray, predicted: np.ndarray, undefined: float = np.nan) -> np.ndarray:
    """F1 along the passages axis (-2), per label (-1). Where a label has neither a true
    nor a predicted passage F1 is undefined (NaN): the point estimate, every bootstrap
    resample and the macro average (a mean over the labels that have an F1) all follow
    that one rule."""
    tp = (gold & predicted).sum(axis=-2)
    wrong = (gold ^ predicted).sum(axis=-2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(tp + wrong == 0, undefined, np.where(tp > 0, 2 * tp / (2 * tp + wrong), 0.0))


def _macro(f1: np.ndarray, axis: int = -1):
    """Mean F1 over the labels that have one (NaN when none has)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a row of NaN: no label has an F1
        return np.nanmean(f1, axis=axis)


def _labels_of(cells, *, source=None, column="labels", missing: bool = False) -> np.ndarray:
    """An indicator matrix from label cells; every unknown cell is named, with its row.

    With ``missing=True`` an empty cell (None/NaN) is a passage this coder did not
    code: its row is NaN instead of "no motive" (for coder columns)."""
    from .errors import InputError

    rows, problems = [], []
    for row, cell in enumerate(cells, start=1):
        if missing and (cell is None or (isinstance(cell, float) and np.isnan(cell))):
            rows.append([np.nan] * len(LABELS))
            continue
        try:
            labels = parse_labels(cell)
        except ValueError:
            problems.append(f"row {row}: {cell!r}")
            labels = ()
        rows.append([label in labels for label in LABELS])
    if problems:
        shown = "; ".join(problems[:20]) + (f"; and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise InputError(f"{len(problems)} cell(s) are not labels ({shown}); a cell holds economic, "
                         f"cultural, political or ekonomi, budaya, politik, separated by ; , or |, or is "
                         f"empty for none", file=source, column=column)
    matrix = np.array(rows, dtype=float).reshape(-1, len(LABELS))
    return matrix if missing else matrix.astype(bool)


def _prediction_matrix(predictions, n: int, source=None) -> tuple[np.ndarray, np.ndarray | None, list | None]:
    """Predicted labels (and probabilities and evidence when known) from what a user
    passes as predictions: classify results, label cells, or a 0/1 matrix."""
    import pandas as pd

    from .errors import InputError

    if isinstance(predictions, pd.DataFrame):
        if not set(LABELS) <= set(predictions.columns):
            raise InputError(f"a table of predictions needs 0/1 columns {', '.join(LABELS)}", file=source)
        predictions = predictions[list(LABELS)].to_numpy()
    predictions = list(predictions) if not isinstance(predictions, np.ndarray) else predictions
    if len(predictions) != n:
        raise InputError(f"{len(predictions)} predictions for {n} coded passages", file=source)
    if n and all(hasattr(r, "scores") and hasattr(r, "labels") for r in predictions):
        return (np.array([[label in r.labels for label in LABELS] for r in predictions], dtype=bool),
                np.array([[r.scores[label] for label in LABELS] for r in predictions]),
                [r.evidence for r in predictions])
    if isinstance(predictions, np.ndarray) or (n and not isinstance(predictions[0], str)
                                               and isinstance(predictions[0], (list, tuple, np.ndarray))
                                               and all(isinstance(v, (int, float, bool, np.number))
                                                       for v in predictions[0])):
        matrix = np.asarray(predictions, dtype=float)
        if matrix.ndim != 2 or matrix.shape[1] != len(LABELS) or not np.isin(matrix, (0, 1)).all():
            raise InputError(f"a matrix of predictions must be 0/1 with {len(LABELS)} columns "
                             f"({', '.join(LABELS)}); got shape {matrix.shape}", file=source)
        return matrix.astype(bool), None, None
    return _labels_of(predictions, column="predictions"), None, None


def _texts_of(coded, text: str, source=None) -> list[str]:
    from .errors import InputError

    if text not in coded.columns:
        raise InputError(f"no column {text!r} of passage texts", file=source)
    cells = coded[text]
    empty = [i + 1 for i, cell in enumerate(cells) if not isinstance(cell, str) or not cell.strip()]
    if empty:
        raise InputError(f"{len(empty)} passage(s) without text, rows {', '.join(map(str, empty[:20]))}",
                         file=source, column=text)
    return cells.tolist()


class Report:
    """How well a coding (usually the model's) agrees with human codes.

    Made by :func:`evaluate`. ``labels`` is a DataFrame with one row per label
    (precision, recall, F1, support, Cohen's kappa, Krippendorff's alpha, and the
    bootstrap 95 % interval of F1 and alpha); ``overall`` a dict (passages,
    macro- and micro-F1 with the interval of macro-F1, exact-match accuracy,
    Hamming loss); ``coders`` the same agreement between human coders, when the
    data has several; ``errors`` the passages coded wrongly, most confident first;
    ``by`` one table per breakdown column; ``calibration`` (when the model's
    probabilities are known) the reliability table per label and probability bin,
    with the expected calibration error in ``labels["ece"]``; ``confusion`` a 2x2
    table per label (rows: human, columns: model). ``save`` writes it all as
    Markdown or HTML with PNG plots.

    >>> import pandas as pd
    >>> coded = pd.DataFrame({"text": ["a", "b", "c", "d"], "labels": ["ekonomi", "none", "budaya", "politik"]})
    >>> report = evaluate(["economic", "", "cultural", ""], coded, bootstrap=0)
    >>> round(report.overall["macro_f1"], 3), float(report.labels.loc["political", "recall"])
    (0.667, 0.0)
    """

    def __init__(self, labels, overall: dict, errors, coders=None, by: dict | None = None,
                 calibration=None, confusion: dict | None = None):
        self.labels, self.overall, self.errors = labels, overall, errors
        self.coders, self.by = coders, by or {}
        self.calibration, self.confusion = calibration, confusion or {}

    def to_frame(self):
        """The per-label table, with the overall figures as a last row ``macro``.

        >>> import pandas as pd
        >>> coded = pd.DataFrame({"labels": ["ekonomi", "none"]})
        >>> evaluate(["economic", ""], coded, bootstrap=0).to_frame().index.tolist()
        ['economic', 'cultural', 'political', 'macro']
        """
        import pandas as pd

        macro = {"f1": self.overall["macro_f1"], "f1_low": self.overall["macro_f1_low"],
                 "f1_high": self.overall["macro_f1_high"], "support": self.overall["passages"]}
        return pd.concat([self.labels, pd.DataFrame([macro], index=["macro"])])

    def to_dict(self) -> dict:
        """Plain types, ready for JSON.

        >>> import json, pandas as pd
        >>> report = evaluate(["economic", ""], pd.DataFrame({"labels": ["ekonomi", "none"]}), bootstrap=0)
        >>> json.loads(json.dumps(report.to_dict()))["overall"]["passages"]
        2
        """
        def table(frame):
            return None if frame is None else frame.reset_index().to_dict(orient="records")
        return {"overall": self.overall, "labels": table(self.labels), "coders": table(self.coders),
                "errors": table(self.errors), "by": {k: table(v) for k, v in self.by.items()},
                "calibration": table(self.calibration),
                "confusion": {k: v.tolist() for k, v in self.confusion.items()}}

    def save(self, folder, *, format: str = "md") -> Path:
        """Write the report to ``folder``: ``report.md`` (or ``report.html`` with
        ``format="html"``), ``errors.csv``, and the plots ``f1.png`` (F1 per label with
        its interval), ``confusion.png`` and, with probabilities, ``reliability.png``.
        Returns the report file's path.

        >>> import tempfile, pandas as pd
        >>> report = evaluate(["economic", ""], pd.DataFrame({"labels": ["ekonomi", "none"]}), bootstrap=0)
        >>> report.save(tempfile.mkdtemp()).name
        'report.md'
        """
        from pathlib import Path

        from .plots import save_plots

        if format not in ("md", "html"):
            raise ValueError(f"format must be 'md' or 'html', not {format!r}")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        images = save_plots(self, folder)
        self.errors.to_csv(folder / "errors.csv", index=False)
        o = self.overall
        summary = (f"{o['passages']} passages; macro-F1 {o['macro_f1']:.3f} "
                   f"(95 % interval {o['macro_f1_low']:.3f}-{o['macro_f1_high']:.3f}), micro-F1 "
                   f"{o['micro_f1']:.3f}, exact match {o['exact_match']:.3f}, Hamming loss "
                   f"{o['hamming_loss']:.3f}.")
        sections = [("Per label", self.labels)] + ([("Between the human coders", self.coders)]
                                                   if self.coders is not None else []) \
            + [(f"By {column}", frame) for column, frame in self.by.items()] \
            + ([("Reliability (calibration)", self.calibration)] if self.calibration is not None else []) \
            + [("Passages coded wrongly, most confident first", self.errors.head(30))]
        if format == "md":
            parts = ["# Evaluation report", "", summary, ""]
            for title, frame in sections:
                parts += [f"## {title}", "", frame.round(3).to_markdown(), ""]
            parts += [f"![{name}]({name})" for name in images]
            path = folder / "report.md"
        else:
            import html
            parts = ["<html><body><h1>Evaluation report</h1>", f"<p>{html.escape(summary)}</p>"]
            for title, frame in sections:
                parts += [f"<h2>{html.escape(title)}</h2>", frame.round(3).to_html()]
            parts += [f'<img src="{name}" alt="{name}">' for name in images] + ["</body></html>"]
            path = folder / "report.html"
        path.write_text("\n".join(parts) + "\n", encoding="utf-8")
        return path

    def __str__(self) -> str:
        o = self.overall
        lines = [f"{o['passages']} passages   macro-F1 {o['macro_f1']:.3f} "
                 f"[{o['macro_f1_low']:.3f}, {o['macro_f1_high']:.3f}]   micro-F1 {o['micro_f1']:.3f}   "
                 f"exact match {o['exact_match']:.3f}   Hamming loss {o['hamming_loss']:.3f}",
                 self.labels.round(3).to_string()]
        if self.coders is not None:
            lines += ["", "between the human coders:", self.coders.round(3).to_string()]
        for column, frame in self.by.items():
            lines += ["", f"by {column}:", frame.round(3).to_string()]
        lines += ["", f"{len(self.errors)} passages coded wrongly (see .errors)"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        o = self.overall
        head = (f"<p>{o['passages']} passages; macro-F1 <b>{o['macro_f1']:.3f}</b> "
                f"[{o['macro_f1_low']:.3f}, {o['macro_f1_high']:.3f}], micro-F1 {o['micro_f1']:.3f}, "
                f"exact match {o['exact_match']:.3f}</p>")
        parts = [head, self.labels.round(3).to_html()]
        if self.coders is not None:
            parts += ["<p>between the human coders</p>", self.coders.round(3).to_html()]
        return "<div>" + "".join(parts) + "</div>"


def evaluate(model_or_predictions, coded, *, text: str = "text", labels: str = "labels",
             coders: Sequence[str] | None = None, by: str | Sequence[str] | None = None,
             bootstrap: int = 1000, seed: int = 0) -> Report:
    """Compare a model's coding (or given predictions) with human codes.

    Parameters
    ----------
    model_or_predictions : model, path of a model folder, None, or predictions
        ``None`` uses the default model. Predictions may be label cells
        (``"economic;cultural"``), an indicator matrix over ``LABELS``, or
        :class:`~motives.Classification` results, one per coded passage.
    coded : DataFrame or path of a table (.csv, .tsv, .jsonl, .parquet, .xlsx)
        The passages with their human codes.
    text, labels : str
        Columns of the passage text and of the gold codes (any form
        :func:`~motives.labels.parse_labels` reads, Indonesian names included).
    coders : list of str, optional
        Columns holding the codes of individual human coders; their agreement
        with each other is reported beside the model's.
    by : str or list of str, optional
        Columns to break the scores down by (language, register, document).
    bootstrap : int
        Resamples of passages for the 95 % intervals (0 for none).

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"text": ["a", "b", "c", "d"],
    ...                       "labels": ["ekonomi", "", "budaya", "ekonomi;politik"]})
    >>> report = evaluate(["economic", "", "cultural", "economic"], coded, bootstrap=0)
    >>> report.overall["exact_match"], float(report.labels.loc["political", "recall"])
    (0.75, 0.0)
    """
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score, hamming_loss, precision_recall_fscore_support

    from .errors import InputError

    by = [by] if isinstance(by, str) else list(by or [])
    source, coded, gold, keep = _gold(coded, text if _is_model(model_or_predictions) else None, labels,
                                      [*(coders or []), *by])
    if _is_model(model_or_predictions):
        from .predict import classify
        model_or_predictions = classify(_texts_of(coded, text, source), model=model_or_predictions)
    else:
        model_or_predictions = _coded_rows(model_or_predictions, keep, source)
    predicted, probabilities, evidence = _prediction_matrix(model_or_predictions, len(gold), source)

    precision, recall, _, support = precision_recall_fscore_support(gold, predicted, zero_division=np.nan)
    f1 = _f1(gold, predicted)
    table = pd.DataFrame({"precision": precision, "recall": recall, "f1": f1, "support": support},
                         index=list(LABELS))
    table["kappa"] = [_kappa(cohen_kappa_score, gold[:, j], predicted[:, j]) for j in range(len(LABELS))]
    table["alpha"] = _alpha_binary(gold.T, predicted.T)
    overall = {"passages": int(len(gold)), "uncoded_rows": int((~keep).sum()), "macro_f1": float(_macro(f1)),
               "labels_without_passages": [l for l, v in zip(LABELS, f1) if np.isnan(v)],
               "micro_f1": float(_f1(gold.reshape(-1, 1), predicted.reshape(-1, 1))[0]),
               "exact_match": float((gold == predicted).all(axis=1).mean()) if len(gold) else float("nan"),
               "hamming_loss": float(hamming_loss(gold, predicted)) if len(gold) else float("nan")}
    intervals = _bootstrap(gold, predicted, bootstrap, seed)
    table["f1_low"], table["f1_high"] = intervals["f1"]
    table["alpha_low"], table["alpha_high"] = intervals["alpha"]
    overall["macro_f1_low"], overall["macro_f1_high"] = (float(v) for v in intervals["macro_f1"])
    agreement = _coder_agreement(coded, coders, source) if coders and len(coders) >= 2 else None
    calibration = None
    if probabilities is not None:
        calibration = reliability(gold, probabilities)
        table["ece"] = [expected_calibration_error(calibration[calibration["label"] == label])
                        for label in LABELS]
    confusion = {label: np.array([[np.sum(~gold[:, j] & ~predicted[:, j]), np.sum(~gold[:, j] & predicted[:, j])],
                                  [np.sum(gold[:, j] & ~predicted[:, j]), np.sum(gold[:, j] & predicted[:, j])]])
                 for j, label in enumerate(LABELS)}
    return Report(table, overall, _errors(coded, text, gold, predicted, probabilities, evidence),
                  coders=agreement, calibration=calibration, confusion=confusion,
                  by={column: _breakdown(coded[column], gold, predicted) for column in by})


def reliability(gold, probabilities, bins: int = 10):
    """Reliability table: per label and probability bin (equal width), the passages,
    the mean predicted probability and the share that human coders gave the label.

    >>> table = reliability([[1, 0, 0], [0, 0, 0]], [[0.95, 0.1, 0.0], [0.15, 0.1, 0.0]], bins=2)
    >>> table[table["label"] == "economic"][["bin", "passages", "mean_probability", "observed"]].values.tolist()
    [['0.00-0.50', 1, 0.15, 0.0], ['0.50-1.00', 1, 0.95, 1.0]]
    """
    import pandas as pd

    gold = label_matrix(gold).astype(bool)
    probabilities = np.asarray(probabilities, dtype=float)
    if np.isnan(probabilities).any() or (probabilities < 0).any() or (probabilities > 1).any():
        raise ValueError("probabilities must lie between 0 and 1")
    edges = np.arange(bins + 1) / bins
    # bin b holds [b/bins, (b+1)/bins); rounding first keeps 0.3 * 10 = 2.9999... in bin 3
    which = np.clip(np.floor(np.round(probabilities * bins, 9)).astype(int), 0, bins - 1)
    rows = []
    for j, label in enumerate(LABELS):
        for b in range(bins):
            mask = which[:, j] == b
            if mask.any():
                rows.append({"label": label, "bin": f"{edges[b]:.2f}-{edges[b + 1]:.2f}",
                             "passages": int(mask.sum()),
                             "mean_probability": float(probabilities[mask, j].mean()),
                             "observed": float(gold[mask, j].mean())})
    return pd.DataFrame(rows, columns=["label", "bin", "passages", "mean_probability", "observed"])


def expected_calibration_error(table) -> float:
    """Passage-weighted mean gap between predicted probability and observed share, over
    the bins of a reliability table (for one label).

    >>> import pandas as pd
    >>> expected_calibration_error(pd.DataFrame({"passages": [1, 3], "mean_probability": [0.2, 0.9],
    ...                                          "observed": [0.0, 1.0]}))
    0.125
    """
    if len(table) == 0:
        return float("nan")
    weights = table["passages"] / table["passages"].sum()
    return round(float((weights * (table["mean_probability"] - table["observed"]).abs()).sum()), 10)


def _kappa(cohen_kappa_score, gold, predicted) -> float:
    if len(set(gold) | set(predicted)) < 2:  # one class only: agreement is undefined
        return float("nan")
    return float(cohen_kappa_score(gold, predicted))


def _bootstrap(gold, predicted, samples: int, seed: int) -> dict:
    """Percentile 95 % intervals of per-label F1 and alpha and of macro-F1."""
    if samples <= 0 or len(gold) == 0:
        nan = np.full(len(LABELS), np.nan)
        return {"f1": (nan, nan), "alpha": (nan, nan), "macro_f1": (np.nan, np.nan)}
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(gold), size=(samples, len(gold)))
    g, p = gold[draws], predicted[draws]                     # samples x passages x labels
    f1 = _f1(g, p)                                            # samples x labels
    alpha = _alpha_binary(np.swapaxes(g, 1, 2), np.swapaxes(p, 1, 2))
    low, high = (lambda a: np.nanpercentile(a, 2.5, axis=0), lambda a: np.nanpercentile(a, 97.5, axis=0))
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: no variation in any sample
            return {"f1": (low(f1), high(f1)), "alpha": (low(alpha), high(alpha)),
                    "macro_f1": (low(_macro(f1)), high(_macro(f1)))}


def _coder_agreement(coded, coders, source):
    """Alpha over all coders and mean pairwise Cohen's kappa, per label."""
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score

    codings = [_labels_of(coded[column], source=source, column=column, missing=True) for column in coders]
    rows = {}
    for j, label in enumerate(LABELS):
        decisions = np.array([coding[:, j] for coding in codings])   # NaN where a coder left a cell empty
        kappas = []
        for k, a in enumerate(decisions):
            for b in decisions[k + 1:]:
                both = ~np.isnan(a) & ~np.isnan(b)
                kappas.append(_kappa(cohen_kappa_score, a[both].astype(int), b[both].astype(int)))
        rows[label] = {"kappa": float(np.nanmean(kappas)) if not np.isnan(kappas).all() else float("nan"),
                       "alpha": krippendorff_alpha(decisions)}
    return pd.DataFrame.from_dict(rows, orient="index")


def _errors(coded, text, gold, predicted, probabilities, evidence):
    """Passages whose predicted label set differs from the human one, most confident first."""
    import pandas as pd

    wrong = np.flatnonzero((gold != predicted).any(axis=1))
    frame = pd.DataFrame({"row": wrong + 1,
                          "text": coded[text].iloc[wrong].tolist() if text in coded.columns else None,
                          "gold": [";".join(l for l, v in zip(LABELS, gold[i]) if v) for i in wrong],
                          "predicted": [";".join(l for l, v in zip(LABELS, predicted[i]) if v) for i in wrong]})
    if probabilities is not None:
        # how sure the model was of its wrong decisions: p for a false label, 1 - p for a missed one
        sure = np.where(predicted & ~gold, probabilities, np.where(gold & ~predicted, 1 - probabilities, 0))
        frame["confidence"] = sure[wrong].max(axis=1)
        frame["evidence"] = ["; ".join(f"{k}: {', '.join(v)}" for k, v in evidence[i].items()) for i in wrong]
        frame = frame.sort_values("confidence", ascending=False, kind="stable")
    return frame.reset_index(drop=True)


def _breakdown(groups, gold, predicted):
    import pandas as pd

    rows = {}
    groups = groups.astype(object).where(groups.notna(), "(missing)")
    for value in pd.unique(groups):
        mask = (groups == value).to_numpy()
        f1 = _f1(gold[mask], predicted[mask])  # a label absent from a group has no F1
        rows[value] = {"passages": int(mask.sum()),
                       "macro_f1": float(_macro(f1)),
                       **{f"f1_{label}": float(f1[j]) for j, label in enumerate(LABELS)}}
    return pd.DataFrame.from_dict(rows, orient="index")


def _gold(coded, text: str | None, labels: str, columns: list[str]):
    """The coded rows of a table or DataFrame (read by :func:`~motives.coding.read_coded`, so a
    coding sheet's per-label columns count and its rows not yet coded are left out), their
    gold indicator matrix, and which of the input's rows they are."""
    import pandas as pd

    from .coding import read_coded
    from .errors import InputError

    source = None if isinstance(coded, pd.DataFrame) else coded
    marked = read_coded(coded, text=text, labels=labels, keep_uncoded=True)
    missing = [c for c in columns if c not in marked.columns]
    if missing:
        raise InputError(f"no column {', '.join(map(repr, missing))} (columns: {', '.join(map(str, marked.columns))})",
                         file=source)
    keep = marked["coded"].to_numpy()
    rows = marked[keep].reset_index(drop=True)
    return source, rows, rows[list(LABELS)].to_numpy().astype(bool), keep


def _coded_rows(predictions, keep: np.ndarray, source):
    """Predictions given for every input row, cut to the coded rows (or given for those only)."""
    from .errors import InputError

    if keep.all() or predictions is None:
        return predictions
    n = len(predictions)
    if n == keep.sum():
        return predictions
    if n != len(keep):
        raise InputError(f"{n} predictions for {len(keep)} rows ({int(keep.sum())} of them coded)", file=source)
    if hasattr(predictions, "iloc"):
        return predictions.iloc[np.flatnonzero(keep)]
    if isinstance(predictions, np.ndarray):
        return predictions[keep]
    return [p for p, k in zip(predictions, keep) if k]


def _is_model(thing) -> bool:
    """A model, a model folder or None (the default model), as opposed to predictions."""
    return thing is None or hasattr(thing, "predict_proba") or isinstance(thing, str) \
        or hasattr(thing, "__fspath__")


def _predict(model, coded, text: str, source=None) -> np.ndarray:
    """The label matrix a model (or given predictions) gives for the coded passages."""
    if _is_model(model):
        from .predict import classify
        model = classify(_texts_of(coded, text, source), model=model, evidence=0)
    return _prediction_matrix(model, len(coded), source)[0]


def compare(new, old, coded, *, text: str = "text", labels: str = "labels", bootstrap: int = 2000,
            seed: int = 0) -> dict:
    """Is ``new`` really better than ``old`` on these coded passages?

    A paired bootstrap: the same resamples of passages score both codings, and the
    difference of macro-F1 (new minus old) gets a percentile 95 % interval. The
    verdict is ``"better"`` when the whole interval is above 0, ``"worse"`` when it is
    below, ``"indistinguishable"`` otherwise. ``new`` and ``old`` are models, model
    folders, ``None`` (the default model) or predictions, as for :func:`evaluate`.

    >>> import pandas as pd
    >>> coded = pd.DataFrame({"labels": ["economic", "cultural", "", "political"] * 10})
    >>> compare(coded["labels"].tolist(), [""] * 40, coded)["verdict"]
    'better'
    """
    import pandas as pd

    from .errors import InputError

    needs_text = _is_model(new) or _is_model(old)
    source, coded, gold, keep = _gold(coded, text if needs_text else None, labels, [])
    if bootstrap < 1:
        raise ValueError("compare needs at least one bootstrap resample")
    codings = []
    for name, model in (("new", new), ("old", old)):
        try:
            codings.append(_predict(model if _is_model(model) else _coded_rows(model, keep, source),
                                    coded, text, source))
        except InputError as error:
            raise InputError(f"{name}: {error}") from None
    draws = np.random.default_rng(seed).integers(0, len(gold), size=(bootstrap, len(gold)))
    # The same resamples score both codings. A label takes part in a resample's macro-F1 when
    # the gold or either coding has a passage for it, so that both means cover the same
    # labels; a coding with no passage for such a label where the gold has none is right on
    # every passage for it, and scores 1 there.
    g, a, b = gold[draws], codings[0][draws], codings[1][draws]
    present = (g | a | b).any(axis=1)
    f1_new, f1_old = (np.where(present, np.nan_to_num(_f1(g, c), nan=1.0), np.nan) for c in (a, b))
    differences = _macro(f1_new) - _macro(f1_old)
    low, high = (float(v) for v in np.nanpercentile(differences, [2.5, 97.5]))
    verdict = "better" if low > 0 else "worse" if high < 0 else "indistinguishable"
    present = (gold | codings[0] | codings[1]).any(axis=0)
    scores = [float(_macro(np.where(present, np.nan_to_num(_f1(gold, c), nan=1.0), np.nan))) for c in codings]
    return {"passages": int(len(gold)), "new_macro_f1": scores[0], "old_macro_f1": scores[1],
            "difference": scores[0] - scores[1], "difference_low": low, "difference_high": high,
            "verdict": verdict}


def cross_validate(corpus, *, folds: int = 5, seed: int = 0, text: str = "text",
                   labels: str = "labels", **params):
    """Cross-validated scores of a :class:`~motives.model.MotiveClassifier` on coded passages.

    Folds are stratified for the three labels together by iterative stratification
    (Sechidis et al. 2011, via the ``iterative-stratification`` package), so that each
    fold holds its share of every label even where label sets are rare.
    Returns a DataFrame with one row per fold (passages, macro-F1, F1 per label)
    and the rows ``mean`` and ``std``. ``params`` go to the classifier.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"text": ["Investor Korea datang.", "Festival tari Aceh.", "Kota ingin diakui dunia.",
    ...                                 "Rapat dimulai."] * 6, "labels": ["ekonomi", "budaya", "politik", ""] * 6})
    >>> table = cross_validate(corpus, folds=2, cv=2, min_df=1)
    >>> table.index.tolist()
    ['fold 1', 'fold 2', 'mean', 'std']
    """
    import pandas as pd
    from iterstrat.ml_stratifiers import MultilabelStratifiedKFold

    from .model import MotiveClassifier

    if not isinstance(corpus, pd.DataFrame):
        from .data import load_corpus
        corpus = load_corpus(corpus)
    from .errors import InputError
    if labels not in corpus.columns:
        raise InputError(f"no column {labels!r} of human codes")
    texts = _texts_of(corpus, text)
    gold = _labels_of(corpus[labels], column=labels)
    rows = []
    splitter = MultilabelStratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(texts)), gold.astype(int)):
        model = MotiveClassifier(**params).fit([texts[i] for i in train], gold[train].astype(int))
        predicted = model.predict([texts[i] for i in test]).astype(bool)
        f1 = _f1(gold[test], predicted)
        rows.append({"passages": len(test), "macro_f1": float(_macro(f1)),
                     **{f"f1_{label}": float(f1[j]) for j, label in enumerate(LABELS)}})
    table = pd.DataFrame(rows, index=[f"fold {k + 1}" for k in range(len(rows))])
    return pd.concat([table, table.agg(["mean", "std"])])
