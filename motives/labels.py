"""The three motive labels of Keating's scheme (see ``docs/codebook.md``)."""

__all__ = ["LABELS", "INDONESIAN"]

#: The labels, in the order used by every matrix and table of the library.
LABELS = ("economic", "cultural", "political")

#: Indonesian label names, one to one.
INDONESIAN = {"economic": "ekonomi", "cultural": "budaya", "political": "politik"}
