"""Classifiers side by side: accuracy on the corpus test split and on real text, speed.

    python benchmarks/classify.py            # all peers; ~3 minutes on 2 cores
    python benchmarks/classify.py --quick    # 2,000 passages for the speed figure

Every peer is trained on the corpus train split. For each: macro-F1 on the corpus
test split and on the usable real passages of ../shared/dev (skipped if absent),
training time, and passages per second classifying generated passages of about
80 words on one core (best of 3).

Peers: ``motives`` (MotiveClassifier), a plain scikit-learn baseline (TfidfVectorizer
+ one-vs-rest LogisticRegression), spaCy's ``textcat_multilabel`` (bag-of-words
architecture ``spacy.TextCatBOW.v3`` with unigrams and bigrams on the multilingual
``xx`` tokenizer, trained by ``spacy train``'s own loop with 15 % of the train split as
its dev set for early stopping; a label when its score is at least 0.5), and the
keyword method of the theses (a motive whenever one of its keywords occurs; the
regular expressions are those of ../shared/tools/score_dev.py, rewritten here).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from motives import LABELS  # noqa: E402
from motives.data import load_corpus  # noqa: E402
from motives.evaluate import read_coded_folder, score_labels  # noqa: E402
from motives.model import MotiveClassifier  # noqa: E402

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
KEYWORDS = {
    "economic": r"investasi|investor|ekonomi|perekonomian|pariwisata|wisata|perdagangan|dagang|"
                r"industri|pasar|ekspor|impor|teknologi|pertanian|perikanan|kelautan|modal|laba|"
                r"daya saing|invest|econom|trade|tourism|industr|market|export|technolog|"
                r"agricultur|fisher|jobs|growth",
    "cultural": r"budaya|kebudayaan|warisan|bahasa|seni|sejarah|pertukaran pemuda|"
                r"pertukaran pelajar|identitas|cultur|heritage|language|arts|exchange|histor|identity",
    "political": r"pengakuan|legitimasi|otonomi|kedaulatan|citra|reputasi|separatis|politik|"
                 r"recogni|legitima|autonom|sovereign|image|reputation|politic",
}


class Keywords:
    """The keyword method: a label whenever one of its keywords occurs."""

    def fit(self, texts, y):
        return self

    def predict(self, texts):
        return np.array([[bool(re.search(KEYWORDS[label], text.lower())) for label in LABELS]
                         for text in texts], dtype=int)


class SpacyTextcat:
    """spaCy's textcat_multilabel (bag of words), trained with spaCy's training loop."""

    def fit(self, texts, y):
        import spacy
        from spacy.cli.train import train
        from spacy.tokens import DocBin

        nlp = spacy.blank("xx")
        nlp.add_pipe("textcat_multilabel", config={"model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
            "no_output_layer": False}})
        order = np.random.default_rng(0).permutation(len(texts))
        cut = int(len(texts) * 0.85)
        with tempfile.TemporaryDirectory() as tmp:
            for name, rows in (("train", order[:cut]), ("dev", order[cut:])):
                docs = DocBin()
                for i in rows:
                    doc = nlp.make_doc(texts[i])
                    doc.cats = {label: float(y[i][j]) for j, label in enumerate(LABELS)}
                    docs.add(doc)
                docs.to_disk(f"{tmp}/{name}.spacy")
            config = nlp.config.copy()
            config["paths"]["train"], config["paths"]["dev"] = f"{tmp}/train.spacy", f"{tmp}/dev.spacy"
            config["training"]["max_epochs"], config["training"]["patience"] = 30, 400
            config["training"]["seed"] = 0
            config.to_disk(f"{tmp}/config.cfg")
            with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
                train(f"{tmp}/config.cfg", f"{tmp}/out", use_gpu=-1)
            self.nlp = spacy.load(f"{tmp}/out/model-best")
        return self

    def predict(self, texts):
        return np.array([[doc.cats[label] >= 0.5 for label in LABELS]
                         for doc in self.nlp.pipe(texts, batch_size=256)], dtype=int)


def plain_baseline():
    return make_pipeline(TfidfVectorizer(), OneVsRestClassifier(LogisticRegression(max_iter=2000)))


def dev_set():
    if not DEV.is_dir():
        return None, None
    dev = read_coded_folder(DEV)
    return dev["text"].tolist(), [tuple(labels) for labels in dev["labels"]]


def speed_texts(corpus, n: int) -> list[str]:
    """Passages of about 80 words, stitched from corpus sentences (seeded)."""
    rng = np.random.default_rng(0)
    sentences = [s.strip() + "." for text in corpus["text"] for s in text.split(".") if len(s.split()) > 4]
    texts = []
    while len(texts) < n:
        words, parts = 0, []
        while words < 80:
            sentence = sentences[rng.integers(len(sentences))]
            parts.append(sentence)
            words += len(sentence.split())
        texts.append(" ".join(parts))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # everything on one core
    train, test = load_corpus(split="train"), load_corpus(split="test")
    dev_text, dev_gold = dev_set()
    texts = speed_texts(train, 2_000 if args.quick else 20_000)
    words = np.mean([len(t.split()) for t in texts])
    peers = {"motives": MotiveClassifier(), "tfidf+logreg": plain_baseline(),
             "spacy textcat_multilabel (bow)": SpacyTextcat(), "keywords": Keywords()}
    print(f"train {len(train)}, test {len(test)}, dev {len(dev_text or [])}; "
          f"speed on {len(texts)} passages of {words:.0f} words on average")
    print("| peer | corpus test macro-F1 | dev macro-F1 | dev economic / cultural / political F1 "
          "| training s | passages/s |")
    print("|---|---|---|---|---|---|")
    for name, model in peers.items():
        started = time.perf_counter()
        model.fit(train["text"].tolist(), train[list(LABELS)].to_numpy())
        trained = time.perf_counter() - started
        test_scores = score_labels(test[list(LABELS)].to_numpy(), model.predict(test["text"].tolist()))
        dev_cells = "n/a | n/a"
        if dev_text:
            dev_scores = score_labels(dev_gold, model.predict(dev_text))
            dev_cells = (f"{dev_scores['macro_f1']:.3f} | " + " / ".join(
                f"{dev_scores[label]['f1']:.2f}" for label in LABELS))
        best = min(_timed(model, texts) for _ in range(3))
        print(f"| {name} | {test_scores['macro_f1']:.3f} | {dev_cells} | {trained:.1f} | "
              f"{len(texts) / best:,.0f} |")
    return 0


def _timed(model, texts) -> float:
    started = time.perf_counter()
    model.predict(texts)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
