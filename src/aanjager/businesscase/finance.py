"""Business case for a housing location: the pure finance core (issue 7, items 4–5).

Plain Python and SciPy, no Django: the web layer turns a form into :class:`Inputs`, calls :func:`evaluate` and
shows the :class:`Result`. Everything here is deterministic and cheap enough to run on every request.

Modelling decisions
-------------------
* **Prices and timing.** Year 0 is the investment moment, years 1..T the permit term (T = ``permit_term_years``).
  Flows fall at the end of each year. Rent, operating costs and land lease are entered in year-1 prices and
  grow by their indexation from year 2 on: the amount in year *t* is ``base × (1 + indexation) ** (t - 1)``.
  Rent follows ``rent_indexation``; operating costs and land lease follow ``cost_indexation``.
* **Income** = beds × occupancy × rent per bed per week × weeks per year: only occupied beds pay.
* **Operating costs** are per *available* bed (beds × opex × weeks), whether or not the bed is let: a location
  is cleaned, insured, managed and maintained as a whole. This makes an empty location lose money, which is what
  break-even occupancy is about.
* **Investment** = beds × ``capex_per_bed``, or beds × ``floor_area_per_bed`` × ``capex_per_m2``; exactly one
  of the two is given.
* **Residual value** is a *share of the investment* (``residual_share``, 0..1), received at the end of the last
  permit year, not indexed: what relocatable units fetch when the temporary permit ends. A share (rather than an
  amount) keeps the residual in step with the investment when variants or the sensitivity vary the investment.
* **Two views.** The *project* (unlevered) flow is what the location earns on the whole investment:
  ``-investment`` in year 0, then ``income - opex - land lease (+ residual in year T)``. The *equity* flow
  adds the financing: ``loan_share`` of the investment is borrowed in year 0 as an annuity loan at
  ``interest_rate`` repaid in full over the permit term (the loan cannot outlive the permit), so year 0 is
  ``-(investment - loan)`` and each year pays the annuity on top. Headline figures (NPV, IRR, payback,
  break-evens, sensitivity) use the project view; the equity view sits next to it and every function that
  takes :class:`Inputs` accepts ``basis="equity"``. When the interest rate equals the discount rate the loan is
  NPV-neutral and both NPVs coincide (a property the tests check).
* **No taxes, no depreciation, no inflation of the residual**: a municipality, housing corporation or investor
  compares pre-tax cash. Both NPVs discount at ``discount_rate``.
* **Money is float.** The engine works in floats (SciPy needs them); the caller rounds to cents for display.
  Decimal, Fraction and int inputs are accepted and converted. :func:`rent_check` is the exception: it compares
  against a legal cap and works in :class:`~decimal.Decimal`.

Messages are English and static so that the web layer can translate them: they are wrapped in the local
:func:`gettext_noop` (an identity function) so that Django's ``makemessages`` picks them up. Outcomes that need
numbers in their text (IRR, payback) also come with a short ``code`` to translate on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Literal

from scipy.optimize import brentq

Basis = Literal["project", "equity"]

#: Longest permit term accepted; also how far :func:`payback` looks beyond the term.
MAX_TERM_YEARS = 100
#: IRRs are searched between these rates (-99% and +10,000% a year).
IRR_MIN_RATE = -0.99
IRR_MAX_RATE = 100.0


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it (Django's makemessages looks for this name)."""
    return message


# --------------------------------------------------------------------------------------------------------------
# Inputs and validation


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """What a business-case variant is made of. Rates and shares are fractions: 0.02 is 2%, 0.9 is 90%."""

    beds: int
    floor_area_per_bed: float  # m² per bed
    housing_form: str  # e.g. "new-build modular", "transformation", "hotel conversion"
    permit_term_years: int
    rent_per_bed_per_week: float  # euros, year-1 prices
    occupancy: float  # share of beds let, 0..1
    opex_per_bed_per_week: float  # euros per available bed, year-1 prices
    discount_rate: float  # per year
    capex_per_bed: float | None = None  # euros; give this one ...
    capex_per_m2: float | None = None  # ... or this one (times beds × floor area per bed)
    land_lease_per_year: float = 0.0  # euros, year-1 prices
    residual_share: float = 0.0  # residual value at the end of the term as a share of the investment, 0..1
    rent_indexation: float = 0.0  # per year
    cost_indexation: float = 0.0  # per year, for operating costs and land lease
    interest_rate: float = 0.0  # per year, on the loan
    loan_share: float = 0.0  # share of the investment borrowed, 0..1
    weeks_per_year: float = 52.0  # rentable weeks


class InvalidInputs(ValueError):
    """Raised by the calculations when :func:`validate` finds errors; ``errors`` maps field to message."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


MESSAGES = {
    "beds": gettext_noop("Enter the number of beds as a whole number of at least 1."),
    "floor_area_per_bed": gettext_noop("Enter the floor area per bed in m², more than 0."),
    "housing_form": gettext_noop(
        "Enter the housing form (for example new-build modular, transformation or hotel conversion)."
    ),
    "capex_missing": gettext_noop("Enter the investment either per bed or per m²."),
    "capex_both": gettext_noop("Enter the investment per bed or per m², not both."),
    "capex_per_bed": gettext_noop("Enter the investment per bed as an amount of 0 or more."),
    "capex_per_m2": gettext_noop("Enter the investment per m² as an amount of 0 or more."),
    "land_lease_per_year": gettext_noop("Enter the land lease per year as an amount of 0 or more."),
    "permit_term_years": gettext_noop("Enter the permit term as a whole number of years, from 1 to 100."),
    "residual_share": gettext_noop(
        "Enter the residual value as a share of the investment between 0 and 1 (0.25 is 25%)."
    ),
    "rent_per_bed_per_week": gettext_noop("Enter the rent per bed per week as an amount of 0 or more."),
    "occupancy": gettext_noop("Enter the occupancy as a share between 0 and 1 (0.9 is 90%)."),
    "opex_per_bed_per_week": gettext_noop(
        "Enter the operating costs per bed per week as an amount of 0 or more."
    ),
    "rent_indexation": gettext_noop(
        "Enter the rent indexation as a yearly rate above -1 and at most 1 (0.02 is 2%)."
    ),
    "cost_indexation": gettext_noop(
        "Enter the cost indexation as a yearly rate above -1 and at most 1 (0.02 is 2%)."
    ),
    "interest_rate": gettext_noop(
        "Enter the interest rate as a yearly rate above -1 and at most 1 (0.04 is 4%)."
    ),
    "loan_share": gettext_noop("Enter the loan share as a share between 0 and 1 (0.6 is 60% borrowed)."),
    "discount_rate": gettext_noop(
        "Enter the discount rate as a yearly rate above -1 and at most 1 (0.05 is 5%)."
    ),
    "weeks_per_year": gettext_noop("Enter the rentable weeks per year, more than 0 and at most 53."),
}


def _number(value: object) -> float | None:
    """``value`` as a finite float, or None when it is missing, not a number (bools are not), NaN or infinite."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        return None
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number (1, 1.0, Decimal('1')), else None."""
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


# Fields checked as numbers: name -> (lowest, lowest allowed?, highest, highest allowed?).
_RANGES: dict[str, tuple[float, bool, float, bool]] = {
    "floor_area_per_bed": (0, False, math.inf, False),
    "land_lease_per_year": (0, True, math.inf, False),
    "residual_share": (0, True, 1, True),
    "rent_per_bed_per_week": (0, True, math.inf, False),
    "occupancy": (0, True, 1, True),
    "opex_per_bed_per_week": (0, True, math.inf, False),
    "rent_indexation": (-1, False, 1, True),
    "cost_indexation": (-1, False, 1, True),
    "interest_rate": (-1, False, 1, True),
    "loan_share": (0, True, 1, True),
    "discount_rate": (-1, False, 1, True),
    "weeks_per_year": (0, False, 53, True),
}


def _in_range(number: float | None, lo: float, lo_ok: bool, hi: float, hi_ok: bool) -> bool:
    if number is None:
        return False
    above = number >= lo if lo_ok else number > lo
    below = number <= hi if hi_ok else number < hi
    return above and below


def validate(inputs: Inputs) -> dict[str, str]:
    """Field errors of ``inputs`` as ``{field name: message}``; empty when the inputs can be calculated.

    Keys are :class:`Inputs` field names, so a Django form can attach each message to its field. The investment
    rule (exactly one of ``capex_per_bed`` and ``capex_per_m2``) reports a missing investment on
    ``capex_per_bed`` and a double one on ``capex_per_m2``.
    """
    errors: dict[str, str] = {}
    beds = _whole(inputs.beds)
    if beds is None or beds < 1:
        errors["beds"] = MESSAGES["beds"]
    if not isinstance(inputs.housing_form, str) or not inputs.housing_form.strip():
        errors["housing_form"] = MESSAGES["housing_form"]
    term = _whole(inputs.permit_term_years)
    if term is None or not 1 <= term <= MAX_TERM_YEARS:
        errors["permit_term_years"] = MESSAGES["permit_term_years"]

    per_bed, per_m2 = inputs.capex_per_bed, inputs.capex_per_m2
    if per_bed is None and per_m2 is None:
        errors["capex_per_bed"] = MESSAGES["capex_missing"]
    elif per_bed is not None and per_m2 is not None:
        errors["capex_per_m2"] = MESSAGES["capex_both"]
    else:
        name = "capex_per_bed" if per_bed is not None else "capex_per_m2"
        if not _in_range(_number(getattr(inputs, name)), 0, True, math.inf, False):
            errors[name] = MESSAGES[name]

    for name, bounds in _RANGES.items():
        if not _in_range(_number(getattr(inputs, name)), *bounds):
            errors[name] = MESSAGES[name]
    # Keep the order of the dataclass, so a form shows errors top to bottom.
    order = [f.name for f in fields(Inputs)]
    return dict(sorted(errors.items(), key=lambda item: order.index(item[0])))


def _ensure_valid(inputs: Inputs) -> None:
    errors = validate(inputs)
    if errors:
        raise InvalidInputs(errors)


# --------------------------------------------------------------------------------------------------------------
# Cash flows


@dataclass(frozen=True)
class YearRow:
    """One year of the business case. Amounts are positive euros; the two flows carry the sign."""

    year: int
    investment: float  # year 0 only
    loan_drawdown: float  # year 0 only
    rent_income: float
    opex: float
    land_lease: float
    residual_value: float  # final year only
    interest: float
    repayment: float
    loan_balance: float  # outstanding at the end of the year
    project_flow: float  # unlevered: -investment + rent - opex - land lease + residual
    equity_flow: float  # project flow + loan drawdown - interest - repayment
    project_cumulative: float
    equity_cumulative: float
    discount_factor: float  # 1 / (1 + discount rate) ** year
    project_present_value: float  # project_flow × discount_factor

    @property
    def debt_service(self) -> float:
        return self.interest + self.repayment


def investment(inputs: Inputs) -> float:
    """The total investment in year 0: beds × capex per bed, or beds × m² per bed × capex per m²."""
    if inputs.capex_per_bed is not None:
        return float(inputs.beds) * float(inputs.capex_per_bed)
    return float(inputs.beds) * float(inputs.floor_area_per_bed) * float(inputs.capex_per_m2 or 0)


def annuity_payment(principal: float, rate: float, years: int) -> float:
    """The fixed yearly payment that repays ``principal`` with interest at ``rate`` in ``years`` years.

    ``principal × r / (1 - (1 + r) ** -n)``, or ``principal / n`` when r is 0.
    """
    if years < 1:
        raise ValueError("An annuity needs at least 1 year.")
    if rate == 0:
        return principal / years
    # 1 - (1 + r) ** -n, written so that it stays exact for rates near 0 (where 1 + r rounds to 1).
    return principal * rate / -math.expm1(-years * math.log1p(rate))


def cash_flows(inputs: Inputs) -> list[YearRow]:
    """The yearly rows 0..T of ``inputs`` (see the module docstring for the model). Raises :class:`InvalidInputs`."""
    _ensure_valid(inputs)
    beds = float(inputs.beds)
    term = int(inputs.permit_term_years)
    weeks = float(inputs.weeks_per_year)
    rent = float(inputs.rent_per_bed_per_week)
    occupancy = float(inputs.occupancy)
    opex = float(inputs.opex_per_bed_per_week)
    lease = float(inputs.land_lease_per_year)
    rent_index = float(inputs.rent_indexation)
    cost_index = float(inputs.cost_indexation)
    rate = float(inputs.interest_rate)
    discount = float(inputs.discount_rate)

    capex = investment(inputs)
    loan = capex * float(inputs.loan_share)
    payment = annuity_payment(loan, rate, term) if loan else 0.0
    residual = capex * float(inputs.residual_share)

    rows: list[YearRow] = []
    project_total = equity_total = 0.0
    balance = loan
    for year in range(term + 1):
        if year == 0:
            income = costs = land = rest = interest = repayment = 0.0
            project = -capex
            equity = -capex + loan
        else:
            income = beds * occupancy * rent * weeks * (1 + rent_index) ** (year - 1)
            costs = beds * opex * weeks * (1 + cost_index) ** (year - 1)
            land = lease * (1 + cost_index) ** (year - 1)
            rest = residual if year == term else 0.0
            interest = balance * rate
            # The last payment clears the balance exactly, so rounding cannot leave a loan after the permit.
            repayment = balance if year == term else payment - interest
            balance -= repayment
            project = income - costs - land + rest
            equity = project - interest - repayment
        project_total += project
        equity_total += equity
        factor = (1 + discount) ** -year
        rows.append(
            YearRow(
                year=year,
                investment=capex if year == 0 else 0.0,
                loan_drawdown=loan if year == 0 else 0.0,
                rent_income=income,
                opex=costs,
                land_lease=land,
                residual_value=rest,
                interest=interest,
                repayment=repayment,
                loan_balance=balance if year < term else 0.0,
                project_flow=project,
                equity_flow=equity,
                project_cumulative=project_total,
                equity_cumulative=equity_total,
                discount_factor=factor,
                project_present_value=project * factor,
            )
        )
    return rows


def flows_of(rows: Sequence[YearRow], basis: Basis = "project") -> list[float]:
    """The project or equity flow of each year, year 0 first."""
    if basis == "project":
        return [row.project_flow for row in rows]
    if basis == "equity":
        return [row.equity_flow for row in rows]
    raise ValueError(f"Unknown basis {basis!r}: use 'project' or 'equity'.")


# --------------------------------------------------------------------------------------------------------------
# NPV, IRR, payback


def npv(rate: float, flows: Sequence[float]) -> float:
    """Net present value of ``flows`` (year 0 first, not discounted) at ``rate`` per year: Σ f_t / (1 + r) ** t."""
    rate = float(rate)
    if not rate > -1:
        raise ValueError("The discount rate must be above -1 (-100%).")
    return math.fsum(float(flow) * (1 + rate) ** -year for year, flow in enumerate(flows))


@dataclass(frozen=True)
class Irr:
    """The outcome of an IRR search.

    ``code`` is "ok" (``value`` is the IRR), "no_sign_change" (all flows of one sign, or zero), "no_root" (the
    flows change sign but no rate in [-99%, 10,000%] makes the NPV zero) or "multiple" (several rates do; they
    are in ``rates`` and ``value`` is None, because picking one would mislead: judge such a case on its NPV).
    ``reason`` says the same in an English sentence.
    """

    value: float | None
    code: str
    reason: str
    rates: tuple[float, ...] = ()


def _sign_changes(flows: Sequence[float]) -> int:
    signs = [flow > 0 for flow in flows if flow != 0]
    return sum(1 for a, b in zip(signs, signs[1:], strict=False) if a != b)


def _polynomial(flows: Sequence[float], x: float) -> float:
    """Σ f_t x^t by Horner: the NPV at the rate r with x = 1 / (1 + r)."""
    total = 0.0
    for flow in reversed(flows):
        total = total * x + flow
    return total


def irr_detail(flows: Sequence[float]) -> Irr:
    """The internal rate of return of ``flows`` with the reason when there is none.

    The NPV is a polynomial in x = 1 / (1 + r). It is sampled on a geometric grid of x covering r from -99% to
    10,000%; each sign change of the polynomial brackets a root that :func:`scipy.optimize.brentq` narrows down.
    By Descartes' rule a conventional flow (one change of sign: invest, then earn) has exactly one such root.
    Two roots closer together than the grid step, or a double root that touches zero without crossing, can
    slip through; those only arise from flows that change sign more than once.
    """
    flows = [float(flow) for flow in flows]
    if _sign_changes(flows) == 0:
        if any(flows):
            reason = "No IRR: all cash flows have the same sign, so no discount rate makes the NPV zero."
        else:
            reason = "No IRR: all cash flows are zero."
        return Irr(None, "no_sign_change", reason)

    lo, hi = 1 / (1 + IRR_MAX_RATE), 1 / (1 + IRR_MIN_RATE)
    steps = 2000
    grid = [lo * (hi / lo) ** (i / steps) for i in range(steps + 1)]
    roots: list[float] = []
    previous_x = previous_value = None
    for x in grid:
        value = _polynomial(flows, x)
        if not math.isfinite(value):
            previous_x = previous_value = None
            continue
        if value == 0:
            roots.append(x)
        elif previous_value is not None and previous_value != 0 and (previous_value < 0) != (value < 0):
            roots.append(brentq(lambda at: _polynomial(flows, at), previous_x, x, xtol=1e-14))
        previous_x, previous_value = x, value
    rates = tuple(sorted({1 / x - 1 for x in roots}))
    if not rates:
        return Irr(
            None,
            "no_root",
            "No IRR: the cash flows change sign, but no discount rate between -99% and 10,000% makes the NPV zero.",
        )
    if len(rates) > 1:
        listed = ", ".join(f"{rate:.2%}" for rate in rates)
        return Irr(
            None,
            "multiple",
            f"No single IRR: the NPV is zero at {len(rates)} rates ({listed}); judge this case on its NPV.",
            rates,
        )
    return Irr(rates[0], "ok", f"IRR {rates[0]:.2%}.", rates)


def irr(flows: Sequence[float]) -> float | None:
    """The internal rate of return of ``flows``, or None; :func:`irr_detail` says why it is None."""
    return irr_detail(flows).value


def payback_year(flows: Sequence[float]) -> int | None:
    """The year from which the cumulative flow is ≥ 0 and stays so until the end; None when it ends below 0.

    For the usual flow (invest, then earn) this is the first year the cumulative flow reaches 0. Requiring it to
    *stay* at or above 0 avoids two misreadings: a fully financed equity flow (0 in year 0, a loss in year 1)
    does not count as paid back in year 0, and a location whose costs outgrow its rents is not called paid back
    when it ends the term under water. Flows with nothing to pay back (none negative) pay back in year 0.
    """
    flows = [float(flow) for flow in flows]
    tolerance = 1e-9 * math.fsum(abs(flow) for flow in flows)  # float noise on an exact break-even
    cumulative = 0.0
    year_found: int | None = None
    for year, flow in enumerate(flows):
        cumulative += flow
        if cumulative < -tolerance:
            year_found = None
        elif year_found is None:
            year_found = year
    return year_found


@dataclass(frozen=True)
class Payback:
    """Payback of a business case against its permit term.

    ``year`` is the payback year within the term, or None. ``within_term`` is the flag: False when the location
    is not paid back by the end of the permit. ``years_needed`` is then the shortest permit term (same inputs,
    only a longer permit, so a later residual value and, on the equity basis, a longer loan) that would pay it
    back, or None when not even a permit of 100 years would; within the term it equals ``year``. ``term`` is
    the permit term of the inputs.
    """

    year: int | None
    within_term: bool
    years_needed: int | None
    term: int


def payback(inputs: Inputs, basis: Basis = "project") -> Payback:
    """The payback of ``inputs`` on ``basis``, flagged when it falls beyond the permit term."""
    term = int(inputs.permit_term_years)
    year = payback_year(flows_of(cash_flows(inputs), basis))
    if year is not None:
        return Payback(year, True, year, term)
    for longer in range(term + 1, MAX_TERM_YEARS + 1):
        if payback_year(flows_of(cash_flows(replace(inputs, permit_term_years=longer)), basis)) is not None:
            return Payback(None, False, longer, term)
    return Payback(None, False, None, term)


def net_present_value(inputs: Inputs, basis: Basis = "project") -> float:
    """The NPV of ``inputs`` at its own discount rate."""
    return npv(float(inputs.discount_rate), flows_of(cash_flows(inputs), basis))


# --------------------------------------------------------------------------------------------------------------
# Break-even


def break_even_rent(inputs: Inputs, basis: Basis = "project") -> float | None:
    """The rent per bed per week at which the NPV at the discount rate is 0.

    The NPV is linear in the rent (income is beds × occupancy × rent × weeks × index; nothing else depends on
    it), so NPV(rent) = a + b × rent with a = NPV at rent 0 and b = NPV(1) - NPV(0), and the answer is -a / b
    exactly. None when no rent can do it because no bed is let (occupancy 0, b = 0). A result of 0 or below
    means the case breaks even at any rent (say, through its residual value).
    """
    at_zero = net_present_value(replace(inputs, rent_per_bed_per_week=0), basis)
    slope = net_present_value(replace(inputs, rent_per_bed_per_week=1), basis) - at_zero
    if slope <= 0:
        return None
    rent = -at_zero / slope
    return rent if math.isfinite(rent) else None  # a vanishing occupancy can need an infinite rent


def break_even_occupancy(inputs: Inputs, basis: Basis = "project") -> float | None:
    """The occupancy (0..1) at which the NPV at the discount rate is 0; None when even 100% does not do it.

    Linear like :func:`break_even_rent`. 0 when the case breaks even with every bed empty.
    """
    at_zero = net_present_value(replace(inputs, occupancy=0), basis)
    slope = net_present_value(replace(inputs, occupancy=1), basis) - at_zero
    if at_zero >= 0:
        return 0.0
    if slope <= 0:
        return None
    share = -at_zero / slope
    if share > 1 + 1e-12:
        return None
    return min(share, 1.0)


def rent_check(
    rent_per_bed_per_week: float | Decimal,
    hourly_minimum_wage: float | Decimal,
    weekly_hours: float | Decimal,
    share: float | Decimal = Decimal("0.25"),
) -> tuple[bool, Decimal]:
    """Whether the weekly rent stays within ``share`` of the gross minimum wage for ``weekly_hours``.

    domain.md §6: a wage deduction for housing is at most 25% of the gross minimum wage (WML), 20% under the
    AKF cao. The limit is hourly wage × weekly hours × share in Decimal, rounded *down* to the cent so that a
    rent equal to the limit shown is always allowed. Returns ``(ok, limit)``. The caller picks the minimum wage
    that applies on the date checked (reference data); the check compares one week's rent with one week's wage.
    """
    values = [
        Decimal(str(value)) for value in (rent_per_bed_per_week, hourly_minimum_wage, weekly_hours, share)
    ]
    rent, wage, hours, fraction = values
    if not all(value.is_finite() for value in values):
        raise ValueError("The rent check needs finite numbers.")
    if wage <= 0 or hours <= 0:
        raise ValueError("The minimum wage and the weekly hours must be more than 0.")
    if not 0 < fraction <= 1:
        raise ValueError("The share of the minimum wage must be more than 0 and at most 1.")
    limit = (wage * hours * fraction).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return rent <= limit, limit


# --------------------------------------------------------------------------------------------------------------
# Sensitivity (tornado)

#: Parameters the sensitivity can vary, with the English label for the chart.
SENSITIVITY_LABELS = {
    "rent": gettext_noop("Rent per bed per week"),
    "occupancy": gettext_noop("Occupancy"),
    "capex": gettext_noop("Investment"),
    "opex": gettext_noop("Operating costs"),
    "land_lease": gettext_noop("Land lease"),
    "discount_rate": gettext_noop("Discount rate"),
    "residual": gettext_noop("Residual value"),
    "permit_term": gettext_noop("Permit term"),
}
#: The default tornado: the main inputs ±20%.
DEFAULT_SENSITIVITY: dict[str, float | tuple[float, float]] = dict.fromkeys(
    ("rent", "occupancy", "capex", "opex", "discount_rate", "residual", "permit_term"), 0.2
)


@dataclass(frozen=True)
class Bar:
    """One bar of the tornado: the NPV with ``parameter`` at its low and at its high value, the rest at base."""

    parameter: str
    label: str
    base_value: float
    low_value: float
    high_value: float
    base_npv: float
    npv_low: float
    npv_high: float

    @property
    def swing(self) -> float:
        return abs(self.npv_high - self.npv_low)


def _field_for(parameter: str, inputs: Inputs) -> str:
    if parameter == "capex":
        return "capex_per_bed" if inputs.capex_per_bed is not None else "capex_per_m2"
    return {
        "rent": "rent_per_bed_per_week",
        "occupancy": "occupancy",
        "opex": "opex_per_bed_per_week",
        "land_lease": "land_lease_per_year",
        "discount_rate": "discount_rate",
        "residual": "residual_share",
        "permit_term": "permit_term_years",
    }[parameter]


def _bounds(parameter: str, base: float, swing: float) -> tuple[float, float]:
    """Low and high for a relative ``swing``, kept inside what the parameter allows."""
    low, high = base * (1 - swing), base * (1 + swing)
    low, high = min(low, high), max(low, high)  # a negative base (discount rate) flips them
    if parameter == "permit_term":
        # Whole years, and at least one year either way so that a short term still gets a bar.
        low_years = min(math.floor(low + 0.5), int(base) - 1) if swing else int(base)
        high_years = max(math.floor(high + 0.5), int(base) + 1) if swing else int(base)
        return max(1, low_years), min(MAX_TERM_YEARS, high_years)
    if parameter in ("occupancy", "residual"):
        return max(0.0, low), min(1.0, high)
    if parameter == "discount_rate":
        return max(low, -0.99), min(high, 1.0)
    return max(0.0, low), high


def sensitivity(
    inputs: Inputs,
    spec: Mapping[str, float | tuple[float, float]] | None = None,
    basis: Basis = "project",
) -> list[Bar]:
    """The tornado: for each parameter of ``spec`` the NPV at its low and high value, largest swing first.

    ``spec`` maps a parameter of :data:`SENSITIVITY_LABELS` to a relative swing (0.2 varies it ±20% around the
    base) or to explicit ``(low, high)`` values in the input's own unit (capex per bed or per m², whichever the
    inputs use; the term in whole years). Relative bounds are clipped to what the input allows (occupancy and
    residual share at most 1, the term in whole years but at least one year either way and never below 1 year,
    amounts not below 0), so a bar
    can be one-sided, e.g. occupancy 95% +20% stops at 100%. Default: :data:`DEFAULT_SENSITIVITY`.
    Ties keep the order of ``spec``.
    """
    spec = DEFAULT_SENSITIVITY if spec is None else spec
    base_npv = net_present_value(inputs, basis)
    bars: list[Bar] = []
    for parameter, setting in spec.items():
        if parameter not in SENSITIVITY_LABELS:
            known = ", ".join(SENSITIVITY_LABELS)
            raise ValueError(f"Unknown sensitivity parameter {parameter!r}; use one of: {known}.")
        name = _field_for(parameter, inputs)
        base = float(getattr(inputs, name))
        if isinstance(setting, tuple):
            low, high = (float(value) for value in setting)
            if low > high:
                raise ValueError(f"The low value of {parameter!r} is above its high value.")
        else:
            relative = _number(setting)
            if relative is None or not 0 <= relative <= 1:
                raise ValueError(f"The swing of {parameter!r} must be a share between 0 and 1.")
            low, high = _bounds(parameter, base, relative)
        results = []
        for value in (low, high):
            varied = replace(inputs, **{name: value})
            errors = validate(varied)
            if errors:
                raise ValueError(
                    f"The sensitivity bound {value} for {parameter!r} is invalid: {errors[name]}"
                )
            results.append(net_present_value(varied, basis))
        bars.append(Bar(parameter, SENSITIVITY_LABELS[parameter], base, low, high, base_npv, *results))
    return sorted(bars, key=lambda bar: -bar.swing)


# --------------------------------------------------------------------------------------------------------------
# Everything together


@dataclass(frozen=True)
class Result:
    """A business case worked out: cash flows and every figure of issue 7 item 5, project and equity views."""

    inputs: Inputs
    investment: float
    loan: float
    annuity: float  # yearly debt service
    rows: list[YearRow]
    npv: float  # project, at the discount rate
    npv_equity: float
    irr: Irr
    irr_equity: Irr
    payback: Payback
    payback_equity: Payback
    break_even_rent: float | None
    break_even_occupancy: float | None
    rent_check: tuple[bool, Decimal] | None  # None when no minimum wage was given
    sensitivity: list[Bar]


def evaluate(
    inputs: Inputs,
    *,
    hourly_minimum_wage: float | Decimal | None = None,
    weekly_hours: float | Decimal | None = None,
    rent_share: float | Decimal = Decimal("0.25"),
    sensitivity_spec: Mapping[str, float | tuple[float, float]] | None = None,
) -> Result:
    """Work out ``inputs``. Raises :class:`InvalidInputs` (a ValueError with ``errors``) on bad inputs.

    The rent check runs when both ``hourly_minimum_wage`` and ``weekly_hours`` are given, on the year-1 rent.
    """
    rows = cash_flows(inputs)
    project, equity = flows_of(rows, "project"), flows_of(rows, "equity")
    capex = investment(inputs)
    loan = capex * float(inputs.loan_share)
    check = None
    if hourly_minimum_wage is not None and weekly_hours is not None:
        check = rent_check(inputs.rent_per_bed_per_week, hourly_minimum_wage, weekly_hours, rent_share)
    return Result(
        inputs=inputs,
        investment=capex,
        loan=loan,
        annuity=annuity_payment(loan, float(inputs.interest_rate), int(inputs.permit_term_years))
        if loan
        else 0.0,
        rows=rows,
        npv=npv(float(inputs.discount_rate), project),
        npv_equity=npv(float(inputs.discount_rate), equity),
        irr=irr_detail(project),
        irr_equity=irr_detail(equity),
        payback=payback(inputs, "project"),
        payback_equity=payback(inputs, "equity"),
        break_even_rent=break_even_rent(inputs),
        break_even_occupancy=break_even_occupancy(inputs),
        rent_check=check,
        sensitivity=sensitivity(inputs, sensitivity_spec),
    )
