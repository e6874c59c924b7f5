"""Document profiles: which motives drive the cooperation a document describes?"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .labels import LABELS

__all__ = ["Profile", "profile"]


class Profile:
    """The motives of a whole document, from its passages.

    ``table`` has one row per motive: the passages that express it, their share of
    all passages with a 95 % interval, and the mean probability with its interval.
    The intervals come from a cluster bootstrap over the document's sections
    (passages of one section are not independent); for passages without sections
    each passage is its own cluster, and the intervals are then too narrow if the
    passages depend on each other. ``quotes`` gives, per motive, the passages the model is surest
    express it (index, probability, section, text). ``passages`` is the list of
    :class:`~motives.Classification` results, in document order.

    >>> text = ("# Latar Belakang\\n\\nPemprov ingin menarik investor Korea ke kawasan industri.\\n\\n"
    ...         "Rapat koordinasi dengan delegasi Jepang dimulai pukul 09.00 di ruang Biro Pemerintahan.")
    >>> result = profile(text, bootstrap=100)
    >>> int(result.table.loc["economic", "passages"]), len(result.passages)
    (1, 2)
    """

    def __init__(self, table, quotes: dict, passages: list, source: str | None = None):
        self.table, self.quotes, self.passages, self.source = table, quotes, passages, source

    def to_frame(self):
        """The per-motive table.

        >>> text = ("Pemprov ingin menarik investor Korea ke kawasan industri.\\n\\n"
        ...         "Rapat koordinasi dengan delegasi Jepang dimulai pukul 09.00 di ruang Biro Pemerintahan.")
        >>> profile(text, bootstrap=0).to_frame().index.tolist()
        ['economic', 'cultural', 'political']
        """
        return self.table.copy()

    def to_dict(self) -> dict:
        """Plain types, ready for JSON.

        >>> text = ("Pemprov ingin menarik investor Korea ke kawasan industri.\\n\\n"
        ...         "Rapat koordinasi dengan delegasi Jepang dimulai pukul 09.00 di ruang Biro Pemerintahan.")
        >>> profile(text, bootstrap=0).to_dict()["passages"]
        2
        """
        return {"source": self.source, "passages": len(self.passages),
                "motives": self.table.reset_index().to_dict(orient="records"),
                "quotes": {label: [dict(q) for q in quotes] for label, quotes in self.quotes.items()}}

    def __str__(self) -> str:
        lines = [f"{self.source or 'document'}: {len(self.passages)} passages"]
        for label, row in self.table.iterrows():
            lines.append(f"  {label:<9} {int(row['passages']):>4} passages  share {row['share']:.2f} "
                         f"[{row['share_low']:.2f}, {row['share_high']:.2f}]  mean p {row['mean_probability']:.2f}")
            for quote in self.quotes[label]:
                text = quote["text"] if len(quote["text"]) < 160 else quote["text"][:157] + "..."
                lines.append(f"      [{quote['index']}] p={quote['probability']:.2f}  \"{text}\"")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<div><p>{len(self.passages)} passages</p>{self.table.round(3).to_html()}</div>"

    def plot(self, path: str | os.PathLike | None = None):
        """A bar chart of the share of passages per motive with its interval; saved as PNG
        when ``path`` is given. Returns the matplotlib figure.

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "motives.png"
        >>> _ = profile("Pemprov ingin menarik investor Korea ke kawasan industri.", bootstrap=0).plot(path)
        >>> path.read_bytes()[:4]
        b'\\x89PNG'
        """
        if path is None:  # for a notebook: a pyplot figure, shown by the notebook's backend
            import matplotlib.pyplot as plt
            figure = plt.figure(figsize=(5, 3.2))
        else:             # for a file: no pyplot, no backend change
            from matplotlib.figure import Figure
            figure = Figure(figsize=(5, 3.2))
        axis = figure.subplots()
        share = self.table["share"].to_numpy(dtype=float)
        spread = np.nan_to_num(np.vstack([share - self.table["share_low"],
                                          self.table["share_high"] - share])).clip(min=0)
        axis.bar(list(LABELS), share, yerr=spread, capsize=6, color=["#4c72b0", "#dd8452", "#55a868"])
        axis.set_ylim(0, 1)
        axis.set_ylabel("share of passages (95 % interval)")
        axis.set_title(f"{Path(self.source).name if self.source else 'document'}: {len(self.passages)} passages")
        figure.tight_layout()
        if path is not None:
            figure.savefig(path, dpi=110)
        return figure


def profile(document, *, model=None, top: int = 3, bootstrap: int = 1000, seed: int = 0,
            lang: str | None = None) -> Profile:
    """Profile a document: per motive, how many of its passages express it and how surely.

    Parameters
    ----------
    document : path, text, or passages
        A .txt, .md or .pdf file, the text itself, or a list of passages
        (:class:`~motives.Passage` objects or strings).
    model : optional
        As for :func:`~motives.classify`; default the model that ships.
    top : int
        How many passages to quote per motive.
    bootstrap : int
        Resamples of passages for the intervals (0 for none).

    Examples
    --------
    >>> result = profile(["Pemprov ingin menarik investor Korea ke kawasan industri.",
    ...                   "Rapat dimulai pukul 09.00 di ruang Biro Pemerintahan."], bootstrap=0)
    >>> int(result.table.loc["economic", "passages"]), len(result.passages)
    (1, 2)
    """
    import pandas as pd

    from .errors import InputError
    from .predict import classify
    from .segment import Passage, segment

    if isinstance(document, (str, bytes, os.PathLike)):  # a file or text: segment it as segment() does
        passages = segment(document, lang=lang)
    elif isinstance(document, pd.DataFrame):
        raise TypeError("profile takes a document or a list of passages; for a table, pass its text "
                        "column as a list (frame['text'].tolist())")
    else:
        passages = list(document)
    source = next((p.source for p in passages if isinstance(p, Passage) and p.source), None)
    texts = [p.text if isinstance(p, Passage) else p for p in passages]
    if not texts:
        raise InputError("no passages to profile", file=source)
    for i, item in enumerate(texts):
        if not isinstance(item, str):
            raise TypeError(f"passage {i} is {type(item).__name__}; passages are Passage objects or strings")
    results = classify(texts, model=model)
    present = np.array([[label in r.labels for label in LABELS] for r in results], dtype=float)
    probability = np.array([[r.scores[label] for label in LABELS] for r in results])
    table = pd.DataFrame({"passages": present.sum(axis=0).astype(int), "share": present.mean(axis=0),
                          "mean_probability": probability.mean(axis=0)}, index=list(LABELS))
    if bootstrap > 0:
        # Neighbouring passages of a section argue together, so sections (not passages) are
        # resampled: a cluster bootstrap. Passages without a section count as their own cluster.
        sections = [p.section if isinstance(p, Passage) and p.section else f"#{i}" for i, p in enumerate(passages)]
        cluster = pd.factorize(pd.Series(sections))[0]
        size = np.bincount(cluster).astype(float)
        draws = np.random.default_rng(seed).integers(0, len(size), size=(bootstrap, len(size)))
        for column, values in (("share", present), ("mean_probability", probability)):
            sums = np.zeros((len(size), len(LABELS)))
            np.add.at(sums, cluster, values)
            means = sums[draws].sum(axis=1) / size[draws].sum(axis=1)[:, None]
            table[f"{column}_low"], table[f"{column}_high"] = np.percentile(means, [2.5, 97.5], axis=0)
    else:
        for column in ("share", "mean_probability"):
            table[f"{column}_low"] = table[f"{column}_high"] = np.nan
    table = table[["passages", "share", "share_low", "share_high", "mean_probability",
                   "mean_probability_low", "mean_probability_high"]]
    quotes = {}
    for j, label in enumerate(LABELS):
        order = [i for i in np.argsort(-probability[:, j], kind="stable") if present[i, j]][:top]
        quotes[label] = [{"index": int(passages[i].index) if isinstance(passages[i], Passage) else int(i),
                          "probability": float(probability[i, j]),
                          "section": passages[i].section if isinstance(passages[i], Passage) else None,
                          "text": texts[i]} for i in order]
    return Profile(table, quotes, results, source)
