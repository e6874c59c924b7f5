"""The command line: help, segment listing and files, errors as one line."""
import json
import subprocess
import sys

import pandas as pd

from motives.cli import main


def test_help_lists_segment():
    result = subprocess.run([sys.executable, "-m", "motives", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "segment" in result.stdout


def test_segment_listing(fixtures, capsys):
    assert main(["segment", str(fixtures / "markdown_en.md")]) == 0
    out = capsys.readouterr()
    assert "== 2.1 The Jeju Case ==" in out.out and "[0] (en)" in out.out
    assert "3 passages" in out.err


def test_segment_to_csv_and_jsonl(fixtures, tmp_path):
    csv_path, jsonl_path = tmp_path / "p.csv", tmp_path / "p.jsonl"
    assert main(["segment", str(fixtures / "pdf_lines_id.txt"), "-o", str(csv_path)]) == 0
    assert main(["segment", str(fixtures / "pdf_lines_id.txt"), "-o", str(jsonl_path)]) == 0
    frame = pd.read_csv(csv_path)
    assert list(frame.columns[:4]) == ["index", "section", "lang", "text"]
    rows = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(frame) == 3
    assert rows[0]["lang"] == "id" and rows[0]["text"] == frame.loc[0, "text"]
    assert not list(tmp_path.glob("*.part"))


def test_errors_are_one_clear_line(tmp_path, capsys):
    assert main(["segment", str(tmp_path / "nope.pdf")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"motives segment: error: {tmp_path / 'nope.pdf'}: no such file"
    assert main(["segment", str(tmp_path), "-o", str(tmp_path / "out.csv")]) == 2
    assert not (tmp_path / "out.csv").exists()


def test_unknown_output_format_writes_nothing(fixtures, tmp_path, capsys):
    assert main(["segment", str(fixtures / "markdown_en.md"), "-o", str(tmp_path / "out.docx")]) == 2
    assert "unknown table format .docx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_missing_file_or_directory_argument_is_an_error(tmp_path, capsys):
    assert main(["segment", "thesis.docx"]) == 2
    assert "thesis.docx: no such file" in capsys.readouterr().err
    assert main(["segment", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_classify_prints_json(capsys):
    assert main(["classify", "--json", "Provinsi ingin menarik investor dan membuka pasar ekspor.",
                 "Rapat dimulai pukul sembilan."]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2
    assert "economic" in rows[0]["labels"] and set(rows[0]["scores"]) == {
        "economic", "cultural", "political"}


def test_train_writes_a_model_with_its_card(tmp_path, capsys):
    from motives.data import load_corpus
    corpus = load_corpus()
    small = pd.concat([corpus[corpus["split"] == "train"].head(150),
                       corpus[corpus["split"] == "test"].head(50)])
    path = tmp_path / "small.jsonl"
    small[["id", "text", "lang", "labels", "register", "split", "note"]].to_json(
        path, orient="records", lines=True, force_ascii=False)
    assert main(["train", "--base", str(path), "-o", str(tmp_path / "model")]) == 0
    card = json.loads((tmp_path / "model" / "card.json").read_text())
    assert card["data"]["passages"] == 150
    assert card["data"]["sources"][0]["file"] == "small.jsonl" and card["data"]["sources"][0]["split"] == "train"
    assert 0 <= card["metrics"]["corpus_test"]["macro_f1"] <= 1
    assert (tmp_path / "model" / "card.md").read_text().startswith("# Model card")
    assert main(["classify", "--model", str(tmp_path / "model"), "Investor Korea datang."]) == 0


def test_label_keeps_every_row_and_marks_bad_ones(tmp_path, capsys):
    source = tmp_path / "news.jsonl"
    rows = [{"id": "007", "body": "Pemprov ingin menarik investor dan membuka pasar ekspor.", "n": 1},
            {"id": "008", "body": "", "n": 2},
            {"id": "009", "body": None, "n": 3},
            {"id": "010", "body": 42, "n": 4},
            {"id": "011", "body": "Festival tari memperkenalkan budaya Aceh di Turki.", "n": 5}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for suffix in (".csv", ".jsonl", ".tsv"):
        out = tmp_path / f"labelled{suffix}"
        assert main(["label", str(source), "-o", str(out), "--text-column", "body"]) == 0
        frame = (pd.read_json(out, lines=True, dtype=False) if suffix == ".jsonl" else
                 pd.read_csv(out, sep="\t" if suffix == ".tsv" else ",", dtype=str,
                             keep_default_na=False))
        assert list(frame.columns) == ["id", "body", "n", "motives", "p_economic", "p_cultural",
                                       "p_political", "error"]
        assert [str(v) for v in frame["n"]] == ["1", "2", "3", "4", "5"]
        assert list(frame["error"]) == ["", "empty text", "missing text", "not text (int)", ""]
        assert "economic" in frame["motives"][0] and frame["motives"][1] == ""
    assert "3 with a problem" in capsys.readouterr().err


def test_label_names_a_missing_column(tmp_path, capsys):
    source = tmp_path / "t.csv"
    pd.DataFrame({"isi": ["teks"]}).to_csv(source, index=False)
    assert main(["label", str(source), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "no column 'text'" in err and "isi" in err and "t.csv" in err
    assert not (tmp_path / "o.csv").exists()


def _coded_table(path, labels=("ekonomi", "budaya", "", "politik")):
    pd.DataFrame({"text": ["Pemprov ingin menarik investor Korea ke kawasan industri dan membuka pasar ekspor.",
                           "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
                           "Rapat dimulai pukul 09.00 di ruang Biro Pemerintahan.",
                           "The region seeks recognition abroad as an actor in its own right."],
                  "labels": list(labels), "lang": ["id", "id", "id", "en"]}).to_csv(path, index=False)
    return path


def test_evaluate_writes_a_report_and_compares(tmp_path, capsys):
    coded = _coded_table(tmp_path / "coded.csv")
    out = tmp_path / "report"
    assert main(["evaluate", str(coded), "-o", str(out), "--by", "lang", "--bootstrap", "50",
                 "--compare", str(motives_default())]) == 0
    printed = capsys.readouterr().out
    assert "macro-F1" in printed and "by lang" in printed and "paired bootstrap on 4 passages" in printed
    assert {"report.md", "errors.csv", "f1.png", "confusion.png", "reliability.png",
            "comparison.json"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "comparison.json").read_text())["verdict"] == "indistinguishable"


def test_evaluate_errors_are_one_line_and_non_zero(tmp_path, capsys):
    coded = _coded_table(tmp_path / "coded.csv")
    assert main(["evaluate", str(coded), "-o", str(tmp_path / "r"), "--labels-column", "kode"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "coded.csv" in error and "no column 'kode'" in error
    bad = _coded_table(tmp_path / "bad.csv", labels=("ekonomi", "economy", "", "sosial"))
    assert main(["evaluate", str(bad), "-o", str(tmp_path / "r")]) == 2
    error = capsys.readouterr().err
    assert "row 3, column labels (B): unknown label 'economy'" in error
    assert "row 5, column labels (B): unknown label 'sosial'" in error and error.count("\n") == 1
    assert main(["evaluate", str(coded), "-o", str(tmp_path / "r"), "--text-column", "teks"]) == 2
    assert "no column 'teks'" in capsys.readouterr().err


def motives_default():
    from motives.predict import default_model_path
    return default_model_path()
