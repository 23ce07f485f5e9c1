"""Double-dependency indicators: every indicator, every level, and the rent cap's boundaries."""

import datetime as dt
from decimal import Decimal

import pytest

from aanjager.locations.dependency import (
    LABELS,
    Level,
    MinimumWage,
    Parameters,
    TenancyFacts,
    euro,
    indicators,
    wage_on,
    weekly_cap,
)

WML_2026 = MinimumWage(Decimal("14.71"), dt.date(2026, 1, 1), "test")


def facts(**overrides) -> TenancyFacts:
    base = {
        "landlord_is_employer": False,
        "separate_rental_contract": True,
        "notice_days_after_job_loss": 30,
        "rent_payment": "invoice",
        "rent_per_bed_week": Decimal("120"),
        "certified": True,
    }
    return TenancyFacts(**{**base, **overrides})


def level(code: str, found) -> Level:
    return next(i.level for i in found if i.code == code)


def test_all_in_order():
    found = indicators(facts(), WML_2026)
    assert [i.code for i in found] == list(LABELS)
    assert {i.level for i in found} == {Level.OK}


@pytest.mark.parametrize(
    ("overrides", "code", "expected"),
    [
        ({"landlord_is_employer": True}, "landlord_is_employer", Level.WARNING),
        ({"landlord_is_employer": None}, "landlord_is_employer", Level.UNKNOWN),
        ({"separate_rental_contract": False}, "separate_rental_contract", Level.FLAG),
        ({"separate_rental_contract": None}, "separate_rental_contract", Level.UNKNOWN),
        ({"notice_days_after_job_loss": 27}, "notice_period", Level.FLAG),
        ({"notice_days_after_job_loss": 28}, "notice_period", Level.OK),
        ({"notice_days_after_job_loss": 0}, "notice_period", Level.FLAG),
        ({"notice_days_after_job_loss": None}, "notice_period", Level.UNKNOWN),
        ({"rent_payment": "wage_deduction"}, "rent_payment", Level.WARNING),
        ({"rent_payment": "wage_deduction", "certified": False}, "rent_payment", Level.FLAG),
        ({"rent_payment": "invoice", "certified": False}, "rent_payment", Level.OK),
        ({"rent_payment": ""}, "rent_payment", Level.UNKNOWN),
        ({"rent_per_bed_week": Decimal("147.10")}, "rent_cap", Level.OK),
        ({"rent_per_bed_week": Decimal("147.11")}, "rent_cap", Level.WARNING),
        ({"rent_per_bed_week": Decimal("147.11"), "rent_payment": "wage_deduction"}, "rent_cap", Level.FLAG),
        ({"rent_per_bed_week": None}, "rent_cap", Level.UNKNOWN),
    ],
)
def test_each_indicator(overrides, code, expected):
    assert level(code, indicators(facts(**overrides), WML_2026)) == expected


def test_the_cap_is_25_percent_of_a_40_hour_week_and_follows_the_parameters():
    assert weekly_cap(WML_2026, Parameters()) == Decimal("147.10")  # domain.md §6: ≈ €147.10 in 2026
    assert weekly_cap(WML_2026, Parameters(hours_per_week=Decimal(36))) == Decimal("132.39")
    found = indicators(
        facts(rent_per_bed_week=Decimal("140")), WML_2026, Parameters(hours_per_week=Decimal(36))
    )
    rent = next(i for i in found if i.code == "rent_cap")
    assert rent.level == Level.WARNING and "€ 132,39" in rent.explanation and "36 uur" in rent.explanation
    assert level("notice_period", indicators(facts(), WML_2026, Parameters(min_notice_days=31))) == Level.FLAG


def test_no_minimum_wage_makes_the_rent_check_unknown():
    assert level("rent_cap", indicators(facts(), None)) == Level.UNKNOWN


def test_wage_on_picks_the_latest_started():
    wages = [
        MinimumWage(Decimal("14.06"), dt.date(2025, 1, 1)),
        MinimumWage(Decimal("14.71"), dt.date(2026, 1, 1)),
        MinimumWage(Decimal("14.40"), dt.date(2025, 7, 1)),
    ]
    assert wage_on(wages, dt.date(2024, 12, 31)) is None
    assert wage_on(wages, dt.date(2025, 6, 30)).hourly == Decimal("14.06")
    assert wage_on(wages, dt.date(2025, 7, 1)).hourly == Decimal("14.40")
    assert wage_on(wages, dt.date(2030, 1, 1)).hourly == Decimal("14.71")


def test_euro_is_written_the_dutch_way():
    assert euro(Decimal("1234.5")) == "€ 1.234,50"
    assert euro(Decimal("147.1")) == "€ 147,10"
