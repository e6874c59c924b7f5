"""Cross-lingual transfer: train on one language of the corpus, test on the other.

    python benchmarks/crosslingual.py

Trains MotiveClassifier (default parameters) on the train split of one language
(Indonesian with the mixed passages, or English) and scores the test split of each
language. The same-language figures are the reference.
"""
from __future__ import annotations

from motives import LABELS
from motives.data import load_corpus
from motives.evaluate import score_labels
from motives.model import MotiveClassifier

GROUPS = {"id": ("id", "mixed"), "en": ("en",)}


def main() -> int:
    train, test = load_corpus(split="train"), load_corpus(split="test")
    print("| trained on | passages | test id macro-F1 | test en macro-F1 |")
    print("|---|---|---|---|")
    for name, langs in GROUPS.items():
        part = train[train["lang"].isin(langs)]
        model = MotiveClassifier().fit(part["text"].tolist(), part[list(LABELS)].to_numpy())
        cells = []
        for other in GROUPS.values():
            target = test[test["lang"].isin(other)]
            cells.append(score_labels(target[list(LABELS)].to_numpy(),
                                      model.predict(target["text"].tolist()))["macro_f1"])
        print(f"| {name} | {len(part)} | {cells[0]:.3f} | {cells[1]:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
