import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.core.chart_scale import levels, nice_scale


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (16_240, [0, 5000, 10000, 15000, 20000]),
        (15_467, [0, 5000, 10000, 15000, 20000]),
        (10_000, [0, 5000, 10000]),
        (3_510, [0, 1000, 2000, 3000, 4000]),
        (8, [0, 2, 4, 6, 8]),
        (3, [0, 1, 2, 3]),
        (0, [0, 1]),
        (0.4, [0, 1]),
    ],
)
def test_round_levels(maximum, expected):
    assert levels(maximum) == expected


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_the_axis_shows_the_maximum_in_at_most_four_round_steps(maximum):
    top, step = nice_scale(maximum)
    assert top >= maximum and top - step < max(maximum, 1)  # the first multiple at or above
    assert 1 <= round(top / step) <= 4
    assert step == int(step) and str(int(step)).rstrip("0") in ("1", "2", "5"), step
