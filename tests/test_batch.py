"""Batch labelling keeps every row, in order, with its columns."""
import pandas as pd
from hypothesis import given, settings, strategies as st

from motives.batch import OUTPUT_COLUMNS, label_frame

cells = st.one_of(st.none(), st.text(max_size=60), st.integers(), st.floats(allow_nan=True))


@settings(max_examples=40, deadline=None)
@given(st.lists(cells, max_size=12))
def test_every_row_comes_out_in_order(values):
    frame = pd.DataFrame({"row": range(len(values)), "text": pd.Series(values, dtype=object)})
    out = label_frame(frame)
    assert list(out.columns) == ["row", "text", *OUTPUT_COLUMNS]
    assert out["row"].tolist() == list(range(len(values)))
    for value, error, motives in zip(values, out["error"], out["motives"]):
        usable = isinstance(value, str) and value.strip() != ""
        assert (error == "") == usable
        assert usable or motives == ""
