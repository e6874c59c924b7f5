"""Retraining on a newly coded thesis: how much does it help on the thesis's held-out passages?

Uses the example in docs/examples/retraining (91 coded passages to train with, 62 held
out, from two chapters in domains the corpus covers poorly). Trains on the project
corpus plus the new codes at several weights, and on the new codes alone, and compares
each model with the default model on the held-out passages by the paired bootstrap of
`motives.compare`.

    python benchmarks/retraining.py
"""
from __future__ import annotations

import time
from pathlib import Path

import motives

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "retraining"


def main() -> None:
    coded, held_out = EXAMPLE / "new_codes.csv", EXAMPLE / "held_out.csv"
    runs = [("corpus + new codes, weight 1", dict(base="default", weight=1.0)),
            ("corpus + new codes, weight 3", dict(base="default", weight=3.0)),
            ("corpus + new codes, weight 10", dict(base="default", weight=10.0)),
            ("new codes alone", dict(base=None))]
    print(f"{'model':32s} {'train s':>8s} {'macro-F1':>9s} {'default':>8s} {'difference [95 % interval]':>30s}  verdict")
    for name, options in runs:
        started = time.perf_counter()
        model = motives.train(coded, **options)
        seconds = time.perf_counter() - started
        result = motives.compare(model, None, held_out)
        interval = f"{result['difference']:+.3f} [{result['difference_low']:+.3f}, {result['difference_high']:+.3f}]"
        print(f"{name:32s} {seconds:8.0f} {result['new_macro_f1']:9.3f} {result['old_macro_f1']:8.3f} "
              f"{interval:>30s}  {result['verdict']}", flush=True)


if __name__ == "__main__":
    main()
