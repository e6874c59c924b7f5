"""Coding sheets for human coders, and reading their codes back.

A coding sheet has one row per passage: where it comes from, its text, the model's
suggestion (unless the sheet is blind) and empty columns for the coder. Coders
fill either the per-label columns (``economic``, ``cultural``, ``political``: 1, x,
ya, ...) or one ``labels`` cell (``ekonomi; budaya``), plus ``coder`` and
``comment``; :func:`read_coded` reads every form researchers write and names each
cell it cannot read.

    >>> import pandas as pd
    >>> sheet = pd.DataFrame({"text": ["Investor datang.", "Festival tari.", "Rapat dimulai."],
    ...                       "labels": ["Ekonomi", None, "tidak ada"], "coder": ["A", None, "A"]})
    >>> coded = read_coded(sheet)          # a sheet: the blank row is not coded yet
    >>> coded[["text", "labels"]].values.tolist()
    [['Investor datang.', 'economic'], ['Rapat dimulai.', '']]
    >>> coded.attrs["uncoded"]
    1
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import InputError
from .labels import INDONESIAN, LABELS, NO, SEPARATORS, YES, format_labels, is_missing, parse_flag, parse_labels

__all__ = ["SHEET_COLUMNS", "CodesError", "coding_sheet", "write_sheet", "read_coded"]

#: The columns of a coding sheet, in order. The last six are the coder's.
SHEET_COLUMNS = ("passage_id", "document", "section", "lang", "text", "suggestion",
                 *(f"p_{label}" for label in LABELS), *LABELS, "labels", "coder", "comment")
_SUGGESTED = ("suggestion", *(f"p_{label}" for label in LABELS))


class CodesError(InputError):
    """Cells of a coded table that hold no readable code; ``cells`` lists every one as
    ``(row, column, value, reason)``. Rows are numbered as a spreadsheet shows them (the
    header is row 1), as lines for JSON Lines, and by index label for a DataFrame.

    >>> import pandas as pd
    >>> try:
    ...     read_coded(pd.DataFrame({"text": ["a", "b"], "labels": ["ekonomi", "econ"]}))
    ... except CodesError as error:
    ...     print(error.cells[0][:3])
    (1, 'labels', 'econ')
    """

    def __init__(self, cells: list[tuple[object, str, object, str]], *, file: object = None,
                 where: str = "row", letters: dict | None = None):
        self.cells = cells
        letters = letters or {}
        shown = [f"{where} {row}, column {column}{letters.get(column, '')}: {_short(reason)}"
                 for row, column, _, reason in cells[:30]]
        more = f"; and {len(cells) - 30} more" if len(cells) > 30 else ""
        super().__init__(
            f"{len(cells)} problem(s) with the codes: " + "; ".join(shown) + more
            + f". A labels cell holds economic, cultural, political (or ekonomi, budaya, politik) "
              f"separated by any of {' '.join(SEPARATORS)}, or none / tidak ada / - ; a per-label "
              f"cell holds {'/'.join(YES[:7])} for yes and {'/'.join(NO)} or blank for no.", file=file)


def _short(reason: str) -> str:
    """A parser's message without its list of accepted forms (given once, at the end)."""
    return re.sub(r"\s*\((?:expected|yes:) .*\)$", "", reason)


# -- writing sheets --------------------------------------------------------------------

def coding_sheet(documents, *, model=None, blind: bool = False, text_column: str = "text",
                 max_words: int = 200):
    """A coding sheet (DataFrame with ``SHEET_COLUMNS``) for documents or passages.

    Parameters
    ----------
    documents : path, folder, glob, list of paths, table, DataFrame, or list of str
        Documents (.txt, .md, .pdf) are segmented into passages. A table file (.csv,
        .jsonl, .xlsx, ...) or a DataFrame gives one passage per row from
        ``text_column`` (its ``id`` column, if any, becomes ``passage_id``). A list of
        strings is a list of passages, unless every string names a file, folder or
        glob (pass :class:`pathlib.Path` objects to make paths unambiguous).
    model : model or path, optional
        Whose suggestions to show (default: the model that ships).
    blind : bool
        Leave out the model's suggestion and probabilities, so that coders are not
        anchored by them (use it for reliability coding).

    Examples
    --------
    >>> sheet = coding_sheet(["Pemprov ingin menarik investor Jepang.", "Apa agenda rapat hari ini?"])
    >>> sheet[["passage_id", "suggestion"]].values.tolist()
    [['p-0001', 'economic'], ['p-0002', '']]
    """
    import pandas as pd

    rows = _sheet_rows(documents, text_column, max_words)
    sheet = pd.DataFrame(rows, columns=["passage_id", "document", "section", "lang", "text"])
    if not blind and len(sheet):
        from .predict import classify

        results = classify(sheet["text"].tolist(), model=model, evidence=0)
        sheet["suggestion"] = [format_labels(r.labels) for r in results]
        for label in LABELS:
            sheet[f"p_{label}"] = [round(r.scores[label], 2) for r in results]
    for column in (*LABELS, "labels", "coder", "comment"):
        sheet[column] = ""
    return sheet[[c for c in SHEET_COLUMNS if c in sheet.columns]]


def _sheet_rows(documents, text_column: str, max_words: int) -> list[list]:
    import pandas as pd

    from .read import TABLE_SUFFIXES, read_table
    from .segment import segment
    from .stream import DOCUMENT_SUFFIXES, _documents

    if isinstance(documents, pd.DataFrame):
        return _table_rows(documents, text_column, "p", "", None)
    if isinstance(documents, (str, os.PathLike)):
        documents = [documents]
    documents = list(documents)
    if not all(isinstance(d, os.PathLike) or _names_a_file(d) for d in documents):
        for i, text in enumerate(documents):
            if not isinstance(text, str):
                raise TypeError(f"passage {i} is {type(text).__name__}, not str")
        return [[f"p-{i:04d}", "", "", "", text] for i, text in enumerate(documents, start=1)]
    rows, stems = [], set()
    for item in documents:
        found = _documents(str(item))
        if found == []:
            raise InputError(f"no {', '.join(DOCUMENT_SUFFIXES)} documents found", file=item)
        for path in found if found is not None else [Path(item)]:
            if not path.exists():
                raise InputError("no such file", file=path)
            stem = _unique(re.sub(r"\W+", "_", path.stem).strip("_") or "doc", stems)
            if path.suffix.lower() in TABLE_SUFFIXES:
                rows += _table_rows(read_table(path), text_column, stem, str(path), path)
            else:
                rows += [[f"{stem}-{p.index + 1:04d}", str(path), p.section, p.lang, p.text]
                         for p in segment(path, max_words=max_words)]
    return rows


def _table_rows(table, text_column: str, stem: str, document: str, file) -> list[list]:
    if text_column not in table.columns:
        raise InputError(f"no column {text_column!r} (columns: {', '.join(map(str, table.columns))})", file=file)
    ids = ["" if is_missing(v) else str(v) for v in table["id"]] if "id" in table.columns else \
        [f"{stem}-{i:04d}" for i in range(1, len(table) + 1)]
    return [[pid, document, "", "", "" if is_missing(text) else str(text)]
            for pid, text in zip(ids, table[text_column])]


def _names_a_file(text) -> bool:
    """Whether a string given among documents names a file, a folder or a glob of files."""
    from .read import _looks_like_path
    from .stream import _documents

    if not isinstance(text, str) or "\n" in text or not text.strip():
        return False
    if Path(text).exists() or _looks_like_path(text):
        return True
    return any(ch in text for ch in "*?[") and bool(_documents(text))


def _unique(stem: str, seen: set[str]) -> str:
    name, k = stem, 2
    while name in seen:
        name, k = f"{stem}_{k}", k + 1
    seen.add(name)
    return name


#: Column widths (characters) of a coding sheet in a spreadsheet.
_WIDTHS = {"passage_id": 16, "document": 18, "section": 22, "lang": 6, "text": 90, "suggestion": 16,
           "economic": 10, "cultural": 10, "political": 10, "labels": 20, "coder": 10, "comment": 30}


def write_sheet(sheet, path: str | os.PathLike) -> Path:
    """Write a coding sheet to ``path`` (.xlsx, .csv, .tsv or .jsonl), atomically.

    An .xlsx sheet opens ready for coding in Excel or LibreOffice: a bold, frozen
    header row, wrapped passage text in a wide column, probabilities as numbers,
    a 1/0 drop-down in the per-label columns (other codes are still accepted),
    a filter on every column, and a second sheet with the label scheme in brief.

    >>> import tempfile, pandas as pd
    >>> path = write_sheet(coding_sheet(["Investor Korea datang."], blind=True), tempfile.mkdtemp() + "/coding.xlsx")
    >>> pd.read_excel(path).columns.tolist()[:5]
    ['passage_id', 'document', 'section', 'lang', 'text']
    """
    from .read import atomic_output, write_table

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        write_table(sheet, path)
        return path
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    page = book.active
    page.title = "coding"
    columns = list(sheet.columns)
    page.append(columns)
    for record in sheet.itertuples(index=False):
        page.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else
                     (None if is_missing(v) else v) for v in record])
        for cell in page[page.max_row]:  # text is text: "=..." from a news site is not a formula
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
    coder = PatternFill("solid", fgColor="FFF2CC")
    for j, name in enumerate(columns, start=1):
        letter = get_column_letter(j)
        page.column_dimensions[letter].width = _WIDTHS.get(name, 10)
        head = page.cell(row=1, column=j)
        head.font, head.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        if name in (*LABELS, "labels", "coder", "comment"):
            head.fill = coder
        for cell in page[letter][1:]:
            cell.alignment = Alignment(wrap_text=name in ("text", "section", "comment", "document"),
                                       vertical="top")
            if name.startswith("p_"):
                cell.number_format = "0.00"
        if name in LABELS and len(sheet):
            choice = DataValidation(type="list", formula1='"1,0"', allow_blank=True, showErrorMessage=False)
            choice.add(f"{letter}2:{letter}{len(sheet) + 1}")
            page.add_data_validation(choice)
    page.freeze_panes = "B2"
    page.auto_filter.ref = page.dimensions
    guide = book.create_sheet("codebook")
    for line in _GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    with atomic_output(path) as tmp:
        book.save(tmp)
    return path


_GUIDE = (
    "How to code (motives coding sheet; the full codebook is docs/codebook.md)",
    "",
    "Give each passage any of the three motives of Keating's scheme, or none.",
    "economic (ekonomi): investment, trade, markets, tourism, technology, jobs, development sought from "
    "the engagement.",
    "cultural (budaya): culture, language, heritage, identity, people-to-people, student or youth exchange, "
    "shared history or kinship as a reason.",
    "political (politik): recognition, legitimacy, image, voice or autonomy abroad, a diplomatic network, "
    "standing towards the central government.",
    "A motive counts only when the passage presents it as a reason, goal or benefit; a motive said to be "
    "absent does not count; legal basis, method, chronology and lists are none.",
    "",
    "Either put 1 (or x, ya, yes) in the economic / cultural / political columns and leave the others blank, "
    "or write the labels in the 'labels' column, e.g. 'ekonomi; budaya'. Write 'none' or '-' for a passage "
    "with no motive.",
    "A row with every code cell blank counts as not yet coded. Put your initials in 'coder'.",
    "The 'suggestion' and p_ columns are the model's guess; code the passage yourself.",
)


# -- reading codes back ----------------------------------------------------------------

def read_coded(source, *, text: str | None = "text", labels: str = "labels", blank: str = "auto",
               keep_uncoded: bool = False):
    """Read hand codes from a coding sheet or any table (.xlsx, .csv, .tsv, .jsonl, .parquet).

    Codes may be written in a ``labels`` cell (English or Indonesian names in any
    case, separated by ``;``, ``,``, ``/``, ``+``, ``|`` or a line break; ``none``,
    ``tidak ada`` or ``-`` for none) or in per-label columns headed
    ``economic``/``ekonomi``, ``cultural``/``budaya``, ``political``/``politik`` (1, x,
    yes, ya, true for yes; 0, no, tidak, false or blank for no). Headers are matched
    in any case.

    What a blank means depends on the table (``blank="auto"``): in a coding sheet (a
    table with per-label columns or a ``coder`` column, as ``motives sheet`` writes) a
    row whose code cells are all blank is *not yet coded* and is left out; in a plain
    table with only a labels column, a blank cell is no motive, as in the project's
    corpus. ``blank="uncoded"`` or ``"none"`` says which, whatever the table.
    ``keep_uncoded=True`` keeps the rows not yet coded, with ``coded`` False.
    ``text=None`` reads codes without passage texts (for predictions given as labels).

    Returns
    -------
    DataFrame
        The table's rows with canonical ``labels`` (``"economic;political"``, ``""``
        for none), one 0/1 column per label, and ``row``: the number of the row as a
        spreadsheet shows it (the header is row 1), the line of a JSON Lines file, or
        the index label of a DataFrame. ``attrs["uncoded"]`` counts the rows left out.

    Raises
    ------
    CodesError
        Listing every cell that holds no readable code, coded rows without text, and
        rows whose ``labels`` cell and per-label cells disagree, each with its row and
        column. :class:`~motives.errors.InputError` when columns are missing or two
        columns hold the same label's codes.

    >>> import pandas as pd
    >>> sheet = pd.DataFrame({"text": ["Investor datang.", "Tari.", "Rapat."], "Ekonomi": ["x", "", None],
    ...                       "budaya": ["", "ya", None], "labels": [None, None, "tidak ada"]})
    >>> read_coded(sheet)[["labels", "economic", "cultural", "row"]].values.tolist()
    [['economic', 1, 0, 0], ['cultural', 0, 1, 1], ['', 0, 0, 2]]
    """
    import numpy as np
    import pandas as pd

    from .read import read_table

    if blank not in ("auto", "uncoded", "none"):
        raise ValueError(f"blank must be 'auto', 'uncoded' or 'none', not {blank!r}")
    file, where = None, "index"
    if not isinstance(source, pd.DataFrame):
        file, source = source, read_table(source, keep_blank_lines=True)
        where = "line" if Path(file).suffix.lower() == ".jsonl" else "row"
    numbers = list(source.index) if where == "index" else \
        list(range(1 if where == "line" else 2, len(source) + (1 if where == "line" else 2)))
    frame = source.reset_index(drop=True)
    flag_columns, labels_column, text_column = _code_columns(frame, labels, text, file)
    if blank == "auto":
        sheet = bool(flag_columns) or "coder" in {str(c).strip().lower() for c in frame.columns}
        blank = "uncoded" if sheet else "none"
    letters = _letters(frame.columns) if where == "row" else {}
    empty_lines = frame.isna().all(axis=1).to_numpy() if len(frame.columns) else np.zeros(len(frame), bool)
    problems, coded, sets = [], [], []
    for i in range(len(frame)):
        row = numbers[i]
        flags, found, bad = {}, None, False
        for label, column in flag_columns.items():
            try:
                flags[label] = parse_flag(frame.at[i, column])
            except ValueError as error:
                problems.append((row, column, frame.at[i, column], str(error)))
                bad = True
        if labels_column is not None and not _blank(frame.at[i, labels_column]):
            try:
                found = set(parse_labels(frame.at[i, labels_column]))
            except ValueError as error:
                problems.append((row, labels_column, frame.at[i, labels_column], str(error)))
                bad = True
        from_flags = {label for label, value in flags.items() if value}
        written = found is not None or any(value is not None for value in flags.values())
        is_coded = not empty_lines[i] and (written or blank == "none")
        if written and not bad and found is not None and any(v is not None for v in flags.values()) \
                and found != from_flags:
            problems.append((row, labels_column, frame.at[i, labels_column],
                             f"says {format_labels(found) or 'none'} but the per-label columns say "
                             f"{format_labels(from_flags) or 'none'}"))
        if is_coded and not bad and text_column is not None and _blank(frame.at[i, text_column]):
            problems.append((row, text_column, frame.at[i, text_column], "a coded row without text"))
        coded.append(is_coded)
        sets.append(found if found is not None else from_flags)
    if problems:
        raise CodesError(problems, file=file, where=where, letters=letters)
    out = frame.drop(columns=[*flag_columns.values()] + ([labels_column] if labels_column is not None else []))
    if text_column is not None and text_column != text:
        out = out.rename(columns={text_column: text})
    out["labels"] = [format_labels(s) for s in sets]
    for label in LABELS:
        out[label] = [int(label in s) for s in sets]
    out["row"] = numbers
    out["coded"] = np.asarray(coded, dtype=bool)
    uncoded = int((~out["coded"] & ~empty_lines).sum())
    out = out[~empty_lines]  # blank lines of a CSV are not rows
    if not keep_uncoded:
        out = out[out["coded"]].drop(columns="coded")
    out = out.reset_index(drop=True)
    out.attrs["uncoded"] = uncoded
    out.attrs["source"] = None if file is None else str(file)
    return out


def _code_columns(frame, labels: str, text: str, file):
    """The per-label columns, the labels column and the text column of a coded table,
    matched in any case; two columns holding one label's codes are an error."""

    names: dict[str, list] = {}
    for column in frame.columns:
        key = str(column).strip().lower()
        base = re.sub(r"\.\d+$", "", key)  # pandas renames a repeated header "economic" to "economic.1"
        names.setdefault(base if base != key and base in _CODE_NAMES | {labels.lower()} else key, []).append(column)
    clashes = []
    flag_columns = {}
    for label in LABELS:
        found = names.get(label, []) + names.get(INDONESIAN[label], [])
        if len(found) > 1:
            clashes.append(f"{', '.join(map(str, found))} all hold {label} codes")
        elif found:
            flag_columns[label] = found[0]
    found = names.get(labels.lower(), [])
    if len(found) > 1:
        clashes.append(f"{', '.join(map(str, found))} are all {labels!r} columns")
    labels_column = found[0] if found else None
    if clashes:
        raise InputError("; ".join(clashes) + " (a repeated header?); keep one column per code", file=file)
    if labels_column is None and not flag_columns:
        raise InputError(f"no column {labels!r} of codes, nor per-label columns {', '.join(LABELS)} "
                         f"(columns: {', '.join(map(str, frame.columns))})", file=file)
    if text is None:
        return flag_columns, labels_column, None
    texts = names.get(text.lower(), [])
    if len(texts) != 1:
        raise InputError((f"no column {text!r} of passage texts" if not texts else
                          f"{len(texts)} columns named {text!r}") +
                         f" (columns: {', '.join(map(str, frame.columns))})", file=file)
    return flag_columns, labels_column, texts[0]


_CODE_NAMES = {*LABELS, *INDONESIAN.values()}


def _blank(cell) -> bool:
    return is_missing(cell) or (isinstance(cell, str) and not cell.strip())


def _letters(columns) -> dict:
    """Column name -> " (C)", its letter in a spreadsheet."""
    from openpyxl.utils import get_column_letter

    return {column: f" ({get_column_letter(j)})" for j, column in enumerate(columns, start=1)}
