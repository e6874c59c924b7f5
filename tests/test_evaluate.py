"""Agreement statistics."""
import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from motives.evaluate import krippendorff_alpha, label_agreement


def test_two_coders_binary_by_hand():
    # 10 units, one disagreement: coincidences o = [[4, 1], [1, 14]], alpha by hand.
    first = [1, 1, 1, 0, 0, 0, 1, 1, 1, 1]
    second = [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]
    # n = 20; n_0 = 5, n_1 = 15; D_o = 2; D_e = 2 * 5 * 15 / 19
    assert krippendorff_alpha([first, second]) == pytest.approx(1 - 2 / (2 * 5 * 15 / 19))


def test_no_variation_is_undefined_and_single_coded_units_are_ignored():
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))
    with_gap = krippendorff_alpha([[1, 0, 1, np.nan], [1, 0, 1, 0]])
    assert with_gap == 1.0
    with pytest.raises(ValueError, match="2-D"):
        krippendorff_alpha([1, 0, 1])


@given(st.lists(st.sampled_from(["", "economic", "cultural;political", "economic;cultural"]),
                min_size=2, max_size=30))
def test_a_coding_agrees_perfectly_with_itself(coding):
    figures = label_agreement(coding, coding)
    assert figures["same_label_set"] == 1.0
    assert all(value == 1.0 or math.isnan(value) for value in figures.values())


def test_label_agreement_reads_label_cells():
    figures = label_agreement(["ekonomi", "", "budaya; politik", "economic"],
                              [("economic",), (), ("cultural",), ("economic",)])
    assert figures["economic"] == 1.0 and figures["cultural"] == 1.0
    assert figures["political"] < 0.5
    assert figures["same_label_set"] == 0.75
    with pytest.raises(ValueError, match="differ in length"):
        label_agreement(["economic"], [])


# -- motives.evaluate(): the model against human codes ---------------------------------

import pandas as pd  # noqa: E402

import json  # noqa: E402

from motives import LABELS, Classification, InputError, evaluate  # noqa: E402
from motives.evaluate import _alpha_binary  # noqa: E402

GOLD = ["economic", "cultural", "economic;political", ""]
PREDICTED = ["economic", "", "economic;cultural", ""]


def coded(cells=GOLD, **columns):
    return pd.DataFrame({"text": [f"passage {i}" for i in range(len(cells))], "labels": cells, **columns})


def test_hand_computed_scores():
    report = evaluate(PREDICTED, coded(), bootstrap=0)
    table = report.labels
    assert table.loc["economic", ["precision", "recall", "f1", "support"]].tolist() == [1, 1, 1, 2]
    assert table.loc["cultural", ["precision", "recall", "f1", "support"]].tolist() == [0, 0, 0, 1]
    # political is never predicted: precision undefined (NaN), recall and F1 0
    assert np.isnan(table.loc["political", "precision"])
    assert table.loc["political", ["recall", "f1", "support"]].tolist() == [0, 0, 1]
    assert report.overall["macro_f1"] == pytest.approx(1 / 3)
    assert report.overall["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))   # tp 2, fp 1, fn 2
    assert report.overall["exact_match"] == 0.5
    assert report.overall["hamming_loss"] == pytest.approx(3 / 12)
    # economic: both codings agree on every passage -> kappa and alpha 1
    assert table.loc["economic", "kappa"] == pytest.approx(1)
    assert table.loc["economic", "alpha"] == pytest.approx(1)
    assert report.errors["row"].tolist() == [2, 3]


def test_perfect_and_constant_predictors():
    gold = ["economic", "", "cultural;political", "economic;cultural", "", "political"]
    perfect = evaluate(gold, coded(gold), bootstrap=200)
    assert perfect.overall["macro_f1"] == 1 and perfect.labels["alpha"].tolist() == [1, 1, 1]
    assert perfect.labels["kappa"].tolist() == [1, 1, 1]
    assert perfect.overall["macro_f1_low"] == perfect.overall["macro_f1_high"] == 1
    constant = evaluate([""] * len(gold), coded(gold), bootstrap=0)
    assert constant.overall["macro_f1"] == 0 and constant.labels["recall"].tolist() == [0, 0, 0]
    assert constant.labels["kappa"].tolist() == [0, 0, 0]        # no agreement beyond chance
    # alpha of a constant coder against k positives among N units: (1 - k) / (2N - k)
    n, k = len(gold), 2
    assert constant.labels["alpha"].tolist() == pytest.approx([(1 - k) / (2 * n - k)] * 3)


def test_a_label_absent_from_both_codings_has_no_figures_and_leaves_macro_f1():
    gold = ["economic", "", "economic", "", "economic", ""]
    guess = ["economic", "", "", "", "economic", "economic"]
    report = evaluate(guess, coded(gold), bootstrap=300)
    row = report.labels.loc["cultural"]
    assert row["support"] == 0 and np.isnan(row["f1"]) and np.isnan(row["kappa"]) and np.isnan(row["alpha"])
    assert report.overall["labels_without_passages"] == ["cultural", "political"]
    # macro-F1 is the economic F1 alone, and its interval is built by the same rule
    assert report.overall["macro_f1"] == pytest.approx(report.labels.loc["economic", "f1"])
    assert report.overall["macro_f1_low"] <= report.overall["macro_f1"] <= report.overall["macro_f1_high"]


@pytest.mark.parametrize("seed", range(20))
def test_closed_form_alpha_equals_the_general_computation(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 2, size=(2, 15))
    expected = krippendorff_alpha(np.array([a, b], dtype=float))
    assert np.isclose(_alpha_binary(a, b), expected, equal_nan=True)


def test_bootstrap_interval_contains_the_estimate():
    rng = np.random.default_rng(1)
    gold = ["economic" if x else "" for x in rng.integers(0, 2, 80)]
    guess = [g if rng.random() < 0.8 else ("" if g else "economic") for g in gold]
    report = evaluate(guess, coded(gold), bootstrap=500, seed=3)
    row = report.labels.loc["economic"]
    assert row["f1_low"] < row["f1"] < row["f1_high"]
    assert row["alpha_low"] < row["alpha"] < row["alpha_high"]
    again = evaluate(guess, coded(gold), bootstrap=500, seed=3)
    assert again.labels.equals(report.labels)   # seeded


def test_errors_are_sorted_by_confidence_with_evidence():
    results = [Classification(("economic",), {"economic": 0.9, "cultural": 0.1, "political": 0.2},
                              {"economic": ("ekspor",)}, "a"),
               Classification((), {"economic": 0.1, "cultural": 0.45, "political": 0.1}, {}, "b"),
               Classification(("political",), {"economic": 0.2, "cultural": 0.1, "political": 0.99},
                              {"political": ("otonomi",)}, "c")]
    report = evaluate(results, coded(["economic", "cultural", ""]), bootstrap=0)
    assert report.errors["row"].tolist() == [3, 2]           # 0.99 sure of a false label, then 0.55
    assert report.errors["confidence"].tolist() == pytest.approx([0.99, 0.55])
    assert "otonomi" in report.errors["evidence"].iloc[0]


def test_coders_and_breakdowns():
    frame = coded(GOLD, coder_a=GOLD, coder_b=["economic", "cultural", "economic", ""],
                  lang=["id", "en", "id", "en"])
    report = evaluate(PREDICTED, frame, coders=["coder_a", "coder_b"], by="lang", bootstrap=0)
    assert report.coders.loc["economic", "alpha"] == pytest.approx(1)
    assert report.coders.loc["political", "kappa"] == pytest.approx(0)
    assert report.by["lang"].loc["id", "passages"] == 2
    assert report.by["lang"].loc["id", "f1_economic"] == 1
    text = str(report)
    assert "macro-F1 0.333" in text and "between the human coders" in text and "by lang" in text
    assert set(report.to_frame().index) == set(LABELS) | {"macro"}
    assert json.loads(json.dumps(report.to_dict(), default=float))["overall"]["passages"] == 4
    assert "<table" in report._repr_html_()


def test_bad_input_names_every_bad_cell_and_the_mismatch(tmp_path):
    with pytest.raises(InputError, match=r"2 problem\(s\) with the codes: index 1, column labels: unknown label "
                                         r"'economy'; index 3, column labels: unknown label 'sosial'\. "):
        evaluate(PREDICTED, coded(["economic", "economy", "", "sosial"]), bootstrap=0)
    with pytest.raises(InputError, match="3 predictions for 4 coded passages"):
        evaluate(PREDICTED[:3], coded(), bootstrap=0)
    with pytest.raises(InputError, match="no column 'kode'"):
        evaluate(PREDICTED, coded(), labels="kode")
    path = tmp_path / "coded.csv"
    coded().to_csv(path, index=False)
    with pytest.raises(InputError, match="coded.csv"):
        evaluate(PREDICTED, path, labels="kode")
    assert evaluate(PREDICTED, path, bootstrap=0).overall["exact_match"] == 0.5


def test_evaluate_runs_the_default_model_on_texts():
    frame = pd.DataFrame({"text": ["Pemprov ingin menarik investor Korea ke kawasan industri.",
                                   "Rapat dimulai pukul 09.00 di ruang Biro Pemerintahan."],
                          "labels": ["ekonomi", ""]})
    report = evaluate(None, frame, bootstrap=0)
    assert report.overall["passages"] == 2 and 0 <= report.overall["macro_f1"] <= 1


def test_report_saves_markdown_html_and_real_png_images(tmp_path):
    results = [Classification(("economic",), {"economic": 0.9, "cultural": 0.1, "political": 0.2}, {}, "a"),
               Classification((), {"economic": 0.3, "cultural": 0.45, "political": 0.1}, {}, "b"),
               Classification(("political",), {"economic": 0.2, "cultural": 0.1, "political": 0.8}, {}, "c"),
               Classification(("cultural",), {"economic": 0.1, "cultural": 0.7, "political": 0.1}, {}, "d")]
    report = evaluate(results, coded(["economic", "cultural", "", "cultural"]), bootstrap=100)
    assert set(report.calibration["label"]) == set(LABELS) and "ece" in report.labels
    assert report.confusion["cultural"].tolist() == [[2, 0], [1, 1]]   # rows human no/yes, columns model
    page = report.save(tmp_path / "md")
    text = page.read_text()
    assert page.name == "report.md" and "## Per label" in text
    assert "| economic  |" in text and "|:--" in text   # a Markdown table, header rule included
    for name in ("f1.png", "confusion.png", "reliability.png"):
        image = (tmp_path / "md" / name).read_bytes()
        assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 2000
        assert f"({name})" in text
    html = report.save(tmp_path / "html", format="html").read_text()
    assert "<table" in html and '<img src="reliability.png"' in html
    assert (tmp_path / "html" / "errors.csv").read_text().startswith("row,text,gold,predicted")
    with pytest.raises(ValueError, match="format"):
        report.save(tmp_path / "x", format="pdf")


def test_paired_comparison_says_better_worse_or_indistinguishable():
    from motives import compare
    gold = ["economic", "cultural", "", "political", "economic;cultural"] * 8
    frame = coded(gold)
    assert compare(gold, [""] * len(gold), frame)["verdict"] == "better"
    assert compare([""] * len(gold), gold, frame)["verdict"] == "worse"
    same = compare(gold, gold, frame)
    assert same["verdict"] == "indistinguishable" and same["difference"] == 0
    with pytest.raises(InputError, match="old: 3 predictions for 40"):
        compare(gold, gold[:3], frame)
    # a coding that adds motives absent from the gold is worse, not equal
    noisy = [g if i % 4 else g + ";political" for i, g in enumerate(["economic", "cultural", "", "economic"] * 10)]
    clean = coded(["economic", "cultural", "", "economic"] * 10)
    result = compare(clean["labels"].tolist(), noisy, clean)
    assert result["difference"] > 0 and result["verdict"] == "better"


def test_predictions_as_matrix_or_table_are_checked():
    matrix = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1], [0, 0, 0]])
    assert evaluate(matrix, coded(), bootstrap=0).overall["macro_f1"] == 1
    frame = pd.DataFrame(matrix, columns=list(LABELS))
    assert evaluate(frame, coded(), bootstrap=0).overall["exact_match"] == 1
    with pytest.raises(InputError, match="0/1 with 3 columns"):
        evaluate(matrix * 0.5, coded(), bootstrap=0)
    with pytest.raises(InputError, match="needs 0/1 columns"):
        evaluate(pd.DataFrame({"a": [1, 0, 1, 0]}), coded(), bootstrap=0)
    with pytest.raises(InputError, match="index 1, column text: a coded row without text"):
        evaluate(None, coded().assign(text=["ok", None, "ok", "ok"]), bootstrap=0)


def test_empty_coder_cells_are_missing_not_none():
    frame = coded(GOLD, a=GOLD, b=["economic", None, "economic;political", ""])
    report = evaluate(PREDICTED, frame, coders=["a", "b"], bootstrap=0)
    assert report.coders.loc["economic", "alpha"] == pytest.approx(1)   # they agree wherever both coded
    assert report.coders.loc["political", "alpha"] == pytest.approx(1)
    # row 2 (cultural for a) was not coded by b: no disagreement, and no variation left
    assert np.isnan(report.coders.loc["cultural", "alpha"])


def test_reliability_bins_have_exact_boundaries():
    from motives.evaluate import reliability
    table = reliability([[0, 0, 0]] * 6, [[p, 0, 0] for p in (0.1, 0.3, 0.5, 0.6, 0.7, 1.0)], bins=10)
    bins = table[table["label"] == "economic"]["bin"].tolist()
    assert bins == ["0.10-0.20", "0.30-0.40", "0.50-0.60", "0.60-0.70", "0.70-0.80", "0.90-1.00"]
    with pytest.raises(ValueError, match="between 0 and 1"):
        reliability([[0, 0, 0]], [[1.2, 0, 0]])


def test_cross_validation_with_iterative_stratification():
    from motives import cross_validate
    texts = ["Provinsi ingin menarik investor Korea ke kawasan industri.",
             "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
             "The region seeks recognition abroad, apart from the capital.",
             "Rapat koordinasi dimulai pukul 09.00 di ruang biro.",
             "Kerja sama ini membuka pasar ekspor kopi dan memperkenalkan seni tenun."]
    cells = ["economic", "cultural", "political", "", "economic;cultural"]
    corpus = pd.DataFrame({"text": [f"{t} ({i})" for i in range(6) for t in texts], "labels": cells * 6})
    table = cross_validate(corpus, folds=3, cv=2, min_df=1)
    assert list(table.index) == ["fold 1", "fold 2", "fold 3", "mean", "std"]
    assert table.loc[["fold 1", "fold 2", "fold 3"], "passages"].sum() == 30
    assert 0 <= table.loc["mean", "macro_f1"] <= 1
