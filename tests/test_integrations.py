"""spaCy and scikit-learn integration (issue 8)."""
from importlib.metadata import entry_points

import numpy as np
import pytest
import spacy
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

import motives
from motives import LABELS, MotiveClassifier

PASSAGES = ["Pemprov berharap investor Korea menanamkan modal di kawasan industri.",
            "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
            "The region seeks recognition abroad as an actor in its own right.",
            "Rapat dimulai pukul 09.00 di ruang Biro Pemerintahan.",
            "Student exchanges will let pupils learn each other's languages."]


def test_the_component_is_registered_with_spacy_by_the_installed_package():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("motives") == "motives.spacy_component:make_motives"


def test_the_component_sets_doc_cats_and_labels_as_classify_does():
    nlp = spacy.blank("id")
    nlp.add_pipe("motives")
    expected = motives.classify(PASSAGES)
    docs = list(nlp.pipe(PASSAGES, batch_size=2))
    assert len(docs) == len(PASSAGES)
    for doc, result in zip(docs, expected):
        assert set(doc.cats) == set(LABELS)
        assert doc.cats == pytest.approx(result.scores)
        assert doc._.motives == result.labels
    one = nlp(PASSAGES[0])
    assert one._.motives == expected[0].labels
    assert spacy.blank("id")("Belum diklasifikasi.")._.motives is None
    empty = nlp("")
    assert set(empty.cats) == set(LABELS) and empty._.motives == ()
    tagged = list(nlp.pipe([(PASSAGES[1], {"id": 7})], as_tuples=True))
    assert tagged[0][1] == {"id": 7} and tagged[0][0]._.motives == expected[1].labels


def test_labels_stay_a_tuple_across_processes():
    nlp = spacy.blank("en")
    nlp.add_pipe("motives", config={"model": "default"})
    docs = list(nlp.pipe(PASSAGES, n_process=2, batch_size=2))
    assert [doc._.motives for doc in docs] == [r.labels for r in motives.classify(PASSAGES)]


def test_a_pipeline_with_its_own_model_saves_and_loads_without_the_model_file(tmp_path):
    texts = PASSAGES * 4
    labels = ["economic", "cultural", "political", "", "cultural"] * 4
    own = motives.save_model(MotiveClassifier(cv=2, min_df=1).fit(texts, labels), tmp_path / "own.zip")
    nlp = spacy.blank("en")
    nlp.add_pipe("motives", config={"model": str(own)})
    before = [doc.cats for doc in nlp.pipe(PASSAGES)]
    assert before != [doc.cats for doc in spacy.blank("en").add_pipe("motives").pipe(
        spacy.blank("en").pipe(PASSAGES))]  # its own model, not the default one
    nlp.to_disk(tmp_path / "pipeline")
    as_bytes = nlp.to_bytes()
    own.unlink()  # the pipeline folder, and its bytes, carry the model
    again = spacy.load(tmp_path / "pipeline")
    assert [doc.cats for doc in again.pipe(PASSAGES)] == [pytest.approx(c) for c in before]
    fresh = spacy.blank("en")
    fresh.add_pipe("motives")
    fresh.from_bytes(as_bytes)
    assert [doc.cats for doc in fresh.pipe(PASSAGES)] == [pytest.approx(c) for c in before]


def test_motive_classifier_inside_a_scikit_learn_pipeline_and_grid_search():
    y = np.array([[label in cell.split(";") for label in LABELS]
                  for cell in ["economic", "cultural", "political", "", "cultural"] * 6], int)
    pipeline = Pipeline([("lower", FunctionTransformer(lambda texts: [t.lower() for t in texts])),
                         ("motives", MotiveClassifier(cv=2, min_df=1))])
    search = GridSearchCV(pipeline, {"motives__C": [1.0, 8.0]}, cv=2, scoring="f1_macro")
    search.fit(PASSAGES * 6, y)
    assert len(search.cv_results_["params"]) == 2 and np.isfinite(search.cv_results_["mean_test_score"]).all()
    assert search.best_estimator_.named_steps["motives"].C == search.best_params_["motives__C"]
    assert search.predict(PASSAGES).shape == (len(PASSAGES), len(LABELS))
