import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.estimates import charts, selectors, services, suppression
from aanjager.estimates.engine import StayThresholds
from aanjager.estimates.engine.run import RESULT_COLUMNS, stay_window_warning
from aanjager.estimates.forms import RunForm, ScenarioForm
from aanjager.estimates.models import EstimateRun, Scenario
from aanjager.estimates.sources import PARAMETER_SOURCES

COLUMN_LABELS = {
    "workers": _("works here"),
    "workers_short": _("short stay"),
    "workers_mid": _("mid stay"),
    "workers_long": _("long stay"),
    "residents_brp": _("BRP residents"),
    "residents_rni_assigned": _("RNI workers assigned"),
    "estimate_low": _("lives here, low"),
    "estimate_central": _("lives here, central"),
    "estimate_high": _("lives here, high"),
}


def _run_or_404(user, pk) -> EstimateRun:
    try:
        return selectors.run_detail(user=user, pk=pk)
    except EstimateRun.DoesNotExist:
        raise Http404 from None


@login_required
def run_list(request):
    services.expire_stale_runs()
    return render(
        request,
        "estimates/run_list.html",
        {
            "runs": selectors.runs(user=request.user),
            "can_create": scoping.allows(request.user, "estimate_run", "create"),
        },
    )


@login_required
def run_create(request):
    if not scoping.allows(request.user, "estimate_run", "create"):
        raise PermissionDenied
    form = RunForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        run = call_service(form, services.create_run, actor=request.user, **form.service_arguments())
        if run:
            return redirect("estimates:detail", pk=run.pk)
    return render(request, "estimates/run_form.html", {"form": form})


@login_required
def run_detail(request, pk):
    services.expire_stale_runs()
    return _render_run(request, _run_or_404(request.user, pk))


def _render_run(request, run, scenario_form=None, status=200):
    user = request.user
    if scenario_form is None and _may_make_scenarios(user, run):
        scenario_form = ScenarioForm()
    rows, suppressed = (
        selectors.visible_rows(user=user, run=run) if run.status == EstimateRun.Status.DONE else ([], False)
    )
    return render(
        request,
        "estimates/run_detail.html",
        {
            "run": run,
            "rows": rows,
            "totals": selectors.shown_totals(rows) if rows else None,
            "work_vs_live": charts.work_vs_live(rows) if rows else None,
            "stay_chart": charts.stay_classes(rows)
            if any(r.workers_short is not None for r in rows)
            else None,
            "columns": RESULT_COLUMNS[1:],
            "not_in_table": [r.municipality.name for r in rows if getattr(r, "not_in_table", False)],
            "stay_warning": stay_window_warning(_stay(run), run.year, run.definition.get("observed_from"))
            if run.source == EstimateRun.Source.MICRODATA
            else None,
            "map": charts.choropleth(rows) if rows else None,
            "suppressed": suppressed,
            "hidden": suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD),
            "can_change": scoping.allows(user, "estimate_run", "change", run),
            "can_delete": scoping.allows(user, "estimate_run", "delete", run),
            "sources": PARAMETER_SOURCES,
            "scenarios": run.scenarios.all(),
            "scenario_form": scenario_form,
        },
        status=status,
    )


def _may_make_scenarios(user, run) -> bool:
    return run.status == EstimateRun.Status.DONE and scoping.allows(
        user, "estimate_run", "create", EstimateRun(region=run.region)
    )


@login_required
@require_POST
def scenario_create(request, pk):
    run = _run_or_404(request.user, pk)
    if not _may_make_scenarios(request.user, run):
        raise PermissionDenied
    form = ScenarioForm(request.POST)
    if form.is_valid():
        scenario = call_service(
            form, services.create_scenario, actor=request.user, run=run, **form.cleaned_data
        )
        if scenario:
            return redirect("estimates:scenario", pk=scenario.pk)
    return _render_run(request, run, scenario_form=form)  # the form again, with its errors


def _scenario_or_404(user, pk) -> Scenario:
    try:
        return selectors.scenarios(user=user).get(pk=pk)
    except Scenario.DoesNotExist:
        raise Http404 from None


@login_required
def scenario_detail(request, pk):
    scenario = _scenario_or_404(request.user, pk)
    data = selectors.projection(scenario=scenario, user=request.user)
    total = data["years"]["total"]
    municipalities = [(data["names"][code], rows) for code, rows in data["years"].items() if code != "total"]
    return render(
        request,
        "estimates/scenario_detail.html",
        {
            "scenario": scenario,
            "total": total,
            "municipalities": sorted(municipalities),
            "chart": charts.fan(total),
            "hidden": suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD),
            "can_delete": _may_make_scenarios(request.user, scenario.run),
        },
    )


@login_required
def scenario_delete(request, pk):
    scenario = _scenario_or_404(request.user, pk)
    if not _may_make_scenarios(request.user, scenario.run):
        raise PermissionDenied
    return confirm_delete(
        request,
        scenario,
        delete=lambda: services.delete_scenario(actor=request.user, scenario=scenario),
        success_message=_("The scenario was deleted."),
        cancel_url="estimates:list",
        success_url=scenario.run.get_absolute_url(),
    )


@login_required
def run_status(request, pk):
    services.expire_stale_runs()  # the progress page polls this: a killed worker shows as failed at once
    run = _run_or_404(request.user, pk)
    return JsonResponse(
        {"status": run.status, "progress": run.progress, "step": run.step, "finished": run.is_finished}
    )


@login_required
@require_POST
def run_cancel(request, pk):
    run = _run_or_404(request.user, pk)
    try:
        services.cancel_run(actor=request.user, run=run)
        messages.success(request, _("The run will stop at the next step."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("estimates:detail", pk=pk)


@login_required
@require_POST
def run_publish(request, pk):
    run = _run_or_404(request.user, pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_published(actor=request.user, run=run, published=publish)
        messages.success(
            request,
            _("The run is published to the region.") if publish else _("The run is no longer published."),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("estimates:detail", pk=pk)


@login_required
def run_delete(request, pk):
    run = _run_or_404(request.user, pk)
    if not scoping.allows(request.user, "estimate_run", "delete", run):
        raise PermissionDenied
    return confirm_delete(
        request,
        run,
        delete=lambda: services.delete_run(actor=request.user, run=run),
        success_message=_("The run was deleted."),
        cancel_url="estimates:list",
        success_url="estimates:list",
    )


def _export_rows(user, run):
    rows, _suppressed = selectors.visible_rows(user=user, run=run)
    hidden = suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD)
    header = ["municipality_name", *RESULT_COLUMNS]
    body = [
        [r.municipality.name, r.municipality.code]
        + [suppression.shown(r, c, hidden, empty="") for c in RESULT_COLUMNS[1:]]
        for r in rows
    ]
    return header, body


def _about(run) -> list[tuple[str, str]]:
    d = run.definition
    stay = (
        "as given in the aggregated table (stay_class)"
        if run.source == EstimateRun.Source.AGGREGATES
        else _stay(run).describe()
    )
    return [
        ("title", run.title),
        ("region", run.region.name),
        ("reference_year", str(run.year)),
        ("input", run.source),
        ("definition", f"{d['code']}: {d['label']} ({', '.join(d['nationalities'])})"),
        ("stay_classes", stay),
        *[(f"parameter_{k}", str(v)) for k, v in run.parameters.items()],
        *[
            (f"input_{i['role']}", f"{i['name']} ({i.get('size', '?')} bytes, sha256 {i.get('sha256', '?')})")
            for i in run.inputs
        ],
        ("run_by", str(run.created_by or "")),
        ("run_at", run.created_at.isoformat(timespec="seconds")),
        ("methodology", "docs/methodology-estimates.md"),
        ("synthetic_demo_data", "yes" if run.title.endswith("(demo)") else "no"),
    ]


@login_required
def run_export(request, pk, fmt):
    run = _run_or_404(request.user, pk)
    if run.status != EstimateRun.Status.DONE:
        raise Http404
    header, body = _export_rows(request.user, run)
    name = f"schatting-{slugify(run.title) or run.pk}-{run.year}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(
            [[str(v).replace(".", ",") if isinstance(v, float) else v for v in row] for row in body]
        )
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Resultaat"
    sheet.append(header)
    for row in body:
        sheet.append(row)
    about = book.create_sheet("Verantwoording")
    for key, value in _about(run):
        about.append([key, value])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return FileResponse(
        data,
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def run_compare(request):
    """Two finished runs side by side per municipality: works here and lives here (central), with the change."""
    done = selectors.runs(user=request.user).filter(status=EstimateRun.Status.DONE)
    pair, rows = [], []
    try:
        pair = [done.get(pk=int(request.GET[key])) for key in ("a", "b")]
    except (KeyError, ValueError, EstimateRun.DoesNotExist):
        pair = []
    if pair:
        # Suppressed like the run page for a run the user sees only because it is published.
        hidden = suppression.label(settings.AANJAGER_SMALL_CELL_THRESHOLD)
        found = [
            {r.municipality.code: r for r in selectors.visible_rows(user=request.user, run=run)[0]}
            for run in pair
        ]
        names = {code: row.municipality.name for side in found for code, row in side.items()}

        def cell(row, field):
            return suppression.shown(row, field, hidden, empty=None) if row else None

        for code in sorted(names, key=names.get):
            a, b = found[0].get(code), found[1].get(code)
            a_work, b_work = cell(a, "workers"), cell(b, "workers")
            a_live, b_live = cell(a, "estimate_central"), cell(b, "estimate_central")
            rows.append(
                {
                    "name": names[code],
                    "a_work": a_work,
                    "b_work": b_work,
                    "a_live": a_live,
                    "b_live": b_live,
                    # None where either side has no figure (another region, or not in an aggregated table).
                    "d_work": _difference(a_work, b_work),
                    "d_live": _difference(a_live, b_live),
                }
            )
    return render(request, "estimates/run_compare.html", {"runs": done, "pair": pair, "rows": rows})


def _difference(a, b):
    # None where either side has no figure or a hidden one (the label of a suppressed cell).
    return b - a if isinstance(a, int | float) and isinstance(b, int | float) else None


def _stay(run) -> StayThresholds:
    d = run.definition
    defaults = StayThresholds.defaults(d.get("stay_family", "year"))
    return StayThresholds(
        short_max=d.get("short_max", defaults.short_max),
        mid_max=d.get("mid_max", defaults.mid_max),
        family=defaults.family,
    )
