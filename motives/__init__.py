"""motives: Keating's paradiplomacy motives (economic, cultural, political) in policy texts.

The public API::

    import motives
    passages = motives.segment("thesis.pdf")      # clean passages with language and section
"""
from .errors import InputError, MotivesError
from .labels import LABELS
from .segment import Passage, segment

__all__ = ["LABELS", "InputError", "MotivesError", "Passage", "segment"]
__version__ = "0.1.0"
