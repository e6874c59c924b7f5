"""The retraining loop end to end (issue 7): sheet, codes, train, compare, share, load.

The example is the project's own "new thesis" material in ``docs/examples/retraining``:
two chapters in domains the corpus covers poorly (disaster-risk reduction in
Indonesian, education and vocational training in English), segmented into a coding
sheet, coded blind by two coders, adjudicated, and split into the passages a
researcher retrains with (``new_codes.csv``) and passages kept aside (``held_out.csv``).
"""
import json
from pathlib import Path

import pandas as pd
import pytest

import motives
from motives.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "retraining"
DOCUMENTS = ("chapter4_education.md", "bab4_mitigasi_bencana.md")


def test_the_example_codes_are_the_passages_of_the_documents_sheet(tmp_path):
    """The coded files hold exactly the passages `motives sheet` cuts from the two chapters."""
    sheet = tmp_path / "coding.xlsx"
    assert main(["sheet", *(str(EXAMPLE / d) for d in DOCUMENTS), "-o", str(sheet), "--blind"]) == 0
    passages = pd.read_excel(sheet, dtype=str).set_index("passage_id")["text"]
    coded = pd.concat([motives.read_coded(EXAMPLE / name) for name in ("new_codes.csv", "held_out.csv")])
    assert len(coded) == len(passages) == 153
    assert coded.set_index("passage_id")["text"].sort_index().equals(passages.sort_index())
    assert not set(pd.read_csv(EXAMPLE / "new_codes.csv")["passage_id"]) & set(
        pd.read_csv(EXAMPLE / "held_out.csv")["passage_id"])


def test_retraining_on_a_new_thesis_improves_the_model_on_its_held_out_passages(tmp_path, capsys):
    held_out = EXAMPLE / "held_out.csv"
    base_report = motives.evaluate(None, held_out, bootstrap=0)
    model_file = tmp_path / "disaster_education.zip"
    assert main(["train", str(EXAMPLE / "new_codes.csv"), "--base", "default", "-o", str(model_file)]) == 0
    trained = capsys.readouterr().err
    assert "trained on 91 passages of new_codes.csv" in trained and "corpus_test" in trained

    # The colleague's side: one file, loaded without running code, with its card inside.
    new = motives.load_model(model_file)
    new_report = motives.evaluate(new, held_out, bootstrap=0)
    assert new_report.overall["macro_f1"] > base_report.overall["macro_f1"]

    report = tmp_path / "report"
    assert main(["evaluate", str(held_out), "--model", str(model_file), "--compare", "default",
                 "-o", str(report), "--bootstrap", "200"]) == 0
    said = capsys.readouterr().out
    comparison = json.loads((report / "comparison.json").read_text())
    assert comparison["passages"] == 62
    assert comparison["new_macro_f1"] == pytest.approx(new_report.overall["macro_f1"])
    assert comparison["old_macro_f1"] == pytest.approx(base_report.overall["macro_f1"])
    assert comparison["verdict"] == "better" and comparison["difference_low"] > 0
    assert f"{model_file} is better than default" in said


def test_train_on_new_codes_alone_skips_uncoded_rows_and_records_its_data(tmp_path, capsys):
    sheet = pd.read_csv(EXAMPLE / "new_codes.csv", dtype=str, keep_default_na=False).assign(coder="A")
    sheet.loc[:9, ["labels", "coder"]] = ""  # a coding sheet with ten rows the coder has not reached yet
    path = tmp_path / "half_coded.csv"
    sheet.to_csv(path, index=False)
    out = tmp_path / "alone"
    assert main(["train", str(path), "--no-base", "--weight", "2", "-o", str(out)]) == 0
    card = json.loads((out / "card.json").read_text())
    assert card["data"]["passages"] == 81
    assert card["data"]["sources"] == [{"file": "half_coded.csv", "sha256": card["data"]["sources"][0]["sha256"],
                                        "passages": 81, "uncoded_rows": 10, "weight": 2.0}]
    assert "corpus_test" not in card["metrics"]
    assert "81 from `half_coded.csv`, weight 2" in (out / "card.md").read_text()
    assert main(["train", "--no-base", "-o", str(tmp_path / "nothing")]) == 2
    assert "nothing to train on" in capsys.readouterr().err


def test_a_sheet_trains_on_the_same_passages_from_a_file_or_a_dataframe(tmp_path):
    sheet = pd.read_csv(EXAMPLE / "new_codes.csv", dtype=str, keep_default_na=False).assign(coder="A")
    sheet.loc[:9, ["labels", "coder"]] = ""
    path = tmp_path / "half_coded.csv"
    sheet.to_csv(path, index=False)
    from_file = motives.train(path, cv=2)
    from_frame = motives.train(pd.read_csv(path), cv=2)
    assert from_file.training_["passages"] == from_frame.training_["passages"] == 81
    assert from_frame.training_["sources"][0]["uncoded_rows"] == 10


def test_a_sheet_of_a_random_sample_for_checking_the_model(tmp_path):
    out = tmp_path / "sample.csv"
    document = str(EXAMPLE / "chapter4_education.md")
    assert main(["sheet", document, "--blind", "--sample", "10", "--seed", "1", "-o", str(out)]) == 0
    sample = pd.read_csv(out)["passage_id"].tolist()
    everything = motives.coding_sheet(Path(document), blind=True)["passage_id"].tolist()
    assert len(sample) == 10 and set(sample) <= set(everything)
    assert sample == sorted(sample, key=everything.index)  # in document order
    assert main(["sheet", document, "--blind", "--sample", "10", "--seed", "2", "-o", str(out)]) == 0
    assert pd.read_csv(out)["passage_id"].tolist() != sample
