"""The three motive labels of Keating's scheme (see ``docs/codebook.md``)."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

__all__ = ["LABELS", "INDONESIAN", "parse_labels", "format_labels", "label_matrix"]

#: The labels, in the order used by every matrix and table of the library.
LABELS = ("economic", "cultural", "political")

#: Indonesian label names, one to one.
INDONESIAN = {"economic": "ekonomi", "cultural": "budaya", "political": "politik"}

_ALIASES = {name: name for name in LABELS} | {id_: en for en, id_ in INDONESIAN.items()}
_NONE = {"", "none", "tidak ada", "-"}


def parse_labels(cell: object) -> tuple[str, ...]:
    """Read one cell of hand codes into a tuple of labels in ``LABELS`` order.

    Accepts the corpus format (``"economic;cultural"``), commas or ``|`` as
    separators, Indonesian names, any case, a list or tuple, and ``""``,
    ``"none"`` or a missing value (``None``/NaN) for no motive.

    Raises
    ------
    ValueError
        If the cell holds a name that is not a label; the message names it.

    Examples
    --------
    >>> parse_labels("Politik; ekonomi")
    ('economic', 'political')
    >>> parse_labels(float("nan"))
    ()
    >>> parse_labels("economy")
    Traceback (most recent call last):
    ...
    ValueError: unknown label 'economy' (expected economic, cultural, political, their Indonesian names ekonomi, budaya, politik, or empty for none)
    """
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ()
    if isinstance(cell, str):
        parts: Iterable[str] = re.split(r"[;,|]", cell)
    elif isinstance(cell, Iterable):
        parts = cell
    else:
        raise ValueError(f"labels must be text or a list, not {type(cell).__name__}")
    found = set()
    for part in parts:
        name = str(part).strip().lower()
        if name in _NONE:
            continue
        if name not in _ALIASES:
            raise ValueError(
                f"unknown label {str(part).strip()!r} (expected {', '.join(LABELS)}, their "
                f"Indonesian names {', '.join(INDONESIAN.values())}, or empty for none)")
        found.add(_ALIASES[name])
    return tuple(label for label in LABELS if label in found)


def format_labels(labels: Iterable[str]) -> str:
    """Join labels the way the corpus and the CLI write them: ``"economic;political"``.

    >>> format_labels(["political", "economic"])
    'economic;political'
    >>> format_labels([])
    ''
    """
    return ";".join(parse_labels(list(labels)))


def label_matrix(y):
    """A 0/1 matrix over ``LABELS`` from an indicator matrix or one label cell per passage.

    >>> label_matrix(["budaya", "", ("economic", "political")]).tolist()
    [[0, 1, 0], [0, 0, 0], [1, 0, 1]]
    """
    import numpy as np

    array = np.asarray(y, dtype=object)
    if array.ndim == 2 and array.shape[1] == len(LABELS):
        matrix = np.asarray(y, dtype=int)
        if not np.isin(matrix, (0, 1)).all():
            raise ValueError("an indicator matrix must hold only 0 and 1")
        return matrix
    return np.array([[label in parse_labels(cell) for label in LABELS] for cell in y],
                    dtype=int).reshape(-1, len(LABELS))
