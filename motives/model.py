"""The motive classifier as a scikit-learn estimator, and its safe file format.

``MotiveClassifier`` learns one linear decision per label over three feature
sets (negation-marked word n-grams, character n-grams within word boundaries,
the Keating lexicon), calibrates each decision into a probability and picks
each label's threshold from out-of-fold predictions on the training data.

scikit-learn does the learning; the fitted model is a :class:`LinearMotives`
(``model.linear_``), plain arrays that score without scikit-learn and save as
JSON plus numeric arrays (see ``motives.linear``): loading never runs code.
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from .errors import MotivesError
from .features import char_wb_ngrams, lexicon_counts, load_lexicon, word_ngrams
from .labels import LABELS, label_matrix
from .linear import FORMAT, LinearMotives, _texts

__all__ = ["MotiveClassifier", "save_model", "load_model", "model_card", "card_markdown", "FORMAT"]


def _indicator(y, n: int) -> np.ndarray:
    matrix = label_matrix(y)
    if matrix.shape[0] != n:
        raise ValueError(f"X has {n} texts but y has {matrix.shape[0]} rows")
    return matrix


def _best_threshold(probabilities: np.ndarray, truth: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The probability cut that maximises (weighted) F1 on out-of-fold predictions."""
    weights = np.ones(len(truth)) if weights is None else weights
    order = np.argsort(-probabilities)
    hits = np.cumsum((weights * truth)[order])
    predicted = np.cumsum(weights[order])
    f1 = 2 * hits / (predicted + (weights * truth).sum())
    best = int(np.argmax(f1))
    upper = probabilities[order[best]]
    lower = probabilities[order[best + 1]] if best + 1 < len(order) else 0.0
    return float((upper + lower) / 2)


class MotiveClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label classifier of Keating's motives for passages of text.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of each label's logistic regression. The
        defaults of ``C`` and ``char_ngrams`` were chosen by cross-validation on the
        corpus train split (``benchmarks/select_params.py``).
    word_ngrams, char_ngrams : tuple of int
        n-gram ranges of the word features (negation-marked) and of the
        character features (within word boundaries).
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

    def __init__(self, C: float = 32.0, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] = (3, 5), min_df: int = 2, lexicon: bool = True,
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
    def _vectorizer(self, analyzer) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer=analyzer, min_df=self.min_df, sublinear_tf=True)

    def _feature_space(self, texts: list[str]):
        """Fit the vectorizers on ``texts``: their feature rows, and a function that
        gives the rows of other texts in the same space."""
        words = self._vectorizer(partial(word_ngrams, ngram_range=tuple(self.word_ngrams)))
        chars = self._vectorizer(partial(char_wb_ngrams, ngram_range=tuple(self.char_ngrams)))
        lexicon = load_lexicon()

        def rows(blocks, some_texts):
            if self.lexicon:
                blocks.append(lexicon_counts(some_texts, lexicon) * self.lexicon_weight)
            return sp.hstack(blocks, format="csr")

        fitted = rows([words.fit_transform(texts), chars.fit_transform(texts)], texts)
        return fitted, (lambda other: rows([words.transform(other), chars.transform(other)], other)), \
            (words, chars, lexicon)

    # -- learning -----------------------------------------------------------------
    def _regression(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                  solver="liblinear", random_state=self.random_state)

    def fit(self, X, y, sample_weight=None):
        """Learn features, weights, calibration and thresholds from coded passages.

        ``y`` is an indicator matrix over ``LABELS`` or one label cell per text
        (``"economic;cultural"``, ``("political",)``, ``""``). ``sample_weight``
        (one non-negative number per text) makes some passages count more, e.g. a
        newly coded thesis beside the project's corpus; it weighs the regressions,
        the calibration and the choice of thresholds alike. Only the ratios count: the
        weights are scaled to a mean of 1, so that they do not change the regularisation.

        >>> model = MotiveClassifier(cv=2, min_df=1).fit(
        ...     ["Investor Korea datang.", "Festival tari Aceh.", "Kota ingin diakui dunia.", "Rapat dimulai."] * 4,
        ...     ["ekonomi", "budaya", "politik", ""] * 4, sample_weight=[1, 1, 1, 1] * 3 + [3, 3, 3, 3])
        >>> model.thresholds_.shape
        (3,)
        """
        texts = _texts(X)
        if tuple(self.word_ngrams) not in ((1, 1), (1, 2)):
            raise ValueError(f"word_ngrams must be (1, 1) or (1, 2), not {self.word_ngrams}")
        Y = _indicator(y, len(texts))
        weights = np.ones(len(texts)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if weights.shape != (len(texts),) or not np.isfinite(weights).all() or (weights < 0).any():
            raise ValueError(f"sample_weight must be {len(texts)} finite non-negative numbers, one per text")
        if weights.sum() <= 0:
            raise ValueError("sample_weight must give some passage a weight above 0")
        weights = weights * (len(weights) / weights.sum())  # only the ratios count, not the scale (nor C's)
        for j, label in enumerate(LABELS):
            if len(set(Y[:, j])) < 2:
                raise ValueError(f"the training data need passages with and without {label}")
        # Out-of-fold scores for calibration and thresholds: the vectorizers too are fitted
        # on each fold's training part only, as they would be on new text.
        codes = Y @ (2 ** np.arange(len(LABELS)))  # label set of each passage
        sizes = np.bincount(codes)
        folds = StratifiedKFold if sizes[sizes > 0].min() >= self.cv else KFold  # stratify when each set fills the folds
        splitter = folds(self.cv, shuffle=True, random_state=self.random_state)
        scores = np.zeros(Y.shape, dtype=np.float64)
        for train, test in splitter.split(np.zeros(len(texts)), codes):
            fitted, transform, _ = self._feature_space([texts[i] for i in train])
            held_out = transform([texts[i] for i in test])
            for j in range(len(LABELS)):
                if len(set(Y[train, j])) < 2:
                    raise ValueError(f"a fold has no passage with (or without) {LABELS[j]}; use fewer folds")
                scores[test, j] = self._regression().fit(fitted, Y[train, j], sample_weight=weights[train]) \
                    .decision_function(held_out)
        features, _, (words, chars, self.lexicon_terms_) = self._feature_space(texts)
        self.coef_ = np.zeros((len(LABELS), features.shape[1]), dtype=np.float32)
        self.intercept_ = np.zeros(len(LABELS))
        self.calibration_ = np.zeros((len(LABELS), 2))
        self.thresholds_ = np.zeros(len(LABELS))
        for j in range(len(LABELS)):
            out_of_fold = scores[:, j].reshape(-1, 1)
            platt = LogisticRegression(C=1e4).fit(out_of_fold, Y[:, j], sample_weight=weights)
            self.calibration_[j] = platt.coef_[0, 0], platt.intercept_[0]
            self.thresholds_[j] = _best_threshold(platt.predict_proba(out_of_fold)[:, 1], Y[:, j], weights)
            final = self._regression().fit(features, Y[:, j], sample_weight=weights)
            self.coef_[j], self.intercept_[j] = final.coef_[0], final.intercept_[0]
        vocabulary = lambda v: sorted(v.vocabulary_, key=v.vocabulary_.get)  # noqa: E731
        self.linear_ = LinearMotives(
            params=self._json_params(), word_vocabulary=vocabulary(words), word_idf=words.idf_,
            char_vocabulary=vocabulary(chars), char_idf=chars.idf_, lexicon=self.lexicon_terms_,
            coef=self.coef_, intercept=self.intercept_, calibration=self.calibration_,
            thresholds=self.thresholds_)
        self.classes_ = np.array(LABELS)
        self.n_features_in_ = 1
        return self

    def _json_params(self) -> dict:
        return {key: (list(value) if isinstance(value, tuple) else value)
                for key, value in self.get_params().items()}

    # -- prediction (delegated to the plain-array model) ---------------------------
    def decision_function(self, X) -> np.ndarray:
        """Raw linear scores, shape (n_texts, 3).

        >>> load_model().decision_function(["Investor Korea datang."]).shape
        (1, 3)
        """
        check_is_fitted(self, "linear_")
        return self.linear_.decision_function(X)

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each label, shape (n_texts, 3).

        >>> p = load_model().predict_proba(["Pemprov ingin menarik investor Korea ke kawasan industri."])
        >>> bool(p[0, 0] > 0.5), p.shape
        (True, (1, 3))
        """
        check_is_fitted(self, "linear_")
        return self.linear_.predict_proba(X)

    def predict(self, X) -> np.ndarray:
        """Indicator matrix over ``LABELS``: probability at or above each threshold.

        >>> load_model().predict(["Festival tari memperkenalkan budaya Aceh di Turki.", "Rapat dimulai."]).tolist()
        [[0, 1, 0], [0, 0, 0]]
        """
        check_is_fitted(self, "linear_")
        return self.linear_.predict(X)

    def evidence(self, X, top: int = 3) -> list[dict[str, tuple[str, ...]]]:
        """Per text and predicted-or-not label, the words that raised its score most.

        >>> load_model().evidence(["Pemprov membuka pasar ekspor kopi."])[0]["economic"]
        ('pasar', 'ekspor', 'kopi')
        """
        check_is_fitted(self, "linear_")
        return self.linear_.evidence(X, top=top)

    def predict_proba_and_evidence(self, X, top: int = 3):
        """Probabilities and evidence from one pass over the texts.

        >>> p, evidence = load_model().predict_proba_and_evidence(["Pemprov membuka pasar ekspor kopi."])
        >>> list(evidence[0])
        ['economic']
        """
        check_is_fitted(self, "linear_")
        return self.linear_.predict_proba_and_evidence(X, top=top)


def save_model(model, path: str | os.PathLike, *, card: dict | None = None) -> Path:
    """Save a fitted model as a folder of JSON and numeric arrays (no pickle), or as one
    ``.zip`` file of the same (when ``path`` ends in .zip), with its card.

    ``card`` defaults to :func:`model_card` of the model; it is written as ``card.json``
    and, readable, ``card.md``.

    >>> import tempfile, motives
    >>> model = motives.load_model(motives.predict.default_model_path())
    >>> path = save_model(model, tempfile.mkdtemp() + "/copy.zip")
    >>> motives.load_model(path).predict(["Investor Jepang membangun pabrik."]).tolist()
    [[1, 0, 0]]
    """
    if isinstance(model, MotiveClassifier):
        check_is_fitted(model, "linear_")
        card = model_card(model) if card is None else card
        model = model.linear_
    return model.save(path, card=card, card_markdown=None if card is None else card_markdown(card))


def model_card(model: MotiveClassifier, metrics: dict | None = None) -> dict:
    """What a model is: versions, training data (``model.training_``), parameters,
    thresholds and any ``metrics`` (name -> :func:`~motives.evaluate.score_labels` dict).

    >>> card = model_card(load_model())
    >>> card["model"], sorted(card["thresholds"])
    ('MotiveClassifier', ['cultural', 'economic', 'political'])
    """
    import datetime
    import platform

    import sklearn

    from . import __version__

    training = getattr(model, "training_", {})
    return {"model": "MotiveClassifier", "motives": __version__,
            "created": datetime.date.today().isoformat(), "python": platform.python_version(),
            "scikit-learn": sklearn.__version__, "numpy": np.__version__,
            "data": {"passages": training.get("passages"), "sources": training.get("sources", [])},
            "params": model._json_params(),
            "thresholds": dict(zip(LABELS, np.round(model.thresholds_, 4).tolist())),
            "training_seconds": training.get("seconds"), "metrics": metrics or {}}


def card_markdown(card: dict) -> str:
    """The card as a short Markdown page (``card.md``).

    >>> card_markdown(model_card(load_model())).splitlines()[0]
    '# Model card: motives 0.1.0 `MotiveClassifier`'
    """
    params = card.get("params", {})
    sources = card.get("data", {}).get("sources", [])
    data = "; ".join(
        f"{s.get('passages')} from `{s.get('file') or 'a table in memory'}`"
        + (f" ({s['split']} split)" if s.get("split") else "")
        + (", the base corpus" if s.get("base") else "")
        + (f", {s['replaced_by_new_codes']} of its passages replaced by new codes" if s.get("replaced_by_new_codes") else "")
        + (f", weight {s['weight']:g}" if s.get("weight", 1) != 1 else "")
        + (f", sha256 `{s['sha256'][:12]}…`" if s.get("sha256") else "")
        for s in sources) or "data not recorded"
    lines = [f"# Model card: motives {card.get('motives')} `MotiveClassifier`", "",
             f"Trained on {card.get('data', {}).get('passages')} passages ({data}) on {card.get('created')}"
             f", in {card.get('training_seconds')} s, with Python {card.get('python')}, scikit-learn "
             f"{card.get('scikit-learn')}, numpy {card.get('numpy')}.", ""]
    if params:
        lines += [f"Features: negation-marked word {'-'.join(map(str, params['word_ngrams']))}-grams, "
                  f"character {'-'.join(map(str, params['char_ngrams']))}-grams within words"
                  + (", Keating lexicon counts inside and outside negation" if params.get("lexicon") else "")
                  + f". One logistic regression per label (C={params['C']}), Platt-calibrated on "
                  "out-of-fold scores; each label's threshold maximises its out-of-fold F1.", ""]
    lines += ["Thresholds: " + ", ".join(f"{k} {v}" for k, v in card.get("thresholds", {}).items()), ""]
    if card.get("metrics"):
        lines += ["| evaluated on | passages | macro-F1 | "
                  + " | ".join(f"{l} P / R / F1 (n)" for l in LABELS) + " |",
                  "|---|---|---|" + "---|" * len(LABELS)]
        for name, m in card["metrics"].items():
            cells = " | ".join(f"{m[l]['precision']:.2f} / {m[l]['recall']:.2f} / {m[l]['f1']:.2f} "
                               f"({m[l]['support']})" for l in LABELS)
            lines.append(f"| {name} | {m['passages']} | {m['macro_f1']:.3f} | {cells} |")
        lines += ["", "Read every F1 with its support (n). `real_dev` is real coded text never used "
                  "for training. The full card is `card.json`.", ""]
    return "\n".join(lines)


def load_model(path: str | os.PathLike | None = None) -> MotiveClassifier:
    """Load a model saved by :func:`save_model` as a fitted :class:`MotiveClassifier`.

    ``path`` is a model folder or .zip file; ``None`` (or ``"default"``) is the model
    that ships with the package.

    Only JSON and plain numeric arrays are read (``numpy.load`` with
    ``allow_pickle=False``), so a crafted file cannot run code; anything else is
    refused with :class:`~motives.errors.MotivesError`.

    >>> model = load_model()
    >>> model.predict(["Kota itu ingin dikenal dunia lewat forum internasional."]).tolist()
    [[0, 0, 1]]
    """
    if path is None or path == "default":
        from .predict import default_model

        linear, path = default_model(), "the default model"
    else:
        linear = LinearMotives.load(path)
    params = {key: (tuple(value) if isinstance(value, list) else value)
              for key, value in linear.params.items()}
    try:
        model = MotiveClassifier(**params)
    except TypeError as error:
        raise MotivesError(f"{path}: model.json has parameters this version does not know ({error})") from None
    model.linear_ = linear
    model.coef_, model.intercept_ = linear.coef_, linear.intercept_
    model.calibration_, model.thresholds_ = linear.calibration_, linear.thresholds_
    model.lexicon_terms_ = linear.lexicon
    model.classes_ = np.array(LABELS)
    model.n_features_in_ = 1
    return model
