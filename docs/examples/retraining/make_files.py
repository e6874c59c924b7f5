"""Build the example's coded files from the two coders' sheets (run from this folder).

    python make_files.py

Reads coding/coder_{a,b}_*.csv (two blind codings of each chapter) and
adjudication.csv (the final code where the coders differ), and writes:

- new_codes.csv: the coded passages a researcher would retrain with;
- held_out.csv: passages kept aside to judge the retrained model (about 40 %,
  chosen by iterative stratification over the labels and the document, seed 0).

Both keep each coder's codes (coder_a, coder_b) beside the final ``labels``.
"""
from pathlib import Path

import numpy as np
import pandas as pd
from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

import motives

HERE = Path(__file__).resolve().parent


def main() -> None:
    frames = []
    for chapter in ("chapter4", "bab4"):
        a, b = (motives.read_coded(HERE / "coding" / f"coder_{c}_{chapter}.csv") for c in ("a", "b"))
        assert a["passage_id"].tolist() == b["passage_id"].tolist()
        frames.append(a.assign(coder_a=a["labels"], coder_b=b["labels"].to_numpy()))
    coded = pd.concat(frames, ignore_index=True)
    final = pd.read_csv(HERE / "adjudication.csv", dtype=str, keep_default_na=False).set_index("passage_id")["final"]
    differ = coded["coder_a"] != coded["coder_b"]
    assert set(coded.loc[differ, "passage_id"]) == set(final.index), "every disagreement needs an adjudication"
    coded["labels"] = [final.get(pid, a) for pid, a in zip(coded["passage_id"], coded["coder_a"])]
    coded["document"] = coded["document"].map(lambda d: Path(d).name)
    columns = ["passage_id", "document", "section", "lang", "text", "labels", "coder_a", "coder_b"]
    coded = coded[columns]
    for column in ("labels", "coder_a", "coder_b"):  # a blank cell in a coding sheet means "not coded yet"
        coded[column] = coded[column].replace("", "none")
    strata = np.column_stack([motives.labels.label_matrix(coded["labels"].tolist()),
                              (coded["document"] == coded["document"].iloc[0]).astype(int)])
    split = MultilabelStratifiedShuffleSplit(n_splits=1, test_size=0.4, random_state=0)
    train, held_out = next(split.split(np.zeros(len(coded)), strata))
    coded.iloc[np.sort(train)].to_csv(HERE / "new_codes.csv", index=False)
    coded.iloc[np.sort(held_out)].to_csv(HERE / "held_out.csv", index=False)
    print(f"{len(train)} passages in new_codes.csv, {len(held_out)} in held_out.csv")


if __name__ == "__main__":
    main()
