"""The motive classifier: a scikit-learn estimator, and its safe file format.

``MotiveClassifier`` learns one linear decision per label over three feature
sets (negation-marked word n-grams, hashed character n-grams, the Keating
lexicon), calibrates each decision into a probability and picks each label's
threshold from out-of-fold predictions on the training data.

A fitted model is saved as a folder with ``model.json`` (parameters,
vocabulary, lexicon, thresholds, calibration) and ``weights.npz`` (numeric
arrays only). Loading reads JSON and arrays with ``allow_pickle=False``: it can
never execute code from the files.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from .errors import MotivesError
from .features import LexiconFeatures, mark_negation
from .labels import LABELS, parse_labels

__all__ = ["MotiveClassifier", "save_model", "load_model", "FORMAT"]

#: Name and version of the saved-model format.
FORMAT = "motives-linear/1"
_CHAR_FEATURES = 2 ** 18
_WORD_PATTERN = r"\S+"


def _texts(X) -> list[str]:
    if isinstance(X, str):
        raise TypeError("X must be a sequence of texts, not a single string; wrap it in a list")
    texts = list(X)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is {type(text).__name__}, not str")
    return texts


def _indicator(y, n: int) -> np.ndarray:
    """Accept an indicator matrix over LABELS, or one label cell/tuple per text."""
    array = np.asarray(y, dtype=object)
    if array.ndim == 2 and array.shape[1] == len(LABELS):
        matrix = np.asarray(y, dtype=int)
    else:
        matrix = np.array([[label in parse_labels(cell) for label in LABELS] for cell in y],
                          dtype=int)
    if matrix.shape[0] != n:
        raise ValueError(f"X has {n} texts but y has {matrix.shape[0]} rows")
    if not np.isin(matrix, (0, 1)).all():
        raise ValueError("y must be 0/1")
    return matrix


def _best_threshold(probabilities: np.ndarray, truth: np.ndarray) -> float:
    """The probability cut that maximises F1 on out-of-fold predictions."""
    order = np.argsort(-probabilities)
    hits = np.cumsum(truth[order])
    predicted = np.arange(1, len(order) + 1)
    f1 = 2 * hits / (predicted + truth.sum())
    best = int(np.argmax(f1))
    upper = probabilities[order[best]]
    lower = probabilities[order[best + 1]] if best + 1 < len(order) else 0.0
    return float((upper + lower) / 2)


class MotiveClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label classifier of Keating's motives for passages of text.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each label's logistic regression.
    word_ngrams, char_ngrams : tuple of int
        n-gram ranges of the word features (negation-marked) and of the
        character features (within word boundaries, hashed).
    min_df : int
        Minimum number of training passages a word n-gram must occur in.
    lexicon : bool
        Add the Keating lexicon counts (inside and outside negation).
    lexicon_weight : float
        Scale of the lexicon columns relative to the TF-IDF blocks.
    class_weight : {"balanced", None}
        Passed to each logistic regression.
    cv : int
        Folds used to calibrate probabilities and choose thresholds.
    random_state : int
        Seed of the folds.

    Attributes
    ----------
    classes_ : ndarray of str
        ``LABELS``, the column order of every output.
    thresholds_ : ndarray of shape (3,)
        Probability above which each label is predicted.
    calibration_ : ndarray of shape (3, 2)
        Slope and intercept mapping each decision value to a probability.
    coef_, intercept_ : ndarray
        The linear decision per label over the stacked features.

    Examples
    --------
    >>> texts = ["Provinsi ingin menarik investor Korea.", "Festival tari memperkenalkan budaya Aceh.",
    ...          "The region seeks recognition abroad.", "Rapat dimulai pukul 09.00."] * 5
    >>> labels = ["economic", "cultural", "political", ""] * 5
    >>> model = MotiveClassifier(cv=2, min_df=1).fit(texts, labels)
    >>> model.predict(["Investor Korea datang ke provinsi."]).tolist()
    [[1, 0, 0]]
    """

    def __init__(self, C: float = 4.0, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] = (2, 5), min_df: int = 2, lexicon: bool = True,
                 lexicon_weight: float = 1.0, class_weight: str | None = "balanced", cv: int = 5,
                 random_state: int = 0):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.lexicon = lexicon
        self.lexicon_weight = lexicon_weight
        self.class_weight = class_weight
        self.cv = cv
        self.random_state = random_state

    # -- features -----------------------------------------------------------------
    def _word_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(preprocessor=mark_negation, token_pattern=_WORD_PATTERN,
                               ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                               sublinear_tf=True, dtype=np.float32)

    def _char_hasher(self) -> HashingVectorizer:
        return HashingVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                 n_features=_CHAR_FEATURES, alternate_sign=False, norm=None,
                                 lowercase=True, dtype=np.float32)

    def _features(self, texts: list[str]) -> sp.csr_matrix:
        blocks = [self.words_.transform(texts),
                  self.chars_.transform(self._char_hasher().transform(texts))]
        if self.lexicon:
            blocks.append(self.lexicon_.transform(texts) * self.lexicon_weight)
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def _fit_features(self, texts: list[str]) -> sp.csr_matrix:
        self.words_ = self._word_vectorizer().fit(texts)
        self.chars_ = TfidfTransformer(sublinear_tf=True).fit(self._char_hasher().transform(texts))
        self.lexicon_ = LexiconFeatures().fit(texts)
        return self._features(texts)

    # -- learning -----------------------------------------------------------------
    def _regression(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                  solver="liblinear")

    def fit(self, X, y):
        """Learn features, weights, calibration and thresholds from coded passages.

        ``y`` is an indicator matrix over ``LABELS`` or one label cell per text
        (``"economic;cultural"``, ``("political",)``, ``""``).
        """
        texts = _texts(X)
        Y = _indicator(y, len(texts))
        for j, label in enumerate(LABELS):
            if len(set(Y[:, j])) < 2:
                raise ValueError(f"the training data need passages with and without {label}")
        features = self._fit_features(texts)
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        self.coef_ = np.zeros((len(LABELS), features.shape[1]), dtype=np.float32)
        self.intercept_ = np.zeros(len(LABELS))
        self.calibration_ = np.zeros((len(LABELS), 2))
        self.thresholds_ = np.zeros(len(LABELS))
        for j in range(len(LABELS)):
            truth = Y[:, j]
            scores = np.zeros(len(texts))
            for train, test in folds.split(features, truth):
                scores[test] = self._regression().fit(features[train], truth[train]) \
                    .decision_function(features[test])
            platt = LogisticRegression(C=1e4).fit(scores.reshape(-1, 1), truth)
            self.calibration_[j] = platt.coef_[0, 0], platt.intercept_[0]
            self.thresholds_[j] = _best_threshold(platt.predict_proba(scores.reshape(-1, 1))[:, 1],
                                                  truth)
            final = self._regression().fit(features, truth)
            self.coef_[j], self.intercept_[j] = final.coef_[0], final.intercept_[0]
        self.classes_ = np.array(LABELS)
        self.n_features_in_ = 1
        return self

    # -- prediction ---------------------------------------------------------------
    def decision_function(self, X) -> np.ndarray:
        """Raw linear scores, shape (n_texts, 3)."""
        check_is_fitted(self, "coef_")
        return np.asarray(self._features(_texts(X)) @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each label, shape (n_texts, 3)."""
        scores = self.decision_function(X)
        slope, intercept = self.calibration_[:, 0], self.calibration_[:, 1]
        return 1 / (1 + np.exp(-(scores * slope + intercept)))

    def predict(self, X) -> np.ndarray:
        """Indicator matrix over ``LABELS``: probability at or above each threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def evidence(self, X, top: int = 3) -> list[dict[str, tuple[str, ...]]]:
        """Per text and label, the words of the text that raised the label's score most.

        Lexicon terms found in the text come first (when the model uses the
        lexicon and gives it a positive weight), then the word n-grams with the
        largest positive contribution. Words inside a negation scope are never
        given as evidence for a label.
        """
        check_is_fitted(self, "coef_")
        texts = _texts(X)
        words = self.words_.transform(texts).tocsr()
        names = self.words_.get_feature_names_out()
        width = words.shape[1]
        result = []
        for row in range(words.shape[0]):
            start, end = words.indptr[row], words.indptr[row + 1]
            columns, values = words.indices[start:end], words.data[start:end]
            per_label = {}
            lexical = self.lexicon_.matches(texts[row]) if self.lexicon else {}
            for j, label in enumerate(LABELS):
                contribution = values * self.coef_[j, :width][columns]
                order = np.argsort(-contribution)
                chosen = [names[columns[k]] for k in order
                          if contribution[k] > 0 and "neg_" not in names[columns[k]]]
                lexicon_helps = self.lexicon and self.coef_[j, j - 2 * len(LABELS)] > 0
                if lexicon_helps:
                    chosen = list(lexical.get(label, ())) + chosen
                per_label[label] = _distinct(chosen, top)
            result.append(per_label)
        return result


def _distinct(phrases: list[str], top: int) -> tuple[str, ...]:
    """The first ``top`` phrases that are made of words and share no word with an earlier one."""
    kept, seen = [], set()
    for phrase in phrases:
        words = phrase.split()
        if not all(any(ch.isalnum() for ch in word) for word in words) or seen & set(words):
            continue
        kept.append(phrase)
        seen.update(words)
        if len(kept) == top:
            break
    return tuple(kept)


# -- safe persistence -------------------------------------------------------------
def save_model(model: MotiveClassifier, path: str | os.PathLike, *, card: dict | None = None) -> Path:
    """Save a fitted model as a folder of JSON and numeric arrays (no pickle).

    The folder is written next to its final place and renamed into it, so a
    crash never leaves half a model behind.
    """
    check_is_fitted(model, "coef_")
    path = Path(path)
    meta = {
        "format": FORMAT,
        "labels": list(LABELS),
        "params": {key: (list(value) if isinstance(value, tuple) else value)
                   for key, value in model.get_params().items()},
        "vocabulary": sorted(model.words_.vocabulary_, key=model.words_.vocabulary_.get),
        "lexicon": {label: list(terms) for label, terms in model.lexicon_.lexicon_.items()},
        "thresholds": model.thresholds_.tolist(),
        "calibration": model.calibration_.tolist(),
        "intercept": model.intercept_.tolist(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    (staging / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    np.savez_compressed(staging / "weights.npz", coef=model.coef_.astype(np.float32),
                        word_idf=model.words_.idf_.astype(np.float32),
                        char_idf=model.chars_.idf_.astype(np.float32))
    if card is not None:
        (staging / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    if path.exists():
        backup = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
        os.replace(path, backup / path.name)
        os.replace(staging, path)
        for child in (backup / path.name).iterdir():
            child.unlink()
        (backup / path.name).rmdir()
        backup.rmdir()
    else:
        os.replace(staging, path)
    return path


def load_model(path: str | os.PathLike) -> MotiveClassifier:
    """Load a model saved by :func:`save_model`.

    Only JSON and plain numeric arrays are read (``numpy.load`` with
    ``allow_pickle=False``), so a crafted file cannot run code; anything else
    is refused with :class:`MotivesError`.
    """
    path = Path(path)
    meta_file, weights_file = path / "model.json", path / "weights.npz"
    if not meta_file.is_file() or not weights_file.is_file():
        raise MotivesError(f"{path}: not a motives model folder (needs model.json and weights.npz)")
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        with np.load(weights_file, allow_pickle=False) as weights:
            arrays = {name: weights[name] for name in ("coef", "word_idf", "char_idf")}
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as error:
        raise MotivesError(f"{path}: not a readable motives model ({error})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise MotivesError(f"{path}: unknown model format {meta.get('format') if isinstance(meta, dict) else None!r}, expected {FORMAT!r}")
    if meta.get("labels") != list(LABELS):
        raise MotivesError(f"{path}: the model's labels {meta.get('labels')} are not {list(LABELS)}")
    for name, array in arrays.items():
        if array.dtype.kind != "f":
            raise MotivesError(f"{path}: weights.npz[{name}] is {array.dtype}, expected floats")
    vocabulary = meta.get("vocabulary", [])
    if len(vocabulary) != len(arrays["word_idf"]) or len(arrays["char_idf"]) != _CHAR_FEATURES:
        raise MotivesError(f"{path}: weights of {len(arrays['word_idf'])} words do not fit "
                           f"a vocabulary of {len(vocabulary)}")
    params = {key: (tuple(value) if isinstance(value, list) else value)
              for key, value in meta["params"].items()}
    model = MotiveClassifier(**params)
    model.words_ = model._word_vectorizer()
    model.words_.vocabulary_ = {term: i for i, term in enumerate(vocabulary)}
    model.words_.idf_ = arrays["word_idf"].astype(np.float64)
    model.chars_ = TfidfTransformer(sublinear_tf=True)
    model.chars_.idf_ = arrays["char_idf"].astype(np.float64)
    model.lexicon_ = LexiconFeatures().fit([])
    model.lexicon_.lexicon_ = {label: tuple(meta["lexicon"][label]) for label in LABELS}
    model.coef_ = arrays["coef"]
    expected = len(vocabulary) + _CHAR_FEATURES + (6 if model.lexicon else 0)
    if model.coef_.shape != (len(LABELS), expected):
        raise MotivesError(f"{path}: weights of shape {model.coef_.shape} do not fit the model")
    model.intercept_ = np.asarray(meta["intercept"], dtype=float)
    model.thresholds_ = np.asarray(meta["thresholds"], dtype=float)
    model.calibration_ = np.asarray(meta["calibration"], dtype=float)
    model.classes_ = np.array(LABELS)
    model.n_features_in_ = 1
    return model
