"""The project's coded corpus: load it, check it, find near-duplicate passages.

The corpus ships with the package (``data/corpus.jsonl`` in the repository, see
``data/README.md``). A hand-coded file of your own with the same columns loads
the same way::

    >>> from motives.data import load_corpus
    >>> train = load_corpus(split="train")
    >>> list(train.columns[-3:])          # one 0/1 column per label, ready for training
    ['economic', 'cultural', 'political']
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import InputError
from .labels import LABELS, format_labels, parse_labels

__all__ = ["COLUMNS", "LANGS", "REGISTERS", "SPLITS", "load_corpus", "check_corpus",
           "near_duplicates", "shingles"]

#: The columns of a corpus file, in file order.
COLUMNS = ("id", "text", "lang", "labels", "register", "split", "note")
#: Allowed values of the ``lang``, ``register`` and ``split`` columns.
LANGS = ("id", "en", "mixed")
REGISTERS = ("thesis", "press_release", "news", "agreement", "speech")
SPLITS = ("train", "test")


def corpus_file() -> Path:
    """Where the corpus that ships with the package is."""
    try:
        return Path(str(resources.files("motives._data").joinpath("corpus.jsonl")))
    except ModuleNotFoundError:  # imported from a source checkout, not from an install
        return Path(__file__).resolve().parents[1] / "data" / "corpus.jsonl"


def load_corpus(path: str | Path | None = None, *, split: str | None = None) -> pd.DataFrame:
    """Load a coded corpus as a DataFrame, checked against the schema.

    Parameters
    ----------
    path : str or Path, optional
        A ``.jsonl``, ``.csv`` or ``.tsv`` file with the columns in ``COLUMNS``.
        Default: the project's corpus.
    split : {"train", "test"}, optional
        Keep only that split.

    Returns
    -------
    pandas.DataFrame
        The file's columns (all text; ``labels`` as written, e.g.
        ``"economic;political"``, empty for none) plus one 0/1 column per label
        in ``LABELS``, ready to use as a multi-label target.

    Raises
    ------
    InputError
        If the file is missing or unreadable or a row breaks the schema; the
        message names the file, the row (1-based, as an editor counts lines of
        a JSONL file or data rows of a CSV) and the column.

    >>> corpus = load_corpus(split="test")
    >>> corpus[["text", "labels", "economic"]].shape[1], set(corpus["split"])
    (3, {'test'})
    """
    path = Path(path) if path is not None else corpus_file()
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    frame = _read(path)
    check_corpus(frame, file=path)
    for label in LABELS:
        frame[label] = frame["labels"].map(lambda cell, label=label: int(label in cell.split(";")))
    if split is not None:
        frame = frame[frame["split"] == split].reset_index(drop=True)
    return frame


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError("no such file", file=path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        elif suffix in {".csv", ".tsv"}:
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str,
                                keep_default_na=False)
        else:
            raise InputError("a corpus must be a .jsonl, .csv or .tsv file", file=path)
    except (ValueError, UnicodeDecodeError) as error:
        if isinstance(error, InputError):
            raise
        raise InputError(f"cannot be read as {suffix[1:].upper()}: {error}", file=path) from None
    return frame.fillna("")


def check_corpus(frame: pd.DataFrame, *, file: object = None) -> None:
    """Raise :class:`InputError` at the first cell that breaks the corpus schema.

    Checks the columns, that ``id`` is unique and ``text`` non-empty, that
    ``lang``, ``register`` and ``split`` hold allowed values, and that ``labels``
    is written canonically (``economic;cultural;political`` order, ``;``
    separated, empty for none). Rows are counted from 1.

    >>> frame = load_corpus().head(2)[list(COLUMNS)].assign(lang="jv")
    >>> check_corpus(frame, file="mine.jsonl")
    Traceback (most recent call last):
    ...
    motives.errors.InputError: mine.jsonl, row 1, column lang: ...
    """
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; a corpus has "
                         f"{', '.join(COLUMNS)}", file=file)
    allowed = {"lang": LANGS, "register": REGISTERS, "split": SPLITS}
    seen: dict[str, int] = {}
    for row, record in enumerate(frame[list(COLUMNS)].itertuples(index=False), start=1):
        for column in COLUMNS:
            if not isinstance(getattr(record, column), str):
                raise InputError("must be text", file=file, row=row, column=column)
        if not record.id.strip():
            raise InputError("empty id", file=file, row=row, column="id")
        if record.id in seen:
            raise InputError(f"id {record.id!r} already used in row {seen[record.id]}",
                             file=file, row=row, column="id")
        seen[record.id] = row
        if not record.text.strip():
            raise InputError("empty text", file=file, row=row, column="text")
        for column, values in allowed.items():
            if getattr(record, column) not in values:
                raise InputError(f"{getattr(record, column)!r} is not one of "
                                 f"{', '.join(values)}", file=file, row=row, column=column)
        try:
            canonical = format_labels(parse_labels(record.labels))
        except ValueError as error:
            raise InputError(str(error), file=file, row=row, column="labels") from None
        if canonical != record.labels:
            raise InputError(f"write {record.labels!r} as {canonical!r}",
                             file=file, row=row, column="labels")


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """The set of ``n``-word shingles of a text, lower-cased, punctuation removed.

    A text shorter than ``n`` words is one shingle.

    >>> len(shingles("One two three, four five six seven eight nine.", n=8))
    2
    """
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def near_duplicates(texts: Sequence[str], *, n: int = 8, threshold: float = 0.3,
                    others: Iterable[str] | None = None) -> list[tuple[int, int, float]]:
    """Pairs of texts that share many ``n``-word shingles.

    The overlap of two texts is the number of shingles they share divided by
    the shingle count of the shorter one, so a passage pasted inside a longer
    one scores 1.0.

    Parameters
    ----------
    texts : sequence of str
    n : int
        Shingle length in words.
    threshold : float
        Report pairs whose overlap is at least this.
    others : iterable of str, optional
        If given, compare ``texts`` against these instead of against each other
        (e.g. training passages against real evaluation text); ``j`` then
        indexes ``others``.

    Returns
    -------
    list of (i, j, overlap)
        Sorted by decreasing overlap.

    Examples
    --------
    >>> a = "the province hopes to attract investors to its seaweed processing plants"
    >>> near_duplicates([a, a.upper() + "!", "an unrelated sentence about festivals"])
    [(0, 1, 1.0)]
    """
    sets = [shingles(text, n) for text in texts]
    targets = [shingles(text, n) for text in others] if others is not None else sets
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, target in enumerate(targets):
        for shingle in target:
            index[shingle].append(j)
    pairs = []
    for i, source in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for shingle in source:
            for j in index.get(shingle, ()):
                if others is not None or j > i:
                    shared[j] += 1
        for j, count in shared.items():
            overlap = count / min(len(source), len(targets[j]))
            if overlap >= threshold:
                pairs.append((i, j, round(overlap, 3)))
    return sorted(pairs, key=lambda pair: (-pair[2], pair[0], pair[1]))
