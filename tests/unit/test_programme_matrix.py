"""The matrix of who does what (programme/matrix.py): defaults, totals and averages."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from aanjager.programme import matrix
from aanjager.programme.matrix import IN, OUT, UNDECIDED, Decision, MeasureRow


def test_cells_and_totals_by_hand():
    measures = [MeasureRow(1), MeasureRow(2, optional=False)]
    decisions = {
        (1, 10): Decision(IN, 40),
        (1, 11): Decision(OUT),
        (2, 11): Decision(IN, 100),
    }
    built = matrix.build(measures, [10, 11, 12], decisions)
    assert built.cells[(1, 10)] == matrix.Cell(IN, 40, recorded=True)
    assert built.cells[(1, 11)] == matrix.Cell(OUT, 0, recorded=True)
    assert built.cells[(1, 12)] == matrix.Cell(UNDECIDED, 0, recorded=False)
    # a measure for everyone: without a decision the municipality takes part, at 0%
    assert built.cells[(2, 10)] == matrix.Cell(IN, 0, recorded=False)
    m1 = built.per_measure[1]
    assert (m1.taking_part, m1.opted_out, m1.undecided, m1.mean_progress) == (1, 1, 1, Fraction(40))
    m2 = built.per_measure[2]
    assert (m2.taking_part, m2.mean_progress) == (3, Fraction(100, 3))
    assert built.per_municipality[11].taking_part == 1
    assert built.per_municipality[11].opted_out == 1
    assert built.per_municipality[12].mean_progress == 0


def test_nobody_taking_part_has_no_average():
    built = matrix.build([MeasureRow(1)], [10], {(1, 10): Decision(OUT)})
    assert built.per_measure[1].mean_progress is None


def test_progress_outside_0_to_100_is_clamped_and_ignored_when_not_taking_part():
    assert matrix.cell_for(MeasureRow(1), Decision(IN, 150)).progress == 100
    assert matrix.cell_for(MeasureRow(1), Decision(OUT, 50)).progress == 0
    assert matrix.cell_for(MeasureRow(1, optional=False), Decision(OUT)).decision == IN


decisions = st.sampled_from([IN, OUT, UNDECIDED])


@given(
    st.lists(st.booleans(), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=6),
    st.data(),
)
def test_every_cell_is_counted_once(optional_flags, n_municipalities, data):
    measures = [MeasureRow(i, flag) for i, flag in enumerate(optional_flags)]
    municipalities = list(range(100, 100 + n_municipalities))
    given_decisions = {
        (m.key, g): Decision(data.draw(decisions), data.draw(st.integers(0, 100)))
        for m in measures
        for g in municipalities
        if data.draw(st.booleans())
    }
    built = matrix.build(measures, municipalities, given_decisions)
    for totals in built.per_measure.values():
        assert totals.taking_part + totals.opted_out + totals.undecided == n_municipalities
        if totals.mean_progress is not None:
            assert 0 <= totals.mean_progress <= 100
    for totals in built.per_municipality.values():
        assert totals.taking_part + totals.opted_out + totals.undecided == len(measures)
    assert sum(t.taking_part for t in built.per_measure.values()) == sum(
        t.taking_part for t in built.per_municipality.values()
    )
