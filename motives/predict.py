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

    >>> result = classify("Festival tari memperkenalkan budaya Aceh kepada warga Turki.")
    >>> result.labels, round(result.scores["cultural"], 1)
    (('cultural',), 1.0)
    """

    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    text: str = ""

    def to_dict(self) -> dict:
        """Plain types, ready for JSON.

        >>> classify("Investor Korea datang ke kawasan industri.").to_dict()["labels"]
        ['economic']
        """
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
    """Where the model that ships with the package is.

    >>> (default_model_path() / "model.json").is_file()
    True
    """
    try:
        return Path(str(resources.files("motives._models").joinpath("default")))
    except ModuleNotFoundError:  # imported from a source checkout, not from an install
        return Path(__file__).resolve().parents[1] / "models" / "default"


_DEFAULT: LinearMotives | None = None


def default_model() -> LinearMotives:
    """The default model, loaded on first use and kept (``$MOTIVES_MODEL`` overrides it).

    >>> default_model() is default_model()      # loaded once
    True
    """
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

    >>> classify("Pemprov berharap investor Korea menanamkan modal di kawasan industri.").labels
    ('economic',)
    >>> [r.labels for r in classify(["The province seeks recognition abroad as an actor in its own right.",
    ...                              "Rapat dimulai pukul 09.00."])]
    [('political',), ()]
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


def train(corpus, *, base=None, weight: float = 1.0, text_column: str = "text",
          labels_column: str = "labels", split: str | None = "train", **params):
    """Train a classifier on coded passages, alone or added to a base corpus.

    Parameters
    ----------
    corpus : DataFrame, path, or list of them
        Coded passages: a corpus in the project's format, a coding sheet or any table
        :func:`~motives.coding.read_coded` reads (label cells may use the Indonesian
        names; rows not yet coded are left out).
    base : None, "default", DataFrame or path
        Passages to train on beside ``corpus``: ``"default"`` is the project's corpus
        (its train split), the data of the model that ships. A base passage whose text
        is also in ``corpus`` is left out, so a re-coded passage keeps its new code.
    weight : float
        How much each passage of ``corpus`` counts relative to a base passage.
    split : str or None
        In a table with a ``split`` column (the project's corpus), train on that split
        only (default ``"train"``); ``None`` uses every row.
    **params
        Parameters of :class:`~motives.model.MotiveClassifier`.

    Returns
    -------
    MotiveClassifier
        Fitted, with ``training_`` describing the data (files, passages, weights);
        save it with ``motives.save_model``.

    Examples
    --------
    >>> import pandas as pd
    >>> new = pd.DataFrame({"text": ["Relawan kedua kota berlatih evakuasi bersama.", "Investor Jepang datang.",
    ...                              "Kota ingin diakui dunia.", "Rapat dimulai pukul 09.00."] * 3,
    ...                     "labels": ["budaya", "ekonomi", "politik", "none"] * 3})
    >>> model = train(new, cv=2, min_df=1)          # the new codes alone; base="default" adds the corpus
    >>> model.training_["passages"], model.training_["sources"][0]["weight"]
    (12, 1.0)
    """
    import time

    import numpy as np
    import pandas as pd

    started = time.perf_counter()
    parts = corpus if isinstance(corpus, list) else [corpus]
    frames, sources = [], []
    for part in parts:
        frame, source = _coded_table(part, text_column, labels_column, split)
        frames.append(frame)
        sources.append({**source, "weight": float(weight)})
    if base is not None:
        frame, source = _coded_table(_base_corpus() if base == "default" else base, text_column,
                                     labels_column, split)
        new_texts = set(pd.concat(frames)["text"]) if frames else set()
        kept = ~frame["text"].isin(new_texts)
        frames.append(frame[kept])
        sources.append({**source, "passages": int(kept.sum()), "replaced_by_new_codes": int((~kept).sum()),
                        "weight": 1.0, "base": True})
    data = pd.concat(frames, ignore_index=True)
    if not len(data):
        raise ValueError("no coded passages to train on")
    weights = np.concatenate([np.full(len(f), s["weight"]) for f, s in zip(frames, sources)])
    from .model import MotiveClassifier

    model = MotiveClassifier(**params).fit(data["text"].tolist(), data["labels"].tolist(),
                                           sample_weight=None if (weights == 1).all() else weights)
    model.training_ = {"passages": int(len(data)), "sources": sources,
                       "seconds": round(time.perf_counter() - started, 1)}
    return model


def _base_corpus():
    from .data import corpus_file

    return corpus_file()


def _coded_table(part, text_column: str, labels_column: str, split: str | None):
    """Coded passages (columns ``text`` and canonical ``labels``) and a description of them."""
    import hashlib

    import pandas as pd

    from .coding import read_coded
    from .data import COLUMNS, load_corpus

    source = {"file": None}
    if not isinstance(part, pd.DataFrame):
        path = Path(part)
        source = {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()
                  if path.is_file() else None}
        if _is_corpus(path, COLUMNS):  # the project's corpus format: a blank labels cell is none
            part = load_corpus(path)
        else:
            part = read_coded(path, text=text_column, labels=labels_column)
    else:  # the same reading as for a file (a blank is "not coded" in a sheet, "none" elsewhere)
        part = read_coded(part, text=text_column, labels=labels_column)
    if split is not None and "split" in part.columns:
        source["split"] = split
        part = part[part["split"] == split]
    frame = pd.DataFrame({"text": part[text_column].astype(str).tolist(), "labels": part["labels"].tolist()})
    source["passages"] = int(len(frame))
    if part.attrs.get("uncoded"):
        source["uncoded_rows"] = int(part.attrs["uncoded"])
    return frame, source


def _is_corpus(path: Path, columns) -> bool:
    """Whether ``path`` is a corpus file (.jsonl/.csv/.tsv with every column of ``columns``)."""
    import csv
    import json

    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv", ".tsv") or not path.is_file():
        return False
    try:
        with open(path, encoding="utf-8-sig", newline="") as lines:
            if suffix == ".jsonl":
                head = json.loads(next((line for line in lines if line.strip()), "{}"))
            else:
                head = next(csv.reader(lines, delimiter="\t" if suffix == ".tsv" else ","), [])
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(head, (dict, list)) and set(columns) <= set(head)
