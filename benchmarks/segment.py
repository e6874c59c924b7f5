"""Throughput of motives.segment on a large generated document.

    python benchmarks/segment.py [--mb 20] [--style pdf|markdown]

The document imitates a PDF extraction of a thesis: hard-wrapped lines with a blank line
after each, hyphenation, glued footnote marks, footnote blocks, page numbers, headings and
table captions, in Indonesian and English paragraphs. Prints MB/s of raw text and passages/s.
"""
from __future__ import annotations

import argparse
import random
import textwrap
import time

import motives

WORDS_ID = ("pemerintah provinsi daerah kerja sama luar negeri investasi pariwisata budaya pertukaran "
            "pelajar kota kabupaten perdagangan ekspor pelabuhan kebijakan otonomi hubungan internasional "
            "kunjungan delegasi festival seni bahasa pengakuan citra forum mitra pembangunan industri").split()
WORDS_EN = ("regional government partnership abroad investment tourism culture exchange students city "
            "trade exports harbour policy autonomy international relations visit delegation festival "
            "language recognition image forum partner development industry province council").split()


def paragraph(rng: random.Random, words: tuple[str, ...] | list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 9)):
        s = " ".join(rng.choice(words) for _ in range(rng.randint(8, 24)))
        sentences.append(s[0].upper() + s[1:] + ".")
    return " ".join(sentences)


def document(megabytes: float, style: str, seed: int = 0) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size, page, note = 0, 1, 1
    while size < megabytes * 1e6:
        lines: list[str] = []
        if rng.random() < 0.15:
            lines.append(f"{'#' * rng.randint(1, 3)} {rng.choice('ABCDEFG')}. Bagian {page}" if style == "markdown"
                         else f"{rng.choice('ABCDEFG')}. Bagian Pembahasan {page}")
        mark = note % 400 + 1  # footnotes restart in every chapter of a real thesis
        text = paragraph(rng, WORDS_ID if rng.random() < 0.6 else WORDS_EN) + f"{mark}"
        wrapped = textwrap.wrap(text, 68)
        if style == "pdf":
            for i in range(len(wrapped) - 1):  # hyphenate a long word across some line ends
                first, _, rest = wrapped[i + 1].partition(" ")
                if len(first) >= 8 and rest and rng.random() < 0.3:
                    wrapped[i] += f" {first[:4]}-"
                    wrapped[i + 1] = f"{first[4:]} {rest}"
            lines += wrapped
            if rng.random() < 0.3:
                lines += [" " * 59, str(mark), f" Wawancara dengan narasumber, Mataram, {mark % 28 + 1} Maret 2016, hlm. 4.",
                          str(100 + page)]
                page += 1
            if rng.random() < 0.05:
                lines += [f"Tabel 1.{mark}", "Sumber: data diolah penulis, 2016."]
            block = "\n\n".join(lines) + "\n\n"
        else:
            lines.append(text[: -len(str(mark))] + f"<sup>{mark}</sup>")
            block = "\n\n".join(lines) + "\n\n"
        note += 1
        out.append(block)
        size += len(block.encode("utf-8"))
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated document in MB")
    ap.add_argument("--style", choices=["pdf", "markdown"], default="pdf")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    a = ap.parse_args()
    text = document(a.mb, a.style)
    megabytes = len(text.encode("utf-8")) / 1e6
    motives.segment("Pemanasan model bahasa dan pipeline spaCy dilakukan di sini.")  # load once
    best = float("inf")
    for _ in range(a.repeat):
        start = time.perf_counter()
        passages = motives.segment(text)
        best = min(best, time.perf_counter() - start)
    print(f"style={a.style} size={megabytes:.1f} MB passages={len(passages)} time={best:.2f} s "
          f"-> {megabytes / best:.2f} MB/s, {len(passages) / best:.0f} passages/s")


if __name__ == "__main__":
    main()
