"""Simulated active learning: does coding the passages `motives.suggest` picks beat coding random ones?

Start from 100 coded passages of the corpus train split, then add 50 at a time,
chosen by `suggest` from the rest of the train split (its codes are revealed only
once chosen) or at random; after each round train a MotiveClassifier on what is
coded and score macro-F1 on the corpus test split. Repeated over seeds (the
starting 100 and the random picks change with the seed).

    python benchmarks/active_learning.py                 # 3 seeds, up to 1,000 passages
    python benchmarks/active_learning.py --seeds 1 --until 400 --jobs 1

Writes benchmarks/active_learning.json (every score) and active_learning.png (the curves).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from motives import LABELS, MotiveClassifier, load_corpus, score_labels, suggest

HERE = Path(__file__).resolve().parent


def run(strategy: str, seed: int, start: int, step: int, until: int) -> list[dict]:
    train, test = load_corpus(split="train"), load_corpus(split="test")
    rng = np.random.default_rng(seed)
    coded = list(rng.choice(len(train), size=start, replace=False))
    curve = []
    while True:
        part = train.iloc[coded]
        model = MotiveClassifier(random_state=seed).fit(part["text"].tolist(), part[list(LABELS)].to_numpy())
        scores = score_labels(test[list(LABELS)].to_numpy(), model.predict(test["text"].tolist()))
        curve.append({"strategy": strategy, "seed": seed, "coded": len(coded),
                      "macro_f1": scores["macro_f1"], **{label: scores[label]["f1"] for label in LABELS}})
        print(f"{strategy:>10s} seed {seed} {len(coded):5d} passages  macro-F1 {scores['macro_f1']:.3f}", flush=True)
        if len(coded) >= until:
            return curve
        rest = np.setdiff1d(np.arange(len(train)), coded)
        if strategy == "random":
            picked = rng.choice(rest, size=step, replace=False)
        else:
            pool = pd.DataFrame({"text": train["text"].to_numpy()[rest], "index": rest})
            diversity = 0.0 if strategy == "uncertain" else 0.3
            picked = suggest(pool, n=step, model=model, diversity=diversity)["index"].to_numpy()
        coded += list(picked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--start", type=int, default=100)
    parser.add_argument("--step", type=int, default=50)
    parser.add_argument("--until", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--strategies", nargs="+", default=["suggest", "random", "uncertain"])
    args = parser.parse_args()
    started = time.perf_counter()
    runs = Parallel(n_jobs=args.jobs)(delayed(run)(strategy, seed, args.start, args.step, args.until)
                                      for seed in range(args.seeds) for strategy in args.strategies)
    table = pd.DataFrame([row for curve in runs for row in curve])
    (HERE / "active_learning.json").write_text(json.dumps(table.to_dict(orient="records"), indent=1) + "\n")
    mean = table.groupby(["strategy", "coded"])["macro_f1"].agg(["mean", "std"]).reset_index()
    wide = mean.pivot(index="coded", columns="strategy", values="mean")
    print("\nmean macro-F1 on the corpus test split over", args.seeds, "seeds\n")
    print(wide.round(3).to_string())
    target = wide["random"].iloc[-1]
    for strategy in wide.columns:
        reached = wide.index[wide[strategy] >= target]
        print(f"{strategy}: reaches random's final {target:.3f} with "
              + (f"{reached[0]} passages" if len(reached) else "no number of passages tried"))
    _plot(mean, HERE / "active_learning.png", args.seeds)
    print(f"\n{time.perf_counter() - started:.0f} s; figures in active_learning.json and active_learning.png")


def _plot(mean: pd.DataFrame, path: Path, seeds: int) -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4.2), dpi=110)
    axes = figure.add_subplot()
    names = {"suggest": "motives.suggest (uncertainty + diversity)", "random": "random passages",
             "uncertain": "uncertainty only (diversity 0)"}
    for strategy, part in mean.groupby("strategy"):
        axes.plot(part["coded"], part["mean"], marker="o", markersize=3, label=names.get(strategy, strategy))
        axes.fill_between(part["coded"], part["mean"] - part["std"], part["mean"] + part["std"], alpha=0.15)
    axes.set_xlabel("coded passages")
    axes.set_ylabel("macro-F1, corpus test split")
    axes.set_title(f"Simulated active learning ({seeds} seeds, mean ± sd)")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(path)


if __name__ == "__main__":
    main()
