"""Accuracy and speed of passage language identification on real text.

    python benchmarks/langid.py [../shared/dev]

Reads the real coded passages of ../shared/dev (every .jsonl there; passages of the
thesis file are Indonesian) and compares motives.segment.detect_language with the
language recorded in the data. Real passages are read at run time, never copied.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from motives.segment import detect_language


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "dev"
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        print(f"no .jsonl files in {folder}; nothing to measure")
        return 0
    items = []
    for f in files:
        for line in f.open(encoding="utf-8"):
            row = json.loads(line)
            items.append((row["text"], row.get("lang", "id")))
    detect_language("warm up")
    start = time.perf_counter()
    predicted = [detect_language(text) for text, _ in items]
    elapsed = time.perf_counter() - start
    scored = [(g, p) for (_, g), p in zip(items, predicted) if g in ("id", "en")]
    right = sum(g == p for g, p in scored)
    print(f"{len(items)} passages ({Counter(g for _, g in items)}), {len(items) / elapsed:.0f} passages/s")
    print(f"accuracy on id/en passages: {right}/{len(scored)} = {right / len(scored):.3f}")
    print("confusions:", Counter((g, p) for g, p in scored if g != p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
