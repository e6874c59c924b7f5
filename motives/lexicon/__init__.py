"""The Keating lexicon: one plain-text file of terms per label (see ``features.load_lexicon``)."""
