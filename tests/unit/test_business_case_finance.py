"""Business case finance (issue 7 items 4–5): hand-computed cases, the edge cases, and properties.

Every hand case writes its arithmetic in comments so a reader can check it with pencil and paper.
"""

import math
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aanjager.businesscase.finance import (
    DEFAULT_SENSITIVITY,
    Inputs,
    InvalidInputs,
    annuity_payment,
    break_even_occupancy,
    break_even_rent,
    cash_flows,
    evaluate,
    flows_of,
    investment,
    irr,
    irr_detail,
    net_present_value,
    npv,
    payback,
    payback_year,
    rent_check,
    sensitivity,
    validate,
)

# The two-year case, in round numbers:
#   10 beds × €1,000 = €10,000 investment in year 0; 50 rentable weeks a year; no indexation.
#   rent   10 beds × 100% × €20 × 50 weeks = €10,000 a year
#   opex   10 beds × €4 × 50 weeks         =  €2,000 a year
#   land lease                             =  €1,000 a year
#   residual 10% of €10,000                =  €1,000 at the end of year 2
#   project flows: -10,000 | 10,000 - 2,000 - 1,000 = 7,000 | 7,000 + 1,000 = 8,000
TWO_YEARS = Inputs(
    beds=10,
    floor_area_per_bed=15,
    housing_form="new-build modular",
    permit_term_years=2,
    capex_per_bed=1000,
    rent_per_bed_per_week=20,
    occupancy=1,
    opex_per_bed_per_week=4,
    land_lease_per_year=1000,
    residual_share=0.1,
    discount_rate=0.1,
    weeks_per_year=50,
)


def test_two_year_case_cash_flows_and_npv_by_hand():
    rows = cash_flows(TWO_YEARS)
    assert [row.year for row in rows] == [0, 1, 2]
    assert investment(TWO_YEARS) == 10_000
    assert [row.rent_income for row in rows] == [0, 10_000, 10_000]
    assert [row.opex for row in rows] == [0, 2_000, 2_000]
    assert [row.land_lease for row in rows] == [0, 1_000, 1_000]
    assert [row.residual_value for row in rows] == [0, 0, 1_000]
    assert flows_of(rows) == [-10_000, 7_000, 8_000]
    assert [row.project_cumulative for row in rows] == [-10_000, -3_000, 5_000]
    # NPV at 10% = -10,000 + 7,000 / 1.1 + 8,000 / 1.21 = (-12,100 + 7,700 + 8,000) / 1.21 = 3,600 / 1.21
    assert net_present_value(TWO_YEARS) == pytest.approx(3600 / 1.21)  # ≈ 2,975.21
    assert sum(row.project_present_value for row in rows) == pytest.approx(3600 / 1.21)
    # Without a loan the equity flow is the project flow.
    assert flows_of(rows, "equity") == flows_of(rows)


def test_two_year_case_irr_by_hand():
    # With x = 1 / (1 + r): -10,000 + 7,000 x + 8,000 x² = 0
    #   x = (-7,000 + √(7,000² + 4 × 8,000 × 10,000)) / (2 × 8,000) = (-7,000 + √369,000,000) / 16,000 ≈ 0.763086
    #   r = 1 / x - 1 ≈ 31.05%
    x = (-7000 + math.sqrt(369_000_000)) / 16_000
    result = irr_detail([-10_000, 7_000, 8_000])
    assert result.code == "ok"
    assert result.value == pytest.approx(1 / x - 1, abs=1e-10)
    assert result.value == pytest.approx(0.3104686, abs=1e-7)


def test_simple_irrs_by_hand():
    assert irr([-100, 110]) == pytest.approx(0.10)  # 110 / 100 - 1
    assert irr([-100, 0, 121]) == pytest.approx(0.10)  # √(121 / 100) - 1
    assert irr([-100, 90]) == pytest.approx(-0.10)  # a loss has a negative IRR
    assert irr([0, -100, 110]) == pytest.approx(0.10)  # a leading zero changes nothing


def test_two_year_case_payback_and_break_evens_by_hand():
    # Cumulative -10,000 | -3,000 | 5,000: paid back in year 2, within the 2-year permit.
    assert payback(TWO_YEARS).year == 2
    assert payback(TWO_YEARS).within_term
    # NPV is linear in the rent: NPV(rent) = a + b × rent, discounting at 10%.
    #   a (rent 0): -10,000 - 3,000 / 1.1 - 2,000 / 1.21 = -(12,100 + 3,300 + 2,000) / 1.21 = -17,400 / 1.21
    #   b: 10 beds × 50 weeks × (1 / 1.1 + 1 / 1.21) = 500 × 2.1 / 1.21 = 1,050 / 1.21
    #   break-even rent = 17,400 / 1,050 = 116 / 7 ≈ €16.57
    assert break_even_rent(TWO_YEARS) == pytest.approx(116 / 7)
    # Occupancy: b = 10 beds × €20 × 50 weeks × 2.1 / 1.21 = 21,000 / 1.21 → 17,400 / 21,000 = 29 / 35 ≈ 82.9%
    assert break_even_occupancy(TWO_YEARS) == pytest.approx(29 / 35)


def test_break_even_rent_and_occupancy_give_npv_zero_back():
    rent = break_even_rent(TWO_YEARS)
    assert net_present_value(replace(TWO_YEARS, rent_per_bed_per_week=rent)) == pytest.approx(0, abs=1e-8)
    share = break_even_occupancy(TWO_YEARS)
    assert net_present_value(replace(TWO_YEARS, occupancy=share)) == pytest.approx(0, abs=1e-8)


def test_annuity_loan_by_hand():
    # Half of the €10,000 borrowed at 10% over the 2-year term:
    #   payment = 5,000 × 0.1 × 1.1² / (1.1² - 1) = 605 / 0.21 ≈ 2,880.95
    #   year 1: interest 5,000 × 10% = 500, repayment 2,380.95, balance 2,619.05
    #   year 2: interest 261.90, repayment 2,619.05, balance 0
    inputs = replace(TWO_YEARS, loan_share=0.5, interest_rate=0.1)
    rows = cash_flows(inputs)
    payment = 605 / 0.21
    assert annuity_payment(5000, 0.1, 2) == pytest.approx(payment)
    assert [row.loan_drawdown for row in rows] == [5000, 0, 0]
    assert [row.interest for row in rows] == pytest.approx([0, 500, 261.9047619])
    assert [row.debt_service for row in rows] == pytest.approx([0, payment, payment])
    assert [row.loan_balance for row in rows] == pytest.approx([5000, 5000 + 500 - payment, 0])
    # Equity: -10,000 + 5,000 | 7,000 - 2,880.95 | 8,000 - 2,880.95
    assert flows_of(rows, "equity") == pytest.approx([-5000, 7000 - payment, 8000 - payment])
    # Borrowing at the discount rate neither adds nor removes value.
    assert net_present_value(inputs, "equity") == pytest.approx(3600 / 1.21)
    # Cheaper money than the discount rate adds value to the equity view only.
    cheap = replace(inputs, interest_rate=0.02)
    assert net_present_value(cheap, "equity") > net_present_value(cheap) == pytest.approx(3600 / 1.21)


def test_annuity_payment_edge_cases():
    assert annuity_payment(1200, 0, 3) == 400  # no interest: equal repayments
    assert annuity_payment(1000, 0.1, 1) == pytest.approx(1100)  # one year: principal plus interest
    with pytest.raises(ValueError):
        annuity_payment(1000, 0.1, 0)


def test_indexation_and_capex_per_m2_by_hand():
    # 1 bed × 10 m² × €100/m² = €1,000. Rent €10 × 50 weeks = €500, +10% a year: 500 | 550 | 605.
    # Opex €2 × 50 = €100 and land lease €100, both +5% a year: 100 | 105 | 110.25 each.
    # Flows: -1,000 | 500 - 200 = 300 | 550 - 210 = 340 | 605 - 220.50 = 384.50
    # Cumulative: -1,000 | -700 | -360 | 24.50 → payback in year 3; NPV at 0% = 24.50.
    inputs = Inputs(
        beds=1,
        floor_area_per_bed=10,
        housing_form="transformation",
        permit_term_years=3,
        capex_per_m2=100,
        rent_per_bed_per_week=10,
        occupancy=1,
        opex_per_bed_per_week=2,
        land_lease_per_year=100,
        rent_indexation=0.10,
        cost_indexation=0.05,
        discount_rate=0,
        weeks_per_year=50,
    )
    rows = cash_flows(inputs)
    assert [row.rent_income for row in rows] == pytest.approx([0, 500, 550, 605])
    assert [row.opex for row in rows] == pytest.approx([0, 100, 105, 110.25])
    assert [row.land_lease for row in rows] == pytest.approx([0, 100, 105, 110.25])
    assert flows_of(rows) == pytest.approx([-1000, 300, 340, 384.5])
    assert payback_year(flows_of(rows)) == 3
    assert net_present_value(inputs) == pytest.approx(24.5)


def test_npv_by_hand_and_its_domain():
    assert npv(0.1, [-100, 110]) == pytest.approx(0)
    assert npv(0, [-100, 30, 30, 30]) == pytest.approx(-10)
    assert npv(0.5, [0, 0, 9]) == pytest.approx(4)  # 9 / 1.5²
    assert npv(0.1, []) == 0
    with pytest.raises(ValueError, match="above -1"):
        npv(-1, [-100, 110])


def test_no_sign_change_means_no_irr_with_a_message():
    for flows in ([-10_000, -3_000, -2_000], [100, 50], [0, -5, 0]):
        result = irr_detail(flows)
        assert result.value is None and irr(flows) is None
        assert result.code == "no_sign_change"
        assert result.reason.startswith("No IRR: all cash flows have the same sign")
    assert irr_detail([0, 0]).reason == "No IRR: all cash flows are zero."
    assert irr_detail([]).code == "no_sign_change"


def test_a_sign_change_without_a_root_has_no_irr():
    # -100 + 300x - 250x² has discriminant 300² - 4 × 250 × 100 = -10,000 < 0: no x, so no rate.
    result = irr_detail([-100, 300, -250])
    assert result.value is None and result.code == "no_root"
    assert "change sign, but no discount rate" in result.reason


def test_several_irrs_are_reported_and_none_is_picked():
    # -100 + 230x - 132x² = 0 → x = (230 ± √(52,900 - 52,800)) / 264 = 240/264 or 220/264 → r = 10% or 20%.
    result = irr_detail([-100, 230, -132])
    assert result.value is None and result.code == "multiple"
    assert result.rates == pytest.approx((0.10, 0.20))
    assert "10.00%, 20.00%" in result.reason


def test_zero_occupancy_loses_money_every_year():
    empty = replace(TWO_YEARS, occupancy=0, residual_share=0)
    result = evaluate(empty)
    # No income: -10,000 | -3,000 | -3,000
    assert flows_of(result.rows) == [-10_000, -3_000, -3_000]
    assert result.npv == pytest.approx(-10_000 - 3000 / 1.1 - 3000 / 1.21)
    assert result.irr.value is None and result.irr.code == "no_sign_change"
    assert result.payback.year is None and not result.payback.within_term
    assert result.payback.years_needed is None  # no permit is long enough for an empty location
    assert result.break_even_rent is None  # no rent helps when nobody pays it
    assert 0 < result.break_even_occupancy < 1  # but letting the beds would


def test_permit_term_shorter_than_payback_is_flagged():
    # 1 bed, €10,000 investment, €60 × 50 weeks = €3,000 a year, no costs, no residual.
    # Cumulative -10,000 | -7,000 | -4,000: not paid back in a 2-year permit; it would take 4 years
    # (-1,000 after 3, +2,000 after 4).
    short = Inputs(
        beds=1,
        floor_area_per_bed=15,
        housing_form="new-build modular",
        permit_term_years=2,
        capex_per_bed=10_000,
        rent_per_bed_per_week=60,
        occupancy=1,
        opex_per_bed_per_week=0,
        discount_rate=0,
        weeks_per_year=50,
    )
    flagged = payback(short)
    assert flagged.year is None
    assert flagged.within_term is False
    assert flagged.years_needed == 4 and flagged.term == 2
    assert evaluate(short).payback == flagged
    assert payback(replace(short, permit_term_years=4)) == replace(flagged, year=4, within_term=True, term=4)


def test_payback_year_definition():
    assert payback_year([-10, 4, 6]) == 2  # exactly 0 counts as paid back
    assert payback_year([-10, 4, 5]) is None
    assert payback_year([5, 5]) == 0  # nothing to pay back
    assert payback_year([0, -5, 10]) == 2  # a fully financed start is not a payback in year 0
    assert payback_year([-10, 20, -30]) is None  # ends under water: not paid back
    assert payback_year([-10, 20, -5, 10]) == 1  # dips but stays at or above 0
    assert payback_year([]) is None


def test_break_even_occupancy_none_when_even_full_does_not_pay():
    assert break_even_occupancy(replace(TWO_YEARS, rent_per_bed_per_week=10)) is None
    assert break_even_occupancy(replace(TWO_YEARS, rent_per_bed_per_week=0)) is None


def test_break_even_occupancy_zero_when_empty_beds_already_pay():
    # Residual 100% of the investment at 0% discount and no running costs: NPV at occupancy 0 is exactly 0.
    free = replace(
        TWO_YEARS, residual_share=1, discount_rate=0, opex_per_bed_per_week=0, land_lease_per_year=0
    )
    assert break_even_occupancy(free) == 0
    assert break_even_rent(free) == pytest.approx(0)


def test_break_even_rent_on_the_equity_basis():
    financed = replace(TWO_YEARS, loan_share=0.7, interest_rate=0.04)
    rent = break_even_rent(financed, "equity")
    assert rent < break_even_rent(financed)  # cheap debt lowers the rent the equity needs
    assert net_present_value(replace(financed, rent_per_bed_per_week=rent), "equity") == pytest.approx(
        0, abs=1e-8
    )


def test_rent_check_against_a_quarter_of_the_minimum_wage():
    # domain.md §6: €14.71 × 40 hours × 25% = €147.10 a week (2026).
    assert rent_check(147.10, 14.71, 40) == (True, Decimal("147.10"))
    assert rent_check(147.11, 14.71, 40) == (False, Decimal("147.10"))
    # €14.06 × 38 × 20% (AKF cao) = €106.856 → rounded down to €106.85, so €106.85 is allowed.
    assert rent_check(Decimal("106.85"), Decimal("14.06"), 38, share=Decimal("0.20")) == (
        True,
        Decimal("106.85"),
    )
    assert rent_check(106.86, 14.06, 38, share=0.2)[0] is False
    with pytest.raises(ValueError):
        rent_check(100, 14.71, 0)
    with pytest.raises(ValueError):
        rent_check(100, 14.71, 40, share=1.5)


def test_sensitivity_is_sorted_by_swing_and_computed_by_hand():
    bars = sensitivity(TWO_YEARS)
    # A 1-year permit (2 - 1) loses most: the €10,000 must come back from one year of €7,000 + €1,000 residual.
    assert [bar.parameter for bar in bars][:3] == ["permit_term", "rent", "capex"]
    assert {bar.parameter for bar in bars} == set(DEFAULT_SENSITIVITY)
    assert [bar.swing for bar in bars] == sorted((bar.swing for bar in bars), reverse=True)
    rent = next(bar for bar in bars if bar.parameter == "rent")
    # Rent €20 ± 20% = €16 and €24; NPV moves by 4 × b = 4 × 1,050 / 1.21 either way.
    assert (rent.low_value, rent.high_value) == (16, 24)
    assert rent.npv_low == pytest.approx((3600 - 4 * 1050) / 1.21)
    assert rent.npv_high == pytest.approx((3600 + 4 * 1050) / 1.21)
    assert rent.base_npv == pytest.approx(3600 / 1.21)
    occupancy = next(bar for bar in bars if bar.parameter == "occupancy")
    assert (occupancy.low_value, occupancy.high_value) == (0.8, 1.0)  # capped at 100%
    term = next(bar for bar in bars if bar.parameter == "permit_term")
    assert (term.low_value, term.high_value) == (1, 3)  # 2 years ± 20% still moves a whole year
    # 1 year: -10,000 + (7,000 + 1,000) / 1.1; 3 years: -10,000 + 7,000 / 1.1 + 7,000 / 1.21 + 8,000 / 1.331
    assert term.npv_low == pytest.approx(-10_000 + 8000 / 1.1)
    assert term.npv_high == pytest.approx(-10_000 + 7000 / 1.1 + 7000 / 1.21 + 8000 / 1.331)


def test_sensitivity_with_given_bounds_and_bad_specs():
    per_m2 = replace(TWO_YEARS, capex_per_bed=None, capex_per_m2=1000 / 15)
    (bar,) = sensitivity(per_m2, {"capex": (50, 100)})
    # 10 beds × 15 m² × €50 = €7,500 and × €100 = €15,000: the NPV moves one-for-one with the investment
    # (minus the 10% residual, discounted two years).
    assert bar.npv_low == pytest.approx(3600 / 1.21 + 2500 * (1 - 0.1 / 1.21))
    assert bar.npv_high == pytest.approx(3600 / 1.21 - 5000 * (1 - 0.1 / 1.21))
    with pytest.raises(ValueError, match="Unknown sensitivity parameter"):
        sensitivity(TWO_YEARS, {"weather": 0.1})
    with pytest.raises(ValueError, match="between 0 and 1"):
        sensitivity(TWO_YEARS, {"occupancy": (0.5, 1.2)})
    with pytest.raises(ValueError, match="swing"):
        sensitivity(TWO_YEARS, {"rent": 2})


def test_evaluate_bundles_everything_and_checks_the_rent():
    result = evaluate(TWO_YEARS, hourly_minimum_wage=Decimal("14.71"), weekly_hours=40)
    assert result.npv == pytest.approx(3600 / 1.21)
    assert result.irr.value == pytest.approx(0.3104686, abs=1e-7)
    assert result.rent_check == (True, Decimal("147.10"))
    assert result.investment == 10_000 and result.loan == 0 and result.annuity == 0
    assert len(result.rows) == 3 and len(result.sensitivity) == len(DEFAULT_SENSITIVITY)
    assert evaluate(TWO_YEARS).rent_check is None


def test_bad_inputs_raise_with_their_field_errors():
    bad = replace(TWO_YEARS, beds=-2, occupancy=1.5)
    with pytest.raises(InvalidInputs) as caught:
        evaluate(bad)
    assert set(caught.value.errors) == {"beds", "occupancy"}
    with pytest.raises(ValueError):
        cash_flows(bad)


# --------------------------------------------------------------------------------------------------------------
# Validation


def test_good_inputs_have_no_errors_also_as_decimals():
    assert validate(TWO_YEARS) == {}
    as_decimals = replace(
        TWO_YEARS,
        rent_per_bed_per_week=Decimal("20.00"),
        occupancy=Decimal("1"),
        capex_per_bed=Decimal("1000"),
    )
    assert validate(as_decimals) == {}
    assert net_present_value(as_decimals) == pytest.approx(3600 / 1.21)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"beds": -3}, "beds", "Enter the number of beds as a whole number of at least 1."),
        ({"beds": 0}, "beds", "at least 1"),
        ({"beds": 2.5}, "beds", "whole number"),
        ({"beds": None}, "beds", "whole number"),
        ({"floor_area_per_bed": 0}, "floor_area_per_bed", "Enter the floor area per bed in m², more than 0."),
        ({"housing_form": "  "}, "housing_form", "Enter the housing form"),
        ({"capex_per_m2": 60}, "capex_per_m2", "Enter the investment per bed or per m², not both."),
        ({"capex_per_bed": None}, "capex_per_bed", "Enter the investment either per bed or per m²."),
        ({"capex_per_bed": -1}, "capex_per_bed", "investment per bed as an amount of 0 or more"),
        (
            {"capex_per_bed": None, "capex_per_m2": -5},
            "capex_per_m2",
            "investment per m² as an amount of 0 or more",
        ),
        ({"land_lease_per_year": -1}, "land_lease_per_year", "land lease per year as an amount of 0 or more"),
        (
            {"permit_term_years": 0},
            "permit_term_years",
            "Enter the permit term as a whole number of years, from 1",
        ),
        ({"permit_term_years": 101}, "permit_term_years", "from 1 to 100"),
        ({"permit_term_years": 10.5}, "permit_term_years", "whole number of years"),
        (
            {"residual_share": 1.5},
            "residual_share",
            "residual value as a share of the investment between 0 and 1",
        ),
        ({"rent_per_bed_per_week": -1}, "rent_per_bed_per_week", "rent per bed per week as an amount of 0"),
        ({"rent_per_bed_per_week": float("nan")}, "rent_per_bed_per_week", "rent per bed per week"),
        ({"rent_per_bed_per_week": "120"}, "rent_per_bed_per_week", "rent per bed per week"),
        ({"occupancy": 1.2}, "occupancy", "Enter the occupancy as a share between 0 and 1 (0.9 is 90%)."),
        ({"occupancy": -0.1}, "occupancy", "between 0 and 1"),
        ({"opex_per_bed_per_week": -1}, "opex_per_bed_per_week", "operating costs per bed per week"),
        ({"rent_indexation": -1}, "rent_indexation", "rent indexation as a yearly rate above -1"),
        (
            {"cost_indexation": 2},
            "cost_indexation",
            "cost indexation as a yearly rate above -1 and at most 1",
        ),
        ({"interest_rate": -1.5}, "interest_rate", "interest rate as a yearly rate"),
        ({"loan_share": 1.1}, "loan_share", "loan share as a share between 0 and 1"),
        ({"discount_rate": -1}, "discount_rate", "discount rate as a yearly rate above -1"),
        ({"weeks_per_year": 0}, "weeks_per_year", "rentable weeks per year, more than 0 and at most 53"),
        ({"weeks_per_year": 60}, "weeks_per_year", "at most 53"),
    ],
)
def test_each_bad_input_gets_its_field_error(changes, field, message):
    errors = validate(replace(TWO_YEARS, **changes))
    assert list(errors) == [field]
    assert message in errors[field]


def test_all_errors_come_at_once_in_form_order():
    errors = validate(replace(TWO_YEARS, occupancy=2, beds=0, permit_term_years=0, capex_per_bed=None))
    assert list(errors) == ["beds", "permit_term_years", "occupancy", "capex_per_bed"]


# --------------------------------------------------------------------------------------------------------------
# Properties

money = st.floats(min_value=0, max_value=1e6, allow_nan=False)
conventional_flows = st.builds(
    lambda first, rest: [-first, *rest],
    st.floats(min_value=1, max_value=1e6),
    st.lists(money, min_size=1, max_size=30),
).filter(lambda flows: any(flow > 0 for flow in flows[1:]))
any_flows = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=2, max_size=20)
rates = st.floats(min_value=-0.5, max_value=1.0)


def _scale(rate, flows):
    """The size of the terms of an NPV: what 'approximately zero' is measured against."""
    return math.fsum(abs(flow) * (1 + rate) ** -year for year, flow in enumerate(flows))


@settings(max_examples=200, deadline=None)
@given(conventional_flows, rates, rates)
def test_npv_falls_as_the_discount_rate_rises_for_conventional_flows(flows, r1, r2):
    low, high = sorted((r1, r2))
    assume(high > low)
    assert npv(high, flows) < npv(low, flows) + 1e-9 * _scale(low, flows)


@settings(max_examples=200, deadline=None)
@given(any_flows)
def test_an_irr_makes_the_npv_zero(flows):
    result = irr_detail(flows)
    if result.value is None:
        assert result.code in {"no_sign_change", "no_root", "multiple"} and result.reason
        assert result.code != "multiple" or len(result.rates) > 1
    else:
        assert abs(npv(result.value, flows)) <= 1e-7 * _scale(result.value, flows)
    for rate in result.rates:
        assert abs(npv(rate, flows)) <= 1e-7 * _scale(rate, flows)


@settings(max_examples=200, deadline=None)
@given(conventional_flows)
def test_conventional_flows_have_one_irr_whose_sign_follows_the_sum(flows):
    result = irr_detail(flows)
    assert result.code in {"ok", "no_root"}  # never several
    if npv(-0.99, flows) > 0 > npv(100, flows):  # a root inside the searched range must be found
        assert result.code == "ok"
    if result.value is not None and abs(sum(flows)) > 1e-6 * _scale(0, flows):
        assert (result.value > 0) == (sum(flows) > 0)


case_inputs = st.builds(
    Inputs,
    beds=st.integers(min_value=1, max_value=500),
    floor_area_per_bed=st.floats(min_value=5, max_value=40),
    housing_form=st.sampled_from(["new-build modular", "transformation", "hotel conversion"]),
    permit_term_years=st.integers(min_value=1, max_value=30),
    capex_per_bed=st.floats(min_value=0, max_value=80_000),
    rent_per_bed_per_week=st.floats(min_value=0, max_value=200),
    occupancy=st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1)),
    opex_per_bed_per_week=st.floats(min_value=0, max_value=60),
    land_lease_per_year=st.floats(min_value=0, max_value=100_000),
    residual_share=st.floats(min_value=0, max_value=1),
    rent_indexation=st.floats(min_value=-0.02, max_value=0.06),
    cost_indexation=st.floats(min_value=-0.02, max_value=0.06),
    interest_rate=st.floats(min_value=0, max_value=0.1),
    loan_share=st.floats(min_value=0, max_value=1),
    discount_rate=st.floats(min_value=0, max_value=0.12),
)


def _case_scale(inputs):
    """A money scale for 'NPV ≈ 0' in a generated case: investment plus the term's gross income and costs."""
    rows = cash_flows(
        replace(inputs, occupancy=1, rent_per_bed_per_week=max(inputs.rent_per_bed_per_week, 1))
    )
    return 1 + investment(inputs) + sum(row.rent_income + row.opex + row.land_lease for row in rows)


@settings(max_examples=100, deadline=None)
@given(case_inputs)
def test_break_evens_give_npv_zero_back(inputs):
    rent = break_even_rent(inputs)
    if inputs.occupancy == 0:
        assert rent is None
    else:
        at_rent = net_present_value(replace(inputs, rent_per_bed_per_week=rent))
        assert abs(at_rent) <= 1e-9 * _case_scale(replace(inputs, rent_per_bed_per_week=abs(rent)))
    share = break_even_occupancy(inputs)
    if share is None:
        assert net_present_value(replace(inputs, occupancy=1)) < 0
    elif 0 < share < 1:
        assert abs(net_present_value(replace(inputs, occupancy=share))) <= 1e-9 * _case_scale(inputs)


@settings(max_examples=100, deadline=None)
@given(case_inputs)
def test_the_loan_is_repaid_in_the_term_and_is_npv_neutral_at_the_discount_rate(inputs):
    inputs = replace(inputs, interest_rate=inputs.discount_rate)
    rows = cash_flows(inputs)
    loan = investment(inputs) * inputs.loan_share
    assert rows[-1].loan_balance == 0
    assert sum(row.repayment for row in rows) == pytest.approx(loan, rel=1e-9, abs=1e-6)
    assert net_present_value(inputs, "equity") == pytest.approx(
        net_present_value(inputs), rel=1e-9, abs=1e-9 * _case_scale(inputs)
    )


@settings(max_examples=100, deadline=None)
@given(case_inputs, st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_npv_rises_with_occupancy(inputs, a, b):
    low, high = sorted((a, b))
    assert net_present_value(replace(inputs, occupancy=low)) <= net_present_value(
        replace(inputs, occupancy=high)
    ) + 1e-9 * _case_scale(inputs)
