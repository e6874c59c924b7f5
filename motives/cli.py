"""The ``motives`` command: a thin layer over the library's functions."""
from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from . import __version__
from .errors import MotivesError
from .read import write_table

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


def _label(args: argparse.Namespace) -> int:
    from .stream import label_file

    summary = label_file(args.input, args.output, text_column=args.text_column, model=args.model,
                         chunk_rows=args.chunk_rows, jobs=args.jobs, resume=args.resume,
                         segment=args.segment)
    bad = summary["errors"]
    print(f"{summary['rows']} rows labelled into {args.output}"
          + (f"; {bad} with a problem (see the error column)" if bad else ""), file=sys.stderr)
    if args.summary:
        motives = ", ".join(f"{label} {summary[label]}" for label in ("economic", "cultural", "political"))
        passages = f", {summary['passages']} passages" if args.segment else ""
        print(f"summary: {summary['rows']} rows{passages}, {summary['labelled']} labelled, {bad} errors; "
              f"{motives}; {summary['seconds']} s")
    return 0


def _classify(args: argparse.Namespace) -> int:
    import json

    from .predict import classify

    texts = args.text or [line.strip() for line in sys.stdin if line.strip()]
    if not texts:
        raise MotivesError("give a text to classify, or pipe texts in, one per line")
    results = classify(texts, model=args.model)
    for result in results:
        print(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else f"{result}\n")
    return 0


def _train(args: argparse.Namespace) -> int:
    import datetime
    import hashlib
    import platform
    import time

    import numpy as np
    import sklearn

    from . import __version__ as version
    from .data import load_corpus
    from .evaluate import read_coded_folder, score_labels
    from .labels import LABELS
    from .model import save_model

    corpus = load_corpus(args.corpus)
    train = corpus[corpus["split"] == "train"] if not args.all else corpus
    test = corpus[corpus["split"] == "test"]
    started = time.perf_counter()
    from .predict import train as fit

    model = fit(train, split=None, random_state=args.seed)
    seconds = time.perf_counter() - started
    card = {
        "model": "MotiveClassifier", "motives": version,
        "created": datetime.date.today().isoformat(),
        "python": platform.python_version(), "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "data": {"file": Path(args.corpus).name,
                 "sha256": hashlib.sha256(Path(args.corpus).read_bytes()).hexdigest(),
                 "train_passages": len(train), "test_passages": len(test)},
        "params": model.get_params(),
        "thresholds": dict(zip(LABELS, np.round(model.thresholds_, 4).tolist())),
        "training_seconds": round(seconds, 1),
        "metrics": {},
    }
    if len(test) and not args.all:
        card["metrics"]["corpus_test"] = score_labels(test[list(LABELS)].to_numpy(),
                                                      model.predict(test["text"].tolist()))
    if args.dev:
        dev = read_coded_folder(args.dev)
        gold = [tuple(labels) for labels in dev["labels"]]
        card["metrics"]["real_dev"] = score_labels(gold, model.predict(dev["text"].tolist()))
        for name, part in dev.groupby("file"):
            card["metrics"][f"real_dev/{name}"] = score_labels(
                [tuple(labels) for labels in part["labels"]], model.predict(part["text"].tolist()))
    save_model(model, args.output, card=card)
    _write_card_markdown(card, Path(args.output) / "card.md")
    for name, figures in card["metrics"].items():
        cells = "  ".join(f"{label} {figures[label]['f1']:.3f} (n={figures[label]['support']})"
                          for label in LABELS)
        print(f"{name:34s} macro-F1 {figures['macro_f1']:.3f}  {cells}", file=sys.stderr)
    print(f"model written to {args.output} ({seconds:.0f} s)", file=sys.stderr)
    return 0


def _write_card_markdown(card: dict, path: Path) -> None:
    from .labels import LABELS

    lines = [f"# Model card: motives {card['motives']} default model", "",
             f"A `MotiveClassifier` trained on {card['data']['train_passages']} passages of "
             f"`{card['data']['file']}` (sha256 `{card['data']['sha256'][:12]}…`) on "
             f"{card['created']}, in {card['training_seconds']} s, with Python {card['python']}, "
             f"scikit-learn {card['scikit-learn']}, numpy {card['numpy']}.", "",
             f"Features: negation-marked word {'-'.join(map(str, card['params']['word_ngrams']))}-grams, "
             f"character {'-'.join(map(str, card['params']['char_ngrams']))}-grams within words, Keating "
             f"lexicon counts inside and outside negation. One logistic regression per label "
             f"(C={card['params']['C']}), "
             "Platt-calibrated on out-of-fold scores; each label's threshold maximises its "
             "out-of-fold F1.", "",
             "Thresholds: " + ", ".join(f"{k} {v}" for k, v in card["thresholds"].items()), "",
             "| evaluated on | passages | macro-F1 | " + " | ".join(f"{l} P / R / F1 (n)" for l in LABELS) + " |",
             "|---|---|---|" + "---|" * len(LABELS)]
    for name, m in card["metrics"].items():
        cells = " | ".join(f"{m[l]['precision']:.2f} / {m[l]['recall']:.2f} / {m[l]['f1']:.2f} ({m[l]['support']})"
                           for l in LABELS)
        lines.append(f"| {name} | {m['passages']} | {m['macro_f1']:.3f} | {cells} |")
    lines += ["", "`real_dev` is real coded text (`../shared/dev`, usable passages), never used "
              "for training. Read every F1 with its support. Rebuild with the command in "
              "`models/README.md`; the full card is `card.json`.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import compare, evaluate

    coded = args.coded  # read by evaluate and compare, which name the file in their errors
    report = evaluate(args.model, coded, text=args.text_column, labels=args.labels_column,
                      coders=args.coders, by=args.by, bootstrap=args.bootstrap)
    page = report.save(args.output, format=args.format)
    print(report)
    print(f"\nreport written to {page}", file=sys.stderr)
    if args.compare:
        result = compare(args.model, args.compare, coded, text=args.text_column,
                         labels=args.labels_column, bootstrap=max(args.bootstrap, 1000))
        (Path(args.output) / "comparison.json").write_text(json.dumps(result, indent=2) + "\n")
        new, old = args.model or "the default model", args.compare
        print(f"\n{new} vs {old}: macro-F1 {result['new_macro_f1']:.3f} vs {result['old_macro_f1']:.3f}, "
              f"difference {result['difference']:+.3f} (95 % interval {result['difference_low']:+.3f} to "
              f"{result['difference_high']:+.3f}, paired bootstrap on {result['passages']} passages): "
              f"{new} is {result['verdict'] if result['verdict'] != 'indistinguishable' else 'indistinguishable from'}"
              f"{' than' if result['verdict'] != 'indistinguishable' else ''} {old}.")
    return 0


def _profile(args: argparse.Namespace) -> int:
    import json

    from .profile import profile

    result = profile(Path(args.file), model=args.model, top=args.top)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else result)
    if args.plot:
        result.plot(args.plot)
        print(f"bar chart written to {args.plot}", file=sys.stderr)
    return 0


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

    lab = commands.add_parser("label", help="label every row of a table (.csv .tsv .jsonl [.gz] .parquet .xlsx)",
                              description="Add motives, p_economic, p_cultural, p_political and error "
                                          "to every row of a table; bad rows are kept and marked.")
    lab.add_argument("input", help="a table (.csv .tsv .jsonl, optionally .gz; .parquet .xlsx), or a folder "
                                   "or quoted glob of .txt/.md/.pdf documents (one row per passage)")
    lab.add_argument("-o", "--output", required=True, help="the labelled table (format by suffix)")
    lab.add_argument("--text-column", default="text", help="the column with the passages (default: text)")
    lab.add_argument("--model", help="a model folder (default: the model that ships)")
    lab.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    lab.add_argument("--chunk-rows", type=int, default=5000, help="rows read and labelled at a time (default 5000)")
    lab.add_argument("--segment", action="store_true",
                     help="each row is a whole article: write an article row and its passage rows")
    lab.add_argument("--resume", action="store_true",
                     help="continue an interrupted run from its checkpoint (same input and options)")
    lab.add_argument("--summary", action="store_true",
                     help="print a last line: rows, labelled, errors, per-motive counts, time")
    lab.set_defaults(run=_label)

    cls = commands.add_parser("classify", help="the motives of a passage, with scores and evidence",
                              description="Classify passages given as arguments, or one per line on stdin.")
    cls.add_argument("text", nargs="*", help="passage(s); read from stdin when none are given")
    cls.add_argument("--json", action="store_true", help="one JSON object per passage")
    cls.add_argument("--model", help="a model folder (default: the model that ships)")
    cls.set_defaults(run=_classify)

    trn = commands.add_parser("train", help="train a model on a coded corpus",
                              description="Train on the corpus's train split, score the test split "
                                          "(and real coded passages with --dev), write a model folder "
                                          "with its card.")
    trn.add_argument("corpus", help="a coded corpus (.jsonl/.csv/.tsv with the columns of data/corpus.jsonl)")
    trn.add_argument("-o", "--output", required=True, help="model folder to write")
    trn.add_argument("--dev", help="a folder of real coded passages (*.jsonl with text, labels, usable) to score")
    trn.add_argument("--all", action="store_true", help="train on every row, ignoring the split")
    trn.add_argument("--seed", type=int, default=0, help="seed of the cross-validation folds (default 0)")
    trn.set_defaults(run=_train)

    evl = commands.add_parser("evaluate", help="score a model against hand-coded passages",
                              description="Compare a model's coding with human codes: per-label scores, "
                                          "kappa and alpha with bootstrap intervals, calibration, the "
                                          "passages it got wrong; written as a report with plots.")
    evl.add_argument("coded", help="a table of coded passages (.csv .tsv .jsonl .parquet .xlsx)")
    evl.add_argument("-o", "--output", required=True, help="folder for the report, plots and errors.csv")
    evl.add_argument("--model", help="a model folder (default: the model that ships)")
    evl.add_argument("--compare", metavar="OTHER_MODEL",
                     help="another model folder: is --model better than it on these passages? (paired bootstrap)")
    evl.add_argument("--by", nargs="*", default=[], metavar="COLUMN", help="break scores down by these columns")
    evl.add_argument("--coders", nargs="*", default=None, metavar="COLUMN",
                     help="columns with individual human coders' codes, to report their agreement too")
    evl.add_argument("--text-column", default="text", help="the column with the passages (default: text)")
    evl.add_argument("--labels-column", default="labels", help="the column with the human codes (default: labels)")
    evl.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    evl.add_argument("--format", choices=["md", "html"], default="md", help="report format (default md)")
    evl.set_defaults(run=_evaluate)

    prf = commands.add_parser("profile", help="which motives drive a document: shares, probabilities, quotes",
                              description="Segment a document, classify its passages and report, per motive, "
                                          "the share of passages that express it (with a 95 % interval), the "
                                          "mean probability and the strongest passages.")
    prf.add_argument("file", help="a .txt, .md or .pdf document")
    prf.add_argument("--model", help="a model folder (default: the model that ships)")
    prf.add_argument("--top", type=int, default=3, help="passages to quote per motive (default 3)")
    prf.add_argument("--plot", metavar="PNG", help="also write a bar chart of the shares")
    prf.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    prf.set_defaults(run=_profile)
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

