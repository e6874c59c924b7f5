"""motives: Keating's paradiplomacy motives (economic, cultural, political) in policy texts.

The public API::

    import motives
    passages = motives.segment("thesis.pdf")      # clean passages with language and section
    result = motives.classify("Provinsi ingin menarik investor Korea.")
    result.labels, result.scores, result.evidence
    model = motives.train(motives.load_corpus())  # retrain on coded passages
"""
from .data import load_corpus
from .errors import InputError, MotivesError
from .evaluate import score_labels
from .labels import LABELS
from .model import MotiveClassifier, load_model, save_model
from .predict import Classification, classify, train
from .segment import Passage, segment

__all__ = ["LABELS", "Classification", "InputError", "MotiveClassifier", "MotivesError",
           "Passage", "classify", "load_corpus", "load_model", "save_model", "score_labels",
           "segment", "train"]
__version__ = "0.1.0"
