"""What the model sees of a passage: negation-marked words, character n-grams, a lexicon.

All pieces are scikit-learn transformers or plain functions, so they compose in a
``Pipeline`` and can be inspected on their own::

    >>> mark_negation("Tidak terdapat motif budaya, tetapi ekspor kopi meningkat.")
    'tidak terdapat neg_motif neg_budaya , tetapi ekspor kopi meningkat .'
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from .labels import LABELS
from .lang_data import NEGATION_CUES, NEGATION_SCOPE_END, NOT_NEGATION

__all__ = ["mark_negation", "LexiconFeatures", "load_lexicon", "tokens"]

_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")
_PUNCT = re.compile(r"[^\w\s]")
#: Longest negation scope, in words, when no punctuation or conjunction closes it.
MAX_SCOPE = 8


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens (hyphenated words stay whole)."""
    return _TOKEN.findall(text.lower())


def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(w.split()) for w in words), key=len, reverse=True))


_CUES = _phrases(NEGATION_CUES)
_NOT_NEGATION = _phrases(NOT_NEGATION)
_SCOPE_END = frozenset(NEGATION_SCOPE_END)


def _match(toks: list[str], i: int, phrases) -> int:
    for phrase in phrases:
        if tuple(toks[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def negation_scopes(toks: list[str]) -> list[bool]:
    """For each token, whether it lies in the scope of a negation cue.

    The scope opens after a cue (``tidak``, ``bukan``, ``tanpa``, ``belum``,
    ``not``, ``no``, ``without``, ``neither`` ...) and closes at punctuation, at
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
            if toks[j] in _SCOPE_END or _PUNCT.fullmatch(toks[j]) or _match(toks, j, _CUES):
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
    toks = tokens(text)
    return " ".join(f"neg_{t}" if neg else t for t, neg in zip(toks, negation_scopes(toks)))


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


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Counts of Keating-lexicon terms per label, inside and outside negation scope.

    Six columns: ``lex_<label>`` (terms outside any negation) and
    ``lex_neg_<label>`` (terms inside a negation scope) for each label, as
    ``log(1 + count)``.

    Parameters
    ----------
    lexicon : dict, optional
        Label -> sequence of terms (syntax of ``load_lexicon``). Default: the
        package's lexicon, copied into ``lexicon_`` at ``fit`` so that a saved
        model keeps the terms it was trained with.

    >>> LexiconFeatures().fit([]).transform(["Tidak ada motif budaya; yang dicari investor."]).toarray()
    array([[0.69314718, 0.        , 0.        , 0.        , 0.69314718, 0.        ]])
    """

    def __init__(self, lexicon: dict | None = None):
        self.lexicon = lexicon

    def fit(self, X, y=None):
        lexicon = self.lexicon if self.lexicon is not None else load_lexicon()
        self.lexicon_ = {label: tuple(lexicon.get(label, ())) for label in LABELS}
        return self

    def transform(self, X):
        patterns = [_compile(self.lexicon_[label]) for label in LABELS]
        rows = np.zeros((len(X), 2 * len(LABELS)))
        for r, text in enumerate(X):
            toks = tokens(str(text))
            scopes = negation_scopes(toks)
            plain = " ".join(t if not neg else "|" for t, neg in zip(toks, scopes))
            negated = " ".join(t if neg else "|" for t, neg in zip(toks, scopes))
            for c, pattern in enumerate(patterns):
                rows[r, c] = len(pattern.findall(plain))
                rows[r, len(LABELS) + c] = len(pattern.findall(negated))
        return sp.csr_matrix(np.log1p(rows))

    def matches(self, text: str) -> dict[str, tuple[str, ...]]:
        """The lexicon terms found in ``text`` outside negation, per label, in text order.

        >>> LexiconFeatures().fit([]).matches("Bukan budaya, tetapi investasi dan ekspor.")["economic"]
        ('investasi', 'ekspor')
        """
        toks = tokens(str(text))
        plain = " ".join(t if not neg else "|" for t, neg in zip(toks, negation_scopes(toks)))
        found = {}
        for label in LABELS:
            terms = dict.fromkeys(m.group(0) for m in _compile(self.lexicon_[label]).finditer(plain))
            found[label] = tuple(terms)
        return found

    def get_feature_names_out(self, input_features=None):
        return np.array([f"lex_{label}" for label in LABELS]
                        + [f"lex_neg_{label}" for label in LABELS], dtype=object)
