"""What the model sees of a passage: negation-marked words, character n-grams, a lexicon.

Plain functions over numpy and scipy.sparse, without scikit-learn, so that
classifying with a saved model starts fast. ``motives.model`` wraps them for
training; a test checks that they give exactly what scikit-learn's vectorizers
give. Each can be inspected on its own::

    >>> mark_negation("Tidak terdapat motif budaya, tetapi ekspor kopi meningkat.")
    'tidak terdapat neg_motif neg_budaya , tetapi ekspor kopi meningkat .'
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import numpy as np
import scipy.sparse as sp

from .labels import LABELS
from .lang_data import NEGATION_CUES, NEGATION_SCOPE_END, NOT_NEGATION

__all__ = ["mark_negation", "load_lexicon", "tokens", "word_ngrams", "char_wb_ngrams",
           "tfidf_matrix", "lexicon_counts", "lexicon_matches"]

_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
#: Punctuation that closes a negation scope. A comma closes it too, unless an enumeration
#: goes on after it ("tidak ada investasi, ekspor, maupun pariwisata").
_SCOPE_PUNCT = frozenset(".;:!?()[]\"“”")
_LIST_WORDS = frozenset({",", "dan", "atau", "maupun", "serta", "and", "or", "nor"})


def _list_goes_on(toks: list[str], comma: int) -> bool:
    for tok in toks[comma + 1:comma + 5]:
        if tok in _LIST_WORDS:
            return True
        if tok in _SCOPE_PUNCT or tok in _SCOPE_END:
            return False
    return False
#: Longest negation scope, in words, when no punctuation or conjunction closes it.
MAX_SCOPE = 12


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens (hyphenated words stay whole)."""
    return _TOKEN.findall(text.lower())


def _phrases(words: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(w.split()) for w in words), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in index.items()}


_CUES = _phrases(NEGATION_CUES)
_NOT_NEGATION = _phrases(NOT_NEGATION)
_SCOPE_END = frozenset(NEGATION_SCOPE_END)


def _match(toks: list[str], i: int, phrases: dict) -> int:
    for phrase in phrases.get(toks[i], ()):
        if len(phrase) == 1 or tuple(toks[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def negation_scopes(toks: list[str]) -> list[bool]:
    """For each token, whether it lies in the scope of a negation cue.

    The scope opens after a cue (``tidak``, ``bukan``, ``tanpa``, ``belum``,
    ``not``, ``no``, ``without``, ``neither`` ...) and closes at punctuation other
    than a comma, at
    a contrastive or causal conjunction (``tetapi``, ``melainkan``, ``karena``,
    ``but``, ``because`` ...) or after ``MAX_SCOPE`` words. "Not only" and
    "bukan hanya" do not negate.
    """
    inside = [False] * len(toks)
    i = 0
    while i < len(toks):
        skip = _match(toks, i, _NOT_NEGATION)
        if skip:
            i += skip
            continue
        cue = _match(toks, i, _CUES)
        if not cue:
            i += 1
            continue
        j, words = i + cue, 0
        while j < len(toks) and words < MAX_SCOPE:
            if toks[j] in _SCOPE_END or toks[j] in _SCOPE_PUNCT or _match(toks, j, _CUES) \
                    or (toks[j] == "," and not _list_goes_on(toks, j)):
                break
            inside[j] = True
            words += 1
            j += 1
        i = j
    return inside


def mark_negation(text: str) -> str:
    """Lower-case ``text`` and prefix ``neg_`` to every word in a negation scope.

    Used as the preprocessor of the word n-gram vectorizer, so that
    "budaya" and "neg_budaya" are different features.

    >>> mark_negation("The city is not seeking recognition but investment.")
    'the city is not neg_seeking neg_recognition but investment .'
    >>> mark_negation("Bukan hanya ekonomi, tetapi juga budaya.")
    'bukan hanya ekonomi , tetapi juga budaya .'
    """
    toks, scopes = analyse(text)
    return " ".join(f"neg_{t}" if neg else t for t, neg in zip(toks, scopes))


def analyse(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Tokens of ``text`` and whether each is negated (computed once per passage and
    shared by the word and the lexicon features)."""
    toks = tokens(text)
    return tuple(toks), tuple(negation_scopes(toks))


def load_lexicon() -> dict[str, tuple[str, ...]]:
    """The Keating lexicon that ships with the package: per label, a tuple of terms.

    Terms live in ``motives/lexicon/<label>.txt``, one per line, Indonesian and
    English together; ``#`` starts a comment; a trailing ``*`` matches any
    ending (``invest*`` matches investasi, investor, investment).
    """
    lexicon = {}
    for label in LABELS:
        text = resources.files("motives.lexicon").joinpath(f"{label}.txt").read_text("utf-8")
        terms = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
        lexicon[label] = tuple(term for term in terms if term)
    return lexicon


@lru_cache(maxsize=8)
def _compile(terms: tuple[str, ...]) -> re.Pattern:
    """One alternation for all terms of a label, longest first, matched on token text."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in term.rstrip("*").split())
        parts.append(body + (r"\w*" if term.endswith("*") else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


def lexicon_counts(texts, lexicon: dict[str, tuple[str, ...]]) -> sp.csr_matrix:
    """``log(1 + count)`` of lexicon terms per label, outside then inside negation scope.

    Six columns: ``lex_<label>`` for each label, then ``lex_neg_<label>``.

    >>> lexicon_counts(["Tidak ada motif budaya; yang dicari investor."], load_lexicon()).toarray()
    array([[0.69314718, 0.        , 0.        , 0.        , 0.69314718, 0.        ]])
    """
    return _lexicon_counts([analyse(str(text)) for text in texts], lexicon)


def _lexicon_counts(analysed, lexicon) -> sp.csr_matrix:
    patterns = [_compile(tuple(lexicon[label])) for label in LABELS]
    rows = np.zeros((len(analysed), 2 * len(LABELS)))
    for r, (toks, scopes) in enumerate(analysed):
        plain = " ".join(t if not neg else "|" for t, neg in zip(toks, scopes))
        negated = " ".join(t if neg else "|" for t, neg in zip(toks, scopes))
        for c, pattern in enumerate(patterns):
            rows[r, c] = len(pattern.findall(plain))
            rows[r, len(LABELS) + c] = len(pattern.findall(negated))
    return sp.csr_matrix(np.log1p(rows))


def lexicon_matches(text: str, lexicon: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The lexicon terms found in ``text`` outside negation, per label, in text order.

    >>> lexicon_matches("Bukan budaya, tetapi investasi dan ekspor.", load_lexicon())["economic"]
    ('investasi', 'ekspor')
    """
    toks, scopes = analyse(str(text))
    plain = " ".join(t if not neg else "|" for t, neg in zip(toks, scopes))
    return {label: tuple(dict.fromkeys(m.group(0) for m in
                                       _compile(tuple(lexicon[label])).finditer(plain)))
            for label in LABELS}


#: Names of the lexicon columns, in order.
LEXICON_COLUMNS = tuple([f"lex_{label}" for label in LABELS] + [f"lex_neg_{label}" for label in LABELS])

_SPACES = re.compile(r"\s\s+")


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of the negation-marked text (what the word vectorizer counts).

    >>> word_ngrams("Not trade.", (1, 2))
    ['not', 'neg_trade', '.', 'not neg_trade', 'neg_trade .']
    """
    return _word_ngrams(analyse(text), ngram_range)


def _word_ngrams(analysed, ngram_range: tuple[int, int]) -> list[str]:
    toks, scopes = analysed
    words = [f"neg_{t}" if neg else t for t, neg in zip(toks, scopes)]
    low, high = ngram_range
    grams = list(words) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    return grams


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with spaces.

    >>> char_wb_ngrams("Ab", (2, 3))
    [' a', 'ab', 'b ', ' ab', 'ab ']
    """
    low, high = ngram_range
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        word = f" {word} "
        size = len(word)
        if size > high:  # the common case: every n fits
            grams += [word[i:i + n] for n in range(low, high + 1) for i in range(size - n + 1)]
            continue
        for n in range(low, high + 1):
            grams += [word[i:i + n] for i in range(max(1, size - n + 1))]
            if size <= n:
                break
    return grams


def tfidf_matrix(documents: list[list[str]], vocabulary: dict[str, int],
                 idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF-IDF rows with unit L2 norm, for n-grams already extracted."""
    indptr, indices, values = [0], [], []
    for grams in documents:
        for gram, count in Counter(grams).items():
            column = vocabulary.get(gram)
            if column is not None:
                indices.append(column)
                values.append(count)
        indptr.append(len(indices))
    matrix = sp.csr_matrix((np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                            np.asarray(indptr, dtype=np.int64)), shape=(len(documents), len(idf)))
    matrix.data = (np.log(matrix.data) + 1) * idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)
