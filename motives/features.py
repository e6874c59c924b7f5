"""What the model sees of a passage: negation-marked words, character n-grams, a lexicon.

Functions and batch scorers over numpy and scipy.sparse, without scikit-learn, so
that classifying with a saved model starts fast. ``motives.model`` trains with
scikit-learn's vectorizers around ``word_ngrams`` and ``char_wb_ngrams``; a test
checks that the batch scorers (``Batch``, ``WordNgrams``, ``CharNgrams``,
``Lexicon``) give exactly the training features. Each can be inspected on its own::

    >>> mark_negation("Tidak terdapat motif budaya, tetapi ekspor kopi meningkat.")
    'tidak terdapat neg_motif neg_budaya , tetapi ekspor kopi meningkat .'

Internal: used by the model; its API may change between versions.
"""
from __future__ import annotations

import re
import unicodedata
from importlib import resources
from itertools import chain

import numpy as np
import scipy.sparse as sp

from .labels import LABELS
from .lang_data import (BACKWARD_NEGATION_CUES, NEGATION_CUES, NEGATION_SCOPE_END, NOT_NEGATION,
                        SENTENCE_NEGATION_CUES)

__all__ = ["mark_negation", "load_lexicon", "tokens", "analyse", "Batch", "Lexicon", "WordNgrams",
           "CharNgrams", "word_ngrams", "char_wb_ngrams", "sublinear_tfidf",
           "lexicon_counts", "lexicon_matches"]

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
    """Lower-cased word and punctuation tokens (hyphenated words and ``doesn't`` stay whole).

    Text is NFC-normalised and typographic apostrophes become ``'``, so that
    "doesn’t" from a PDF is the same token as "doesn't".
    """
    text = unicodedata.normalize("NFC", text).lower()
    for apostrophe in "\u2019\u02bc\u2018":  # str.replace is far faster than str.translate
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return _TOKEN.findall(text)


def _phrases(words: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(w.split()) for w in words), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in index.items()}


_CUES = _phrases(NEGATION_CUES + SENTENCE_NEGATION_CUES + BACKWARD_NEGATION_CUES)
_TO_SENTENCE_END = frozenset(tuple(c.split()) for c in SENTENCE_NEGATION_CUES)
_BACKWARD = frozenset(tuple(c.split()) for c in BACKWARD_NEGATION_CUES)
_SENTENCE_PUNCT = frozenset(".;:!?")
_NOT_NEGATION = _phrases(NOT_NEGATION)
_SCOPE_END = frozenset(NEGATION_SCOPE_END)


def _match(toks: list[str], i: int, phrases: dict) -> tuple[str, ...]:
    """The longest phrase of ``phrases`` that starts at ``toks[i]`` (empty if none)."""
    for phrase in phrases.get(toks[i], ()):
        if len(phrase) == 1 or tuple(toks[i:i + len(phrase)]) == phrase:
            return phrase
    return ()


def _closes(toks: list[str], j: int) -> bool:
    return toks[j] in _SCOPE_END or toks[j] in _SCOPE_PUNCT or (toks[j] == "," and not _list_goes_on(toks, j))


def negation_scopes(toks: list[str]) -> list[bool]:
    """For each token, whether it lies in the scope of a negation cue.

    The scope opens after a cue (``tidak``, ``bukan``, ``tanpa``, ``belum``,
    ``not``, ``no``, ``without``, ``neither``, ``denied`` ...) and closes at
    sentence or bracket punctuation, at a comma unless an enumeration goes on
    after it, at a contrastive or causal conjunction (``tetapi``, ``melainkan``,
    ``karena``, ``but``, ``because`` ...), at another cue or after ``MAX_SCOPE``
    tokens. Cues of evidence ("tidak ditemukan",
    "no sign") cover the rest of the sentence; cues that follow what they deny
    ("barely", "jarang", "played no part") also cover the clause before them.
    "Not only" and "bukan hanya" do not negate.
    """
    inside = [False] * len(toks)
    done = 0  # tokens before this index are settled
    for i in [i for i, tok in enumerate(toks) if tok in _CUES]:  # every phrase opens with a cue word
        if i < done:
            continue
        skip = len(_match(toks, i, _NOT_NEGATION))
        if not skip and toks[i] == "no" and i + 1 < len(toks) and (toks[i + 1][0].isdigit() or toks[i + 1] == "."):
            skip = 1  # "No. 3", "Perda No 3 Tahun 2019": a number, not a negation
        cue = () if skip else _match(toks, i, _CUES)
        if not cue:
            done = i + max(skip, 1)
            continue
        if cue in _BACKWARD:  # back to the start of the clause: a comma ends it unless a list runs to the cue
            k = i - 1
            while k >= 0 and i - k <= MAX_SCOPE and toks[k] not in _SCOPE_PUNCT and toks[k] not in _SCOPE_END \
                    and not (toks[k] == "," and not _LIST_WORDS.intersection(toks[k + 1:i])):
                inside[k] = True
                k -= 1
        to_sentence_end = cue in _TO_SENTENCE_END
        j, words = i + len(cue), 0
        while j < len(toks):
            if to_sentence_end:
                if toks[j] in _SENTENCE_PUNCT or words >= 3 * MAX_SCOPE:
                    break
            elif words >= MAX_SCOPE or _closes(toks, j) or _match(toks, j, _CUES):
                break
            inside[j] = True
            words += 1
            j += 1
        done = j
    return inside


def mark_negation(text: str) -> str:
    """Lower-case ``text`` and prefix ``neg_`` to every word in a negation scope.

    The word n-grams (``word_ngrams``) are cut from this marking, so that
    "budaya" and "neg_budaya" are different features.

    >>> mark_negation("The city is not seeking recognition but investment.")
    'the city is not neg_seeking neg_recognition but investment .'
    >>> mark_negation("Bukan hanya ekonomi, tetapi juga budaya.")
    'bukan hanya ekonomi , tetapi juga budaya .'
    """
    toks, scopes = analyse(text)
    return " ".join(f"neg_{t}" if neg else t for t, neg in zip(toks, scopes))


def analyse(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Tokens of ``text`` and whether each is negated (shared by the word, character and
    lexicon features of a :class:`Batch`)."""
    toks = tokens(text)
    return tuple(toks), tuple(negation_scopes(toks))


class Batch:
    """Passages analysed together: one flat array of token positions.

    ``vocabulary`` holds each distinct token of the batch once; ``ids`` gives,
    for every token position of every passage in order, its index in
    ``vocabulary``; ``negated`` whether that position lies in a negation scope;
    ``doc`` which passage it belongs to. Features are then array operations
    over positions, and per-token work (n-grams, lexicon) is done once per
    distinct token.
    """

    def __init__(self, analysed):
        self.analysed = list(analysed)
        flat = list(chain.from_iterable(toks for toks, _ in self.analysed))
        self.vocabulary = list(dict.fromkeys(flat))
        index = {tok: i for i, tok in enumerate(self.vocabulary)}
        lengths = np.fromiter((len(toks) for toks, _ in self.analysed), dtype=np.int64,
                              count=len(self.analysed))
        self.ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        self.negated = np.fromiter(chain.from_iterable(scopes for _, scopes in self.analysed),
                                   dtype=bool, count=len(flat))
        self.doc = np.repeat(np.arange(len(self.analysed)), lengths)
        self.size = len(self.analysed)
        self.cache: dict = {}  # results computed once per batch (lexicon hits)

    @classmethod
    def of(cls, texts) -> "Batch":
        return cls(analyse(str(text)) for text in texts)

    def counts(self, columns_of_token: sp.csr_matrix, where: np.ndarray | None = None) -> sp.csr_matrix:
        """Per passage, the sum over its token positions (optionally only ``where``) of
        each token's row in ``columns_of_token`` (distinct tokens x columns)."""
        docs, ids = (self.doc, self.ids) if where is None else (self.doc[where], self.ids[where])
        indptr = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(docs, minlength=self.size), out=indptr[1:])
        positions = sp.csr_matrix((np.ones(len(ids)), ids, indptr),
                                  shape=(self.size, len(self.vocabulary)))
        return sp.csr_matrix(positions @ columns_of_token)  # sums repeated tokens


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


class Lexicon:
    """Finds the terms of a lexicon in analysed passages, token by token.

    A term is one or more words; its last word may end in ``*`` (any ending).
    Each occurrence counts once per term; a term of several words counts where
    all its words follow each other in one passage. Occurrences are split into
    those outside any negation scope and those wholly inside one.
    """

    def __init__(self, lexicon: dict[str, tuple[str, ...]]):
        words: dict[tuple[str, bool], int] = {}  # (word, any ending?) -> matcher index
        self._phrases = []  # (label index, term, matcher indices)
        for j, label in enumerate(LABELS):
            for term in lexicon[label]:
                parts = term.rstrip("*").split()
                matchers = [words.setdefault((word, term.endswith("*") and k == len(parts) - 1),
                                             len(words)) for k, word in enumerate(parts)]
                self._phrases.append((j, term, matchers))
        self._words = list(words)
        self._exact = {word: m for (word, prefix), m in words.items() if not prefix}
        self._prefixes = [(word, m) for (word, prefix), m in words.items() if prefix]
        self._starts = tuple(word for word, _ in self._prefixes)
        self._cache: dict[str, tuple[int, ...]] = {}
        # one-word terms are counted by a matrix product: matcher -> terms per label
        self._single = np.zeros((len(self._words), len(LABELS)))
        for j, _, matchers in self._phrases:
            if len(matchers) == 1:
                self._single[matchers[0], j] += 1
        self._longer = [phrase for phrase in self._phrases if len(phrase[2]) > 1]

    def _matchers(self, token: str) -> tuple[int, ...]:
        found = self._cache.get(token)
        if found is None:
            found = tuple(m for word, m in self._prefixes if token.startswith(word)) \
                if token.startswith(self._starts) else ()
            if token in self._exact:
                found += (self._exact[token],)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[token] = found
        return found

    def _matrix(self, batch: Batch) -> np.ndarray:
        """Which word matchers each distinct token of the batch satisfies."""
        key = ("lexicon matrix", id(self))
        if key not in batch.cache:
            found = [(row, m) for row, token in enumerate(batch.vocabulary)
                     for m in self._matchers(token)]
            matrix = np.zeros((len(batch.vocabulary), len(self._words)), dtype=bool)
            if found:
                rows, columns = zip(*found)
                matrix[list(rows), list(columns)] = True
            batch.cache[key] = matrix
        return batch.cache[key]

    def _hits(self, batch: Batch, phrases=None) -> list:
        """Per term: the positions where it starts, and whether all its words are
        outside (``plain``) or all inside (``inside``) a negation scope."""
        return list(self._find(batch, self._phrases if phrases is None else phrases))

    def _find(self, batch: Batch, phrases):
        matrix = self._matrix(batch)
        n = len(batch.ids)
        positions = np.flatnonzero(matrix.any(axis=1)[batch.ids])  # tokens of some term
        first = matrix[batch.ids[positions]]
        for j, term, matchers in phrases:
            starts = positions[first[:, matchers[0]]]
            starts = starts[starts + len(matchers) <= n]
            plain, inside = ~batch.negated[starts], batch.negated[starts]
            for k in range(1, len(matchers)):
                follows = matrix[batch.ids[starts + k], matchers[k]] \
                    & (batch.doc[starts + k] == batch.doc[starts])
                starts, plain, inside = starts[follows], plain[follows], inside[follows]
                plain &= ~batch.negated[starts + k]
                inside &= batch.negated[starts + k]
            yield j, term, starts, plain, inside

    def counts(self, batch: Batch) -> sp.csr_matrix:
        """``log(1 + count)`` of terms per label, outside then inside negation scope."""
        per_token = sp.csr_matrix(self._matrix(batch) @ self._single)
        rows = np.hstack([batch.counts(per_token, ~batch.negated).toarray(),
                          batch.counts(per_token, batch.negated).toarray()])
        for j, _, starts, plain, inside in self._hits(batch, self._longer):
            np.add.at(rows[:, j], batch.doc[starts[plain]], 1)
            np.add.at(rows[:, len(LABELS) + j], batch.doc[starts[inside]], 1)
        return sp.csr_matrix(np.log1p(rows))

    def matches(self, batch: Batch) -> list[dict[str, tuple[str, ...]]]:
        """Per passage and label, the words of the text that matched a term outside
        negation (``investor`` for the term ``invest*``), in text order."""
        found = [{label: [] for label in LABELS} for _ in range(batch.size)]
        for j, term, starts, plain, _ in self._hits(batch):
            span = len(term.split())
            for start in starts[plain]:
                doc = batch.doc[start]
                words = " ".join(batch.vocabulary[i] for i in batch.ids[start:start + span])
                found[doc][LABELS[j]].append((start, -span, words))
        return [{label: tuple(dict.fromkeys(words for *_, words in sorted(hits[label])))
                 for label in LABELS} for hits in found]


def lexicon_counts(texts, lexicon: dict[str, tuple[str, ...]]) -> sp.csr_matrix:
    """``log(1 + count)`` of lexicon terms per label, outside then inside negation scope.

    Six columns: ``lex_<label>`` for each label, then ``lex_neg_<label>``.

    >>> lexicon_counts(["Tidak ada motif budaya; yang dicari investor."], load_lexicon()).toarray()
    array([[0.69314718, 0.        , 0.        , 0.        , 0.69314718, 0.        ]])
    """
    return Lexicon(lexicon).counts(Batch.of(texts))


def lexicon_matches(text: str, lexicon: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The words of ``text`` that match a lexicon term outside negation, per label, in text order.

    >>> lexicon_matches("Bukan budaya, tetapi investasi dan ekspor.", load_lexicon())["economic"]
    ('investasi', 'ekspor')
    """
    return Lexicon(lexicon).matches(Batch.of([text]))[0]


#: Names of the lexicon columns, in order.
LEXICON_COLUMNS = tuple([f"lex_{label}" for label in LABELS] + [f"lex_neg_{label}" for label in LABELS])


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of the negation-marked text (what the word vectorizer counts).

    >>> word_ngrams("Not trade.", (1, 2))
    ['not', 'neg_trade', '.', 'not neg_trade', 'neg_trade .']
    """
    toks, scopes = analyse(text)
    words = [f"neg_{t}" if neg else t for t, neg in zip(toks, scopes)]
    low, high = ngram_range
    grams = list(words) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    return grams


def _word_char_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """n-grams of `` word `` as scikit-learn's ``char_wb`` cuts them (a padded word
    shorter than n counts once, as itself)."""
    low, high = ngram_range
    word = f" {word} "
    size = len(word)
    grams: list[str] = []
    for n in range(low, high + 1):
        grams += [word[i:i + n] for i in range(max(1, size - n + 1))]
        if size <= n:
            break
    return grams


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams of each word token, padded with spaces (punctuation is left out).

    >>> char_wb_ngrams("Ab, c", (2, 3))
    [' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'c ', ' c ']
    """
    return [gram for tok in tokens(text) if _is_word(tok) for gram in _word_char_ngrams(tok, ngram_range)]


def sublinear_tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """``(1 + log count) * idf`` with unit L2 norm per row, as scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True)`` computes it. ``counts`` must hold each
    (row, column) once."""
    matrix = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    matrix.data = (np.log(matrix.data) + 1) * idf[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=matrix.data ** 2, minlength=matrix.shape[0]))
    matrix.data /= norms[rows]
    return matrix


class WordNgrams:
    """Counts of negation-marked word unigrams and bigrams over a :class:`Batch`.

    Unigrams are looked up once per distinct token; a bigram is a pair of
    unigram columns, found by binary search in the sorted pairs of the
    vocabulary (every word of a kept bigram is a kept unigram, since a word
    occurs in at least as many passages as any bigram it is part of).
    """

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int]):
        if tuple(ngram_range) not in ((1, 1), (1, 2)):
            raise ValueError(f"word n-grams {tuple(ngram_range)} are not supported; use (1, 1) or (1, 2)")
        self.vocabulary, self.width = vocabulary, len(vocabulary)
        pairs, columns = [], []
        for term, column in vocabulary.items():
            words = term.split(" ")
            if len(words) == 2:
                pairs.append(vocabulary[words[0]] * self.width + vocabulary[words[1]])
                columns.append(column)
        order = np.argsort(pairs)
        self._pairs = np.asarray(pairs, dtype=np.int64)[order]
        self._pair_columns = np.asarray(columns, dtype=np.int64)[order]

    def __call__(self, batch: Batch) -> sp.csr_matrix:
        get = self.vocabulary.get
        plain = np.array([get(tok, -1) for tok in batch.vocabulary] or [-1], dtype=np.int64)
        negated = np.array([get("neg_" + tok, -1) for tok in batch.vocabulary] or [-1], dtype=np.int64)
        unigrams = np.where(batch.negated, negated[batch.ids], plain[batch.ids])
        rows, cols = [batch.doc[unigrams >= 0]], [unigrams[unigrams >= 0]]
        if len(self._pairs) and len(unigrams) > 1:
            left, right = unigrams[:-1], unigrams[1:]
            ok = (left >= 0) & (right >= 0) & (batch.doc[:-1] == batch.doc[1:])
            keys = left[ok] * self.width + right[ok]
            where = np.minimum(np.searchsorted(self._pairs, keys), len(self._pairs) - 1)
            known = self._pairs[where] == keys
            rows.append(batch.doc[:-1][ok][known])
            cols.append(self._pair_columns[where[known]])
        rows, cols = np.concatenate(rows), np.concatenate(cols)
        return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(batch.size, self.width))


class CharNgrams:
    """Counts of character n-grams of word tokens over a :class:`Batch`.

    A passage's n-grams are the sum of its tokens' n-grams, so each distinct
    token is cut into n-grams once and remembered (up to ``max_words``); a
    batch is then one sparse product, (passages x tokens) @ (tokens x n-grams).
    """

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int],
                 max_words: int = 200_000):
        self.vocabulary, self.ngram_range, self.max_words = vocabulary, tuple(ngram_range), max_words
        self._columns: dict[str, np.ndarray] = {}

    def _token(self, token: str) -> np.ndarray:
        columns = self._columns.get(token)
        if columns is None:
            grams = _word_char_ngrams(token, self.ngram_range) if _is_word(token) else []
            columns = np.fromiter((c for c in map(self.vocabulary.get, grams) if c is not None),
                                  dtype=np.int64)
            if len(self._columns) >= self.max_words:
                self._columns.clear()
            self._columns[token] = columns
        return columns

    def __call__(self, batch: Batch) -> sp.csr_matrix:
        pieces = [self._token(token) for token in batch.vocabulary]
        indptr = np.zeros(len(pieces) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in pieces], out=indptr[1:])
        indices = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        grams = sp.csr_matrix((np.ones(len(indices)), indices, indptr),
                              shape=(len(pieces), len(self.vocabulary)))
        return batch.counts(grams)
