"""Does reducing Indonesian words to their stems help? Sastrawi vs spaCy lookup lemmas.

    python benchmarks/stemming.py

Needs two packages the library does not depend on: ``PySastrawi`` and
``spacy-lookups-data`` (``pip install PySastrawi spacy-lookups-data``). Each word
token of every passage is replaced by its Sastrawi stem, or by its lemma in spaCy's
Indonesian lookup table (unknown words kept), before MotiveClassifier sees the text;
punctuation stays, so negation scopes are unchanged. Reported for each variant:
3-fold cross-validated macro-F1 on the corpus train split, macro-F1 on the corpus
test split, and on ../shared/dev when present (all trained on the train split).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.model_selection import KFold, cross_val_score  # noqa: E402

from motives import LABELS  # noqa: E402
from motives.data import load_corpus  # noqa: E402
from motives.evaluate import read_coded_folder, score_labels  # noqa: E402
from motives.features import tokens  # noqa: E402
from motives.model import MotiveClassifier  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"


def variants():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    from spacy.lookups import load_lookups

    stemmer = StemmerFactory().create_stemmer()
    lemmas = load_lookups("id", ["lemma_lookup"]).get_table("lemma_lookup")
    sastrawi = lru_cache(maxsize=None)(lambda word: stemmer.stem(word) or word)
    return {"words as written": None,
            "Sastrawi stems": sastrawi,
            "spaCy id lookup lemmas": lambda word: lemmas.get(word, word)}


def rewrite(texts, reduce):
    if reduce is None:
        return list(texts)
    return [" ".join(reduce(t) if t[0].isalpha() else t for t in tokens(text)) for text in texts]


def main() -> int:
    train, test = load_corpus(split="train"), load_corpus(split="test")
    dev = read_coded_folder(DEV) if DEV.is_dir() else None
    y = train[list(LABELS)].to_numpy()
    print("| words | CV macro-F1 (train, 3 folds) | corpus test macro-F1 | dev macro-F1 |")
    print("|---|---|---|---|")
    for name, reduce in variants().items():
        texts = rewrite(train["text"], reduce)
        cv = cross_val_score(MotiveClassifier(), texts, y, scoring="f1_macro", n_jobs=2,
                             cv=KFold(3, shuffle=True, random_state=0))
        model = MotiveClassifier().fit(texts, y)
        test_f1 = score_labels(test[list(LABELS)].to_numpy(),
                               model.predict(rewrite(test["text"], reduce)))["macro_f1"]
        dev_f1 = "n/a" if dev is None else "%.3f" % score_labels(
            [tuple(labels) for labels in dev["labels"]],
            model.predict(rewrite(dev["text"], reduce)))["macro_f1"]
        print(f"| {name} | {np.mean(cv):.3f} ± {np.std(cv):.3f} | {test_f1:.3f} | {dev_f1} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
