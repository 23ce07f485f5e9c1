"""Regional distribution: keys, the optimiser with its bounds and shadow prices, and infeasible bounds."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aanjager.housingtask.distribution import (
    Infeasible,
    Member,
    by_key,
    distance_matrix,
    key_shares,
    optimise,
    transport_km,
    within_bounds,
)

# Three places on a line: A at 0 km, B at 10 km, C at 30 km.
LINE = np.array([[0, 10, 30], [10, 0, 20], [30, 20, 0]], dtype=float)


def members(**overrides):
    base = [
        Member("A", "Aa", jobs=60, effort=10, population=1000),
        Member("B", "Bee", jobs=30, effort=30, population=3000),
        Member("C", "Cee", jobs=10, effort=60, population=6000),
    ]
    return [Member(**{**m.__dict__, **overrides.get(m.code, {})}) for m in base]


def test_keys_by_hand():
    ms = members()
    assert key_shares(ms, {"jobs": 1}) == pytest.approx({"A": 0.6, "B": 0.3, "C": 0.1})
    assert key_shares(ms, {"population": 1}) == pytest.approx({"A": 0.1, "B": 0.3, "C": 0.6})
    mix = key_shares(ms, {"jobs": 1, "effort": 1})  # half of each
    assert mix == pytest.approx({"A": 0.35, "B": 0.3, "C": 0.35})
    assert by_key(200, ms, {"jobs": 1}).beds == pytest.approx({"A": 120, "B": 60, "C": 20})
    with pytest.raises(ValueError, match="mist een waarde"):
        key_shares(members(B={"population": None}), {"population": 1})
    with pytest.raises(ValueError, match="gewicht"):
        key_shares(ms, {"jobs": 0})


def test_without_bounds_everybody_lives_where_they_work():
    result = optimise(100, members(), LINE)
    assert result.beds == pytest.approx({"A": 60, "B": 30, "C": 10})
    assert result.km == pytest.approx(0)


def test_a_maximum_share_moves_workers_to_the_nearest_place_and_explains_it():
    result = optimise(100, members(A={"max_share": 0.4}), LINE)
    assert result.beds == pytest.approx(
        {"A": 40, "B": 50, "C": 10}
    )  # 20 of A's workers live in B, 10 km away
    assert result.km == pytest.approx(200)
    assert any("Eén bed meer toegestaan in Aa verlaagt de totale woon-werkafstand met 10,0 km" in e
               for e in result.explanations)  # fmt: skip
    assert within_bounds(result, 100, members(A={"max_share": 0.4}))


def test_a_minimum_share_and_a_capacity():
    ms = members(C={"min_share": 0.3}, B={"capacity": 35})
    result = optimise(100, ms, LINE)
    assert result.beds["C"] == pytest.approx(30) and result.beds["B"] <= 35 + 1e-6
    assert sum(result.beds.values()) == pytest.approx(100)
    assert any("verplicht in Cee verhoogt" in e for e in result.explanations)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"A": {"min_share": 0.6}, "B": {"min_share": 0.6}}, "tellen op tot 120%"),
        (
            {"A": {"max_share": 0.2}, "B": {"max_share": 0.2}, "C": {"max_share": 0.2}},
            "plaats aan 60 van de 100",
        ),
        ({"C": {"min_share": 0.5, "capacity": 20}}, "Cee: het minimum (50 bedden) is meer dan de capaciteit"),
        ({"B": {"min_share": 0.5, "max_share": 0.4}}, "Bee: het minimumaandeel"),
    ],
)
def test_infeasible_bounds_say_what_to_relax(overrides, message):
    with pytest.raises(Infeasible, match=message.replace("(", r"\(").replace(")", r"\)")):
        optimise(100, members(**overrides), LINE)


def test_zero_gap_and_supply_above_demand():
    for gap in (0, -50):
        result = optimise(gap, members(), LINE)
        assert set(result.beds.values()) == {0.0} and result.km == 0
        assert "geen tekort" in result.explanations[0]
        assert set(by_key(gap, members(), {"jobs": 1}).beds.values()) == {0.0}


def test_distance_from_centroids():
    ms = [
        Member("GM0281", "Tiel", 1, lat=51.887, lon=5.43),
        Member("GM0216", "Culemborg", 1, lat=51.955, lon=5.227),
    ]
    d = distance_matrix(ms)
    assert d[0, 0] == 0 and 14 < d[0, 1] < 17 and d[0, 1] == d[1, 0]
    with pytest.raises(ValueError, match="Geen afstand"):
        distance_matrix([Member("X", "X", 1), Member("Y", "Y", 1)])


shares = st.floats(0, 0.5)
member_lists = st.lists(
    st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100), shares, st.floats(0.3, 1)),
    min_size=2,
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(member_lists, st.floats(1, 1000), st.integers(0, 10_000))
def test_allocations_add_up_stay_in_bounds_and_the_optimiser_beats_every_key(rows, gap, seed):
    ms = [
        Member(
            f"M{i}", f"M{i}", jobs=j + 1, effort=e, population=p + 1, min_share=lo / len(rows), max_share=hi
        )
        for i, (j, e, p, lo, hi) in enumerate(rows)
    ]
    rng = np.random.default_rng(seed)
    points = rng.uniform(0, 50, size=(len(ms), 2))
    d = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    try:
        best = optimise(gap, ms, d)
    except Infeasible:
        assert sum(m.max_share for m in ms) < 1 + 1e-9  # the only way these bounds fail
        return
    assert sum(best.beds.values()) == pytest.approx(gap, rel=1e-6)
    assert within_bounds(best, gap, ms, tolerance=1e-5)
    for weights in ({"jobs": 1}, {"population": 1}, {"effort": 1}, {"jobs": 1, "population": 1}):
        try:
            key = by_key(gap, ms, weights)
        except ValueError:
            continue
        assert sum(key.beds.values()) == pytest.approx(gap, rel=1e-9)
        if within_bounds(key, gap, ms, tolerance=1e-6):
            assert best.km <= transport_km(gap, ms, key.beds, d) + 1e-6 * max(1, gap)
