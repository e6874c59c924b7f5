"""Choosing what to code next (issue 7, step 3)."""
import numpy as np
import pandas as pd
import pytest

import motives
from motives import LABELS
from motives.predict import default_model
from motives.suggest import uncertainty

NEAR_COPIES = ["Pemerintah kota berharap kerja sama ini membawa manfaat bagi warga kedua kota.",
               "Pemerintah kota berharap kerja sama ini membawa manfaat bagi warga kedua kota!",
               "Pemerintah kota berharap kerja sama ini membawa manfaat bagi warga kedua kota?",
               "Pemerintah kota berharap, kerja sama ini membawa manfaat bagi warga kedua kota."]


@pytest.fixture(scope="module")
def pool():
    corpus = motives.load_corpus(split="test")
    return corpus["text"].sample(200, random_state=0).tolist() + NEAR_COPIES


def test_uncertainty_is_highest_at_the_threshold_and_symmetric_in_log_odds():
    thresholds = np.array([0.3, 0.5, 0.7])
    at, _ = uncertainty(thresholds.reshape(1, -1), thresholds)
    assert at[0] == pytest.approx(1.0)
    near, far = uncertainty(np.array([[0.32, 0.01, 0.99], [0.6, 0.01, 0.99]]), thresholds)[0]
    assert near > far
    low, high = uncertainty(np.array([[0.1, 0.01, 0.01], [0.9, 0.01, 0.01]]), np.array([0.5, 0.5, 0.5]))[0]
    assert low == pytest.approx(high)


def test_without_diversity_the_ranking_is_by_uncertainty(pool):
    picks = motives.suggest(pool, n=20, diversity=0.0)
    assert picks["rank"].tolist() == list(range(1, 21))
    assert (np.diff(picks["uncertainty"]) <= 1e-9).all()
    model = default_model()
    expected, _ = uncertainty(model.predict_proba(picks["text"].tolist()), model.thresholds_)
    assert np.allclose(picks["uncertainty"], expected.round(3))
    assert not set(picks["text"]) - set(pool)


def test_near_copies_are_never_suggested_together(pool):
    for diversity in (0.0, 0.3, 0.9):
        picks = motives.suggest(pool, n=len(pool), diversity=diversity)
        assert sum(text in NEAR_COPIES for text in picks["text"]) <= 1
        assert (picks["similarity"] < 0.85).all()


def test_diversity_spreads_the_choice(pool):
    def mean_similarity(texts):
        features = default_model().features(texts).toarray()
        features /= np.linalg.norm(features, axis=1, keepdims=True)
        similarity = features @ features.T
        return similarity[np.triu_indices(len(texts), 1)].mean()

    plain = motives.suggest(pool, n=15, diversity=0.0)["text"].tolist()
    spread = motives.suggest(pool, n=15, diversity=0.8)["text"].tolist()
    assert mean_similarity(spread) < mean_similarity(plain)


def test_a_coding_sheet_suggests_only_rows_not_yet_coded(tmp_path):
    sheet = motives.coding_sheet(["Investor Korea datang ke kawasan industri.",
                                  "Festival tari memperkenalkan budaya Aceh.",
                                  "Kota itu ingin dikenal dunia sebagai kota tangguh.",
                                  "Rapat dimulai pukul 09.00."])
    sheet.loc[0, "labels"] = "ekonomi"
    sheet.loc[3, "political"] = "0"
    path = tmp_path / "sheet.csv"
    motives.write_sheet(sheet, path)
    picks = motives.suggest(path, n=10)
    assert sorted(picks["passage_id"]) == ["p-0002", "p-0003"]
    assert set(picks.columns) >= {"rank", "uncertainty", "closest_label", *(f"p_{l}" for l in LABELS)}


def test_suggest_reads_documents_and_reports_bad_input(fixtures, tmp_path):
    picks = motives.suggest(fixtures / "markdown_en.md", n=2)
    assert len(picks) == 2 and picks["document"].str.endswith("markdown_en.md").all()
    with pytest.raises(motives.InputError, match="no column 'text'"):
        motives.suggest(pd.DataFrame({"isi": ["a"]}))
    with pytest.raises(ValueError, match="diversity"):
        motives.suggest(["a"], diversity=2)
    assert len(motives.suggest(["", "  "], n=5)) == 0
