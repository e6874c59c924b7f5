"""Labelling a large table: rows per second with 1 and 2 jobs, peak memory.

    python benchmarks/batch.py [--articles 20000] [--words 400] [--out parquet|csv|jsonl]

Writes a CSV of generated news articles (corpus sentences stitched to about
``--words`` words, seeded) to a temporary folder, then runs ``motives label`` on it
with ``--jobs 1`` and ``--jobs 2`` in fresh processes, timing each end to end and
reading the peak resident memory of the ``motives label`` process with GNU time
(``/usr/bin/time``; with ``--jobs 2`` that is the parent, each worker holds its own
model and chunk besides).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from motives.data import load_corpus


def articles(n: int, words: int) -> list[str]:
    rng = np.random.default_rng(0)
    sentences = [s.strip() + "." for text in load_corpus()["text"] for s in text.split(".")
                 if len(s.split()) > 4]
    out = []
    for _ in range(n):
        parts, count = [], 0
        while count < words:
            sentence = sentences[rng.integers(len(sentences))]
            parts.append(sentence)
            count += len(sentence.split())
        out.append(" ".join(parts))
    return out


def _paragraphs(sentences: list[str], size: int):
    for start in range(0, len(sentences), size):
        yield sentences[start:start + size]


def run(source: Path, output: Path, jobs: int, segment: bool = False) -> tuple[float, float]:
    """Seconds end to end, and the peak resident memory (MB) of the ``motives label``
    process as GNU time reports it (``ru_maxrss`` of this process's children would count
    the pages a fork shares with this large parent)."""
    report = output.with_suffix(".time")
    started = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), sys.executable, "-m", "motives",
                    "label", str(source), "-o", str(output), "--jobs", str(jobs)]
                   + (["--segment"] if segment else []), check=True)
    seconds = time.perf_counter() - started
    return seconds, int(report.read_text().split()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--out", default="csv", choices=["csv", "jsonl", "parquet"])
    parser.add_argument("--segment", action="store_true",
                        help="label with --segment (articles cut into passages; paragraphs of 4 sentences)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "news.csv"
        texts = articles(args.articles, args.words)
        if args.segment:  # news articles have paragraphs: a blank line after every 4th sentence
            texts = ["\n\n".join(" ".join(part) for part in _paragraphs(text.split(". "), 4)) for text in texts]
        pd.DataFrame({"id": range(len(texts)), "source": "generated", "text": texts}).to_csv(source, index=False)
        size = source.stat().st_size / 1e6
        print(f"{args.articles} articles of about {args.words} words, {size:.0f} MB of CSV, "
              f"output .{args.out}")
        timings = {}
        for jobs in (1, 2):
            output = Path(folder) / f"out{jobs}.{args.out}"
            seconds, peak = run(source, output, jobs, args.segment)
            timings[jobs] = seconds
            extra = ""
            if args.segment and args.out == "csv":
                passages = int((pd.read_csv(output, usecols=["level"])["level"] == "passage").sum())
                extra = f", {passages / seconds:,.0f} passages/s ({passages:,} passages)"
            print(f"--jobs {jobs}: {seconds:.1f} s end to end, {args.articles / seconds:,.0f} articles/s{extra}, "
                  f"peak memory of the motives process {peak:.0f} MB")
        print(f"speed-up from 1 to 2 jobs: {timings[1] / timings[2]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
