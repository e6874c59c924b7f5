"""Negation: does a model keep a denied motive off?

    python benchmarks/negation.py [--model DIR]

Scores the default model (or ``--model``) on the project's two negation sets:
``tests/fixtures/negation.jsonl`` (60 passages; the scope rules were written after
reading its failures, so it is not blind) and ``benchmarks/negation_heldout.jsonl``
(45 passages by a writer who saw neither the rules nor the model). Each passage
denies one motive (``negated``) and may affirm others (``labels``). Reported: the share
of passages whose denied label stays off, and the share whose affirmed labels are all
found.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import motives
from motives.labels import parse_labels

ROOT = Path(__file__).resolve().parents[1]
SETS = {"fixture (not blind)": ROOT / "tests" / "fixtures" / "negation.jsonl",
        "held-out": ROOT / "benchmarks" / "negation_heldout.jsonl",
        "held-out 2": ROOT / "benchmarks" / "negation_heldout2.jsonl",
        "held-out 3 (blind to the current rules)": ROOT / "benchmarks" / "negation_heldout3.jsonl"}


def score(rows: list[dict], model) -> tuple[int, int, list[dict]]:
    results = motives.classify([row["text"] for row in rows], model=model, evidence=0)
    kept_off = affirmed = 0
    misses = []
    for row, result in zip(rows, results):
        if row["negated"] in result.labels:
            misses.append(row)
        else:
            kept_off += 1
        affirmed += set(parse_labels(row["labels"])) <= set(result.labels)
    return kept_off, affirmed, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model folder (default: the model that ships)")
    args = parser.parse_args()
    for name, path in SETS.items():
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        kept_off, affirmed, misses = score(rows, args.model)
        by_label = {}
        for row in misses:
            by_label[row["negated"]] = by_label.get(row["negated"], 0) + 1
        print(f"{name}: denied label kept off {kept_off}/{len(rows)} ({kept_off / len(rows):.0%}); "
              f"affirmed labels all found {affirmed}/{len(rows)}; misses by label {by_label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
