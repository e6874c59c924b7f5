"""The classifier: estimator contract, thresholds, safe persistence, classify()."""
import json
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV

import motives
from motives import LABELS, MotiveClassifier, MotivesError, load_model, save_model
from motives.model import _best_threshold

TEXTS = [
    "Pemerintah provinsi ingin menarik investor Korea ke kawasan industri.",
    "The city hopes the direct flight will fill its hotels with tourists.",
    "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
    "Student exchanges will let pupils learn each other's language and traditions.",
    "The region seeks recognition as an actor in its own right, apart from the capital.",
    "Gubernur ingin suara daerah didengar di forum internasional tanpa melalui pusat.",
    "Rapat koordinasi dimulai pukul 09.00 di ruang Biro Pemerintahan.",
    "The memorandum enters into force on the date of its signature.",
    "Tidak terdapat motif budaya dalam kerja sama ini.",
    "Kerja sama ini bertujuan membuka pasar ekspor kopi sekaligus memperkenalkan seni tenun.",
]
LABELS_OF = ["economic", "economic", "cultural", "cultural", "political", "political", "", "",
             "", "economic;cultural"]


@pytest.fixture(scope="module")
def small_model():
    return MotiveClassifier(cv=2, min_df=1).fit(TEXTS * 3, LABELS_OF * 3)


def test_fitted_attributes_and_shapes(small_model):
    assert list(small_model.classes_) == list(LABELS)
    probabilities = small_model.predict_proba(TEXTS)
    assert probabilities.shape == (len(TEXTS), 3)
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    predicted = small_model.predict(TEXTS)
    assert set(np.unique(predicted)) <= {0, 1}
    assert np.array_equal(predicted, (probabilities >= small_model.thresholds_).astype(int))
    assert small_model.decision_function(TEXTS).shape == (len(TEXTS), 3)


def test_clone_and_grid_search():
    model = MotiveClassifier(C=2.0, cv=2, min_df=1)
    copy = clone(model)
    assert copy.get_params() == model.get_params() and not hasattr(copy, "coef_")
    search = GridSearchCV(MotiveClassifier(cv=2, min_df=1), {"C": [1.0, 4.0]}, cv=2,
                          scoring="f1_macro")
    y = np.array([[label in cell.split(";") for label in LABELS] for cell in LABELS_OF * 4], int)
    search.fit(TEXTS * 4, y)
    assert search.best_params_["C"] in (1.0, 4.0)


def test_input_validation(small_model):
    with pytest.raises(TypeError, match="single string"):
        small_model.predict("one text")
    with pytest.raises(TypeError, match="text 1 is int"):
        small_model.predict(["ok", 3])
    with pytest.raises(ValueError, match="with and without political"):
        MotiveClassifier(cv=2).fit(TEXTS[:4], LABELS_OF[:4])
    from sklearn.exceptions import NotFittedError
    with pytest.raises(NotFittedError):
        MotiveClassifier().predict(["x"])


def test_char_ngrams_are_scikit_learns_char_wb_on_words():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from motives.features import char_wb_ngrams
    builtin = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for text in TEXTS:  # punctuation is left out; on the words, the n-grams are the same
        words = " ".join(t for t in motives.features.tokens(text) if t[0].isalnum())
        assert char_wb_ngrams(text, (2, 5)) == builtin(words)


def test_scoring_features_equal_the_training_features(small_model):
    """The batch scorer (per-word n-gram cache, sparse products, token-level lexicon) must
    see each passage as scikit-learn's vectorizers saw it in training (to rounding)."""
    texts = TEXTS * 3
    trained = clone(small_model)._feature_space(texts)[0]
    scored = small_model.linear_.features(texts)
    assert scored.shape == trained.shape
    assert np.allclose(scored.toarray(), trained.toarray(), atol=1e-6)
    unseen = small_model.linear_.features(["Zzyzx qwv investor!", ""])
    assert unseen.shape[0] == 2 and np.isfinite(unseen.toarray()).all()


def test_best_threshold_separates_perfectly():
    probabilities = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    truth = np.array([1, 1, 0, 0, 0])
    assert 0.3 < _best_threshold(probabilities, truth) < 0.8


def test_save_and_load_give_the_same_predictions(small_model, tmp_path):
    folder = save_model(small_model, tmp_path / "model", card={"note": "test"})
    assert sorted(p.name for p in folder.iterdir()) == ["card.json", "card.md", "model.json", "weights.npz"]
    again = load_model(folder)
    assert np.allclose(again.predict_proba(TEXTS), small_model.predict_proba(TEXTS), atol=1e-6)
    save_model(small_model, folder)          # overwriting keeps a whole model
    assert np.allclose(load_model(folder).predict_proba(TEXTS), again.predict_proba(TEXTS))


class _Exploit:
    def __reduce__(self):
        import os
        return (os.system, ("touch pwned-by-model-file",))


def test_a_crafted_model_file_is_refused_not_run(small_model, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = save_model(small_model, tmp_path / "model")
    # Replace the weights with an array of pickled objects carrying a payload.
    payload = np.empty(1, dtype=object)
    payload[0] = _Exploit()
    np.savez(folder / "weights.npz", coef=payload, word_idf=payload, char_idf=payload)
    with pytest.raises(MotivesError, match=r"weights.npz\[coef\] is a \(1,\) object array"):
        load_model(folder)
    # A plain pickle in place of the folder's JSON is refused too.
    (folder / "model.json").write_bytes(pickle.dumps(_Exploit()))
    with pytest.raises(MotivesError):
        load_model(folder)
    assert not (tmp_path / "pwned-by-model-file").exists()


def test_load_refuses_wrong_format_and_shapes(small_model, tmp_path):
    folder = save_model(small_model, tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text())
    (folder / "model.json").write_text(json.dumps(meta | {"format": "other/9"}))
    with pytest.raises(MotivesError, match="unknown model format"):
        load_model(folder)
    (folder / "model.json").write_text(json.dumps(meta | {"word_vocabulary": meta["word_vocabulary"][:-1]}))
    with pytest.raises(MotivesError, match=r"weights.npz\[coef\] is a \(3, \d+\) float32 array; the vocabularies"):
        load_model(folder)
    with pytest.raises(MotivesError, match="no such model file or folder"):
        load_model(tmp_path / "nothing")
    (folder / "model.json").write_text(json.dumps(meta | {"thresholds": [0.5]}))
    with pytest.raises(MotivesError, match="thresholds"):
        load_model(folder)
    (folder / "model.json").write_text(json.dumps(meta | {"params": meta["params"] | {"depth": 3}}))
    with pytest.raises(MotivesError, match="parameters this version does not know"):
        load_model(folder)


def test_a_model_from_another_format_version_is_refused_naming_both_versions(small_model, tmp_path):
    folder = save_model(small_model, tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text())
    assert meta["motives"] == motives.__version__
    (folder / "model.json").write_text(json.dumps(meta | {"format": "motives-linear/3", "motives": "0.9.0"}))
    with pytest.raises(MotivesError) as newer:
        load_model(folder)
    message = str(newer.value)
    assert "saved by motives 0.9.0" in message and "motives-linear/3" in message
    assert f"motives {motives.__version__} reads format motives-linear/2" in message and "Upgrade" in message
    (folder / "model.json").write_text(json.dumps(meta | {"format": "motives-linear/1"}))
    with pytest.raises(MotivesError, match="older motives .* Retrain it"):
        motives.classify("Investor datang.", model=folder)


def test_a_model_travels_as_one_zip_file_and_loads_without_running_code(small_model, tmp_path):
    import zipfile

    path = save_model(small_model, tmp_path / "for_a_colleague.zip", card={"note": "test"})
    assert path.is_file()
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["card.json", "card.md", "model.json", "weights.npz"]
    again = load_model(path)
    assert np.array_equal(again.predict(TEXTS), small_model.predict(TEXTS))
    assert motives.classify(TEXTS[0], model=str(path)).labels == motives.classify(TEXTS[0], model=small_model).labels



def _crafted_zip(path, meta: bytes, weights: bytes):
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.json", meta)
        archive.writestr("weights.npz", weights)
    return path


def test_a_crafted_zip_model_can_neither_run_code_nor_exhaust_memory(small_model, tmp_path, monkeypatch):
    import io
    import zipfile

    monkeypatch.chdir(tmp_path)  # where the payload would leave its mark
    good = save_model(small_model, tmp_path / "good.zip")
    with zipfile.ZipFile(good) as archive:
        meta = archive.read("model.json")
    # A pickle in place of the arrays.
    with pytest.raises(MotivesError, match="not a readable motives model"):
        load_model(_crafted_zip(tmp_path / "pickle.zip", meta, pickle.dumps(_Exploit())))
    assert not (tmp_path / "pwned-by-model-file").exists()
    # An array header that declares a huge shape: refused from the header, before any allocation.
    vocabulary = len(json.loads(meta)["word_vocabulary"])
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False,
                                                  "shape": (3, 10 ** 12)})
    huge = io.BytesIO()
    with zipfile.ZipFile(huge, "w") as npz:
        npz.writestr("coef.npy", header.getvalue())
    with pytest.raises(MotivesError, match=r"weights.npz\[coef\] is a \(3, 1000000000000\) float32 array"):
        load_model(_crafted_zip(tmp_path / "huge.zip", meta, huge.getvalue()))
    # A compressed bomb: a right header followed by far more data than it declares.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as npz:
        for name, length in (("coef", None), ("word_idf", vocabulary)):
            array = small_model.linear_.coef_ if name == "coef" else np.zeros(length, dtype=np.float32)
            data = io.BytesIO()
            np.save(data, array)
            npz.writestr(f"{name}.npy", data.getvalue() + (b"\0" * (50 << 20) if name == "coef" else b""))
    with pytest.raises(MotivesError, match="holds more than its header declares"):
        load_model(_crafted_zip(tmp_path / "bomb.zip", meta, bomb.getvalue()))
    # Damaged files say so.
    (tmp_path / "cut.zip").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(MotivesError, match="is a file but not a motives model"):
        load_model(tmp_path / "cut.zip")


def test_sample_weight_moves_the_model_towards_the_weighted_passages():
    texts = TEXTS * 3
    labels = LABELS_OF * 3
    probe = ["Tim SAR kedua kota berlatih evakuasi bersama."]
    extra = [probe[0]] * 2
    plain = motives.MotiveClassifier(cv=2, min_df=1).fit(texts + extra, labels + ["political"] * 2)
    heavy = motives.MotiveClassifier(cv=2, min_df=1).fit(
        texts + extra, labels + ["political"] * 2, sample_weight=[1.0] * len(texts) + [10.0] * 2)
    assert heavy.predict_proba(probe)[0, 2] > plain.predict_proba(probe)[0, 2]
    uniform = motives.MotiveClassifier(cv=2, min_df=1).fit(texts + extra, labels + ["political"] * 2,
                                                         sample_weight=[2.5] * (len(texts) + 2))
    assert np.allclose(uniform.coef_, plain.coef_, atol=1e-6)  # only the ratios of the weights count
    with pytest.raises(ValueError, match="sample_weight must be"):
        motives.MotiveClassifier(cv=2).fit(texts, labels, sample_weight=[-1.0] * len(texts))


def test_saving_never_overwrites_a_folder_of_other_files(small_model, tmp_path):
    notes = tmp_path / "results"
    notes.mkdir()
    (notes / "thesis_notes.txt").write_text("my notes")
    with pytest.raises(MotivesError, match="not a motives model folder"):
        save_model(small_model, notes)
    assert (notes / "thesis_notes.txt").read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]  # no staging left behind


def test_classify_with_a_given_model(small_model):
    one = motives.classify(TEXTS[0], model=small_model)
    assert isinstance(one, motives.Classification)
    assert set(one.scores) == set(LABELS)
    assert set(one.evidence) == set(one.labels)
    many = motives.classify(TEXTS, model=small_model)
    assert [r.labels for r in many] == [
        tuple(l for l, v in zip(LABELS, row) if v) for row in small_model.predict(TEXTS)]
    assert motives.classify([], model=small_model) == []
    assert json.loads(json.dumps(one.to_dict()))["text"] == TEXTS[0]
    assert "<table>" in one._repr_html_()
    with pytest.raises(TypeError, match="text 0 is NoneType"):
        motives.classify([None], model=small_model)


def test_evidence_never_gives_negated_words(small_model):
    evidence = small_model.evidence(["Tidak terdapat motif budaya dalam kerja sama ini."])[0]
    assert not any("budaya" in phrase for phrase in evidence["cultural"])


def test_train_reads_indonesian_label_names():
    import pandas as pd
    frame = pd.DataFrame({"text": TEXTS * 3,
                          "kode": [c.replace("economic", "ekonomi").replace("cultural", "budaya")
                                   .replace("political", "politik") for c in LABELS_OF] * 3})
    model = motives.train(frame, labels_column="kode", cv=2, min_df=1)
    assert model.predict(TEXTS).shape == (len(TEXTS), 3)
    with pytest.raises(ValueError, match="no column 'labels' of codes"):
        motives.train(frame)


def test_the_default_model_ships_and_classifies():
    result = motives.classify("Pemerintah provinsi berharap investor Korea menanamkan modal "
                              "di kawasan industri dan membuka pasar ekspor.")
    assert "economic" in result.labels
    assert result.evidence["economic"]


def test_the_default_model_respects_negation(fixtures):
    """Issue 4: on the project's 60 negated-motive passages (30 id, 30 en), at least 90 %
    must not get the negated label."""
    rows = [json.loads(line) for line in (fixtures / "negation.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) >= 40 and {row["lang"] for row in rows} == {"id", "en"}
    results = motives.classify([row["text"] for row in rows])
    held = [row["negated"] not in result.labels for row, result in zip(rows, results)]
    assert sum(held) / len(held) >= 0.90, [row["id"] for row, ok in zip(rows, held) if not ok]
