"""The library's error family: every error says what was wrong and where."""
from __future__ import annotations

__all__ = ["MotivesError", "InputError"]


class MotivesError(Exception):
    """Base class of the errors ``motives`` raises on purpose.

    >>> issubclass(InputError, MotivesError)
    True
    """


class InputError(MotivesError, ValueError):
    """Input the library cannot use, with the place it was found.

    Examples
    --------
    >>> str(InputError("not valid UTF-8", file="news.csv", row=12, column="text"))
    'news.csv, row 12, column text: not valid UTF-8'
    """

    def __init__(self, message: str, *, file: object = None, row: int | None = None,
                 column: str | None = None):
        self.file, self.row, self.column = file, row, column
        where = [str(x) for x in (file,) if x is not None]
        where += [f"row {row}"] if row is not None else []
        where += [f"column {column}"] if column is not None else []
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
