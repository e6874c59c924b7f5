"""The three motive labels of Keating's scheme (see ``docs/codebook.md``)."""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["LABELS", "INDONESIAN", "is_missing", "parse_labels", "parse_flag", "format_labels", "label_matrix"]

#: The labels, in the order used by every matrix and table of the library.
LABELS = ("economic", "cultural", "political")

#: Indonesian label names, one to one.
INDONESIAN = {"economic": "ekonomi", "cultural": "budaya", "political": "politik"}

_ALIASES = {name: name for name in LABELS} | {id_: en for en, id_ in INDONESIAN.items()}
_NONE = {"", "none", "tidak ada", "-"}
#: What a cell of hand codes may separate label names with.
SEPARATORS = ";,|/+"
_SPLIT = re.compile(f"[{re.escape(SEPARATORS)}\r\n]")  # a line break too (Alt+Enter in a cell)
#: Yes and no as coders write them in a per-label column (blank is no).
YES = ("1", "x", "yes", "y", "ya", "true", "v", "\u2713", "\u2714")
NO = ("0", "no", "n", "tidak", "false")


def is_missing(cell: object) -> bool:
    """None, NaN of any float type, NaT or pandas' NA: a cell with nothing in it.

    >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing(0)
    (True, True, False, False)
    """
    if cell is None:
        return True
    try:
        return bool(cell != cell)
    except (TypeError, ValueError):  # pandas.NA has no truth value; arrays are not cells
        return type(cell).__name__ == "NAType"


def parse_labels(cell: object) -> tuple[str, ...]:
    """Read one cell of hand codes into a tuple of labels in ``LABELS`` order.

    Accepts the corpus format (``"economic;cultural"``), ``,``, ``/``, ``+`` or ``|``
    as separators, Indonesian names, any case, a list or tuple, and ``""``,
    ``"none"``, ``"tidak ada"``, ``"-"`` or a missing value (``None``/NaN) for no motive.

    Raises
    ------
    ValueError
        If the cell holds a name that is not a label; the message names it.

    Examples
    --------
    >>> parse_labels("Politik; ekonomi")
    ('economic', 'political')
    >>> parse_labels("BUDAYA + Ekonomi")
    ('economic', 'cultural')
    >>> parse_labels(float("nan"))
    ()
    >>> parse_labels("economy")
    Traceback (most recent call last):
    ...
    ValueError: unknown label 'economy' (expected economic, cultural, political, their Indonesian names ekonomi, budaya, politik, or empty for none)
    """
    if is_missing(cell):
        return ()
    if isinstance(cell, str):
        parts: Iterable[str] = _SPLIT.split(cell)
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
            whole = f" in {cell.strip()!r}" if isinstance(cell, str) and cell.strip() != str(part).strip() else ""
            raise ValueError(
                f"unknown label {str(part).strip()!r}{whole} (expected {', '.join(LABELS)}, their "
                f"Indonesian names {', '.join(INDONESIAN.values())}, or empty for none)")
        found.add(_ALIASES[name])
    return tuple(label for label in LABELS if label in found)


def parse_flag(cell: object) -> bool | None:
    """Read one cell of a per-label column (``economic`` = 0/1): True, False, or None if blank.

    Yes is ``1``, ``x``, ``yes``/``y``, ``ya``, ``true``, ``v`` or a tick; no is ``0``,
    ``no``/``n``, ``tidak`` or ``false``, in any case; numbers and booleans as a
    spreadsheet stores them (``1.0``, ``TRUE``) are read the same way.

    Raises
    ------
    ValueError
        For anything else; the message names the cell's value.

    Examples
    --------
    >>> parse_flag("X"), parse_flag("tidak"), parse_flag(1.0), parse_flag("  ")
    (True, False, True, None)
    >>> parse_flag("maybe")
    Traceback (most recent call last):
    ...
    ValueError: 'maybe' is not a yes/no code (yes: 1, x, yes, y, ya, true, v, ✓; no: 0, no, n, tidak, false, or blank)
    """
    if is_missing(cell):
        return None
    if isinstance(cell, bool) or (isinstance(cell, (int, float)) and cell in (0, 1)):
        return bool(cell)
    value = str(cell).strip().lower()
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    try:
        number = float(value)  # "1.0" from a spreadsheet saved as CSV
    except ValueError:
        number = None
    if number in (0, 1):
        return bool(number)
    raise ValueError(f"{str(cell).strip()!r} is not a yes/no code (yes: {', '.join(YES[:-1])}; "
                     f"no: {', '.join(NO)}, or blank)")


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
