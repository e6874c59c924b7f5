"""A spaCy pipeline component: ``nlp.add_pipe("motives")`` puts the motive scores in ``doc.cats``.

The component is registered with spaCy as the factory ``"motives"`` (through the
``spacy_factories`` entry point, so installing the package is enough), and classifies
each ``Doc`` as one passage. It sets

- ``doc.cats``: ``{"economic": p, "cultural": p, "political": p}``, calibrated probabilities;
- ``doc._.motives``: the predicted labels (the scores at or above the model's thresholds).

    >>> import spacy
    >>> nlp = spacy.blank("id")
    >>> _ = nlp.add_pipe("motives")
    >>> doc = nlp("Pemprov berharap investor Korea menanamkan modal di kawasan industri.")
    >>> doc._.motives, sorted(doc.cats)
    (('economic',), ['cultural', 'economic', 'political'])

``nlp.to_disk`` stores the component's model beside the pipeline, so ``spacy.load``
gives back the same scores, also for a model of your own (``config={"model": "my_model.zip"}``).
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .labels import LABELS

__all__ = ["MotivesComponent", "make_motives"]

if not Doc.has_extension("motives"):
    Doc.set_extension("motives", default=None)


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

            self._model = default_model() if self._source is None else LinearMotives.load(self._source)
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
            for doc, row in zip(batch, probabilities):
                doc.cats.update({label: float(p) for label, p in zip(LABELS, row)})
                doc._.motives = tuple(l for l, p, t in zip(LABELS, row, self.model.thresholds_) if p >= t)
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
