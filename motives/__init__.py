"""motives: Keating's paradiplomacy motives (economic, cultural, political) in policy texts.

The public API::

    import motives
    passages = motives.segment("thesis.pdf")      # clean passages with language and section
    result = motives.classify("Provinsi ingin menarik investor Korea.")
    result.labels, result.scores, result.evidence
    print(motives.profile("thesis.pdf"))          # which motives drive the whole document
    report = motives.evaluate(None, "coded.csv")  # the model against human codes
    model = motives.train(motives.load_corpus())  # retrain on coded passages
"""
from .errors import InputError, MotivesError
from .evaluate import Report, compare, cross_validate, evaluate, score_labels
from .labels import LABELS
from .predict import Classification, classify, train
from .profile import Profile, profile
from .segment import Passage, segment

# scikit-learn and pandas take seconds to import; classify() needs neither, so the
# names that do are imported on first use.
_LAZY = {"MotiveClassifier": "model", "load_model": "model", "save_model": "model",
         "load_corpus": "data"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'motives' has no attribute {name!r}")

__all__ = ["LABELS", "Classification", "InputError", "MotiveClassifier", "MotivesError",
           "Passage", "Profile", "Report", "classify", "compare", "cross_validate", "evaluate",
           "load_corpus", "load_model", "profile", "save_model", "score_labels", "segment", "train"]
__version__ = "0.1.0"
