"""How realistic is the corpus? Train a plain model on its train split, score it on
its test split and on the real coded passages of ../shared/dev, and print the gap.

    python benchmarks/corpus_gap.py

The model is deliberately plain (TF-IDF word 1-2-grams + character 2-5-grams,
one balanced logistic regression per label, threshold 0.5), so that the figure
follows the corpus, not the classifier. A large gap means the corpus teaches
something real text does not look like. Needs ../shared beside the repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline, make_union

from motives import LABELS
from motives.data import load_corpus
from motives.evaluate import read_coded_folder
from motives.labels import label_matrix

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"


def plain_model():
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True))
    classifier = LogisticRegression(C=4, max_iter=3000, class_weight="balanced")
    return make_pipeline(features, OneVsRestClassifier(classifier))


def dev_passages():
    dev = read_coded_folder(DEV)
    return dev["text"].tolist(), label_matrix([tuple(labels) for labels in dev["labels"]])


def line(name, gold, predicted):
    per_label = f1_score(gold, predicted, average=None, zero_division=0)
    cells = "  ".join(f"{label} {f1:.3f} (n={n})"
                      for label, f1, n in zip(LABELS, per_label, gold.sum(axis=0)))
    return f"{name:22s} macro-F1 {per_label.mean():.3f}  {cells}"


def main() -> int:
    if not DEV.is_dir():
        print(f"needs the real coded passages in {DEV}", file=sys.stderr)
        return 1
    train, test = load_corpus(split="train"), load_corpus(split="test")
    model = plain_model().fit(train["text"], train[list(LABELS)].to_numpy())
    dev_text, dev_gold = dev_passages()
    print(f"plain TF-IDF + logistic regression, trained on {len(train)} corpus passages")
    print(line(f"corpus test ({len(test)})", test[list(LABELS)].to_numpy(),
               model.predict(test["text"])))
    print(line(f"real dev ({len(dev_text)})", dev_gold, model.predict(dev_text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
