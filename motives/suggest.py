"""Which passages to code next: uncertainty sampling with diversity (active learning).

A passage teaches the model most when the model cannot decide about it: its
probability for some label sits near that label's threshold. Taking only the most
uncertain passages would pick near-copies of one another (a press release
reprinted by five outlets), so the choice is greedy maximal marginal relevance
(Carbonell & Goldstein 1998): each next passage maximises

    (1 - diversity) * uncertainty - diversity * (highest cosine similarity to a passage already chosen)

over the model's own feature space (word and character n-grams), and a passage
nearly identical to one already chosen is never taken.

    >>> picks = suggest(["Pemprov berharap investor Jepang datang.", "Pemprov berharap investor Jepang datang!",
    ...                  "Kota itu ingin dikenal dunia lewat festival budaya.", "Rapat dimulai pukul 09.00."], n=2)
    >>> len(picks), picks["rank"].tolist()
    (2, [1, 2])
"""
from __future__ import annotations

import numpy as np

from .labels import LABELS

__all__ = ["suggest", "uncertainty"]

#: Passages whose feature vectors are at least this similar (cosine) count as near-duplicates:
#: a comma or a final "!" changes a passage's vector by up to 0.11 (similarity 0.89), while
#: in the project's corpus 99 % of passages have no other passage above 0.83, and the few
#: above 0.85 are close paraphrases of one theory paragraph, as redundant to code twice.
NEAR_DUPLICATE = 0.85


def uncertainty(probabilities: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How undecided the model is about each passage, in (0, 1], and the label it is least sure of.

    The distance of each label's probability from its threshold is measured in log-odds
    (so 0.02 vs 0.05 counts like 0.95 vs 0.98); the passage's uncertainty is
    ``1 / (1 + d)`` for the label with the smallest distance ``d``.

    >>> u, label = uncertainty(np.array([[0.5, 0.1, 0.99], [0.9, 0.9, 0.9]]), np.array([0.5, 0.5, 0.5]))
    >>> u.round(2).tolist(), label.tolist()
    ([1.0, 0.31], [0, 0])
    """
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    t = np.clip(thresholds, 1e-6, 1 - 1e-6)
    distance = np.abs(np.log(p / (1 - p)) - np.log(t / (1 - t)))
    closest = distance.argmin(axis=1)
    return 1 / (1 + distance.min(axis=1)), closest


def suggest(passages, n: int = 50, *, model=None, text: str = "text", diversity: float = 0.3,
            pool: int | None = None):
    """Rank uncoded passages by how much coding them would help the model.

    Parameters
    ----------
    passages : list of str, DataFrame, or path
        The uncoded passages: texts, a table with a ``text`` column, a coding sheet
        (rows already coded are skipped), or documents (.txt/.md/.pdf, a folder or a
        glob), which are segmented.
    n : int
        How many to suggest.
    model : model or path, optional
        The model to improve (default: the model that ships).
    diversity : float in [0, 1]
        Weight of dissimilarity to the passages already chosen (0: uncertainty only).
    pool : int, optional
        Only the ``pool`` most uncertain passages are considered (default ``20 * n``,
        at least 1,000), which keeps the choice fast on large collections.

    Returns
    -------
    DataFrame
        The chosen rows (their original columns, or a coding sheet's), best first, with
        ``rank``, ``uncertainty``, ``closest_label`` (the label nearest its threshold),
        ``similarity`` (to the most similar passage chosen before it) and ``p_<label>``.

    >>> picks = suggest(["Pemprov berharap investor datang.", "Kota ingin dikenal dunia.", "Rapat dimulai."], n=2)
    >>> picks.columns.tolist()[:2], len(picks)
    (['rank', 'text'], 2)
    """
    import pandas as pd

    from .linear import LinearMotives
    from .predict import default_model

    if not 0 <= diversity <= 1:
        raise ValueError(f"diversity must be between 0 and 1, not {diversity}")
    frame = _uncoded(passages, text)
    if model is None:
        model = default_model()
    elif not hasattr(model, "predict_proba"):
        model = LinearMotives.load(model)
    linear = getattr(model, "linear_", model)
    from .labels import is_missing

    texts = ["" if is_missing(t) else str(t) for t in frame[text]]
    keep = ~pd.Series(texts).str.strip().str.lower().duplicated().to_numpy()  # exact repeats once
    candidates = np.flatnonzero(keep & (pd.Series(texts).str.strip() != "").to_numpy())
    if not len(candidates):
        return frame.iloc[:0].assign(rank=[], uncertainty=[], closest_label=[], similarity=[])
    probabilities = linear.predict_proba([texts[i] for i in candidates])
    scores, closest = uncertainty(probabilities, linear.thresholds_)
    pool = max(20 * n, 1000) if pool is None else pool
    order = np.argsort(-scores, kind="stable")[:pool]
    features = linear.features([texts[candidates[i]] for i in order])
    norms = np.sqrt(features.multiply(features).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1
    features = features.multiply(1 / norms.reshape(-1, 1)).tocsr()
    chosen, similarity_at_pick = [], []
    nearest = np.zeros(len(order))  # highest similarity of each candidate to anything chosen
    available = np.ones(len(order), dtype=bool)
    for _ in range(min(n, len(order))):
        value = (1 - diversity) * scores[order] - diversity * nearest
        value[~available] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        chosen.append(best)
        similarity_at_pick.append(nearest[best])
        available[best] = False
        nearest = np.maximum(nearest, (features @ features[best].T).toarray().ravel())
        available &= nearest < NEAR_DUPLICATE
    rows = candidates[order[chosen]]
    result = frame.iloc[rows].copy()
    result.insert(0, "rank", range(1, len(rows) + 1))
    result["uncertainty"] = scores[order[chosen]].round(3)
    result["closest_label"] = [LABELS[j] for j in closest[order[chosen]]]
    result["similarity"] = np.round(similarity_at_pick, 3)
    for j, label in enumerate(LABELS):
        result[f"p_{label}"] = probabilities[order[chosen], j].round(2)
    return result.reset_index(drop=True)


def _uncoded(passages, text: str):
    """The passages as a DataFrame with a ``text`` column, without rows already coded."""
    import os

    import pandas as pd

    from .coding import coding_sheet, read_coded
    from .errors import InputError
    from .read import TABLE_SUFFIXES, read_table

    table = isinstance(passages, (str, os.PathLike)) and str(passages).lower().endswith(TABLE_SUFFIXES)
    if isinstance(passages, pd.DataFrame):
        frame = passages
    elif table:
        frame = read_table(passages)
    elif isinstance(passages, (str, os.PathLike)):
        frame = coding_sheet(passages, blind=True)
    else:
        frame = pd.DataFrame({text: list(passages)})
    if text not in frame.columns:
        raise InputError(f"no column {text!r} of passage texts (columns: {', '.join(map(str, frame.columns))})",
                         file=None if isinstance(passages, pd.DataFrame) else passages)
    from .labels import INDONESIAN

    codes = {"labels", *LABELS, *INDONESIAN.values()} & {str(c).strip().lower() for c in frame.columns}
    if codes and not isinstance(passages, (list, tuple)):  # a coding sheet: skip the rows already coded
        marked = read_coded(passages if table else frame, text=text, keep_uncoded=True)
        frame = frame[~marked["coded"].to_numpy()]
    return frame.reset_index(drop=True)
