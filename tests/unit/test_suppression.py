"""Secondary small-cell suppression (estimates/suppression.py): no hidden small count can be worked back from the
cells shown in its row.

The attacker below knows the row equations (workers = short + mid + long; estimate = max(BRP + RNI, BRP / rate),
rounded), the run's rates and the suppression rules themselves: it enumerates every value of the hidden cells
that gives exactly the published row (the same cells hidden, the same values shown). A small hidden count must
keep at least two possible values."""

import itertools
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aanjager.estimates import suppression
from aanjager.estimates.engine.parameters import EstimateParameters
from aanjager.estimates.engine.run import estimates

T = 10
RATES = EstimateParameters()  # 0.33 / 0.40 / 0.50
STAY = ("workers_short", "workers_mid", "workers_long")
RESIDENCE = ("residents_brp", "residents_rni_assigned")


def row(short, mid, long, brp, rni, parameters=RATES, **override):
    low, central, high = estimates(brp, rni, parameters)
    values = {
        "workers": short + mid + long,
        "workers_short": short,
        "workers_mid": mid,
        "workers_long": long,
        "residents_brp": brp,
        "residents_rni_assigned": rni,
        "estimate_low": low,
        "estimate_central": central,
        "estimate_high": high,
    }
    return {**values, **override}


def hidden(values, parameters=RATES):
    return suppression.hidden_cells(values, T, parameters)


# ------------------------------------------------------------------ the attacker
def _published(values, parameters):
    cells = hidden(values, parameters)
    return cells, {f: v for f, v in values.items() if f not in cells}


def possible_values(values, rates=RATES, parameters=RATES, bound=None) -> dict[str, set]:
    """For each hidden cell, every value it can have given what is published. `rates`: what the attacker knows;
    `parameters`: what suppression was given."""
    cells, shown = _published(values, parameters)
    found = {f: set() for f in cells}

    # The stay block: workers = short + mid + long.
    unknown = [f for f in ("workers", *STAY) if f in cells]
    if unknown:
        classes = [f for f in STAY if f in cells]
        top = shown["workers"] if "workers" in shown else bound or 3 * T
        free = classes[:-1] if "workers" in shown else classes
        for guess in itertools.product(range(top + 1), repeat=len(free)):
            world = {**values, **dict(zip(free, guess, strict=True))}
            if "workers" in shown:
                last = shown["workers"] - sum(world[f] for f in STAY if f != classes[-1])
                if last < 0:
                    continue
                world[classes[-1]] = last
            else:
                world["workers"] = sum(world[f] for f in STAY)
            if _published(world, parameters) == (cells, shown):
                for f in unknown:
                    found[f].add(world[f])

    # The residence block: the estimates follow from BRP and RNI.
    unknown = [f for f in (*RESIDENCE, *suppression.ESTIMATE_FIELDS) if f in cells]
    if unknown:
        estimates_shown = [shown[f] for f in suppression.ESTIMATE_FIELDS if f in shown]
        top = bound or min(
            estimates_shown or [max(values["residents_brp"], values["residents_rni_assigned"]) + 2 * T]
        )
        brps = range(int(top) + 1) if "residents_brp" in cells else [values["residents_brp"]]
        rnis = (
            range(int(top) + 1) if "residents_rni_assigned" in cells else [values["residents_rni_assigned"]]
        )
        for brp, rni in itertools.product(brps, rnis):
            low, central, high = estimates(brp, rni, rates)
            if any(shown.get(f, v) != v for f, v in zip(suppression.ESTIMATE_FIELDS, (low, central, high))):
                continue
            world = {**values, "residents_brp": brp, "residents_rni_assigned": rni}
            world.update(estimate_low=low, estimate_central=central, estimate_high=high)
            if _published(world, parameters) == (cells, shown):
                for f in unknown:
                    found[f].add(world[f])
    return found


def derived(values, rates=RATES, parameters=RATES) -> dict:
    """The small hidden cells the attacker pins down to one value."""
    options = possible_values(values, rates, parameters)
    return {
        f: options[f]
        for f, v in values.items()
        if v is not None and 0 < v < T and f in options and len(options[f]) < 2
    }


# ------------------------------------------------------------------ primary suppression alone was not enough
def _primary_only(values):
    return {f for f, v in values.items() if v is not None and 0 < v < T}


@pytest.mark.parametrize(
    "values, field",
    [
        (row(3, 120, 277, 150, 210), "workers_short"),  # 400 − 120 − 277
        (row(3, 0, 277, 150, 210), "workers_short"),
        (row(100, 120, 180, 5, 200), "residents_brp"),  # every estimate = BRP + RNI
        (row(100, 120, 180, 8, 30), "residents_brp"),  # the high estimate 8 / 0.33 = 24
        (row(100, 120, 180, 9, 17), "residents_brp"),  # low and central 26 = 9 + 17, high 27 = 9 / 0.33
        (row(1, 1, 100, 150, 210), "workers_short"),  # hiding the two small ones: 102 − 100 = 1 + 1
    ],
)
def test_the_attacker_finds_what_primary_suppression_alone_gives_away(values, field, monkeypatch):
    monkeypatch.setattr(
        suppression, "hidden_cells", lambda values, threshold, parameters=None: _primary_only(values)
    )
    assert derived(values)[field] == {values[field]}


# ------------------------------------------------------------------ hand-made rows, one per rule and boundary
def test_nothing_small_nothing_hidden():
    assert hidden(row(100, 120, 180, 150, 210)) == set()
    assert hidden(row(10, 0, 0, 10, 0)) == set()  # 10 is not small; zeros are never hidden


def test_one_stay_class_small_hides_the_whole_split_but_not_workers():
    cells = hidden(row(3, 120, 277, 150, 210))
    assert cells == set(STAY)
    assert not derived(row(3, 120, 277, 150, 210))


def test_stay_split_zeros_stay_shown():
    assert hidden(row(3, 0, 277, 150, 210)) == {"workers_short", "workers_long"}
    assert hidden(row(0, 0, 12, 150, 210)) == set()


@pytest.mark.parametrize(
    "classes",
    [
        (1, 1, 100),
        (9, 9, 100),
        (9, 15, 15),
        (15, 15, 9),
        (1, 10, 50),
        (9, 10, 10),
        (1, 9, 0),
        (9, 1, 0),
        (5, 5, 5),
    ],
)
def test_stay_split_edge_cases_give_nothing_away(classes):
    values = row(*classes, 150, 210)
    assert not derived(values), classes


def test_workers_small_hides_every_positive_class():
    values = row(3, 0, 4, 150, 210)
    assert hidden(values) == {"workers", "workers_short", "workers_long"}
    assert not derived(values)


def test_brp_small_with_the_floor_binding_hides_rni_but_keeps_the_estimates():
    values = row(100, 120, 180, 5, 200)
    assert (values["estimate_low"], values["estimate_high"]) == (205, 205)
    assert hidden(values) == set(RESIDENCE)
    assert not derived(values)


def test_brp_small_with_the_rate_binding_hides_the_estimates():
    values = row(100, 120, 180, 8, 3)  # 8 / 0.33 = 24 > 11
    assert hidden(values) == {*RESIDENCE, *suppression.ESTIMATE_FIELDS}
    assert not derived(values)


def test_brp_small_and_rni_zero():
    values = row(100, 120, 180, 6, 0)
    assert hidden(values) == {"residents_brp", *suppression.ESTIMATE_FIELDS}
    assert not derived(values)


def test_brp_one_at_a_low_registration_rate_hides_the_estimates():
    """At a rate of 0.19 a BRP of 2 would lift the high estimate above 10: showing 10 would say BRP = 1."""
    low_rates = EstimateParameters(0.19, 0.19, 0.19)
    values = row(100, 120, 180, 1, 9, parameters=low_rates)
    assert values["estimate_high"] == 10
    assert suppression.estimates_hidden(SimpleNamespace(hidden_fields=hidden(values, low_rates)))
    assert not derived(values, low_rates, low_rates)


def test_without_parameters_estimates_next_to_a_hidden_brp_are_hidden():
    values = row(100, 120, 180, 5, 200)
    assert set(suppression.ESTIMATE_FIELDS) <= hidden(values, None)
    assert not derived(values, RATES, None)


def test_rni_small_with_estimates_well_above_brp_keeps_brp_and_estimates():
    values = row(100, 120, 180, 150, 7)  # low = 300 ≥ 150 + 10
    assert hidden(values) == {"residents_rni_assigned"}
    assert not derived(values)


def test_rni_small_near_the_floor_hides_brp_and_estimates():
    rates = EstimateParameters(0.66, 0.66, 0.66)
    values = row(100, 120, 180, 17, 9, parameters=rates)  # 17 / 0.66 = 26 = 17 + 9
    assert hidden(values, rates) == {*RESIDENCE, *suppression.ESTIMATE_FIELDS}
    assert not derived(values, rates, rates)


def test_rni_small_and_brp_zero():
    values = row(100, 120, 180, 0, 4)
    assert hidden(values) == {"residents_rni_assigned", *suppression.ESTIMATE_FIELDS}
    assert not derived(values)


def test_fractional_rni():
    values = row(100, 120, 180, 150, 0.4)
    assert hidden(values) == {"residents_rni_assigned"}
    values = row(100, 120, 180, 4, 30.5)
    assert hidden(values) == {*RESIDENCE}  # 34.5 rounds to 35 = every estimate


def test_cells_not_given_are_never_hidden_and_never_reveal():
    values = dict.fromkeys(suppression.COUNT_FIELDS)
    values.update(workers=400, residents_brp=5, estimate_central=300)
    assert hidden(values) == {"residents_brp", "estimate_central"}


def test_suppress_copies_rows_with_hidden_fields_and_shows_the_label():
    source = SimpleNamespace(municipality="Culemborg", **row(3, 120, 277, 150, 7))
    (copy,) = suppression.suppress([source], T, RATES.as_dict())
    assert copy.hidden_fields == {*STAY, "residents_rni_assigned"}
    assert copy.workers == 400 and copy.workers_mid is None
    assert suppression.shown(copy, "workers_long", "<10") == "<10"
    assert suppression.split_hidden(copy) and not suppression.estimates_hidden(copy)


# ------------------------------------------------------------------ properties
counts = st.one_of(st.integers(0, 12), st.integers(0, 45))
rates = st.lists(st.sampled_from([0.05, 0.1, 0.19, 0.25, 0.33, 0.4, 0.5, 0.66, 0.8, 0.95, 1.0]), min_size=3,
                 max_size=3).map(sorted)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(counts, counts, counts, counts, counts, rates, st.booleans())
def test_no_hidden_small_cell_can_be_worked_back(short, mid, long, brp, rni, rate_values, with_parameters):
    parameters = EstimateParameters(*rate_values)
    values = row(short, mid, long, brp, rni, parameters=parameters)
    given_parameters = parameters if with_parameters else None
    cells = hidden(values, given_parameters)
    small = {f for f, v in values.items() if 0 < v < T}
    assert small <= cells
    assert all(values[f] > 0 for f in cells)  # zeros are never hidden
    if not small & {"workers", *STAY}:
        assert not cells & {"workers", *STAY}
    if not small & {*RESIDENCE, *suppression.ESTIMATE_FIELDS}:
        assert not cells & {*RESIDENCE, *suppression.ESTIMATE_FIELDS}
    (copy,) = suppression.suppress([SimpleNamespace(municipality="x", **values)], T, given_parameters)
    assert all(getattr(copy, f) == values[f] for f in suppression.COUNT_FIELDS if f not in cells)
    assert not derived(values, parameters, given_parameters), values
