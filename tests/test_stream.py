"""Labelling tables in chunks: every row kept in order, bad rows marked, one atomic output."""
import gzip
import json

import pandas as pd
import pytest

from motives import InputError
from motives.cli import main
from motives.stream import label_file

GOOD = "Pemprov ingin menarik investor Korea dan membuka pasar ekspor kopi."


def _csv_with_bad_rows(path):
    lines = ["id,text,source",
             f"1,{GOOD},antara",
             "2,,antara",                                   # empty text
             "3,too,many,fields,here",                      # wrong number of fields
             "4",                                           # too few
             f'5,"{"kata " * 2_100_000}",big',              # a 10 MB cell
             f"6,{GOOD},detik"]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    data += b"7,Budaya \xff\xfe Aceh diperkenalkan lewat festival tari di Turki.,kompas\n"  # invalid UTF-8
    path.write_bytes(data)
    return path


def test_bad_rows_are_kept_and_marked(tmp_path):
    source = _csv_with_bad_rows(tmp_path / "news.csv")
    summary = label_file(source, tmp_path / "out.csv", chunk_rows=2)
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["id"].tolist() == ["1", "2", "3", "4", "5", "6", "7"]
    errors = dict(zip(out["id"], out["error"]))
    assert errors["1"] == "" and errors["6"] == ""
    assert errors["2"] == "missing text"
    assert "line 4 has 5 fields, the header 3" in errors["3"]
    assert "line 5 has 1 fields" in errors["4"] and "missing text" in errors["4"]
    assert errors["5"] == "" and len(out.loc[out["id"] == "5", "text"].iloc[0]) > 10_000_000
    assert "invalid UTF-8 replaced" in errors["7"] and "\ufffd" in out.loc[6, "text"]
    assert out.loc[6, "motives"] != "" or out.loc[6, "p_cultural"] != ""   # still classified
    assert summary["rows"] == 7 and summary["errors"] == 4
    assert not list(tmp_path.glob(".out.csv.*"))   # no temporary file left


def test_gzip_jsonl_in_and_out_and_broken_lines(tmp_path):
    source = tmp_path / "news.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": 1, "text": GOOD}) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"id": 3, "text": "Festival tari memperkenalkan budaya Aceh."}) + "\n")
    label_file(source, tmp_path / "out.jsonl.gz")
    with gzip.open(tmp_path / "out.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    assert len(rows) == 3 and "line 2 is not valid JSON" in rows[1]["error"]
    assert "economic" in rows[0]["motives"]


def test_two_jobs_give_the_same_output_as_one(tmp_path):
    texts = [GOOD, "Rapat dimulai pukul 09.00.", "", "Festival tari memperkenalkan budaya Aceh."] * 30
    pd.DataFrame({"n": range(len(texts)), "text": texts}).to_csv(tmp_path / "in.csv", index=False)
    label_file(tmp_path / "in.csv", tmp_path / "one.csv", chunk_rows=7, jobs=1)
    label_file(tmp_path / "in.csv", tmp_path / "two.csv", chunk_rows=7, jobs=2)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_file_problems_stop_before_any_output(tmp_path):
    pd.DataFrame({"isi": ["x"]}).to_csv(tmp_path / "in.csv", index=False)
    with pytest.raises(InputError, match="no column 'text'"):
        label_file(tmp_path / "in.csv", tmp_path / "out.csv")
    with pytest.raises(InputError, match="no such file"):
        label_file(tmp_path / "missing.csv", tmp_path / "out.csv")
    with pytest.raises(InputError, match="unknown table format .docx"):
        label_file(tmp_path / "in.csv", tmp_path / "out.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_summary_line(tmp_path, capsys):
    pd.DataFrame({"text": [GOOD, ""]}).to_csv(tmp_path / "in.csv", index=False)
    assert main(["label", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"), "--summary"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("summary: 2 rows, 1 labelled, 1 errors; economic 1")


def test_rows_filling_whole_chunks_and_a_header_alone(tmp_path):
    pd.DataFrame({"text": [GOOD] * 4}).to_csv(tmp_path / "in.csv", index=False)
    assert label_file(tmp_path / "in.csv", tmp_path / "out.csv", chunk_rows=2)["rows"] == 4
    (tmp_path / "empty.csv").write_text("id,text\n")
    assert label_file(tmp_path / "empty.csv", tmp_path / "empty_out.csv")["rows"] == 0
    assert (tmp_path / "empty_out.csv").read_text().startswith("id,text,motives")


def test_a_killed_run_resumes_to_exactly_the_uninterrupted_output(tmp_path):
    """SIGKILL a labelling run mid-way, resume it, and compare with a run never stopped."""
    import os
    import signal
    import subprocess
    import sys
    import time

    texts = [f"{GOOD} Baris {i}." if i % 3 else f"Festival tari ke-{i} memperkenalkan budaya Aceh."
             for i in range(3000)]
    pd.DataFrame({"n": range(len(texts)), "text": texts}).to_csv(tmp_path / "in.csv", index=False)
    command = [sys.executable, "-m", "motives", "label", str(tmp_path / "in.csv"), "-o",
               str(tmp_path / "out.csv.gz"), "--chunk-rows", "40", "--summary"]
    checkpoint = tmp_path / ".out.csv.gz.checkpoint.json"
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and run.poll() is None:
        try:
            if json.loads(checkpoint.read_text())["chunks"] >= 10:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not (tmp_path / "out.csv.gz").exists()          # no half-written output
    done = json.loads(checkpoint.read_text())["chunks"]
    assert 10 <= done < 75
    resumed = subprocess.run(command + ["--resume"], capture_output=True, text=True, check=True)
    uninterrupted = command[:6] + [str(tmp_path / "whole.csv.gz")] + command[7:]
    whole = subprocess.run(uninterrupted, capture_output=True, text=True, check=True)
    with gzip.open(tmp_path / "out.csv.gz", "rb") as a, gzip.open(tmp_path / "whole.csv.gz", "rb") as b:
        assert a.read() == b.read()
    assert resumed.stdout.split(";")[:2] == whole.stdout.split(";")[:2]   # same counts in the summary
    assert not checkpoint.exists() and not (tmp_path / ".out.csv.gz.part").exists()


def test_parquet_output_in_row_groups(tmp_path):
    pytest.importorskip("pyarrow")
    texts = [GOOD, "", "Festival tari memperkenalkan budaya Aceh."] * 5
    pd.DataFrame({"n": range(len(texts)), "text": texts}).to_csv(tmp_path / "in.csv", index=False)
    label_file(tmp_path / "in.csv", tmp_path / "out.parquet", chunk_rows=4, jobs=2)
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert out["n"].tolist() == [str(i) for i in range(15)]
    assert out["p_economic"].dtype == "float64" and out["p_economic"].isna().sum() == 5
    assert (out["error"] == "missing text").sum() == 5
    import pyarrow.parquet as pq
    assert pq.ParquetFile(tmp_path / "out.parquet").num_row_groups == 4


def test_segment_mode_writes_article_rows_then_their_passages(tmp_path, capsys):
    articles = ["Pemerintah provinsi ingin menarik investor Korea ke kawasan industri.\n\n"
                "Festival tari juga memperkenalkan budaya Aceh kepada warga Turki.\n\n"
                "Rapat koordinasi dimulai pukul 09.00 di ruang Biro Pemerintahan provinsi.",
                "",
                "The mayor hopes the twinning will let pupils learn each other's languages and songs."]
    pd.DataFrame({"id": ["a", "b", "c"], "text": articles}).to_csv(tmp_path / "in.csv", index=False)
    assert main(["label", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"), "--segment",
                 "--summary", "--chunk-rows", "2"]) == 0
    assert capsys.readouterr().out.startswith("summary: 3 rows, 4 passages")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["level"].tolist() == ["article", "passage", "passage", "passage", "article", "article", "passage"]
    assert out["id"].tolist() == ["a", "a", "a", "a", "b", "c", "c"]
    first = out.iloc[0]
    assert first["passages"] == "3" and set(first["motives"].split(";")) == {"economic", "cultural"}
    passages = out[(out["id"] == "a") & (out["level"] == "passage")]
    assert float(first["p_economic"]) == max(map(float, passages["p_economic"]))
    assert min(map(float, passages["p_economic"])) <= float(first["mean_economic"]) <= float(first["p_economic"])
    assert passages["text"].tolist() == ["", "", ""] and passages["passage_text"].iloc[0].startswith("Pemerintah")
    assert out.iloc[4]["error"] == "missing text" and out.iloc[4]["passages"] == ""


def test_a_folder_of_documents_gives_one_row_per_passage(tmp_path):
    docs = tmp_path / "theses"
    (docs / "bab").mkdir(parents=True)
    (docs / "a.md").write_text("# Latar Belakang\n\nPemerintah provinsi ingin menarik investor Korea ke "
                               "kawasan industri.\n\nFestival tari memperkenalkan budaya Aceh kepada warga Turki.\n")
    (docs / "bab" / "b.txt").write_text("Rapat koordinasi dimulai pukul 09.00 di ruang Biro Pemerintahan.\n")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (docs / "notes.csv").write_text("ignored,table\n")
    label_file(docs, tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert [p.rsplit("/", 1)[-1] for p in out["document"]] == ["a.md", "a.md", "b.txt", "broken.pdf"]
    assert out["section"].tolist()[:2] == ["Latar Belakang", "Latar Belakang"]
    assert "economic" in out["motives"].iloc[0] and "readable PDF" in out["error"].iloc[3]
    glob_out = tmp_path / "glob.csv"
    label_file(str(docs / "*.md"), glob_out)
    assert len(pd.read_csv(glob_out)) == 2
    with pytest.raises(InputError, match="no .txt, .md, .pdf documents"):
        label_file(str(docs / "*.docx"), tmp_path / "none.csv")


def test_review_cases_bom_blank_lines_unclosed_quote_nan_and_clashes(tmp_path):
    source = tmp_path / "bom.csv"
    source.write_bytes("\ufefftext,id\n".encode("utf-8") + f"{GOOD},1\n\n\n{GOOD},2\n".encode("utf-8"))
    out = pd.read_csv(label_file_to(source, tmp_path / "bom_out.csv"), dtype=str, keep_default_na=False)
    assert list(out.columns[:2]) == ["text", "id"] and out["id"].tolist() == ["1", "2"]   # BOM gone, no blank rows
    broken = tmp_path / "quote.csv"
    broken.write_text("id,text\n1,\"open quote\n" + "".join(f"{i},row\n" for i in range(2, 300)))
    out = pd.read_csv(label_file_to(broken, tmp_path / "quote_out.csv"), dtype=str, keep_default_na=False)
    assert len(out) == 1 and "unclosed quote" in out["error"].iloc[0]
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": 2 ** 53 + 1, "text": GOOD}) + "\n" + json.dumps({"id": 2}) + "\n")
    rows = [json.loads(line) for line in label_file_to(lines, tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows[0]["id"] == 2 ** 53 + 1 and rows[1]["p_economic"] is None and rows[1]["error"] == "missing text"
    labelled = tmp_path / "labelled.csv"
    pd.DataFrame({"text": [GOOD], "motives": ["economic"]}).to_csv(labelled, index=False)
    with pytest.raises(InputError, match="already has the column"):
        label_file(labelled, tmp_path / "again.csv")


def test_segment_mode_writes_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    pd.DataFrame({"text": [GOOD + "\n\nFestival tari memperkenalkan budaya Aceh kepada warga Turki.", ""]}) \
        .to_csv(tmp_path / "in.csv", index=False)
    label_file(tmp_path / "in.csv", tmp_path / "out.parquet", segment=True)
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert out["level"].tolist()[0] == "article" and len(out) >= 3


def label_file_to(source, output):
    label_file(source, output)
    return output
