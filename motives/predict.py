"""``classify`` and ``train``: the functions a notebook calls.

    >>> import motives
    >>> result = motives.classify("Pemprov berharap investor Korea menanamkan modal di kawasan industri.")
    >>> result.labels
    ('economic',)
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .labels import INDONESIAN, LABELS
from .linear import LinearMotives

__all__ = ["Classification", "classify", "train", "default_model", "default_model_path"]


@dataclass(frozen=True)
class Classification:
    """The motives of one passage.

    Attributes
    ----------
    labels : tuple of str
        The predicted labels, a subset of ``LABELS`` in its order; empty for none.
    scores : dict
        Label -> calibrated probability.
    evidence : dict
        Predicted label -> the few words of the text that pushed its score up most.
    text : str
        The passage.
    """

    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    text: str = ""

    def to_dict(self) -> dict:
        """Plain types, ready for JSON."""
        return {"text": self.text, "labels": list(self.labels),
                "scores": {label: round(score, 4) for label, score in self.scores.items()},
                "evidence": {label: list(words) for label, words in self.evidence.items()}}

    def __str__(self) -> str:
        labels = ", ".join(self.labels) or "none"
        scores = "  ".join(f"{label} {self.scores[label]:.2f}" for label in LABELS)
        lines = [f"{labels}   ({scores})"]
        lines += [f"  {label}: {', '.join(words)}" for label, words in self.evidence.items() if words]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for label in LABELS:
            mark = "&#10003;" if label in self.labels else ""
            words = ", ".join(html.escape(w) for w in self.evidence.get(label, ()))
            rows.append(f"<tr><td>{mark}</td><td>{label} <small>({INDONESIAN[label]})</small></td>"
                        f"<td>{self.scores[label]:.2f}</td><td>{words}</td></tr>")
        head = "<tr><th></th><th>motive</th><th>p</th><th>evidence</th></tr>"
        text = html.escape(self.text[:300] + ("…" if len(self.text) > 300 else ""))
        return (f"<div><p><i>{text}</i></p><table>{head}{''.join(rows)}</table></div>")


def default_model_path() -> Path:
    """Where the model that ships with the package is."""
    try:
        return Path(str(resources.files("motives._models").joinpath("default")))
    except ModuleNotFoundError:  # imported from a source checkout, not from an install
        return Path(__file__).resolve().parents[1] / "models" / "default"


_DEFAULT: LinearMotives | None = None


def default_model() -> LinearMotives:
    """The default model, loaded on first use and kept (``$MOTIVES_MODEL`` overrides it)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LinearMotives.load(os.environ.get("MOTIVES_MODEL") or default_model_path())
    return _DEFAULT


def classify(text, *, model=None, evidence: int = 3):
    """Which of Keating's motives a passage expresses.

    Parameters
    ----------
    text : str or list of str
        One passage, or many (classified together, in one pass of the model).
    model : MotiveClassifier, LinearMotives or path of a model folder, optional
        Default: the model that ships with the package.
    evidence : int
        How many words or phrases to give as evidence per predicted label.

    Returns
    -------
    Classification, or a list of them for a list of texts.
    """
    single = isinstance(text, str)
    texts = [text] if single else list(text)
    for i, item in enumerate(texts):
        if not isinstance(item, str):
            raise TypeError(f"text {i} is {type(item).__name__}, not str")
    if model is None:
        model = default_model()
    elif isinstance(model, (str, os.PathLike)):
        model = LinearMotives.load(model)
    if not texts:
        return []
    if evidence:
        probabilities, reasons = model.predict_proba_and_evidence(texts, top=evidence)
    else:
        probabilities, reasons = model.predict_proba(texts), [{}] * len(texts)
    predicted = probabilities >= model.thresholds_
    results = []
    for row, passage in enumerate(texts):
        labels = tuple(label for j, label in enumerate(LABELS) if predicted[row, j])
        results.append(Classification(
            labels=labels,
            scores={label: float(probabilities[row, j]) for j, label in enumerate(LABELS)},
            evidence={label: reasons[row].get(label, ()) for label in labels},
            text=passage))
    return results[0] if single else results


def train(corpus, *, text_column: str = "text", labels_column: str = "labels",
          split: str | None = "train", **params):
    """Train a classifier on coded passages.

    Parameters
    ----------
    corpus : DataFrame or path
        Coded passages: a DataFrame, or a file ``motives.data.load_corpus`` reads.
        Label cells may use the Indonesian names.
    split : str or None
        If the corpus has a ``split`` column, train on that split only
        (default ``"train"``); ``None`` uses every row.
    **params
        Parameters of :class:`~motives.model.MotiveClassifier`.

    Returns
    -------
    MotiveClassifier
        Fitted; save it with ``motives.save_model``.
    """
    import pandas as pd

    if not isinstance(corpus, pd.DataFrame):
        from .data import load_corpus
        corpus = load_corpus(corpus)
    if split is not None and "split" in corpus.columns:
        corpus = corpus[corpus["split"] == split]
    for column in (text_column, labels_column):
        if column not in corpus.columns:
            raise ValueError(f"the corpus has no column {column!r}")
    from .model import MotiveClassifier

    return MotiveClassifier(**params).fit(corpus[text_column].tolist(),
                                          corpus[labels_column].tolist())
