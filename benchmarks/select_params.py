"""Choose MotiveClassifier's parameters by cross-validation on the corpus train split.

    python benchmarks/select_params.py [--folds 3] [--jobs 2]

Only the train split is used (3-fold cross-validation, macro-F1 over the three
labels); the corpus test split and ../shared/dev play no part in the choice. Prints
the grid sorted by mean score, with the spread over folds, the best setting, and the
one the one-standard-error rule picks (the default model uses that one).
"""
from __future__ import annotations

import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import pandas as pd  # noqa: E402
from sklearn.model_selection import GridSearchCV, KFold  # noqa: E402

from motives import LABELS  # noqa: E402
from motives.data import load_corpus  # noqa: E402
from motives.model import MotiveClassifier  # noqa: E402

GRID = {"C": [4.0, 8.0, 16.0, 32.0, 64.0], "char_ngrams": [(2, 5), (3, 5)]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    train = load_corpus(split="train")
    search = GridSearchCV(MotiveClassifier(), GRID, scoring="f1_macro", n_jobs=args.jobs,
                          cv=KFold(args.folds, shuffle=True, random_state=0))
    search.fit(train["text"].tolist(), train[list(LABELS)].to_numpy())
    table = pd.DataFrame(search.cv_results_)
    columns = [c for c in table if c.startswith("param_")] + ["mean_test_score", "std_test_score"]
    print(table[columns].sort_values("mean_test_score", ascending=False).round(4).to_string(index=False))
    print("best:", search.best_params_)
    # One-standard-error rule: the most regularised setting (smallest C) whose mean is
    # within one standard error of the best; the corpus is cleaner than real text, and
    # the extra fit of a weakly regularised model there need not carry over.
    best = table.loc[search.best_index_]
    floor = best["mean_test_score"] - best["std_test_score"] / args.folds ** 0.5
    close = table[table["mean_test_score"] >= floor].copy()
    close["features"] = close["param_char_ngrams"].map(lambda r: r[1] - r[0])  # ties: fewer n-gram sizes
    close = close.sort_values(["param_C", "features"])
    print("one-standard-error choice (smallest C, then fewest character n-gram sizes):",
          close.iloc[0]["params"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
