"""Reading documents: encodings, PDFs and clear errors for bad input."""
import pytest
from pypdf import PdfReader, PdfWriter

import motives
from motives.errors import InputError
from motives.read import read_document

from conftest import make_pdf

TEXT = "Kerja sama “sister city” ini—menurut Wali Kota—membuka pasar ekspor bagi perajin."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_files_in_common_encodings_are_read(tmp_path, encoding):
    path = tmp_path / "laporan.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_document(path).text == TEXT
    assert motives.segment(path)[0].text == TEXT


def test_latin1_file_is_read(tmp_path):
    path = tmp_path / "notes.txt"
    text = "Le gouvernement du Québec a signé une entente de coopération économique avec la région."
    path.write_bytes(text.encode("latin-1"))
    assert read_document(path).text == text


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"thesis\.pdf: no such file"):
        motives.segment(tmp_path / "thesis.pdf")
    with pytest.raises(InputError, match="no such file"):
        motives.segment("bab2.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        motives.segment(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"image\.txt: is a binary file"):
        motives.segment(path)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(128, 256)) * 30)
    with pytest.raises(InputError, match=r"garbled\.txt: is not text"):
        motives.segment(path)


def test_pdf_is_read_page_by_page(tmp_path):
    path = tmp_path / "bab1.pdf"
    path.write_bytes(make_pdf([
        ["BAB I", "A. Latar Belakang", "Kerja sama daerah dengan pihak luar negeri membuka pasar baru",
         "bagi produk perikanan dan pariwisata provinsi.", "12"],
        ["Pemerintah provinsi juga berharap kunjungan pelajar memperkenalkan budaya daerah."]]))
    passages = motives.segment(path)
    assert [p.text for p in passages] == [
        "Kerja sama daerah dengan pihak luar negeri membuka pasar baru bagi produk perikanan dan pariwisata provinsi.",
        "Pemerintah provinsi juga berharap kunjungan pelajar memperkenalkan budaya daerah."]
    assert passages[0].section == "A. Latar Belakang" and passages[0].source == str(path)


def test_encrypted_pdf_is_refused(tmp_path):
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf([["Rahasia negara tidak ada di sini."]]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("sandi-rahasia")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(InputError, match=r"locked\.pdf: is an encrypted PDF"):
        motives.segment(path)


def test_broken_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf at all\n")
    with pytest.raises(InputError, match=r"broken\.pdf: is not a readable PDF"):
        motives.segment(path)


def test_pdf_without_text_layer_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(InputError, match="no text layer"):
        motives.segment(path)


def test_other_types_are_refused():
    with pytest.raises(TypeError, match="expected text, a path or bytes"):
        motives.segment(42)
