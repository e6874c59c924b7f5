"""The ``motives`` command: a thin layer over the library's functions."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import textwrap
from pathlib import Path

from . import __version__
from .errors import MotivesError

__all__ = ["main"]


def _segment(args: argparse.Namespace) -> int:
    from .segment import segment

    passages = segment(Path(args.file), lang=args.lang, max_words=args.max_words)
    if args.output is None:
        section = None
        for p in passages:
            if p.section != section:
                section = p.section
                print(f"\n== {section or '(no heading)'} ==")
            print(f"[{p.index}] ({p.lang}) " + textwrap.fill(p.text, width=100, subsequent_indent="    "))
        print(f"\n{len(passages)} passages", file=sys.stderr)
        return 0
    import pandas as pd

    columns = ["index", "section", "lang", "text", "start", "end", "source"]
    frame = pd.DataFrame([p.to_dict() for p in passages], columns=columns)
    write_table(frame, args.output)
    print(f"{len(passages)} passages written to {args.output}", file=sys.stderr)
    return 0


def write_table(frame, path: str | os.PathLike) -> None:
    """Write ``frame`` as .csv or .jsonl, atomically: a temporary file renamed at the end,
    so a failed run never leaves a half-written output."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise MotivesError(f"{path}: unknown output format {suffix or '(none)'}; use .csv or .jsonl")
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motives",
        description="Code policy texts for Keating's paradiplomacy motives (economic, cultural, political).")
    parser.add_argument("--version", action="version", version=f"motives {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    seg = commands.add_parser("segment", help="cut a document (.txt, .md, .pdf) into passages",
                              description="Cut a document into clean passages with language and section.")
    seg.add_argument("file", help="a .txt, .md or .pdf document")
    seg.add_argument("-o", "--output", help="write passages to OUT.csv or OUT.jsonl instead of listing them")
    seg.add_argument("--lang", choices=["id", "en", "other"], help="force the language of every passage")
    seg.add_argument("--max-words", type=int, default=200, help="longest passage in words (default 200)")
    seg.set_defaults(run=_segment)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (MotivesError, ValueError, OSError) as exc:
        print(f"motives {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

