"""The company-impact calculator, step by step by hand, and its distribution over municipalities."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.housingtask.company import (
    SECTORS,
    Assumptions,
    Phase,
    beds_in,
    distance_km,
    distance_weights,
    distribute,
    jobs_in,
    normalise,
    sector_default,
)

D = dt.date


def test_a_distribution_centre_by_hand():
    phases = [Phase(D(2026, 3, 1), 500, "fte"), Phase(D(2028, 1, 1), 250, "fte")]
    a = Assumptions()  # 1.2 per fte, 0.8 operational, XXL logistics 0.45, peak 1, 0.3 long regular, 0.9
    assert jobs_in(phases, 2025, a) == 0
    assert jobs_in(phases, 2026, a) == pytest.approx(600)
    assert jobs_in(phases, 2028, a) == pytest.approx(900)
    beds, steps = beds_in(phases, "xxl_logistics", 2026, a)
    migrant = 600 * 0.8 * 0.45  # 216
    total = migrant * 1.0 * 0.7 / 0.9  # 168
    assert [s.label for s in steps] == ["Banen", "Banen voor arbeidsmigranten", "Te huisvesten", "Bedden"]
    assert steps[1].value == pytest.approx(migrant) and steps[3].value == pytest.approx(total)
    assert beds == pytest.approx({"short": total * 0.3, "mid": total * 0.4, "long": total * 0.3})
    assert "sectorgemiddelde" in steps[1].how


def test_overrides_peak_and_already_housed():
    phases = [Phase(D(2026, 1, 1), 100, "jobs")]
    a = Assumptions(share_migrants=0.5, already_housed=10, seasonal_peak=1.5, shift_factor=2.0)
    beds, steps = beds_in(phases, "glasshouse_horticulture", 2026, a)
    assert steps[0].value == 200  # jobs are not multiplied by headcount per fte, but by the shift factor
    assert steps[2].value == pytest.approx(200 * 0.8 * 0.5 - 10)
    assert sum(beds.values()) == pytest.approx(70 * 1.5 * 0.7 / 0.9)
    assert "eigen aanname" in steps[1].how
    many_housed = Assumptions(already_housed=10_000)
    assert sum(beds_in(phases, "other", 2026, many_housed)[0].values()) == 0


def test_sector_defaults_are_the_middle_of_the_range():
    assert sector_default("meat_processing") == pytest.approx(0.65)
    assert all(low <= sector_default(code) <= high for code, (_l, low, high) in SECTORS.items())


@pytest.mark.parametrize(
    "kwargs",
    [
        {"share_operational": 1.5},
        {"share_migrants": -0.1},
        {"target_occupancy": 0},
        {"headcount_per_fte": 0},
        {"already_housed": -1},
        {"stay_split": {"short": 0.5, "mid": 0.5, "long": 0.5}},
    ],
)
def test_bad_assumptions_are_refused(kwargs):
    with pytest.raises(ValueError):
        Assumptions(**kwargs)


def test_distance_and_weights():
    tiel, culemborg, amsterdam = (51.887, 5.43), (51.955, 5.227), (52.37, 4.9)
    assert 14 < distance_km(tiel, culemborg) < 17
    weights = distance_weights(tiel, {"tiel": tiel, "culemborg": culemborg, "amsterdam": amsterdam})
    assert sum(weights.values()) == pytest.approx(1)
    assert weights["tiel"] > weights["culemborg"] > weights["amsterdam"]
    with pytest.raises(ValueError):
        normalise({"a": 0, "b": 0})


@given(
    st.dictionaries(st.sampled_from(["short", "mid", "long"]), st.floats(0, 1000), min_size=3, max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=4), st.floats(0.01, 100), min_size=1, max_size=6),
)
def test_distribution_keeps_every_bed(beds, raw):
    spread = distribute(beds, normalise(raw))
    for c in ("short", "mid", "long"):
        assert sum(parts[c] for parts in spread.values()) == pytest.approx(beds[c], rel=1e-9, abs=1e-9)
