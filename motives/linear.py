"""A trained motive model as plain arrays: scoring, evidence, and the safe file format.

``LinearMotives`` is what ``MotiveClassifier.fit`` produces and what
``motives.classify`` runs. It needs only numpy and scipy.sparse (no
scikit-learn), so the first classification starts fast.

A model is a folder with ``model.json`` (parameters, vocabularies, lexicon,
thresholds, calibration) and ``weights.npz`` (numeric arrays only). Loading
reads JSON and arrays with ``allow_pickle=False``: it can never execute code
from the files. The same files zipped into one ``.zip`` make a model that is
easy to send to a colleague; it loads the same way.

``model.json`` records the format (``motives-linear/2``) and the motives version
that saved it; a model saved in another format is refused with a message that
names both versions.

Internal: use :func:`motives.load_model` and :func:`motives.save_model`; this module's API may change between versions.
"""
from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .errors import MotivesError
from .features import Batch, CharNgrams, Lexicon, WordNgrams, sublinear_tfidf
from .labels import LABELS

__all__ = ["LinearMotives", "FORMAT"]

#: Name and version of the saved-model format.
FORMAT = "motives-linear/2"
#: The format's version number; a model saved with a higher one is refused.
FORMAT_VERSION = int(FORMAT.rpartition("/")[2])
#: The files a model folder may hold.
_FILES = frozenset({"model.json", "weights.npz", "card.json", "card.md"})


def _texts(X) -> list[str]:
    if isinstance(X, str):
        raise TypeError("X must be a sequence of texts, not a single string; wrap it in a list")
    texts = list(X)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is {type(text).__name__}, not str")
    return texts


class LinearMotives:
    """One calibrated linear decision per label over words, characters and the lexicon."""

    def __init__(self, *, params: dict, word_vocabulary: list[str], word_idf: np.ndarray,
                 char_vocabulary: list[str], char_idf: np.ndarray,
                 lexicon: dict[str, tuple[str, ...]], coef: np.ndarray, intercept: np.ndarray,
                 calibration: np.ndarray, thresholds: np.ndarray):
        self.params = params
        self.word_vocabulary = list(word_vocabulary)
        self.char_vocabulary = list(char_vocabulary)
        self.word_index = {term: i for i, term in enumerate(self.word_vocabulary)}
        self.char_index = {term: i for i, term in enumerate(self.char_vocabulary)}
        self._affirmed: np.ndarray | None = None
        self._word_ngrams = WordNgrams(self.word_index, tuple(params["word_ngrams"]))
        self._char_ngrams = CharNgrams(self.char_index, tuple(params["char_ngrams"]))
        self.word_idf = np.asarray(word_idf, dtype=np.float64)
        self.char_idf = np.asarray(char_idf, dtype=np.float64)
        self.lexicon = {label: tuple(lexicon[label]) for label in LABELS}
        self._lexicon = Lexicon(self.lexicon)
        self.coef_ = np.asarray(coef, dtype=np.float32)
        self._weights = self.coef_.T.astype(np.float64)  # converted once, not per call
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.calibration_ = np.asarray(calibration, dtype=np.float64)
        self.thresholds_ = np.asarray(thresholds, dtype=np.float64)
        width = len(self.word_idf) + len(self.char_idf) + (2 * len(LABELS) if params["lexicon"] else 0)
        if self.coef_.shape != (len(LABELS), width) or len(self.word_idf) != len(self.word_index) \
                or len(self.char_idf) != len(self.char_index):
            raise MotivesError(f"weights of shape {self.coef_.shape} do not fit the vocabularies "
                               f"({len(self.word_index)} words, {len(self.char_index)} character n-grams)")

    # -- scoring ------------------------------------------------------------------
    def word_features(self, batch: Batch) -> sp.csr_matrix:
        """TF-IDF rows of the negation-marked word n-grams."""
        return sublinear_tfidf(self._word_ngrams(batch), self.word_idf)

    def features(self, X) -> sp.csr_matrix:
        """The stacked feature rows the weights apply to: words, characters, lexicon."""
        return self._features(Batch.of(_texts(X)))[0]

    def _features(self, batch: Batch) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        words = self.word_features(batch)
        blocks = [words, sublinear_tfidf(self._char_ngrams(batch), self.char_idf)]
        if self.params["lexicon"]:
            blocks.append(self._lexicon.counts(batch) * self.params["lexicon_weight"])
        return sp.hstack(blocks, format="csr"), words

    def _probabilities(self, features) -> np.ndarray:
        scores = np.asarray(features @ self._weights) + self.intercept_
        return 1 / (1 + np.exp(-(scores * self.calibration_[:, 0] + self.calibration_[:, 1])))

    def decision_function(self, X) -> np.ndarray:
        """Raw linear scores, shape (n_texts, 3)."""
        texts = _texts(X)
        return np.vstack([np.asarray(self.features(chunk) @ self._weights) + self.intercept_
                          for chunk in _chunks(texts)])

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each label, shape (n_texts, 3)."""
        return np.vstack([self._probabilities(self.features(chunk)) for chunk in _chunks(_texts(X))])

    def predict(self, X) -> np.ndarray:
        """Indicator matrix over ``LABELS``: probability at or above each threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def predict_proba_and_evidence(self, X, top: int = 3):
        """Probabilities, and evidence (see :meth:`evidence`) for the predicted labels
        only, from one pass over the texts."""
        probabilities, evidence = [], []
        for chunk in _chunks(_texts(X)):
            batch = Batch.of(chunk)
            features, words = self._features(batch)
            probabilities.append(self._probabilities(features))
            evidence += self._evidence(batch, words, top, probabilities[-1] >= self.thresholds_)
        return np.vstack(probabilities), evidence

    def evidence(self, X, top: int = 3) -> list[dict[str, tuple[str, ...]]]:
        """Per text and label, the words of the text that raised the label's score most.

        Lexicon terms found in the text come first (when the lexicon has a
        positive weight for the label), then the word n-grams with the largest
        positive contribution. Words inside a negation scope are never evidence.
        """
        result = []
        for chunk in _chunks(_texts(X)):
            batch = Batch.of(chunk)
            result += self._evidence(batch, self.word_features(batch), top)
        return result

    def _evidence(self, batch: Batch, words, top: int, wanted=None) -> list[dict[str, tuple[str, ...]]]:
        if self._affirmed is None:  # word n-grams that may be evidence: none negated
            self._affirmed = np.array(["neg_" not in term for term in self.word_vocabulary])
        lexicon_helps = [self.params["lexicon"] and self.coef_[j, j - 2 * len(LABELS)] > 0
                         for j in range(len(LABELS))]
        lexical = self._lexicon.matches(batch) if any(lexicon_helps) else [{}] * batch.size
        result = []
        for row in range(batch.size):
            labels = [j for j in range(len(LABELS)) if wanted is None or wanted[row, j]]
            if not labels:
                result.append({})
                continue
            start, end = words.indptr[row], words.indptr[row + 1]
            columns, values = words.indices[start:end], words.data[start:end]
            keep = self._affirmed[columns]
            columns = columns[keep]
            contributions = values[keep] * self.coef_[:, columns]
            per_label = {}
            for j in labels:
                order = np.argsort(-contributions[j])
                chosen = (self.word_vocabulary[columns[k]] for k in order if contributions[j, k] > 0)
                if lexicon_helps[j]:
                    chosen = itertools.chain(lexical[row].get(LABELS[j], ()), chosen)
                per_label[LABELS[j]] = _distinct(chosen, top)
            result.append(per_label)
        return result

    # -- files --------------------------------------------------------------------
    def save(self, path: str | os.PathLike, *, card: dict | None = None,
             card_markdown: str | None = None) -> Path:
        """Write the model as a folder, or as one ``.zip`` file when ``path`` ends in .zip.

        A folder is written beside its final place and renamed into place; a zip file
        is written to a temporary file and renamed. Either way a failed write leaves
        the previous model, if any, as it was.
        """
        from . import __version__

        path = Path(path)
        meta = {"format": FORMAT, "motives": __version__, "labels": list(LABELS), "params": self.params,
                "word_vocabulary": self.word_vocabulary, "char_vocabulary": self.char_vocabulary,
                "lexicon": {label: list(terms) for label, terms in self.lexicon.items()},
                "thresholds": self.thresholds_.tolist(), "calibration": self.calibration_.tolist(),
                "intercept": self.intercept_.tolist()}
        weights = io.BytesIO()
        np.savez_compressed(weights, coef=self.coef_, word_idf=self.word_idf.astype(np.float32),
                            char_idf=self.char_idf.astype(np.float32))
        files = {"model.json": json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                 "weights.npz": weights.getvalue()}
        if card is not None:
            files["card.json"] = (json.dumps(card, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        if card_markdown is not None:
            files["card.md"] = card_markdown.encode("utf-8")
        if path.suffix.lower() == ".zip":
            return self._save_zip(path, files)
        if path.exists() and (not path.is_dir() or {p.name for p in path.iterdir()} - _FILES):
            raise MotivesError(f"{path}: exists and is not a motives model folder; "
                               f"choose a new folder (a model folder holds only {sorted(_FILES)})")
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        old = None
        try:
            staging.chmod(0o755)  # mkdtemp makes it private; a model folder is not
            for name, data in files.items():
                (staging / name).write_bytes(data)
            if path.exists():  # a previous model: moved aside, replaced, then deleted
                old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
                os.replace(path, old / "model")
            os.replace(staging, path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        return path

    @staticmethod
    def _save_zip(path: Path, files: dict[str, bytes]) -> Path:
        import zipfile

        from .read import atomic_output

        if path.is_dir():
            raise MotivesError(f"{path}: is a folder; a .zip model is one file")
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as tmp:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
                for name, data in files.items():  # weights.npz is compressed already
                    archive.writestr(name, data)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "LinearMotives":
        """Read a model folder or .zip file; refuse anything but JSON and plain numeric arrays.

        ``model.json`` is read and checked first; the arrays' headers are then checked
        against the vocabulary sizes it gives before any array is read, so a crafted
        file can neither run code nor make the reader allocate more than the model needs.
        """
        path = Path(path)
        try:
            meta_bytes, weights_bytes = _read_model_files(path)
            meta = json.loads(meta_bytes.decode("utf-8"))
            _check_format(meta, path)
            _check_meta(meta, path)
            expected = _array_shapes(meta)
            arrays = _read_arrays(weights_bytes, expected, path)
        except MotivesError:
            raise
        except _UNREADABLE as error:
            raise MotivesError(f"{path}: not a readable motives model ({type(error).__name__}: {error})") from None
        try:
            return cls(params=meta["params"], word_vocabulary=meta["word_vocabulary"],
                       word_idf=arrays["word_idf"], char_vocabulary=meta["char_vocabulary"],
                       char_idf=arrays["char_idf"], lexicon=meta["lexicon"], coef=arrays["coef"],
                       intercept=meta["intercept"], calibration=meta["calibration"],
                       thresholds=meta["thresholds"])
        except MotivesError as error:
            raise MotivesError(f"{path}: {error}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise MotivesError(f"{path}: model.json lacks or misstates {error}") from None


#: Largest model.json read, and largest total size of the arrays (uncompressed): far above
#: any model this library trains (the default is 1.5 MB), far below what would exhaust memory.
_MAX_JSON = 256 << 20
_MAX_ARRAYS = 1 << 30
#: What a damaged or crafted model file can make the readers raise.
_UNREADABLE = (ValueError, KeyError, TypeError, OSError, UnicodeDecodeError, EOFError, RuntimeError,
               NotImplementedError, RecursionError, MemoryError, __import__("zipfile").BadZipFile,
               __import__("zlib").error)


def _read_model_files(path: Path) -> tuple[bytes, bytes]:
    """The bytes of ``model.json`` and ``weights.npz``, from a folder or a .zip file."""
    import zipfile

    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise MotivesError(f"{path}: is a file but not a motives model (.zip), or the file is damaged")
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if not {"model.json", "weights.npz"} <= members.keys():
                raise MotivesError(f"{path}: not a motives model file (needs model.json and weights.npz)")
            _check_size(path, members["model.json"].file_size, members["weights.npz"].file_size)
            return archive.read("model.json"), archive.read("weights.npz")
    if not path.exists():
        raise MotivesError(f"{path}: no such model file or folder")
    meta_file, weights_file = path / "model.json", path / "weights.npz"
    if not meta_file.is_file() or not weights_file.is_file():
        raise MotivesError(f"{path}: not a motives model (a folder with model.json and "
                           "weights.npz, or a .zip file holding them)")
    _check_size(path, meta_file.stat().st_size, weights_file.stat().st_size)
    return meta_file.read_bytes(), weights_file.read_bytes()


def _check_size(path: Path, meta_size: int, weights_size: int) -> None:
    if meta_size > _MAX_JSON or weights_size > _MAX_ARRAYS:
        raise MotivesError(f"{path}: model.json ({meta_size} bytes) or weights.npz ({weights_size} bytes) "
                           f"is larger than a motives model can be")


def _check_meta(meta: dict, path: Path) -> None:
    """The parts of model.json that the array shapes depend on, and the small arrays in it."""
    if meta.get("labels") != list(LABELS):
        raise MotivesError(f"{path}: the model's labels {meta.get('labels')} are not {list(LABELS)}")
    for name in ("word_vocabulary", "char_vocabulary"):
        if not isinstance(meta.get(name), list) or not all(isinstance(t, str) for t in meta[name]):
            raise MotivesError(f"{path}: model.json[{name!r}] should be a list of strings")
    if not isinstance(meta.get("params"), dict):
        raise MotivesError(f"{path}: model.json['params'] should be an object")
    shapes = {"intercept": (len(LABELS),), "calibration": (len(LABELS), 2), "thresholds": (len(LABELS),)}
    for name, shape in shapes.items():
        try:
            found = np.asarray(meta.get(name), dtype=np.float64).shape
        except (TypeError, ValueError):
            found = None
        if found != shape:
            raise MotivesError(f"{path}: model.json[{name!r}] should be numbers of shape {shape}")


def _array_shapes(meta: dict) -> dict[str, tuple[int, ...]]:
    words, chars = len(meta["word_vocabulary"]), len(meta["char_vocabulary"])
    width = words + chars + (2 * len(LABELS) if meta["params"].get("lexicon") else 0)
    return {"coef": (len(LABELS), width), "word_idf": (words,), "char_idf": (chars,)}


def _read_arrays(weights: bytes, expected: dict[str, tuple[int, ...]], path: Path) -> dict[str, np.ndarray]:
    """The arrays of weights.npz, each checked (float, the expected shape, the expected size)
    from its header before it is read; pickled objects are refused."""
    import zipfile

    from numpy.lib import format as npy

    arrays = {}
    with zipfile.ZipFile(io.BytesIO(weights)) as archive:
        members = {info.filename: info for info in archive.infolist()}
        for name, shape in expected.items():
            member = members.get(f"{name}.npy")
            if member is None:
                raise MotivesError(f"{path}: weights.npz has no array {name!r}")
            with archive.open(member) as stream:
                version = npy.read_magic(stream)
                if version not in ((1, 0), (2, 0)):
                    raise MotivesError(f"{path}: weights.npz[{name}] is in .npy format {version}, not 1.0 or 2.0")
                read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
                found, _, dtype = read_header(stream)
            if dtype.kind != "f" or found != shape:
                raise MotivesError(f"{path}: weights.npz[{name}] is a {found} {dtype} array; the vocabularies "
                                   f"call for a {shape} float array")
            if member.file_size > dtype.itemsize * int(np.prod(shape)) + 4096:
                raise MotivesError(f"{path}: weights.npz[{name}] holds more than its header declares")
            with archive.open(member) as stream:
                arrays[name] = npy.read_array(stream, allow_pickle=False)
    return arrays


def _check_format(meta, path: Path) -> None:
    """Refuse a model of another format, saying which versions wrote and read it."""
    from . import __version__

    found = meta.get("format") if isinstance(meta, dict) else None
    name, _, number = str(found).rpartition("/")
    if name != FORMAT.rpartition("/")[0] or not number.isdigit():
        raise MotivesError(f"{path}: unknown model format {found!r}, expected {FORMAT!r}")
    saved_by = meta.get("motives")
    if int(number) > FORMAT_VERSION:
        raise MotivesError(
            f"{path}: this model was saved by motives {saved_by or '(a newer version)'} in format "
            f"{found}; motives {__version__} reads format {FORMAT} and older models cannot be "
            f"converted forward. Upgrade motives (pip install -U motives) to use it.")
    if int(number) < FORMAT_VERSION:
        raise MotivesError(
            f"{path}: this model was saved by an older motives ({saved_by or 'before 0.1.0'}) in "
            f"format {found}; motives {__version__} reads format {FORMAT}. Retrain it with "
            f"`motives train`, or load it with the version that saved it.")


#: Passages scored together; larger batches gain nothing and cost memory.
CHUNK = 2048


def _chunks(texts: list[str]):
    """Consecutive slices of at most ``CHUNK`` texts (one empty slice for no texts)."""
    for start in range(0, max(len(texts), 1), CHUNK):
        yield texts[start:start + CHUNK]


def _distinct(phrases, top: int) -> tuple[str, ...]:
    """The first ``top`` phrases made of words that share no word with an earlier one."""
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
