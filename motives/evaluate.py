"""Agreement between coders (and later, between the model and coders)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .labels import LABELS, label_matrix, parse_labels

__all__ = ["krippendorff_alpha", "label_agreement", "score_labels", "read_coded_folder"]


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
