"""Agreement statistics."""
import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from motives.evaluate import krippendorff_alpha, label_agreement


def test_two_coders_binary_by_hand():
    # 10 units, one disagreement: coincidences o = [[4, 1], [1, 14]], alpha by hand.
    first = [1, 1, 1, 0, 0, 0, 1, 1, 1, 1]
    second = [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]
    # n = 20; n_0 = 5, n_1 = 15; D_o = 2; D_e = 2 * 5 * 15 / 19
    assert krippendorff_alpha([first, second]) == pytest.approx(1 - 2 / (2 * 5 * 15 / 19))


def test_no_variation_is_undefined_and_single_coded_units_are_ignored():
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))
    with_gap = krippendorff_alpha([[1, 0, 1, np.nan], [1, 0, 1, 0]])
    assert with_gap == 1.0
    with pytest.raises(ValueError, match="2-D"):
        krippendorff_alpha([1, 0, 1])


@given(st.lists(st.sampled_from(["", "economic", "cultural;political", "economic;cultural"]),
                min_size=2, max_size=30))
def test_a_coding_agrees_perfectly_with_itself(coding):
    figures = label_agreement(coding, coding)
    assert figures["same_label_set"] == 1.0
    assert all(value == 1.0 or math.isnan(value) for value in figures.values())


def test_label_agreement_reads_label_cells():
    figures = label_agreement(["ekonomi", "", "budaya; politik", "economic"],
                              [("economic",), (), ("cultural",), ("economic",)])
    assert figures["economic"] == 1.0 and figures["cultural"] == 1.0
    assert figures["political"] < 0.5
    assert figures["same_label_set"] == 0.75
    with pytest.raises(ValueError, match="differ in length"):
        label_agreement(["economic"], [])
