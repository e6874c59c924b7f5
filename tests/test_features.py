"""Features: negation scope, negation marking, the Keating lexicon."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

from motives.features import (LEXICON_COLUMNS, lexicon_counts, lexicon_matches, load_lexicon,
                              mark_negation, negation_scopes, tokens)


@pytest.mark.parametrize("text, negated, kept", [
    ("Tidak terdapat motif budaya dalam kerja sama ini.", ["budaya"], []),
    ("Kerja sama ini bukan untuk pariwisata, tetapi untuk investasi.", ["pariwisata"], ["investasi"]),
    ("Provinsi belum menyentuh aspek politik karena fokus pada ekspor.", ["politik"], ["ekspor"]),
    ("There is no political motive here; trade is what matters.", ["political"], ["trade"]),
    ("The city is not seeking recognition but investment.", ["recognition"], ["investment"]),
    ("Neither trade nor tourism was discussed.", ["trade", "tourism"], []),
    ("Not only economic, but cultural too.", [], ["economic", "cultural"]),
    ("Bukan semata-mata ekonomi, melainkan juga budaya.", [], ["ekonomi", "budaya"]),
    ("Tanpa dukungan investor asing, proyek berhenti.", ["investor"], ["proyek"]),
    ("Tidak ada investasi, ekspor, maupun pariwisata.", ["investasi", "ekspor", "pariwisata"], []),
    ("The city has no trade office, tourism desk or export target.", ["trade", "tourism", "export"], []),
])
def test_negation_scope(text, negated, kept):
    marked = mark_negation(text).split()
    for word in negated:
        assert f"neg_{word}" in marked, marked
    for word in kept:
        assert word in marked, marked


def test_scope_is_bounded():
    text = "Tidak " + " ".join(f"kata{i}" for i in range(20))
    scopes = negation_scopes(tokens(text))
    assert sum(scopes) == 12


@given(st.text(max_size=200))
def test_marking_keeps_every_token(text):
    marked = mark_negation(text).split()
    assert [t.removeprefix("neg_") for t in marked] == [t for t in tokens(text)]


def test_lexicon_has_terms_in_both_languages():
    lexicon = load_lexicon()
    for label, indonesian, english in [("economic", "investasi", "investment"),
                                       ("cultural", "kebudayaan", "heritage"),
                                       ("political", "pengakuan", "recognition")]:
        assert lexicon_matches(indonesian, lexicon)[label], (label, indonesian)
        assert lexicon_matches(english, lexicon)[label], (label, english)


def test_lexicon_phrases_need_their_words_in_order_within_one_passage():
    from motives.features import Batch, Lexicon
    lexicon = Lexicon({"economic": ("daya saing", "invest*"), "cultural": (), "political": ()})
    texts = ["Daya saing daerah naik.", "Saing daya.", "Tanpa daya", "saing investor datang"]
    counts = lexicon.counts(Batch.of(texts)).toarray()
    assert np.expm1(counts[:, 0]).round().tolist() == [1, 0, 0, 1]
    assert lexicon.matches(Batch.of(texts))[3]["economic"] == ("investor",)


def test_lexicon_features_split_negated_from_affirmed():
    text = "Tidak ada motif budaya; yang dicari investor dan pasar ekspor."
    row = lexicon_counts([text], load_lexicon())
    values = dict(zip(LEXICON_COLUMNS, row.toarray()[0]))
    assert values["lex_economic"] == pytest.approx(np.log1p(3))
    assert values["lex_cultural"] == 0 and values["lex_neg_cultural"] > 0
    assert values["lex_political"] == 0
    assert lexicon_matches(text, load_lexicon())["economic"] == ("investor", "pasar", "ekspor")


def test_every_non_negation_phrase_opens_with_a_cue_word():
    """negation_scopes only looks at positions holding a cue word."""
    from motives.lang_data import NEGATION_CUES, NOT_NEGATION
    first_words = {cue.split()[0] for cue in NEGATION_CUES}
    assert [p for p in NOT_NEGATION if p.split()[0] not in first_words] == []
