"""Repair text extracted from PDFs and typed documents into headings and body paragraphs.

Real theses reach the library as PDF extractions: every printed line on its own (often with
a blank line after each), words hyphenated across lines, footnote numbers glued to words,
footnote blocks after a separator line, page numbers, running headers and flattened table
captions. Others arrive as Markdown with ``#`` headings, ``<sup>N</sup>`` marks and ``---``
before footnote blocks. :func:`clean` turns either into an ordered list of :class:`Block`
objects: headings, paragraphs, and the page furniture it recognised and set aside (kept, so
that nothing is dropped silently).

Internal: the first step of :func:`motives.segment`; its API may change between versions.
"""
from __future__ import annotations

import gc
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .lang_data import (ABBREVIATIONS_EN, ABBREVIATIONS_ID, ATTRIBUTION_WORDS, CAPTION_WORDS,
                        NON_BODY_SECTIONS, SOURCE_WORDS)

__all__ = ["Block", "CleanText", "clean", "normalize"]

#: A footnote longer than this many lines is taken to be body text misread as a footnote.
MAX_NOTE_LINES = 12

#: Block kinds that hold body text; every other kind is furniture set aside.
BODY_KINDS = ("heading", "paragraph")


@dataclass(frozen=True)
class Block:
    """One unit of a cleaned document.

    ``kind`` is ``"heading"`` or ``"paragraph"`` for body text, whose ``start``/``end`` are
    offsets into :attr:`CleanText.text`; any other kind (``"footnote"``, ``"page_number"``,
    ``"caption"``, ``"header"``, ``"toc"``, ``"bibliography"``) is furniture that is not part
    of the cleaned text (``start == end == -1``).
    """

    kind: str
    text: str
    section: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class CleanText:
    """The cleaned body text and the blocks it was built from, in document order."""

    text: str
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def removed(self) -> list[Block]:
        """Furniture recognised and kept out of the body text."""
        return [b for b in self.blocks if b.kind not in BODY_KINDS]


# --------------------------------------------------------------------------- normalisation

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\t"), " ")
_SUP_AT_LINE_START = re.compile(r"^(\s*)<sup>\s*(\d{1,3})\s*</sup>", re.M)
_INLINE_MARKUP = re.compile(r"<sup>[^<]{0,12}</sup>|\[\^\w{1,6}\](?!:)")
_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_])")


def normalize(raw: str) -> str:
    """Unicode NFC, one kind of newline, plain spaces, and inline markup removed.

    Footnote marks written as ``<sup>4</sup>`` or ``[^4]`` are dropped; a ``<sup>`` that
    opens a line is a footnote's own number and becomes plain ``4``. Emphasis markers
    (``*italic*``, ``**bold**``) are removed, their words kept.
    """
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE).translate(_SPACES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    if "<sup>" in text:
        text = _SUP_AT_LINE_START.sub(r"\1\2 ", text)
    if "<sup>" in text or "[^" in text:
        text = _INLINE_MARKUP.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", text)
    return text


# --------------------------------------------------------------------------- line patterns

_SPACE_RUN = re.compile(r"\s{2,}")
_CLOSERS = "\"'”’)]"
_GLUED_FOOTNOTE = re.compile(r"([^\W\d_]+)([.,;:!?\"”’')\]])(\d{1,4})(?=[ \t]*$|\s)", re.M)
#: Abbreviations a number may follow without a space ("No.23", "Rp.500", "hlm.4"): the
#: number is then part of the text, not a footnote mark.
_NUMBER_ABBREVIATIONS = frozenset(
    a[:-1].casefold() for a in ABBREVIATIONS_ID + ABBREVIATIONS_EN if a.count(".") == 1
) | {"rp", "us", "usd", "idr", "p", "pp", "vol", "no", "hal", "hlm", "art", "ps", "pasal", "ayat"}


def _drop_footnote_mark(m: re.Match) -> str:
    word, punct = m.group(1), m.group(2)
    if punct == "." and word.casefold() in _NUMBER_ABBREVIATIONS:
        return m.group(0)
    return word + punct
_PAGE_NUMBER = re.compile(  # "12", "- 12 -", "Halaman 12", "xiv" (front matter, lower case)
    r"^(?:[-–—]\s*)?(?:(?:[Hh]alaman|[Hh]al\.|[Pp]age|p\.)\s*)?"
    r"(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?:\s*[-–—])?$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}(?:\s|$)|\[\^\w{1,6}\]:|\^\d{1,3}\s)")
_RULE = re.compile(r"^(?:-{3,}|_{3,}|\*{3,}|={3,})$")
_TOC = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_CHAPTER = re.compile(r"^(?:BAB|Bab|CHAPTER|Chapter)\s+(?:[IVXLC]{1,6}|\d{1,2})\b\.?\s*(.*)$")
_NUMBERED = re.compile(r"^(?:(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s+([^\W\d_].*)$")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s|^[-•▪●*]\s")
_CAPTION = re.compile(  # "Tabel 1.3", "Gambar 2: Peta ...", not "Tabel 2.1 menunjukkan ..."
    r"^(?i:" + "|".join(re.escape(w) for w in CAPTION_WORDS) + r")\s*(?>[\dIVX]+(?:[.\-]\d+)*)\.?"
    r"(?:\s*$|\s*[:.–—-]|\s+[^\w\s]*[A-Z\d])")
_SOURCE = re.compile(r"^(?:(?:" + "|".join(SOURCE_WORDS) + r")\s*:|(?:" + "|".join(ATTRIBUTION_WORDS) + r")\b)", re.I)
_CAPTION_OR_SOURCE = re.compile(f"{_CAPTION.pattern}|(?i:{_SOURCE.pattern[1:]})")
_LEGEND = re.compile(r"^[^\s=]{0,6}\s*=\s*\S")  # "G = Government": a flattened figure's key
_HYPHEN_END = re.compile(r"(\w+)-$")
_WORD = re.compile(r"[^\W\d_]+")
_VOCABULARY_WORD = re.compile(r"[^\W\d_][\w-]*")
_DIGIT_MASK = str.maketrans("0123456789", "##########")  # page numbers vary, headers do not
_FUNCTION_WORDS = frozenset(
    "dan di ke dari yang dengan atau untuk dalam pada oleh sebagai terhadap antara serta "
    "the of and in on for to a an with by at from as or between its their".split())


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with . ! or ?, possibly followed by closing quotes or brackets."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?")


def _is_title_like(words: list[str]) -> bool:
    content = [w for w in words if _WORD.search(w) and w.lower() not in _FUNCTION_WORDS]
    if not content or not content[0][:1].isupper():
        return False
    capitalised = sum(w[:1].isupper() or not w[:1].isalpha() for w in content)
    return capitalised / len(content) >= 0.75


def _heading_text(line: str, isolated: bool) -> str | None:
    """The heading a line states, or None. ``isolated``: a line standing alone between blank
    lines in a document whose blank lines separate paragraphs."""
    s = line.strip()
    if m := _MD_HEADING.match(s):
        return m.group(1) or None
    if len(s) > 120 or s.endswith((",", ";", "-")):
        return None
    words = s.split()
    if m := _CHAPTER.match(s):
        rest = m.group(1)
        if not rest or (rest.isupper() and len(rest.split()) <= 10):
            return s
        return None
    if s.endswith((".", ":")) and not _NUMBERED.match(s):
        return None
    if len(words) <= 12 and sum(map(str.isupper, s)) >= max(4, 0.8 * sum(map(str.isalpha, s))):
        return s if not s.endswith((".", ":")) else None
    if m := _NUMBERED.match(s):
        title = m.group(1).split()
        if len(title) <= 10 and not s.endswith((".", ":", "?")) and _is_title_like(title):
            return s
        return None
    if isolated and len(words) <= 8 and not _ends_sentence(s) and _is_title_like(words):
        return s
    return None


# --------------------------------------------------------------------------- the cleaner

@dataclass(slots=True)
class _Line:
    text: str          # right-stripped, leading whitespace removed
    indent: int        # leading whitespace width
    blank_before: bool  # a blank line separated it from the previous line
    page_break_before: bool


def _lines(text: str) -> tuple[list[_Line | str], bool]:
    """Lines with blank-line information; markers ``"RULE"``/``"PAGE"`` stand for separator
    lines and page breaks. Returns the lines and whether blank lines separate paragraphs."""
    raw = text.split("\n")
    stripped = [line.strip() for line in raw]
    nonblank = [i for i, s in enumerate(stripped) if s]
    before_blank = [i for i in nonblank if i + 1 < len(raw) and not stripped[i + 1]]
    sentence_ends = sum(1 for i in before_blank if _ends_sentence(stripped[i]))
    # PDF extractions that print a blank line after every printed line carry no paragraph
    # signal in their blank lines: most lines then stop mid-sentence. (Paragraphs typed on
    # one line each, blank lines between, mostly end a sentence.)
    blanks_meaningful = not (len(nonblank) >= 6 and len(before_blank) >= 0.75 * len(nonblank)
                             and sentence_ends < 0.5 * len(before_blank))
    out: list[_Line | str] = []
    blank = False
    page = False
    for line, s in zip(raw, stripped):
        if not s:
            if line == "\f":
                out.append("PAGE")
                page = True
            elif len(line) >= 10 or line.startswith("   "):  # a footnote separator of spaces
                out.append("RULE")
            blank = True
        elif s[0] in "-_*=" and _RULE.match(s):
            out.append("RULE")
            blank = True
        else:
            out.append(_Line(s, len(line) - len(line.lstrip()), blank and blanks_meaningful, page))
            blank = page = False
    return out, blanks_meaningful


def _repeated_furniture(lines: list[_Line | str]) -> set[str]:
    """Running headers and footers: short lines that recur at the top or foot of many pages
    (or, in text without page breaks, recur at least five times)."""
    def key(s: str) -> str:
        return s.casefold().translate(_DIGIT_MASK)

    pages: list[list[_Line]] = [[]]
    for x in lines:
        if x == "PAGE":
            pages.append([])
        elif isinstance(x, _Line):
            pages[-1].append(x)
    if len(pages) > 2:
        candidates = [ln for page in pages if page for ln in {id(page[0]): page[0], id(page[-1]): page[-1]}.values()]
        threshold = max(3, len(pages) // 2)
    else:
        candidates = [ln for page in pages for ln in page]
        # without page breaks a header shows as a line recurring through the whole text;
        # in a long text short lines recur by chance, so ask for more the longer it is
        threshold = max(5, len(candidates) // 150)
    counts = Counter(key(x.text) for x in candidates if 1 <= x.text.count(" ") <= 9
                     and not (_MD_HEADING.match(x.text) or _CHAPTER.match(x.text) or _NUMBERED.match(x.text)))
    return {k for k, n in counts.items() if n >= threshold and not k.endswith(",")}


def _dehyphenate(left: str, right: str, vocabulary: set[str]) -> str:
    """Join ``left`` (ending in ``-``) with the next line's ``right``."""
    m = _HYPHEN_END.search(left)
    first = m.group(1) if m else ""
    second_match = _WORD.match(right)
    second = second_match.group(0) if second_match else ""
    if not first or not second or first[-1:].isdigit() or right[:1].isdigit():
        return left + right
    a, b = first.casefold(), second.casefold()
    reduplication = a.endswith(b[:max(3, len(b) - 3)]) or b.startswith(a[-4:]) or a == b
    if reduplication or second[:1].isupper():
        return left + right  # negara-negara, tindakan-tindakan, non-Negara
    if a + b in vocabulary:
        return left[:-1] + right
    if f"{a}-{b}" in vocabulary or a in {"self", "non", "cross", "well"}:
        return left + right
    return left[:-1] + right


def clean(raw: str, *, min_words: int = 6) -> CleanText:
    """Clean raw extracted text into headings, paragraphs and set-aside furniture.

    Parameters
    ----------
    raw : str
        Text as extracted from a PDF or typed (Markdown is understood).
    min_words : int, default 6
        Paragraphs shorter than this are fragments and are merged with a neighbour in the
        same section.

    Returns
    -------
    CleanText
        ``text`` holds the headings and paragraphs separated by blank lines; ``blocks``
        lists every heading, paragraph and piece of furniture in order.

    Examples
    --------
    >>> doc = clean("BAB I\\n\\nA. Latar Belakang\\n\\nKerja sama ini penting bagi ekonomi.1\\n")
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('heading', 'BAB I'), ('heading', 'A. Latar Belakang'), ('paragraph', 'Kerja sama ini penting bagi ekonomi.')]
    """
    # The line objects made below hold no cycles: pausing the cyclic garbage collector
    # while they are made saves about a tenth of the time on large documents.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _clean(raw, min_words)
    finally:
        if enabled:
            gc.enable()


def _clean(raw: str, min_words: int) -> CleanText:
    # footnote marks glued to words ("ekonomi.1") go before anything looks at line ends
    text = _GLUED_FOOTNOTE.sub(_drop_footnote_mark, normalize(raw))
    lines, blanks_meaningful = _lines(text)
    headers = _repeated_furniture(lines)
    header_length = max(map(len, headers), default=-1)
    vocabulary = set(_VOCABULARY_WORD.findall(text.casefold()))

    # Pass 1: classify every line as furniture, heading or body.
    items: list[tuple[str, str, _Line | None]] = []  # (kind, text, line)
    in_footnote = False
    last_footnote = 0
    note_at = 0  # index in items of the current footnote's first item
    caption_open = 0
    previous_body = ""
    previous_kind = "start"
    following: list[_Line | None] = [None] * len(lines)  # the next text line after each line
    upcoming: _Line | None = None
    for i in range(len(lines) - 1, -1, -1):
        following[i] = upcoming
        if isinstance(lines[i], _Line):
            upcoming = lines[i]
    origin: list[int] = []  # for each item, the index of its line in ``lines``
    replay_until = -1        # lines up to here are being classified again, not as footnotes
    i = -1
    while i + 1 < len(lines):
        i += 1
        item = lines[i]
        del origin[len(items):]
        origin.extend([i] * (len(items) + 1 - len(origin)))
        if item == "PAGE":
            in_footnote = False
            caption_open = 0
            items.append(("page_break", "", None))
            previous_kind = "page_break"
            continue
        nxt = following[i]
        if item == "RULE":
            if nxt is not None and _FOOTNOTE_START.match(nxt.text) and i > replay_until:
                in_footnote = True
                last_footnote = 0  # the first note after a separator may have any number
                note_at = len(items)
            continue
        line = item
        s = line.text
        if _BARE_NUMBER.match(s):
            # A footnote's own number continues the count; any other bare number is a page
            # number (which also ends a footnote block at the foot of the page).
            number = int(s)
            expected = number == last_footnote + 1 if last_footnote else in_footnote
            opens_note = nxt is not None and nxt.indent > 0
            if i > replay_until and expected and (
                    opens_note or (in_footnote and nxt is not None and nxt.text[:1].isupper())):
                in_footnote = True
                last_footnote = number
                note_at = len(items)
                items.append(("footnote", s, line))
                continue
            if in_footnote or not line.blank_before or not blanks_meaningful:
                in_footnote = False
                items.append(("page_number", s, line))
                continue
        if in_footnote:
            prev_is_number = items and items[-1][0] == "footnote" and _BARE_NUMBER.match(items[-1][1])
            ends = (not blanks_meaningful and line.indent > 0 and not prev_is_number) or (
                blanks_meaningful and line.blank_before and not _FOOTNOTE_START.match(s))
            if not ends and len(items) - note_at <= MAX_NOTE_LINES:
                items.append(("footnote", s, line))
                continue
            if not ends:
                # No footnote runs this long. Keep the first note if its number opened an
                # indented citation; classify every line after it again, footnotes barred.
                start = note_at
                if start + 1 < len(items) and items[start + 1][2] is not None and items[start + 1][2].indent > 0:
                    start = next((j + 1 for j in range(start + 1, len(items))
                                  if _ends_sentence(items[j][1])), len(items))
                in_footnote = False
                replay_until = i
                i = origin[start] - 1 if start < len(items) else i - 1
                del items[start:]
                previous_kind = "footnote"
                continue
            in_footnote = False
        if caption_open:
            caption_open -= 1
            items.append(("caption", s, line))
            if _ends_sentence(s) or s.endswith(":"):
                caption_open = 0
            continue
        if len(s) < 12 and _PAGE_NUMBER.match(s):
            items.append(("page_number", s, line))
            continue
        if len(s) <= header_length and s.casefold().translate(_DIGIT_MASK) in headers:
            items.append(("header", s, line))
            continue
        if ".." in s and _TOC.search(s):
            items.append(("toc", s, line))
            continue
        if "=" in s[:10] and _LEGEND.match(s):
            items.append(("caption", s, line))
            continue
        if _CAPTION_OR_SOURCE.match(s):
            items.append(("caption", s, line))
            if not _ends_sentence(s):
                caption_open = 3
            continue
        prev_closed = previous_kind != "body" or _ends_sentence(previous_body) or (
            blanks_meaningful and line.blank_before)
        isolated = blanks_meaningful and line.blank_before and (nxt is None or nxt.blank_before)
        next_continues = nxt is not None and nxt.text[:1].islower() and not (blanks_meaningful and nxt.blank_before)
        heading = _heading_text(s, isolated) if prev_closed and not next_continues else None
        if heading is not None:
            items.append(("heading", heading, line))
            previous_kind = "heading"
            continue
        previous_body = s
        items.append(("body", previous_body, line))
        previous_kind = "body"

    # Pass 2: assemble body lines into paragraphs.
    body_lengths = [len(t) for k, t, _ in items if k == "body"]
    width = _typical_width(body_lengths)
    one_per_line = bool(body_lengths) and statistics.median(body_lengths) > 200
    blocks: list[Block] = []
    current: list[str] = []          # body text pieces of the open paragraph
    pending: list[Block] = []        # furniture met inside the open paragraph
    section = ""

    def close() -> None:
        if current:
            blocks.append(Block("paragraph", " ".join(current).strip(), section))
            current.clear()
        blocks.extend(pending)
        pending.clear()

    last_body: str | None = None
    furniture_since_body = False
    for kind, text, line in items:
        if kind == "page_break":
            furniture_since_body = True
            continue
        if kind == "heading":
            close()
            section = text
            blocks.append(Block("heading", text, section))
            last_body = None
            continue
        if kind != "body":
            (pending if current else blocks).append(Block(kind, text, section))
            furniture_since_body = True
            continue
        assert line is not None
        if current and last_body is not None:
            interrupted = furniture_since_body and not _ends_sentence(last_body) and text[:1].islower()
            if _breaks(last_body, text, line, width, blanks_meaningful, one_per_line) and not interrupted:
                # a paragraph ends here; furniture met inside it follows it
                close()
        if current and current[-1].endswith("-") and _HYPHEN_END.search(current[-1]):
            current[-1] = _dehyphenate(current[-1], text, vocabulary)
        else:
            current.append(text)
        last_body = text
        furniture_since_body = False
    close()
    blocks = _merge_fragments(blocks, min_words)
    return _with_offsets(blocks)


def _typical_width(lengths: list[int]) -> float:
    if len(lengths) < 3:
        return float(max(lengths, default=80))
    ordered = sorted(lengths)
    return float(ordered[int(0.9 * (len(ordered) - 1))])


def _breaks(previous: str, text: str, line: _Line, width: float, blanks_meaningful: bool,
            one_per_line: bool) -> bool:
    """Whether a new paragraph starts at ``line`` (whose text is ``text``)."""
    if blanks_meaningful and line.blank_before:
        return True
    terminal = _ends_sentence(previous)
    if one_per_line:
        return terminal or len(previous) > 200
    if terminal and len(previous) < 0.8 * width:
        return True
    if line.indent >= 2 and text[:1].isupper() and terminal:
        return True
    return bool(_LIST_ITEM.match(text)) and previous.endswith(".")


def _merge_fragments(blocks: list[Block], min_words: int) -> list[Block]:
    """Merge paragraphs shorter than ``min_words`` into a neighbour in the same section, and
    set aside the paragraphs of bibliography or contents sections."""
    out: list[Block] = []
    carry: str = ""  # a fragment waiting for the next paragraph of its section
    for b in blocks:
        if b.kind == "heading":
            if carry:
                out.append(Block("paragraph", carry, out[-1].section if out else ""))
                carry = ""
            out.append(b)
            continue
        if b.kind != "paragraph":
            out.append(b)
            continue
        if _section_name(b.section) in NON_BODY_SECTIONS:
            out.append(Block("bibliography", b.text, b.section))
            continue
        text = f"{carry} {b.text}" if carry else b.text
        carry = ""
        if len(text.split()) < min_words:
            prev = next((j for j in range(len(out) - 1, -1, -1) if out[j].kind in BODY_KINDS), None)
            if prev is not None and out[prev].kind == "paragraph" and out[prev].section == b.section:
                out[prev] = Block("paragraph", f"{out[prev].text} {text}", b.section)
            else:
                carry = text
            continue
        out.append(Block("paragraph", text, b.section))
    if carry:
        out.append(Block("paragraph", carry, out[-1].section if out else ""))
    return out


def _section_name(section: str) -> str:
    """A heading without its number: ``"BAB V DAFTAR PUSTAKA"`` -> ``"daftar pustaka"``."""
    s = _MD_HEADING.sub(r"\1", section.strip())
    s = re.sub(r"^(?:bab|chapter)\s+[ivxlc\d]+\.?\s*", "", s, flags=re.I)
    s = re.sub(r"^(?:[A-Z]|[IVX]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+", "", s)
    return s.casefold().strip()


def _with_offsets(blocks: list[Block]) -> CleanText:
    parts: list[str] = []
    out: list[Block] = []
    pos = 0
    for b in blocks:
        if b.kind in BODY_KINDS:
            text = _SPACE_RUN.sub(" ", b.text).strip() if "  " in b.text else b.text.strip()
            if parts:
                pos += 2
            out.append(Block(b.kind, text, b.section, pos, pos + len(text)))
            parts.append(text)
            pos += len(text)
        else:
            out.append(b)
    return CleanText("\n\n".join(parts), tuple(out))
