"""segment(): passages with language, section, offsets; sentence splitting; properties."""
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import motives
from motives.clean import clean, normalize
from motives.segment import Passage, detect_language, sentences


def test_segment_fixture_passages(fixtures):
    passages = motives.segment(fixtures / "pdf_lines_id.txt")
    assert [p.index for p in passages] == list(range(len(passages)))
    assert all(isinstance(p, Passage) and p.lang == "id" for p in passages)
    assert passages[0].section == "A. Kerja Sama Sister City Kota Semarang"
    assert passages[0].source.endswith("pdf_lines_id.txt")
    with pytest.raises(AttributeError):
        passages[0].text = "changed"  # frozen


def test_offsets_index_the_cleaned_text(fixtures):
    raw = (fixtures / "markdown_en.md").read_text(encoding="utf-8")
    cleaned = clean(raw).text
    for p in motives.segment(raw):
        assert cleaned[p.start:p.end] == p.text


@pytest.mark.parametrize("text, expected", [
    ("Pemerintah Kabupaten Lombok Timur menandatangani letter of intent dengan kota di Korea Selatan.", "id"),
    ("Kerja sama sister province ini diharapkan memberi multiplier effect bagi ekonomi daerah.", "id"),
    ("The city council approved the friendship agreement with Kochi after a long debate.", "en"),
    ("Die Landesregierung unterzeichnete gestern ein Abkommen mit der Provinz.", "other"),
    ("12345 ---", "other"),
])
def test_language(text, expected):
    assert detect_language(text) == expected


def test_lang_can_be_forced():
    assert {p.lang for p in motives.segment("The governor met the delegation from Perth on Monday.", lang="id")} == {"id"}
    with pytest.raises(ValueError, match="lang must be"):
        motives.segment("text", lang="fr")


def test_abbreviations_do_not_end_sentences():
    text = ("Lihat Permendagri No. 3 Tahun 2008, hlm. 4 dkk. dalam kajian Prof. Dr. Ahmad, S.H. di Kab. Lombok Barat, "
            "Jl. Pejanggik dll. sebagai rujukan. Kalimat kedua dimulai di sini.")
    spans = sentences(text, "id")
    assert [text[a:b] for a, b in spans][-1] == "Kalimat kedua dimulai di sini."
    assert len(spans) == 2


def test_list_markers_do_not_end_sentences():
    text = "Tujuan penelitian ini: a. mengetahui proses kerja sama; b. memahami hambatannya. Selesai di sini."
    assert len(sentences(text, "id")) == 2


def test_long_paragraph_split_at_sentences_within_limit():
    sentence = "Pemerintah kota berharap kerja sama ini membuka pasar baru bagi para perajin dan petani kopi. "
    text = sentence * 40  # 40 sentences of 15 words: three passages of <= 200 words cannot hold them
    passages = motives.segment(text, max_words=200)
    assert [len(p.text.split()) for p in passages] == [150, 150, 150, 150]
    assert all(p.text.endswith(".") for p in passages)
    assert " ".join(p.text for p in passages) == text.strip()


def test_empty_text_gives_no_passages():
    assert motives.segment("") == []
    assert motives.segment("\n\n   \n") == []


def test_to_dict_has_the_contract_fields():
    d = motives.segment("Kota Bandung menjalin kerja sama dengan Braunschweig sejak tahun 1960.")[0].to_dict()
    assert {"text", "lang", "index", "section", "start", "end"} <= set(d)


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text).casefold() if c.isalpha())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


_line = st.text(alphabet=st.sampled_from(list("abcdeijklmnoprstuyABKPST .,:;-–()“”'0123456789")), max_size=90)
_doc = st.lists(st.one_of(_line, st.just(""), st.just(" " * 30), st.just("---"), st.just("BAB II"),
                          st.just("A. Latar Belakang"), st.just("12"), st.just("Sumber: data diolah, 2015."),
                          st.just("pemerin-"), st.just("tah daerah."), st.just("\f")), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_doc)
def test_segmentation_never_raises_and_loses_no_body_text(raw):
    passages = motives.segment(raw, max_words=40)
    doc = clean(raw)
    # every letter of the input is in a passage, a heading or recognised furniture ...
    kept = "".join(_letters(b.text) for b in doc.blocks)
    assert sorted(kept) == sorted(_letters(normalize(raw)))
    # ... and the passages hold the body text in the order of the input
    body = "".join(_letters(p.text) for p in passages)
    assert body == "".join(_letters(b.text) for b in doc.paragraphs)
    assert _is_subsequence(body, _letters(normalize(raw)))
    assert all(re.search(r"\S", p.text) for p in passages)


def test_sentences_longer_than_the_limit_stay_whole():
    assert len(motives.segment(" ".join(["kata"] * 250) + ".")) == 1
    text = " ".join(["kata"] * 300) + ". " + " ".join(["dua"] * 300) + "."
    assert [len(p.text.split()) for p in motives.segment(text)] == [300, 300]
