"""Passages from documents: clean, cut long paragraphs at sentence ends, identify language.

Sentence boundaries come from spaCy's blank ``id``/``en`` pipelines with the rule-based
sentencizer; the abbreviations of :mod:`motives.lang_data` are added to their tokenizers as
special cases, so "No.", "hlm.", "Prof. Dr." or a list marker "a." never end a sentence.
Language identification uses py3langid (a maintained fork of langid.py whose model ships
inside the package and runs offline).
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
import os
from dataclasses import asdict, dataclass
from functools import lru_cache

from .clean import clean
from .lang_data import ABBREVIATIONS_EN, ABBREVIATIONS_ID, LIST_MARKERS
from .read import read_document

__all__ = ["Passage", "segment", "detect_language", "sentences"]

_MARKER = re.compile(r"(?:^|(?<=\s))((?:\d{1,2}|[ivx]{1,4})\.)(?=\s)")

#: Languages a passage is tagged with; anything else is "other".
LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Passage:
    """One passage (a paragraph, or part of a long one) of a document.

    Attributes
    ----------
    text : str
        The passage, cleaned: lines joined, hyphenation and footnote marks repaired.
    lang : str
        ``"id"``, ``"en"`` or ``"other"``.
    index : int
        Position of the passage in its document, from 0.
    section : str
        The nearest heading above the passage, or ``""``.
    start, end : int
        Character offsets of ``text`` in the document's cleaned text.
    source : str or None
        The file the passage came from, or None for text passed in directly.

    >>> passage = segment("# Latar Belakang\\n\\nPemprov ingin menarik investor Korea ke kawasan industri.")[0]
    >>> passage.section, passage.lang, passage.index
    ('Latar Belakang', 'id', 0)
    """

    text: str
    lang: str
    index: int
    section: str = ""
    start: int = 0
    end: int = 0
    source: str | None = None

    def to_dict(self) -> dict:
        """The passage as a plain dict (for a DataFrame row or JSON).

        >>> sorted(segment("Pemprov ingin menarik investor Korea ke kawasan industri.")[0].to_dict())
        ['end', 'index', 'lang', 'section', 'source', 'start', 'text']
        """
        return asdict(self)


def _list_markers(doc):
    """Keep a numbered list marker ("1.", "iv.") with its item: no sentence starts right after
    a marker that opens the text, a sentence, or follows ":" or ";"."""
    for m in _MARKER.finditer(doc.text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or span.end >= len(doc):
            continue
        marker = span[0]
        if marker.is_sent_start or (marker.i > 0 and doc[marker.i - 1].text in (":", ";")):
            doc[span.end].is_sent_start = False
    return doc


@lru_cache(maxsize=None)
def _nlp(lang: str):
    """A blank spaCy pipeline with the sentencizer and our abbreviations (built once)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("motives_list_markers"):
        Language.component("motives_list_markers", func=_list_markers)
    nlp = spacy.blank("id" if lang == "id" else "en")
    nlp.max_length = 10**8  # only the tokenizer and sentencizer run: no parser memory limit
    for abbreviation in (ABBREVIATIONS_ID if lang == "id" else ABBREVIATIONS_EN) + LIST_MARKERS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("motives_list_markers")
    return nlp


def sentences(text: str, lang: str = "id") -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    Examples
    --------
    >>> text = "Lihat UU No. 23 Tahun 2014, hlm. 5. Kerja sama dimulai."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Lihat UU No. 23 Tahun 2014, hlm. 5.', 'Kerja sama dimulai.']
    """
    import numpy
    from spacy.attrs import IDX, LENGTH, SENT_START

    doc = _nlp(lang)(text)
    if not len(doc):
        return []
    # read the boundaries as arrays: iterating doc.sents builds a Python object per token
    table = doc.to_array([SENT_START, IDX, LENGTH])
    starts = [int(i) for i in numpy.flatnonzero(table[:, 0] == 1)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    return [(int(table[a, 1]), int(table[b - 1, 1] + table[b - 1, 2])) for a, b in zip(starts, ends)]


@lru_cache(maxsize=None)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """``"id"``, ``"en"`` or ``"other"`` for a passage of text.

    Malay is reported as Indonesian: the two are one language for this library's purposes
    and short Indonesian passages are often scored as Malay.

    Examples
    --------
    >>> detect_language("Kerja sama sister province ini ditandatangani dalam letter of intent.")
    'id'
    >>> detect_language("The governor signed the memorandum in Seoul.")
    'en'
    """
    if not any(c.isalpha() for c in text):
        return "other"
    code, _ = _identifier().classify(text[:200])  # the opening words decide (as accurate as 2,000 characters on the dev passages, far faster)
    code = "id" if code == "ms" else code
    return code if code in LANGUAGES else "other"


def segment(source: str | os.PathLike | bytes, *, lang: str | None = None, max_words: int = 200,
            min_words: int = 6) -> list[Passage]:
    """Cut a document into passages, each tagged with its language and section.

    Parameters
    ----------
    source : str, path or bytes
        The text itself, or a path to a .txt, .md or .pdf file.
    lang : {"id", "en", "other"}, optional
        Force every passage's language instead of detecting it.
    max_words : int, default 200
        Paragraphs longer than this are split at sentence boundaries into passages of at
        most about this many words (a single longer sentence stays whole).
    min_words : int, default 6
        Shorter paragraphs are fragments, merged with a neighbour.

    Returns
    -------
    list of Passage
        Empty for a document without body text.

    Raises
    ------
    motives.errors.InputError
        A missing, unreadable, binary or encrypted file, naming the file.

    Examples
    --------
    >>> text = "# Latar Belakang\\n\\nProvinsi ini menjalin kerja sama demi investasi.<sup>1</sup>\\n"
    >>> [(p.section, p.text, p.lang) for p in segment(text)]
    [('Latar Belakang', 'Provinsi ini menjalin kerja sama demi investasi.', 'id')]
    """
    if lang is not None and lang not in (*LANGUAGES, "other"):
        raise ValueError(f"lang must be one of 'id', 'en', 'other' or None, got {lang!r}")
    if max_words < 1:
        raise ValueError(f"max_words must be at least 1, got {max_words}")
    document = read_document(source)
    cleaned = clean(document.text, min_words=min_words)
    passages: list[Passage] = []
    for block in cleaned.paragraphs:
        block_lang = lang or detect_language(block.text)
        for start, end in _chunks(block.text, block_lang, max_words):
            text = block.text[start:end]
            passages.append(Passage(text, block_lang, len(passages), block.section,
                                    block.start + start, block.start + end, document.name))
    return passages


def _chunks(text: str, lang: str, max_words: int) -> list[tuple[int, int]]:
    """Spans of ``text`` of at most ``max_words`` words, cut at sentence ends and balanced in
    length; a single sentence longer than ``max_words`` stays whole."""
    total = len(text.split())
    if total <= max_words:
        return [(0, len(text))]
    spans = sentences(text, lang)
    if len(spans) < 2:
        return [(0, len(text))]
    ends = list(itertools.accumulate(len(text[a:b].split()) for a, b in spans))
    for n in range(math.ceil(total / max_words), len(spans) + 1):
        # cut after the sentence whose running word count is nearest each k/n of the total
        cuts = set()
        for k in range(1, n):
            goal = k * total / n
            i = min(bisect.bisect_left(ends, goal), len(spans) - 2)
            cuts.add(i - 1 if i > 0 and goal - ends[i - 1] < ends[i] - goal else i)
        bounds = [-1, *sorted(cuts), len(spans) - 1]
        if all(ends[b] - (ends[a] if a >= 0 else 0) <= max_words or b - a == 1
               for a, b in zip(bounds, bounds[1:])):
            return [(spans[a + 1][0], spans[b][1]) for a, b in zip(bounds, bounds[1:])]
    # no balanced cut fits (very uneven sentences): pack sentences greedily
    chunks: list[tuple[int, int]] = []
    start, words = spans[0][0], 0
    for i, (a, b) in enumerate(spans):
        n = ends[i] - (ends[i - 1] if i else 0)
        if words and words + n > max_words:
            chunks.append((start, spans[i - 1][1]))
            start, words = a, 0
        words += n
    chunks.append((start, spans[-1][1]))
    return chunks
