"""Double dependency (domain.md §6–7): when the employer is also the landlord, losing the job means losing the home.
Pure Python, no Django.

Each indicator gives ok, warning, flag or unknown, with an explanation in Dutch that names the figures and the rule.
The thresholds are parameters ([A] in domain.md): shown next to the result, never hidden.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"  # worth a conversation
    FLAG = "flag"  # against a rule or a clear norm
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TenancyFacts:
    landlord_is_employer: bool | None
    separate_rental_contract: bool | None
    notice_days_after_job_loss: int | None
    rent_payment: str  # "wage_deduction" | "invoice" | "" (not known)
    rent_per_bed_week: Decimal | None
    certified: bool  # covered by a valid SNF/AKF certificate on the day asked


@dataclass(frozen=True)
class Parameters:
    hours_per_week: Decimal = Decimal(40)  # [A] the week the 25% cap is measured against
    wage_share_cap: Decimal = Decimal("0.25")  # [S] Stb. 2016, 419: at most 25% of the WML
    min_notice_days: int = 28  # [A] Roemer advice: about a month to find other housing after losing the job


@dataclass(frozen=True)
class MinimumWage:
    hourly: Decimal
    valid_from: dt.date
    source: str = ""


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    level: Level
    explanation: str


# The indicators in their fixed order, with their Dutch labels.
LABELS = {
    "landlord_is_employer": "Verhuurder is ook werkgever",
    "separate_rental_contract": "Aparte huurovereenkomst",
    "notice_period": "Opzegtermijn na baanverlies",
    "rent_payment": "Betaling van de huur",
    "rent_cap": "Huur per bed per week",
}


def euro(value: Decimal) -> str:
    amount = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = f"{amount:.2f}".split(".")
    return f"€ {int(whole):,}".replace(",", ".") + f",{cents}"


def weekly_cap(wage: MinimumWage, params: Parameters) -> Decimal:
    return (wage.hourly * params.hours_per_week * params.wage_share_cap).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _landlord(facts: TenancyFacts) -> Indicator:
    label = LABELS["landlord_is_employer"]
    if facts.landlord_is_employer is None:
        return Indicator(
            "landlord_is_employer", label, Level.UNKNOWN, "Niet bekend wie de bewoners in dienst heeft."
        )
    if facts.landlord_is_employer:
        return Indicator(
            "landlord_is_employer",
            label,
            Level.WARNING,
            "De huisvester is ook (een van) de werkgever(s) of het uitzendbureau van de bewoners: wie de baan "
            "verliest, kan ook de woning verliezen.",
        )
    return Indicator(
        "landlord_is_employer", label, Level.OK, "Verhuurder en werkgever zijn verschillende partijen."
    )


def _contract(facts: TenancyFacts) -> Indicator:
    label = LABELS["separate_rental_contract"]
    if facts.separate_rental_contract is None:
        return Indicator(
            "separate_rental_contract", label, Level.UNKNOWN, "Niet bekend of er een apart huurcontract is."
        )
    if facts.separate_rental_contract:
        return Indicator(
            "separate_rental_contract", label, Level.OK, "Huur staat los van het arbeidscontract."
        )
    return Indicator(
        "separate_rental_contract",
        label,
        Level.FLAG,
        "Geen apart huurcontract: dat is sinds 1 juli 2023 verplicht (Wet goed verhuurderschap).",
    )


def _notice(facts: TenancyFacts, params: Parameters) -> Indicator:
    label = LABELS["notice_period"]
    days = facts.notice_days_after_job_loss
    norm = f"norm: minstens {params.min_notice_days} dagen (advies-Roemer: ongeveer een maand)"
    if days is None:
        return Indicator("notice_period", label, Level.UNKNOWN, f"Niet bekend; {norm}.")
    if days < params.min_notice_days:
        return Indicator("notice_period", label, Level.FLAG, f"{days} dagen; {norm}.")
    return Indicator("notice_period", label, Level.OK, f"{days} dagen; {norm}.")


def _payment(facts: TenancyFacts) -> Indicator:
    label = LABELS["rent_payment"]
    if facts.rent_payment == "invoice":
        return Indicator("rent_payment", label, Level.OK, "Per factuur, los van het loon en op te zeggen.")
    if facts.rent_payment == "wage_deduction":
        if not facts.certified:
            return Indicator(
                "rent_payment",
                label,
                Level.FLAG,
                "Inhouding op het loon, maar de locatie heeft geen geldig SNF- of AKF-certificaat: inhouden mag "
                "alleen voor gecertificeerde huisvesting.",
            )
        return Indicator(
            "rent_payment",
            label,
            Level.WARNING,
            "Inhouding op het loon: mag alleen met schriftelijke toestemming en tot 25% van het minimumloon.",
        )
    return Indicator("rent_payment", label, Level.UNKNOWN, "Niet bekend hoe de huur wordt betaald.")


def _rent(facts: TenancyFacts, wage: MinimumWage | None, params: Parameters) -> Indicator:
    label = LABELS["rent_cap"]
    if facts.rent_per_bed_week is None:
        return Indicator("rent_cap", label, Level.UNKNOWN, "De huur per bed per week is niet bekend.")
    if wage is None:
        return Indicator("rent_cap", label, Level.UNKNOWN, "Geen minimumloon bekend voor deze datum.")
    cap = weekly_cap(wage, params)
    share = int(params.wage_share_cap * 100)
    basis = (
        f"{share}% van het minimumloon bij {params.hours_per_week:g} uur per week is {euro(cap)} "
        f"(WML {euro(wage.hourly)} per uur vanaf {wage.valid_from:%d-%m-%Y})"
    )
    rent = euro(facts.rent_per_bed_week)
    if facts.rent_per_bed_week <= cap:
        return Indicator("rent_cap", label, Level.OK, f"{rent}; {basis}.")
    if facts.rent_payment == "wage_deduction":
        return Indicator("rent_cap", label, Level.FLAG, f"{rent} ingehouden op het loon; meer dan {basis}.")
    return Indicator("rent_cap", label, Level.WARNING, f"{rent}; meer dan {basis}.")


def indicators(
    facts: TenancyFacts, wage: MinimumWage | None, params: Parameters = Parameters()
) -> list[Indicator]:
    """The five indicators of issue 4 item 6, in a fixed order."""
    return [
        _landlord(facts),
        _contract(facts),
        _notice(facts, params),
        _payment(facts),
        _rent(facts, wage, params),
    ]


def wage_on(wages: list[MinimumWage], day: dt.date) -> MinimumWage | None:
    """The minimum wage in force on `day`: the latest one that started on or before it."""
    started = [w for w in wages if w.valid_from <= day]
    return max(started, key=lambda w: w.valid_from) if started else None
