import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.estimates.engine.forecast import GrowthPaths, compound, project, trend_paths


def test_projection_compounds_each_path_from_its_own_bound():
    rows = project({"GM0281": (100, 200, 300)}, 2025, GrowthPaths(low=0, central=10, high=20), horizon=2)
    assert rows["GM0281"] == [
        {"year": 2025, "low": 100, "central": 200, "high": 300},
        {"year": 2026, "low": 100, "central": 220, "high": 360},
        {"year": 2027, "low": 100, "central": 242, "high": 432},
    ]


def test_default_horizon_is_ten_years():
    rows = project({"total": (1, 1, 1)}, 2025, GrowthPaths(0, 0, 0))["total"]
    assert [r["year"] for r in rows] == list(range(2025, 2036))


def test_paths_must_be_ordered():
    with pytest.raises(ValueError):
        GrowthPaths(low=3, central=1, high=5)
    with pytest.raises(ValueError):
        GrowthPaths(low=-100, central=0, high=1)


def test_trend_from_runs_of_several_years():
    paths = trend_paths({2021: 1000, 2023: 1210})  # 10% a year
    assert paths == GrowthPaths(low=8.0, central=10.0, high=12.0)
    with pytest.raises(ValueError):
        trend_paths({2023: 1000})


@given(
    base=st.tuples(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000)).map(sorted),
    rates=st.lists(st.floats(-20, 20, allow_nan=False), min_size=3, max_size=3).map(sorted),
)
def test_range_stays_ordered_and_its_relative_width_never_shrinks(base, rates):
    low, central, high = base
    rows = project({"x": (low, central, high)}, 2025, GrowthPaths(*rates))["x"]
    for row in rows:
        assert row["low"] <= row["central"] <= row["high"]
    if low > 0:
        ratios = [compound(high, rates[2], k) / compound(low, rates[0], k) for k in range(11)]
        assert all(b >= a * (1 - 1e-9) for a, b in zip(ratios, ratios[1:]))
