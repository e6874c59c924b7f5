"""The coded corpus: schema, quotas, duplicates, splits, and the loader's errors."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from motives import LABELS
from motives.data import (COLUMNS, LANGS, REGISTERS, check_corpus, load_corpus,
                          near_duplicates)
from motives.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
NEGATED = re.compile(r"\bnegat(?:ed|ion|es|ing)\b|\babsent\b", re.IGNORECASE)
THEORY = re.compile(r"\btheory\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def share(mask):
    return float(mask.mean())


def test_schema_and_size(corpus):
    assert list(corpus.columns[:len(COLUMNS)]) == list(COLUMNS)
    assert corpus["id"].is_unique
    assert len(corpus) >= 1500
    assert set(corpus["lang"]) == set(LANGS)
    assert set(corpus["register"]) == set(REGISTERS)
    assert (corpus[list(LABELS)].isin([0, 1])).all().all()


def test_language_and_register_quotas(corpus):
    assert share(corpus["lang"] == "id") >= 0.40
    assert share(corpus["lang"] == "en") >= 0.40
    assert 0.03 <= share(corpus["lang"] == "mixed") <= 0.08
    for register in REGISTERS:
        assert share(corpus["register"] == register) >= 0.10, register


def test_label_quotas(corpus):
    sets = corpus["labels"]
    # Every combination of the three labels occurs, none included.
    combos = {"", "economic", "cultural", "political", "economic;cultural",
              "economic;political", "cultural;political", "economic;cultural;political"}
    counts = sets.value_counts()
    assert combos <= set(counts.index)
    assert counts[list(combos)].min() >= 30
    assert share(sets == "") >= 0.25
    assert share(corpus["note"].str.contains(NEGATED)) >= 0.10
    theory = corpus[corpus["note"].str.contains(THEORY)]
    assert {"id", "en"} <= set(theory["lang"])


def test_passages_are_paragraphs(corpus):
    words = corpus["text"].str.split().str.len()
    assert words.between(8, 320).all(), corpus.loc[~words.between(8, 320), "id"].tolist()
    assert not corpus["text"].str.contains("\n").any()


def test_no_near_duplicates(corpus):
    pairs = near_duplicates(corpus["text"].tolist(), n=8, threshold=0.3)
    assert [(corpus["id"][i], corpus["id"][j], o) for i, j, o in pairs] == []


def test_split_is_stratified(corpus):
    test = corpus["split"] == "test"
    assert 0.20 <= share(test) <= 0.30
    for column in ("labels", "lang"):
        overall = corpus[column].value_counts(normalize=True)
        in_test = corpus.loc[test, column].value_counts(normalize=True)
        gaps = (overall - in_test.reindex(overall.index, fill_value=0)).abs()
        assert gaps.max() < 0.02, gaps.idxmax()


def test_load_corpus_split(corpus):
    train, test = load_corpus(split="train"), load_corpus(split="test")
    assert len(train) + len(test) == len(corpus)
    assert set(train["id"]).isdisjoint(test["id"])
    with pytest.raises(ValueError, match="split must be one of"):
        load_corpus(split="dev")


@pytest.mark.skipif(not (DATA / "coding").is_dir(), reason="needs the repository's data/")
def test_agreement_figures_are_reproducible():
    """The datasheet's alpha values come from the coding files, and all are >= 0.8."""
    stated = json.loads((DATA / "agreement.json").read_text())
    run = subprocess.run([sys.executable, str(DATA / "build_corpus.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    computed = json.loads(run.stdout[:run.stdout.rindex("}") + 1])
    assert computed == stated
    for name, figures in stated.items():
        for label in (*LABELS, "overall"):
            if label in figures:
                assert figures[label] >= 0.8, (name, label)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                    encoding="utf-8")
    return path


ROW = {"id": "a", "text": "Provinsi berharap investor Korea datang.", "lang": "id",
       "labels": "economic", "register": "news", "split": "train", "note": ""}


@pytest.mark.parametrize("change, message", [
    ({"labels": "economy"}, "row 2, column labels: unknown label 'economy'"),
    ({"labels": "political;economic"}, "row 2, column labels: write 'political;economic' as "
                                       "'economic;political'"),
    ({"lang": "ms"}, "row 2, column lang: 'ms' is not one of id, en, mixed"),
    ({"id": "a"}, "row 2, column id: id 'a' already used in row 1"),
    ({"text": "  "}, "row 2, column text: empty text"),
])
def test_bad_rows_are_reported_with_row_and_column(tmp_path, change, message):
    path = write_jsonl(tmp_path / "mine.jsonl", [ROW, ROW | {"id": "b"} | change])
    with pytest.raises(InputError) as error:
        load_corpus(path)
    assert str(error.value).startswith(f"{path}, {message}")


def test_csv_corpus_and_missing_columns(tmp_path):
    path = tmp_path / "mine.csv"
    pd.DataFrame([ROW, ROW | {"id": "b", "labels": ""}]).to_csv(path, index=False)
    frame = load_corpus(path)
    assert frame["economic"].tolist() == [1, 0]
    assert frame["labels"].tolist() == ["economic", ""]
    pd.DataFrame([ROW]).drop(columns=["register", "note"]).to_csv(path, index=False)
    with pytest.raises(InputError, match="missing column\\(s\\) register, note"):
        load_corpus(path)


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_corpus(tmp_path / "absent.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": \n', encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as JSONL"):
        load_corpus(bad)
    with pytest.raises(InputError, match="must be a .jsonl, .csv or .tsv"):
        load_corpus(write_jsonl(tmp_path / "corpus.txt", [ROW]))


def test_check_corpus_accepts_a_valid_frame():
    check_corpus(pd.DataFrame([ROW]))


def test_near_duplicates_against_other_texts():
    ours = ["the regional government wants its own seat at the climate summit in Dubai",
            "a completely different passage about batik exhibitions in Leiden"]
    real = ["Officials said the regional government wants its own seat at the climate "
            "summit in Dubai next year."]
    assert near_duplicates(ours, others=real) == [(0, 0, 1.0)]


def test_no_sentence_from_the_reference_texts(corpus, shared):
    """The corpus is the project's own writing: no 10-word run from ../shared/seeds or dev."""
    real = [path.read_text(encoding="utf-8", errors="ignore") for path in shared.glob("seeds/*.txt")]
    real += [json.loads(line)["text"] for path in shared.glob("dev/*.jsonl")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hits = near_duplicates(corpus["text"].tolist(), n=10, threshold=1e-9, others=real)
    assert [corpus["id"][i] for i, _, _ in hits] == []
