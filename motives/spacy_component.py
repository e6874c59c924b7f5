"""A spaCy pipeline component: ``nlp.add_pipe("motives")`` puts the motive scores in ``doc.cats``.

The component is registered with spaCy as the factory ``"motives"`` (through the
``spacy_factories`` entry point, so installing the package is enough), and classifies
each ``Doc`` as one passage. It sets

- ``doc.cats``: ``{"economic": p, "cultural": p, "political": p}``, calibrated probabilities;
- ``doc._.motives``: the predicted labels (the scores at or above the model's thresholds),
  a tuple, also after ``nlp.pipe(..., n_process=2)``.

    >>> import spacy
    >>> nlp = spacy.blank("id")
    >>> _ = nlp.add_pipe("motives")
    >>> doc = nlp("Pemprov berharap investor Korea menanamkan modal di kawasan industri.")
    >>> doc._.motives, sorted(doc.cats)
    (('economic',), ['cultural', 'economic', 'political'])

``nlp.to_disk`` stores the component's model beside the pipeline, so ``spacy.load``
gives back the same scores, also for a model of your own (``config={"model": "my_model.zip"}``,
a path as a string; ``None`` or ``"default"`` is the model that ships); ``nlp.to_bytes``
carries the model too.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .labels import LABELS

__all__ = ["MotivesComponent", "make_motives"]

_THRESHOLDS = "motives_thresholds"  # kept in doc.user_data, so that it travels with the Doc


def _motives(doc: Doc):
    """The predicted labels: the motives whose score reaches the model's threshold."""
    thresholds = doc.user_data.get(_THRESHOLDS)
    if thresholds is None:
        return None
    return tuple(label for label in LABELS if doc.cats.get(label, 0.0) >= thresholds[label])


if not Doc.has_extension("motives"):
    Doc.set_extension("motives", getter=_motives)


@Language.factory("motives", default_config={"model": None, "batch_size": 256})
def make_motives(nlp: Language, name: str, model: str | None, batch_size: int) -> "MotivesComponent":
    """Build the component: ``model`` is a model folder or .zip (None: the model that ships).

    >>> import spacy
    >>> make_motives(spacy.blank("en"), "motives", None, 64).batch_size
    64
    """
    return MotivesComponent(name=name, model=model, batch_size=batch_size)


class MotivesComponent:
    """Classifies each ``Doc`` as one passage; see the module's documentation.

    >>> component = MotivesComponent()
    >>> import spacy
    >>> doc = component(spacy.blank("en")("The festival shows Acehnese dance to Turkish audiences."))
    >>> doc._.motives
    ('cultural',)
    """

    def __init__(self, name: str = "motives", model: str | None = None, batch_size: int = 256):
        self.name, self.batch_size = name, batch_size
        self._source, self._model = model, None

    @property
    def model(self):
        """The classifier, loaded on first use (or the one ``from_disk`` read).

        >>> MotivesComponent().model.thresholds_.shape
        (3,)
        """
        if self._model is None:
            from .linear import LinearMotives
            from .predict import default_model

            default = self._source in (None, "default")
            self._model = default_model() if default else LinearMotives.load(self._source)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int | None = None):
        """Classify docs a batch at a time (one pass of the model per batch).

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> docs = MotivesComponent().pipe(nlp.pipe(["Investors from Korea will open a factory.", "The meeting began."]))
        >>> [doc._.motives for doc in docs]
        [('economic',), ()]
        """
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size or self.batch_size):
            probabilities = self.model.predict_proba([doc.text for doc in batch])
            thresholds = dict(zip(LABELS, self.model.thresholds_.tolist()))
            for doc, row in zip(batch, probabilities):
                doc.cats.update({label: float(p) for label, p in zip(LABELS, row)})
                doc.user_data[_THRESHOLDS] = thresholds
                yield doc

    # -- serialisation with the pipeline (the model's safe format, no pickle) ------------
    def to_disk(self, path, *, exclude=()) -> None:
        """Write the component's model into ``path`` (a folder of JSON and arrays).

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "motives"
        >>> MotivesComponent().to_disk(folder)
        >>> sorted(p.name for p in folder.iterdir())
        ['model.json', 'weights.npz']
        """
        self.model.save(Path(path))

    def to_bytes(self, *, exclude=()) -> bytes:
        """The component's model as bytes (the bytes of its one-file .zip form).

        >>> len(MotivesComponent().to_bytes()) > 100_000
        True
        """
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            return self.model.save(Path(folder) / "model.zip").read_bytes()

    def from_bytes(self, data: bytes, *, exclude=()) -> "MotivesComponent":
        """Read the model ``to_bytes`` gave (checked as any model file is; no code runs).

        >>> component = MotivesComponent().from_bytes(MotivesComponent().to_bytes())
        >>> component.model.thresholds_.shape
        (3,)
        """
        import tempfile

        from .linear import LinearMotives

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.zip"
            path.write_bytes(data)
            self._model = LinearMotives.load(path)
        return self

    def from_disk(self, path, *, exclude=()) -> "MotivesComponent":
        """Read the model ``to_disk`` wrote.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "motives"
        >>> MotivesComponent().to_disk(folder)
        >>> MotivesComponent(model="unused.zip").from_disk(folder).model.thresholds_.shape
        (3,)
        """
        from .linear import LinearMotives

        self._model = LinearMotives.load(Path(path))
        return self
