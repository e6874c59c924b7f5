"""Read documents (plain text, Markdown, PDF) into raw text, with clear errors.

Text files are decoded as UTF-8 (with or without a byte-order mark), as UTF-16 when they
carry its mark, and otherwise by charset-normalizer's best guess (cp1252 and latin-1 files
from older Windows tools are common in theses). Binary files and bytes that are text in no
encoding are refused with an :class:`~motives.errors.InputError` naming the file.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

__all__ = ["Document", "read_document", "DOCUMENT_SUFFIXES", "read_table", "write_table", "atomic_output",
           "TABLE_SUFFIXES"]

#: File endings read as documents.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".pdf")


@dataclass(frozen=True)
class Document:
    """Raw text of one document and where it came from (``name`` is None for a string).

    >>> Document("Kerja sama ini penting.").name is None
    True
    """

    text: str
    name: str | None = None


def _looks_like_path(source: str) -> bool:
    if not source.strip() or source != source.strip() or "\n" in source or len(source) > 1024:
        return False
    try:
        path = Path(source)
        if path.is_file():
            return True
        if any(c.isspace() for c in source):  # a sentence that happens to end in ".pdf"
            return False
        return path.suffix.lower() in DOCUMENT_SUFFIXES or (path.is_dir() and ("/" in source or os.sep in source))
    except OSError:  # a name the file system cannot even represent
        return False


def read_document(source: str | os.PathLike | bytes) -> Document:
    """Return the raw text of ``source``: a path to a .txt/.md/.pdf file, text, or bytes.

    A string is taken as a path when it names an existing file, or is a single word ending
    in a document suffix (``"bab1.pdf"``); anything else is the text itself. Pass a
    :class:`pathlib.Path` to make a path unambiguous.

    Examples
    --------
    >>> read_document("Kerja sama ini penting.").text
    'Kerja sama ini penting.'
    >>> read_document("missing-thesis.pdf")
    Traceback (most recent call last):
    ...
    motives.errors.InputError: missing-thesis.pdf: no such file
    """
    if isinstance(source, bytes):
        return Document(decode_bytes(source, name="<bytes>"))
    if isinstance(source, str) and not _looks_like_path(source):
        return Document(source)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"expected text, a path or bytes, got {type(source).__name__}")
    path = Path(source)
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a directory, not a document (pass one file)", file=path)
    if path.suffix.lower() == ".pdf":
        return Document(_read_pdf(path), str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file=path) from exc
    return Document(decode_bytes(data, name=str(path)), str(path))


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode the bytes of a text file, or raise :class:`InputError` if they are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 text at byte {exc.start}", file=name) from exc
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text", file=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        import charset_normalizer

        guess = charset_normalizer.from_bytes(data).best()
        if guess is None:
            raise InputError(f"is not text in any known encoding (undecodable byte at {exc.start})",
                             file=name) from exc
        return str(guess)


def _read_pdf(path: Path) -> str:
    """Text of every page, pages separated by form feeds (``\\f``)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("is an encrypted PDF; save an unprotected copy first", file=path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"is not a readable PDF ({exc})", file=path) from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise InputError(f"is not a readable PDF ({type(exc).__name__}: {exc})", file=path) from exc
    if pages and not any(p.strip() for p in pages):
        raise InputError("has no text layer (a scanned PDF?); run OCR on it first", file=path)
    return "\n\f\n".join(pages)


#: Table formats ``read_table`` and ``write_table`` understand, by suffix.
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet", ".xlsx")


def _table_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputError(f"unknown table format {suffix or '(none)'}; use one of "
                         f"{', '.join(TABLE_SUFFIXES)}", file=path)
    return suffix


def read_table(path: str | os.PathLike, *, keep_blank_lines: bool = False):
    """Read a table (.csv, .tsv, .jsonl, .parquet, .xlsx) as a DataFrame, cells as read.

    Text cells stay text (no type guessing for CSV/TSV), so that ids and codes keep
    their leading zeros. A .csv whose header has more semicolons than commas is read
    with ``;`` as separator, as Excel writes CSV where the decimal mark is a comma
    (Indonesian and most European settings). ``keep_blank_lines`` keeps blank lines of
    a CSV/TSV as empty rows, so that row numbers stay those a spreadsheet shows.
    Parquet needs ``pyarrow``, Excel ``openpyxl``.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "codes.csv"
    >>> _ = path.write_text("id;text\\n007;Investor datang.\\n")       # Excel with Indonesian settings
    >>> read_table(path).values.tolist()
    [['007', 'Investor datang.']]
    """
    import pandas as pd

    path = Path(path)
    suffix = _table_suffix(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(path, sep="\t" if suffix == ".tsv" else _csv_separator(path), dtype=str,
                               keep_default_na=False, na_values=[""], skip_blank_lines=not keep_blank_lines)
        if suffix == ".jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        if suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_excel(path)
    except ImportError as error:
        raise InputError(f"reading {suffix} needs an extra package: {error}", file=path) from None
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise InputError(f"cannot be read as {suffix[1:].upper()}: {error}", file=path) from None


@contextmanager
def atomic_output(path: str | os.PathLike):
    """A temporary path beside ``path`` to write to; renamed to ``path`` when the block
    ends without error, deleted otherwise, so no half-written output is ever left.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(path) as tmp:
    ...     _ = pathlib.Path(tmp).write_text("done")
    >>> path.read_text()
    'done'
    """
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                               prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        yield tmp
        # mkstemp makes the file private; give it the mode the file had, or a new file's mode
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~mask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _csv_separator(path: Path) -> str:
    with open(path, "rb") as lines:
        header = lines.readline()
    return ";" if header.count(b";") > header.count(b",") else ","


def write_table(frame, path: str | os.PathLike) -> None:
    """Write ``frame`` by the suffix of ``path``, atomically (see :func:`atomic_output`).

    >>> import pathlib, tempfile, pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> write_table(pd.DataFrame({"text": ["Investor datang."]}), path)
    >>> path.read_text()
    '{"text":"Investor datang."}\\n'
    """
    path = Path(path)
    suffix = _table_suffix(path)
    try:
        with atomic_output(path) as tmp:
            if suffix in (".csv", ".tsv"):
                frame.to_csv(tmp, index=False, sep="\t" if suffix == ".tsv" else ",")
            elif suffix == ".jsonl":
                frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
            elif suffix == ".parquet":
                frame.to_parquet(tmp, index=False)
            else:
                frame.to_excel(tmp, index=False, engine="openpyxl")
    except ImportError as error:
        raise InputError(f"writing {suffix} needs an extra package: {error}", file=path) from None
