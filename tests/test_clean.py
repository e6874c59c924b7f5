"""Cleaning extracted text: line joins, hyphenation, footnotes, furniture, headings."""
import re

from motives.clean import clean, normalize


def kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]


def test_pdf_lines_fixture_paragraphs_and_sections(fixtures):
    doc = clean((fixtures / "pdf_lines_id.txt").read_text(encoding="utf-8"))
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["BAB II", "PERKEMBANGAN KERJA SAMA LUAR NEGERI DAERAH",
                        "A. Kerja Sama Sister City Kota Semarang", "1.2.1 Motif Ekonomi dalam Kerja Sama"]
    paragraphs = [b.text for b in doc.paragraphs]
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Kota Semarang mulai menjajaki")
    assert paragraphs[0].endswith("didorong pasar.")
    assert paragraphs[1].startswith("Kerja sama tersebut") and "c. kunjungan pejabat" in paragraphs[1]
    assert doc.paragraphs[2].section == "1.2.1 Motif Ekonomi dalam Kerja Sama"


def test_hyphenation_rejoined_and_reduplication_kept(fixtures):
    text = " ".join(b.text for b in clean((fixtures / "pdf_lines_id.txt").read_text(encoding="utf-8")).paragraphs)
    assert "pemerintah kota" in text and "pemerin" + "-" not in text
    assert "tindakan-tindakan" in text
    assert "Langkah-langkah" in text  # "Lang-" + "kah-langkah" is a syllable break
    assert "menyebutkan" in text


def test_footnotes_page_numbers_and_captions_set_aside(fixtures):
    doc = clean((fixtures / "pdf_lines_id.txt").read_text(encoding="utf-8"))
    body = doc.text
    assert "Badan Pusat Statistik" not in body and "12 Maret 2016" not in body
    assert "Tabel 2.1" not in body and "Sumber:" not in body and "Jumlah Kunjungan" not in body
    assert not re.search(r"^\d+$", body, re.M)
    assert "Tengah. Lang" in body and "pasar.2" not in body and "pusat.3" not in body
    removed = {b.kind for b in doc.removed}
    assert {"footnote", "caption", "page_number"} <= removed


def test_markdown_footnote_block_interrupting_a_paragraph(fixtures):
    doc = clean((fixtures / "markdown_en.md").read_text(encoding="utf-8"))
    paragraphs = [b.text for b in doc.paragraphs]
    assert len(paragraphs) == 3
    assert "roads and harbours in the eastern villages that tourism had never reached." in paragraphs[1]
    assert "Interview with" not in doc.text and "<sup>" not in doc.text
    assert "sister island" in paragraphs[0] and "*" not in doc.text
    assert [b.section for b in doc.paragraphs] == ["2.1 The Jeju Case", "2.1 The Jeju Case", "2.2 Assessment"]


def test_offsets_point_into_cleaned_text():
    doc = clean("A. Pendahuluan\n\nParagraf pertama ini cukup panjang untuk berdiri.\n\nParagraf kedua juga cukup panjang untuk berdiri.")
    for b in doc.blocks:
        if b.kind in ("heading", "paragraph"):
            assert doc.text[b.start:b.end] == b.text


def test_numbered_list_item_is_not_a_heading():
    doc = clean("Hipotesis penelitian ini adalah sebagai berikut:\n"
                "1. Memiliki persamaan dalam bidang pertanian dan perikanan,\n"
                "sehingga kedua provinsi saling melengkapi.\n")
    assert not [b for b in doc.blocks if b.kind == "heading"]
    assert "1. Memiliki persamaan" in doc.text


def test_all_caps_title_inside_a_sentence_is_not_a_heading():
    raw = ("Oleh karena itu penulis memilih judul penelitian \n"
           "KERJA SAMA SISTER CITY KOTA BANDUNG \n"
           "dan Braunschweig sebagai pokok bahasan utama dalam tesis ini.\n")
    doc = clean(raw)
    assert not [b for b in doc.blocks if b.kind == "heading"]
    assert "KERJA SAMA SISTER CITY KOTA BANDUNG dan Braunschweig" in doc.text


def test_fragment_is_merged_with_its_neighbour():
    raw = ("Pemerintah provinsi menilai kerja sama ini sebagai jalan membuka pasar ekspor baru.\n\n"
           "Hal ini penting.\n\n"
           "Kunjungan berikutnya dijadwalkan pada tahun depan oleh kedua belah pihak.")
    doc = clean(raw)
    assert [b.text for b in doc.paragraphs] == [
        "Pemerintah provinsi menilai kerja sama ini sebagai jalan membuka pasar ekspor baru. Hal ini penting.",
        "Kunjungan berikutnya dijadwalkan pada tahun depan oleh kedua belah pihak."]


def test_bibliography_section_is_not_body():
    raw = ("# Kesimpulan\n\nKerja sama ini terutama didorong oleh kepentingan ekonomi daerah.\n\n"
           "# Daftar Pustaka\n\nJatmika, Sidik. 2001. Otonomi Daerah Perspektif Hubungan Internasional. Yogyakarta.\n")
    doc = clean(raw)
    assert "Jatmika" not in doc.text
    assert [b.kind for b in doc.blocks if "Jatmika" in b.text] == ["bibliography"]


def test_running_header_repeated_on_pages_is_removed():
    pages = [f"Jurnal Hubungan Internasional Vol. 3, No. {n}\n"
             f"Pada tahap {word}, kerja sama antardaerah berkembang setelah reformasi.\n"
             f"Halaman ini membahas tahap {word} secara lebih rinci dan lengkap.\n"
             for n, word in zip(range(1, 5), ["awal", "kedua", "ketiga", "akhir"])]
    doc = clean("\f".join(pages))
    assert "Jurnal Hubungan Internasional" not in doc.text
    assert doc.text.count("kerja sama antardaerah") == 4


def test_normalize_handles_bom_crlf_soft_hyphen_and_nbsp():
    assert normalize("\ufeffa\u00adb\r\nc\u00a0d") == "ab\nc d"


def test_empty_and_whitespace_only():
    assert clean("").paragraphs == []
    assert clean("   \n\n \t \n").paragraphs == []


def test_numbers_after_abbreviations_are_not_footnote_marks():
    text = clean("Dasar hukumnya UU No.23 Tahun 2014 dengan hibah Rp.500 juta untuk kerja sama ekonomi.4").text
    assert "No.23" in text and "Rp.500" in text and text.endswith("ekonomi.")


def test_sentence_opening_with_table_reference_is_body():
    raw = ("Tabel 2.1 menunjukkan bahwa nilai ekspor provinsi ke Korea Selatan naik dua kali lipat.\n\n"
           "Table 1 shows that exports from the province doubled after the agreement was signed.")
    assert len(clean(raw).paragraphs) == 2


def test_one_line_paragraphs_between_blank_lines_stay_apart():
    paragraphs = [f"Paragraf nomor {w} menjelaskan satu alasan kerja sama dengan mitra luar negeri secara ringkas."
                  for w in ["satu", "dua", "tiga", "empat", "lima", "enam"]]
    assert [b.text for b in clean("\n\n".join(paragraphs)).paragraphs] == paragraphs
