"""XLSX export of a business case: its inputs, outcomes, yearly cash flows and trade-off, one sheet each."""

import io

from openpyxl import Workbook

from aanjager.businesscase.forms import VariantForm
from aanjager.businesscase.models import CRITERIA
from aanjager.core.spreadsheets import safe_cell

INPUT_FIELDS = VariantForm.Meta.fields


def _money(value):
    return None if value is None else round(float(value), 2)


def workbook(case, evaluated) -> bytes:
    from aanjager.businesscase.models import Variant

    book = Workbook()
    inputs = book.active
    inputs.title = "Invoer"
    inputs.append(["businesscase", safe_cell(case.name), "gemeente", case.municipality.name])
    inputs.append([])
    inputs.append(["invoer", *[safe_cell(e.variant.name) for e in evaluated]])
    for name in INPUT_FIELDS[1:]:
        label = str(Variant._meta.get_field(name).verbose_name)
        values = [getattr(e.variant, name) for e in evaluated]
        inputs.append([label, *[v if isinstance(v, int | str) or v is None else float(v) for v in values]])

    outcomes = book.create_sheet("Uitkomsten")
    outcomes.append(["uitkomst", *[safe_cell(e.variant.name) for e in evaluated]])
    rows = {
        "investering": lambda r: _money(r.investment),
        "netto contante waarde (project)": lambda r: _money(r.npv),
        "netto contante waarde (eigen vermogen)": lambda r: _money(r.npv_equity),
        "interne rentevoet (project)": lambda r: r.irr.value,
        "interne rentevoet: toelichting": lambda r: r.irr.reason,
        "terugverdiend in jaar": lambda r: r.payback.year,
        "terugverdiend binnen de vergunningstermijn": lambda r: "ja" if r.payback.within_term else "nee",
        "break-even huur per bed per week": lambda r: _money(r.break_even_rent),
        "break-even bezetting": lambda r: r.break_even_occupancy,
        "huur binnen 25% van het minimumloon": lambda r: (
            None if r.rent_check is None else ("ja" if r.rent_check[0] else "nee")
        ),
        "grens huur per week (25% minimumloon)": lambda r: (
            None if r.rent_check is None else float(r.rent_check[1])
        ),
    }
    for label, get in rows.items():
        outcomes.append(
            [label, *[get(e.result) if e.result else "; ".join(e.errors.values()) for e in evaluated]]
        )

    flows = book.create_sheet("Kasstromen")
    flows.append(["variant", "jaar", "investering", "huuropbrengst", "exploitatiekosten", "grondhuur", "restwaarde",
                  "rente", "aflossing", "kasstroom project", "kasstroom eigen vermogen", "cumulatief project",
                  "contante waarde project"])  # fmt: skip
    for e in evaluated:
        for row in e.result.rows if e.result else []:
            flows.append(
                [safe_cell(e.variant.name), row.year, *(_money(v) for v in (row.investment, row.rent_income, row.opex,
                 row.land_lease, row.residual_value, row.interest, row.repayment, row.project_flow, row.equity_flow,
                 row.project_cumulative, row.project_present_value))]
            )  # fmt: skip

    trade_off = book.create_sheet("Afweging")
    trade_off.append(["criterium", "gewicht", *[safe_cell(e.variant.name) for e in evaluated]])
    for key, label in CRITERIA:
        trade_off.append([str(label), case.weight_of(key), *[e.variant.scores.get(key) for e in evaluated]])
    trade_off.append(["gewogen score", None, *[e.variant.weighted_score() for e in evaluated]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
