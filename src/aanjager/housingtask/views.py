"""The housing task pages: scenarios to choose from, the region's demand against supply, a municipality's trace."""

import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from aanjager.accounts import scoping
from aanjager.core.pdf import pdf_response
from aanjager.core.spreadsheets import safe_cell
from aanjager.estimates import suppression
from aanjager.estimates.models import Scenario
from aanjager.housingtask import calculation, charts, selectors
from aanjager.locations.models import Location
from aanjager.locations.norm_presets import PRESETS, preset

SCENARIO_CHOICES = calculation.SCENARIOS


def _scenario_or_404(user, pk) -> Scenario:
    try:
        return selectors.scenario_detail(user=user, pk=pk)
    except Scenario.DoesNotExist:
        raise Http404 from None


def _number(query, name: str, default: float, low: float, high: float) -> float:
    try:
        value = float(Decimal((query.get(name) or "").replace(",", ".")))
    except (InvalidOperation, ValueError):
        return default
    return value if low <= value <= high else default


def parameters(query) -> calculation.Parameters:
    """The [A] parameters from the query string, each within its bounds; the default otherwise."""
    d = calculation.Parameters()
    shares = {c: _number(query, f"aandeel_{c}", d.housing_share[c], 0, 1) for c in calculation.STAY_CLASSES}
    weights = {s: _number(query, f"gewicht_{s}", w, 0, 1) for s, w in d.pipeline_weights.items()}
    return calculation.Parameters(
        housing_share=shares,
        target_occupancy=_number(query, "bezetting", d.target_occupancy, 0.5, 1),
        pipeline_weights=weights,
        phase_out_years=int(_number(query, "uitfasering", d.phase_out_years, 0, 10)),
        default_stay_split=d.default_stay_split,
    )


@login_required
def scenario_list(request):
    return render(
        request,
        "housingtask/list.html",
        {
            "scenarios": selectors.scenarios(user=request.user),
            "can_view_companies": scoping.allows(request.user, "company_plan", "view"),
        },
    )


def hidden_sets(user, scenario) -> tuple[set[str], set[str]]:
    """For those who see the estimate only because it is published, as on the estimate page (suppression.py):
    the municipalities whose persons-based need stays hidden (an estimate hidden), and those whose need is shown
    only in total, not per stay class (their workers or stay split hidden: need per class would give it away)."""
    run = scenario.run
    if scoping.allows(user, "estimate_run", "view", run):
        return set(), set()
    rows = suppression.suppress(
        selectors.estimate_selectors.region_rows(run=run),
        settings.AANJAGER_SMALL_CELL_THRESHOLD,
        run.parameters,
    )
    hidden = {row.municipality.code for row in rows if suppression.estimates_hidden(row)}
    return hidden, {row.municipality.code for row in rows if suppression.split_hidden(row)} - hidden


def without_hidden_need(cells: dict, hidden: set[str]) -> dict:
    """The cells with the persons-based need of hidden municipalities left out, so that totals cannot reveal it."""
    if not hidden:
        return cells
    result = {}
    for key, cell in cells.items():
        if key[0] in hidden:
            cell = calculation.Cell(
                replacement_failing=cell.replacement_failing,
                replacement_left=cell.replacement_left,
                company=cell.company,
                existing=cell.existing,
                pipeline=cell.pipeline,
            )
        result[key] = cell
    return result


def _context(request, scenario):
    params = parameters(request.GET)
    codes = sorted({c for c, _v in PRESETS})
    norm_code = request.GET.get("normen", "snf")
    norm_code = norm_code if norm_code in codes else "snf"
    hidden, split_hidden = hidden_sets(request.user, scenario)
    data = selectors.housing_task(
        scenario=scenario, params=params, norm_code=norm_code, default_split_for=split_hidden
    )
    choice = request.GET.get("scenario", "central")
    choice = choice if choice in SCENARIO_CHOICES else "central"
    years = data["years"]
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        year = next((y for y in years if y >= this_year), years[-1])
    year = year if year in years else years[0]
    data = {
        **data,
        "cells": without_hidden_need(data["cells"], hidden),
        "hidden": hidden,
        "split_hidden": split_hidden,
    }
    region = calculation.totals(data["cells"])
    return params, norm_code, data, choice, year, region


def _task_context(request, scenario) -> dict:
    params, norm_code, data, choice, year, region = _context(request, scenario)
    rows = [
        {
            "year": y,
            "cell": cell,
            "low": cell.demand("low"),
            "central": cell.demand("central"),
            "high": cell.demand("high"),
            "supply": cell.supply,
            "gap": cell.gap(choice),
            "nothing": cell.gap_if_nothing_happens(choice),
        }
        for y, cell in region.items()
    ]
    hidden = data["hidden"]
    by_class = without_hidden_need(data["cells"], data["split_hidden"])
    per_municipality = []
    for municipality in data["municipalities"]:
        cell = calculation.totals(data["cells"], municipality=municipality.code).get(year, calculation.Cell())
        per_municipality.append(
            {"municipality": municipality, "cell": cell, "hidden": municipality.code in hidden}
        )
    return {
        "scenario": scenario,
        "params": params,
        "rows": rows,
        "chart": charts.demand_and_supply(rows),
        "year": year,
        "years": data["years"],
        "choice": choice,
        "choices": SCENARIO_CHOICES,
        "per_municipality": per_municipality,
        "by_class": [  # without the need of municipalities whose split is hidden: it would give the split away
            (c, calculation.totals(by_class, stay_class=c).get(year, calculation.Cell()))
            for c in calculation.STAY_CLASSES
        ],
        "undated": data["undated_pipeline"],
        "start": data["start"],
        "norm_code": norm_code,
        "norm_codes": [(c, preset(c).name) for c in sorted({c for c, _v in PRESETS})],
        "query": request.GET.urlencode(),
        "hidden_label": suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD),
        "about": _about(scenario, params, norm_code, data),
        "hidden_count": len(hidden),
        "split_hidden_count": len(data["split_hidden"]),
        "can_distribute": scoping.allows(request.user, "estimate_run", "view", scenario.run),
        "can_view_companies": scoping.allows(request.user, "company_plan", "view"),
    }


@login_required
def housing_task(request, pk):
    scenario = _scenario_or_404(request.user, pk)
    return render(request, "housingtask/detail.html", _task_context(request, scenario))


@login_required
def export_pdf(request, pk):
    scenario = _scenario_or_404(request.user, pk)
    context = {**_task_context(request, scenario), "generated": timezone.localdate()}
    return pdf_response(
        "housingtask/pdf_housing_task.html",
        context,
        f"woonopgave-{slugify(scenario.name) or scenario.pk}.pdf",
    )


@login_required
def municipality_trace(request, pk, code):
    """Every figure of one municipality, year by year and per stay class, with the inputs behind it."""
    scenario = _scenario_or_404(request.user, pk)
    params, norm_code, data, choice, year, _region = _context(request, scenario)
    municipality = next((m for m in data["municipalities"] if m.code == code), None)
    if municipality is None:
        raise Http404
    row = next(
        (
            r
            for r in selectors.estimate_selectors.region_rows(run=scenario.run)
            if r.municipality_id == municipality.pk
        ),
        None,
    )
    visible = set(
        scoping.filter_queryset(
            request.user, "location", "view", Location.objects.filter(municipality=municipality)
        ).values_list("pk", flat=True)
    )
    names = dict(Location.objects.filter(pk__in=visible).values_list("pk", "name"))
    counted = [
        {"location": loc, "name": names.get(loc.id), "visible": loc.id in visible}
        for loc in data["locations"]
        if loc.municipality == code
    ]
    cells = [
        (y, [(c, data["cells"].get((code, y, c), calculation.Cell())) for c in calculation.STAY_CLASSES])
        for y in data["years"]
    ]
    return render(
        request,
        "housingtask/trace.html",
        {
            "scenario": scenario,
            "municipality": municipality,
            "estimate_row": row,
            "cells": cells,
            "counted": counted,
            "params": params,
            "choice": choice,
            "norm_code": norm_code,
            "start": data["start"],
            "query": request.GET.urlencode(),
            "hidden": code in data["hidden"],
            "split_hidden": code in data["hidden"] or code in data["split_hidden"],
            "hidden_label": suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD),
        },
    )


@login_required
def export_xlsx(request, pk):
    from openpyxl import Workbook

    scenario = _scenario_or_404(request.user, pk)
    params, norm_code, data, choice, _year, region = _context(request, scenario)
    book = Workbook()
    sheet = book.active
    sheet.title = "Regio"
    sheet.append(["jaar", "vraag laag", "vraag midden", "vraag hoog", "bestaand", "pijplijn", "aanbod",
                  "opgave laag", "opgave midden", "opgave hoog", "opgave zonder pijplijn (midden)"])  # fmt: skip
    for y, cell in region.items():
        sheet.append(
            [y, *(round(cell.demand(s)) for s in SCENARIO_CHOICES), round(cell.existing), round(cell.pipeline),
             round(cell.supply), *(round(cell.gap(s)) for s in SCENARIO_CHOICES),
             round(cell.gap_if_nothing_happens("central"))]
        )  # fmt: skip
    cells = book.create_sheet("Gemeenten")
    cells.append(["gemeentecode", "gemeente", "jaar", "verblijf", "behoefte laag", "behoefte midden",
                  "behoefte hoog", "vervanging afgekeurd", "vervanging vertrokken", "bedrijven", "bestaand",
                  "pijplijn", "opgave laag", "opgave midden", "opgave hoog"])  # fmt: skip
    names = {m.code: m.name for m in data["municipalities"]}
    hidden, split_hidden = data["hidden"], data["split_hidden"]
    for (code, y, c), cell in sorted(data["cells"].items()):
        if code in hidden:
            cells.append([code, names.get(code, code), y, c] + [None] * 11)
            continue
        if code in split_hidden:  # need (and so gap) per stay class would give the split away: in total only
            cells.append(
                [code, names.get(code, code), y, c, None, None, None, round(cell.replacement_failing, 1),
                 round(cell.replacement_left, 1), round(cell.company, 1), round(cell.existing, 1),
                 round(cell.pipeline, 1), None, None, None]
            )  # fmt: skip
            continue
        cells.append(
            [code, names.get(code, code), y, c, *(round(cell.need[s], 1) for s in SCENARIO_CHOICES),
             round(cell.replacement_failing, 1), round(cell.replacement_left, 1), round(cell.company, 1),
             round(cell.existing, 1), round(cell.pipeline, 1), *(round(cell.gap(s), 1) for s in SCENARIO_CHOICES)]
        )  # fmt: skip
    for code in sorted(split_hidden):
        for y, cell in calculation.totals(data["cells"], municipality=code).items():
            cells.append(
                [code, names.get(code, code), y, "alle", *(round(cell.need[s], 1) for s in SCENARIO_CHOICES),
                 round(cell.replacement_failing, 1), round(cell.replacement_left, 1), round(cell.company, 1),
                 round(cell.existing, 1), round(cell.pipeline, 1), *(round(cell.gap(s), 1) for s in SCENARIO_CHOICES)]
            )  # fmt: skip
    about = book.create_sheet("Verantwoording")
    for key, value in _about(scenario, params, norm_code, data):
        about.append([key, safe_cell(value)])  # titles and names are typed by users
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"woonopgave-{slugify(scenario.name) or scenario.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _about(scenario, params, norm_code, data) -> list[tuple[str, str]]:
    return [
        ("Schatting", f"{scenario.run.title} ({scenario.run.year}), regio {scenario.run.region.name}"),
        (
            "Scenario",
            f"{scenario.name}: groei {scenario.growth_low} / {scenario.growth_central} / "
            f"{scenario.growth_high} % per jaar",
        ),  # fmt: skip
        ("Register op", data["start"].isoformat()),
        ("Normenset", f"{norm_code} plus lokale regels"),
        ("Bezettingsgraad", str(params.target_occupancy)),
        ("Aandeel met huisvestingsbehoefte", ", ".join(f"{c} {v}" for c, v in params.housing_share.items())),
        (
            "Verblijfsverdeling als de schatting die niet heeft",
            ", ".join(f"{c} {v}" for c, v in params.default_stay_split.items()),
        ),  # fmt: skip
        ("Gewicht pijplijn", ", ".join(f"{s} {w}" for s, w in params.pipeline_weights.items())),
        ("Uitfasering (jaren)", str(params.phase_out_years)),
        (
            "Formule",
            "opgave = behoefte + vervanging + bedrijven − (bestaand + pijplijn × gewicht); zie "
            "docs/methodology-housing-task.md",
        ),  # fmt: skip
    ]
