"""motives: Keating's paradiplomacy motives (economic, cultural, political) in policy texts.

The public API::

    import motives
    passages = motives.segment("thesis.pdf")      # clean passages with language and section
    result = motives.classify("Provinsi ingin menarik investor Korea.")
    result.labels, result.scores, result.evidence
    print(motives.profile("thesis.pdf"))          # which motives drive the whole document
    report = motives.evaluate(None, "coded.csv")  # the model against human codes
    sheet = motives.coding_sheet("thesis.pdf")    # a sheet for human coders (write_sheet)
    coded = motives.read_coded("coding.xlsx")     # their codes, read back with clear errors
    next_50 = motives.suggest("news.csv", n=50)   # what to code next (active learning)
    model = motives.train(coded, base="default")  # retrain on the new codes + the corpus
"""
__version__ = "0.1.0"

from .coding import coding_sheet, read_coded, write_sheet
from .errors import InputError, MotivesError
from .evaluate import Report, compare, cross_validate, evaluate, score_labels
from .labels import LABELS
from .predict import Classification, classify, train
from .profile import Profile, profile
from .segment import Passage, segment
from .suggest import suggest

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
           "Passage", "Profile", "Report", "classify", "coding_sheet", "compare", "cross_validate",
           "evaluate", "load_corpus", "load_model", "profile", "read_coded", "save_model", "score_labels",
           "segment", "suggest", "train", "write_sheet"]
