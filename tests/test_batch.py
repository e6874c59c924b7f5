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


def test_a_dask_frame_is_labelled_on_a_local_cluster():
    """The same call runs on a real cluster: workers are separate processes here."""
    import pytest
    distributed = pytest.importorskip("distributed")
    import dask.dataframe as dd

    from motives.batch import label_dask
    texts = ["Pemprov ingin menarik investor Korea ke kawasan industri.", None,
             "Festival tari memperkenalkan budaya Aceh kepada warga Turki.", ""] * 5
    frame = pd.DataFrame({"n": range(len(texts)), "text": texts})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        out = label_dask(dd.from_pandas(frame, npartitions=4)).compute()
    expected = label_frame(frame)
    assert out["n"].tolist() == list(range(len(texts)))
    assert out["motives"].tolist() == expected["motives"].tolist()
    assert out["error"].tolist() == expected["error"].tolist()
    assert (out["p_economic"].fillna(-1) == expected["p_economic"].astype(float).fillna(-1)).all()
