"""Build ``data/corpus.jsonl`` from the coding rounds in ``data/coding/``.

    python data/build_corpus.py           # rebuild corpus.jsonl and agreement.json
    python data/build_corpus.py --check   # only report; exit 1 if anything is missing

Inputs (see ``data/README.md``):

- ``coding/first/<round>/*.jsonl``: passages with the writers' codes (first coding);
- ``coding/second/*.jsonl``: ``id, labels`` from coders who saw the text only;
- ``coding/adjudication.csv``: ``id, first, second, final, reason`` for every
  passage the two codings disagree on (and any other passage whose code was
  corrected in review);
- ``coding/excluded.csv``: ``id, reason`` for passages left out (near-duplicates);
- ``coding/check/*.jsonl``: ``id, labels`` from a third coder on a sample, compared
  with the final codes.

The split of a passage already in ``corpus.jsonl`` never changes; new passages
are split stratified by label set and language, 25 % test.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

from motives.data import COLUMNS, check_corpus, near_duplicates
from motives.evaluate import label_agreement
from motives.labels import LABELS, format_labels, parse_labels

HERE = Path(__file__).resolve().parent
CODING = HERE / "coding"
TEST_SIZE = 0.25
SEED = 20261123


def read_jsonl(paths: list[Path]) -> pd.DataFrame:
    frames = [pd.read_json(path, lines=True, dtype=False).assign(round=path.parent.name)
              for path in paths]
    return pd.concat(frames, ignore_index=True).fillna("")


def codes(cells: pd.Series) -> pd.Series:
    return cells.map(lambda cell: format_labels(parse_labels(cell)))


def agreement(first: pd.Series, second: pd.Series) -> dict:
    """Krippendorff's alpha (nominal) between two codings, per label and overall."""
    figures = label_agreement(first.tolist(), second.tolist())
    return {"passages": int(len(first))} | {key: round(value, 3) for key, value in figures.items()}


def assign_splits(corpus: pd.DataFrame, previous: dict[str, str]) -> pd.Series:
    split = corpus["id"].map(previous).astype(object)
    new = corpus[split.isna()]
    if len(new):
        strata = new["labels"].replace("", "none") + "|" + new["lang"]
        rare = strata.map(strata.value_counts()) < 4
        strata = strata.where(~rare, new["labels"].replace("", "none"))
        strata = strata.where(strata.map(strata.value_counts()) >= 2, "rare")
        train, test = train_test_split(new.index, test_size=TEST_SIZE, stratify=strata,
                                       random_state=SEED)
        split.loc[train], split.loc[test] = "train", "test"
    return split


def markdown(table: pd.DataFrame) -> str:
    head = [table.index.name or "", *map(str, table.columns)]
    rows = [[str(index), *map(str, values)] for index, values in zip(table.index, table.values)]
    return "\n".join("| " + " | ".join(cells) + " |"
                     for cells in [head, ["---"] * len(head), *rows])


def tables(corpus: pd.DataFrame) -> str:
    """Markdown count tables for the datasheet."""
    corpus = corpus.assign(labels=corpus["labels"].replace("", "(none)"),
                           words=corpus["text"].str.split().str.len())
    parts = []
    for rows, columns in (("labels", "lang"), ("register", "lang"), ("labels", "split")):
        table = pd.crosstab(corpus[rows], corpus[columns], margins=True, margins_name="all")
        parts.append(markdown(table))
    for label in LABELS:
        corpus[label] = corpus["labels"].str.contains(label)
    parts.append(markdown(corpus.groupby("lang")[list(LABELS)].sum()))
    parts.append(markdown(corpus.groupby("register")["words"].describe()[
        ["mean", "min", "50%", "max"]].round(0).astype(int)))
    return "\n\n".join(parts)


def write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                     delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    parser.add_argument("--tables", action="store_true",
                        help="print the datasheet's count tables for corpus.jsonl and exit")
    args = parser.parse_args(argv)
    if args.tables:
        print(tables(pd.read_json(HERE / "corpus.jsonl", lines=True, dtype=False)))
        return 0

    first = read_jsonl(sorted((CODING / "first").glob("*/*.jsonl")))
    second = read_jsonl(sorted((CODING / "second").glob("*.jsonl")))
    adjudication = pd.read_csv(CODING / "adjudication.csv", dtype=str, keep_default_na=False)
    excluded = pd.read_csv(CODING / "excluded.csv", dtype=str, keep_default_na=False)

    problems = []
    for name, frame in (("first", first), ("second", second), ("adjudication", adjudication)):
        dupes = frame["id"][frame["id"].duplicated()].tolist()
        if dupes:
            problems.append(f"{name}: repeated ids {dupes[:5]}")
    first["labels"] = codes(first["labels"])
    second = second.set_index("id")["labels"].pipe(codes)
    first = first[~first["id"].isin(excluded["id"])].reset_index(drop=True)
    first["second"] = first["id"].map(second)
    uncoded = first.loc[first["second"].isna(), "id"].tolist()
    if uncoded:
        problems.append(f"{len(uncoded)} passages lack a second coding, e.g. {uncoded[:5]}")
    coded = first.dropna(subset=["second"])
    stats = {"all": agreement(coded["labels"], coded["second"])}
    for name, group in coded.groupby("round"):
        stats[name] = agreement(group["labels"], group["second"])

    final = adjudication.set_index("id")["final"].pipe(codes)
    disagree = coded[coded["labels"] != coded["second"]]
    unresolved = disagree.loc[~disagree["id"].isin(final.index), "id"].tolist()
    if unresolved:
        problems.append(f"{len(unresolved)} disagreements not adjudicated, e.g. {unresolved[:5]}")
        pending = disagree[disagree["id"].isin(unresolved)][["id", "labels", "second", "text"]]
        pending.rename(columns={"labels": "first"}).to_csv(HERE / "coding" / "pending.csv",
                                                            index=False)
    corpus = first.copy()
    corpus["labels"] = [final.get(id_, labels) for id_, labels in zip(corpus["id"], corpus["labels"])]
    stats["adjudicated"] = {"disagreements": int(len(disagree)),
                            "final_equals_first": int((corpus.set_index("id").loc[
                                disagree["id"], "labels"].values == disagree["labels"].values).sum()),
                            "corrected_after_agreement": int(len(set(final.index) - set(disagree["id"])))}

    checks = sorted((CODING / "check").glob("*.jsonl"))
    if checks:
        # A third coder, who read only the codebook, coded a sample: compare with the final codes.
        third = read_jsonl(checks).set_index("id")["labels"].pipe(codes)
        final_codes = corpus.set_index("id")["labels"].reindex(third.index)
        stats["third_coder_vs_final"] = agreement(final_codes, third)

    pairs = near_duplicates(corpus["text"].tolist())
    if pairs:
        ids = [(corpus["id"][i], corpus["id"][j], overlap) for i, j, overlap in pairs[:10]]
        problems.append(f"{len(pairs)} near-duplicate pairs, e.g. {ids}")

    old = HERE / "corpus.jsonl"
    previous = (pd.read_json(old, lines=True, dtype=False).set_index("id")["split"].to_dict()
                if old.exists() else {})
    corpus["split"] = assign_splits(corpus, previous)
    corpus = corpus[list(COLUMNS)].sort_values("id").reset_index(drop=True)
    check_corpus(corpus, file="corpus (built)")

    print(json.dumps(stats, indent=2))
    print(corpus.groupby("split").size().to_string())
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    if args.check or problems:
        return 1 if problems else 0
    lines = [json.dumps(record, ensure_ascii=False) for record in corpus.to_dict("records")]
    write_atomically(old, "\n".join(lines) + "\n")
    write_atomically(HERE / "agreement.json", json.dumps(stats, indent=2) + "\n")
    print(f"wrote {len(corpus)} passages to {old}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
