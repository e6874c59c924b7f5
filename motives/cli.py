"""The ``motives`` command: a thin layer over the library's functions.

Internal: the ``motives`` command; see ``motives --help``.
"""
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

    summary = label_file(args.input, args.output, text_column=args.text_column, model=_model(args.model),
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
    results = classify(texts, model=_model(args.model))
    for result in results:
        print(json.dumps(result.to_dict(), ensure_ascii=False) if args.json else f"{result}\n")
    return 0


def _train(args: argparse.Namespace) -> int:
    from .evaluate import read_coded_folder, score_labels
    from .labels import LABELS
    from .model import model_card, save_model
    from .predict import _base_corpus, train

    base = None if args.no_base else args.base
    if not args.coded and base is None:
        raise MotivesError("nothing to train on: give coded files, or leave out --no-base")
    model = train(list(args.coded), base=base, weight=args.weight, split=None if args.all else "train",
                  random_state=args.seed)
    metrics = {}
    if base is not None and not args.all:  # the base corpus's test split: did the new codes cost anything?
        from .data import load_corpus

        path = _base_corpus() if base == "default" else Path(base)
        if path.suffix.lower() == ".jsonl":
            test = load_corpus(path, split="test")
            if len(test):
                metrics["corpus_test"] = score_labels(test[list(LABELS)].to_numpy(),
                                                      model.predict(test["text"].tolist()))
    if args.dev:
        dev = read_coded_folder(args.dev)
        metrics["real_dev"] = score_labels([tuple(c) for c in dev["labels"]], model.predict(dev["text"].tolist()))
        for name, part in dev.groupby("file"):
            metrics[f"real_dev/{name}"] = score_labels([tuple(c) for c in part["labels"]],
                                                       model.predict(part["text"].tolist()))
    save_model(model, args.output, card=model_card(model, metrics))
    for source in model.training_["sources"]:
        print(f"trained on {source['passages']} passages of {source['file'] or 'the project corpus'}"
              + (f" (weight {source['weight']:g})" if source["weight"] != 1 else "")
              + (f"; {source['uncoded_rows']} rows not yet coded skipped" if source.get("uncoded_rows") else "")
              + (f"; {source['replaced_by_new_codes']} base passages replaced by new codes"
                 if source.get("replaced_by_new_codes") else ""), file=sys.stderr)
    for name, figures in metrics.items():
        cells = "  ".join(f"{label} {figures[label]['f1']:.3f} (n={figures[label]['support']})"
                          for label in LABELS)
        print(f"{name:34s} macro-F1 {figures['macro_f1']:.3f}  {cells}", file=sys.stderr)
    print(f"model written to {args.output} ({model.training_['seconds']:.0f} s)", file=sys.stderr)
    return 0


def _sheet(args: argparse.Namespace) -> int:
    from .coding import coding_sheet, write_sheet

    sheet = coding_sheet([Path(d) for d in args.documents], model=_model(args.model), blind=args.blind,
                         text_column=args.text_column, max_words=args.max_words)
    if args.sample is not None:  # a random sample, e.g. for reliability coding; kept in document order
        sheet = sheet.sample(min(args.sample, len(sheet)), random_state=args.seed).sort_index()
    write_sheet(sheet, args.output)
    documents = sheet["document"].nunique()
    print(f"coding sheet of {len(sheet)} passages from {documents} document(s) written to {args.output}"
          + ("" if args.blind else "; the model's suggestions are in 'suggestion' and p_*"), file=sys.stderr)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from .coding import write_sheet
    from .suggest import suggest

    picks = suggest(Path(args.uncoded), args.n, model=_model(args.model), text=args.text_column,
                    diversity=args.diversity)
    if args.output:  # a coding sheet: what the model knows first, the coder's columns last
        coder = ["economic", "cultural", "political", "labels", "coder", "comment"]
        for column in coder:
            if column not in picks.columns:
                picks[column] = ""
        model = ["uncertainty", "closest_label", "p_economic", "p_cultural", "p_political"]
        first = [c for c in picks.columns if c not in coder + model + ["similarity"]]
        write_sheet(picks[first + model + coder], args.output)
        print(f"{len(picks)} passages to code next written to {args.output}", file=sys.stderr)
        return 0
    for row in picks.itertuples(index=False):
        scores = "  ".join(f"{label[:4]} {getattr(row, f'p_{label}'):.2f}" for label in ("economic", "cultural",
                                                                                         "political"))
        body = textwrap.shorten(str(getattr(row, args.text_column)), width=160, placeholder=" …")
        print(f"{row.rank:3d}. [{row.closest_label}? {scores}] {body}")
    return 0


def _model(name: str | None):
    """``None`` and ``"default"`` are the model that ships; anything else is a model path."""
    return None if name in (None, "default") else name


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import compare, evaluate

    coded = args.coded  # read by evaluate and compare, which name the file in their errors
    report = evaluate(_model(args.model), coded, text=args.text_column, labels=args.labels_column,
                      coders=args.coders, by=args.by, bootstrap=args.bootstrap)
    page = report.save(args.output, format=args.format)
    print(report)
    if report.overall.get("uncoded_rows"):
        print(f"\n{report.overall['uncoded_rows']} rows not yet coded (every code cell blank) were left out; "
              "write none for a passage without a motive", file=sys.stderr)
    print(f"\nreport written to {page}", file=sys.stderr)
    if args.compare:
        result = compare(_model(args.model), _model(args.compare), coded, text=args.text_column,
                         labels=args.labels_column, bootstrap=max(args.bootstrap, 2000))
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

    result = profile(Path(args.file), model=_model(args.model), top=args.top)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else result)
    if args.plot:
        result.plot(args.plot)
        print(f"bar chart written to {args.plot}", file=sys.stderr)
    return 0


def _model_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--model", help="a model folder or .zip file ('default' or left out: the model that ships)")


def _text_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--text-column", default="text", help="the column with the passages (default: text)")


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
    _text_option(lab)
    _model_option(lab)
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
    _model_option(cls)
    cls.set_defaults(run=_classify)

    sht = commands.add_parser("sheet", help="a coding sheet for human coders (.xlsx or .csv)",
                              description="Segment documents (or take the passages of a table) and write a "
                                          "coding sheet: passage id, document, section, text, the model's "
                                          "suggestion, and empty columns for the coder.")
    sht.add_argument("documents", nargs="+", help="documents (.txt .md .pdf), folders or quoted globs of them, "
                                                  "or a table of passages")
    sht.add_argument("-o", "--output", required=True, help="the sheet: .xlsx (formatted for coding) or .csv")
    sht.add_argument("--blind", action="store_true",
                     help="leave out the model's suggestions (for reliability coding)")
    _model_option(sht)
    _text_option(sht)
    sht.add_argument("--max-words", type=int, default=200, help="longest passage in words (default 200)")
    sht.add_argument("--sample", type=int, metavar="N", help="only a random sample of N passages (e.g. to check "
                                                            "the model on your documents)")
    sht.add_argument("--seed", type=int, default=0, help="seed of --sample (default 0)")
    sht.set_defaults(run=_sheet)

    sug = commands.add_parser("suggest", help="which uncoded passages to code next (active learning)",
                              description="Rank uncoded passages by how much coding them would help the "
                                          "model: those it is least sure about, without near-duplicates.")
    sug.add_argument("uncoded", help="a table or coding sheet (coded rows are skipped), or documents "
                                     "(.txt .md .pdf, a folder or a quoted glob)")
    sug.add_argument("-n", type=int, default=50, help="how many passages (default 50)")
    sug.add_argument("-o", "--output", help="write them as a coding sheet (.xlsx or .csv) instead of listing them")
    _model_option(sug)
    _text_option(sug)
    sug.add_argument("--diversity", type=float, default=0.3,
                     help="0 ranks by uncertainty alone; higher spreads the choice (default 0.3)")
    sug.set_defaults(run=_suggest)

    trn = commands.add_parser("train", help="train a model on coded passages (new codes + the project corpus)",
                              description="Train a model on newly coded passages (coding sheets or tables) "
                                          "together with the project's corpus (--base default, the data of "
                                          "the model that ships), or on the new codes alone (--no-base). "
                                          "Writes a model folder, or one .zip file, with its card.")
    trn.add_argument("coded", nargs="*", help="coded sheets or tables (.xlsx .csv .tsv .jsonl .parquet); "
                                              "rows not yet coded are skipped")
    trn.add_argument("-o", "--output", required=True, help="model folder to write, or FILE.zip for one file")
    trn.add_argument("--base", default="default", metavar="CORPUS",
                     help="base corpus, its train split: 'default' (the project corpus, the default) "
                          "or a corpus file")
    trn.add_argument("--no-base", action="store_true", help="train on the coded files alone")
    trn.add_argument("--weight", type=float, default=1.0,
                     help="how much each newly coded passage counts relative to a base passage (default 1)")
    trn.add_argument("--dev", help="a folder of real coded passages (*.jsonl with text, labels, usable) to score")
    trn.add_argument("--all", action="store_true", help="train on every row of the base corpus, ignoring its split")
    trn.add_argument("--seed", type=int, default=0, help="seed of the cross-validation folds (default 0)")
    trn.set_defaults(run=_train)

    evl = commands.add_parser("evaluate", help="score a model against hand-coded passages",
                              description="Compare a model's coding with human codes: per-label scores, "
                                          "kappa and alpha with bootstrap intervals, calibration, the "
                                          "passages it got wrong; written as a report with plots.")
    evl.add_argument("coded", help="a table of coded passages (.csv .tsv .jsonl .parquet .xlsx)")
    evl.add_argument("-o", "--output", required=True, help="folder for the report, plots and errors.csv")
    _model_option(evl)
    evl.add_argument("--compare", metavar="OTHER_MODEL",
                     help="another model ('default' for the one that ships): is --model better than it "
                          "on these passages? (paired bootstrap)")
    evl.add_argument("--by", nargs="*", default=[], metavar="COLUMN", help="break scores down by these columns")
    evl.add_argument("--coders", nargs="*", default=None, metavar="COLUMN",
                     help="columns with individual human coders' codes, to report their agreement too")
    _text_option(evl)
    evl.add_argument("--labels-column", default="labels", help="the column with the human codes (default: labels)")
    evl.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    evl.add_argument("--format", choices=["md", "html"], default="md", help="report format (default md)")
    evl.set_defaults(run=_evaluate)

    prf = commands.add_parser("profile", help="which motives drive a document: shares, probabilities, quotes",
                              description="Segment a document, classify its passages and report, per motive, "
                                          "the share of passages that express it (with a 95 % interval), the "
                                          "mean probability and the strongest passages.")
    prf.add_argument("file", help="a .txt, .md or .pdf document")
    _model_option(prf)
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

