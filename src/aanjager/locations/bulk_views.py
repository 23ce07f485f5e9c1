"""Import locations from a spreadsheet (upload, preview, apply) and export the register in the same columns."""

import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.core.spreadsheets import safe_cell
from aanjager.locations import bulk, bulk_services, selectors
from aanjager.locations.models import LocationImport

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_import(user) -> bool:
    return scoping.allows(user, "location", "create") or scoping.allows(user, "location", "change")


@login_required
def import_start(request):
    if not _may_import(request.user):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a file.")
        elif upload.size > MAX_UPLOAD_BYTES:
            error = _("The file is larger than 5 MB.")
        else:
            try:
                staged, results = bulk_services.stage_import(
                    actor=request.user, file_name=upload.name, data=upload.read()
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return _preview(request, staged, results)
    return render(
        request,
        "locations/import.html",
        {"error": error, "columns": bulk.COLUMNS},
        status=400 if error else 200,
    )


def _preview(request, staged, results):
    errors = [
        (r.row, column, message) for r in results for column, msgs in r.errors.items() for message in msgs
    ]
    return render(
        request,
        "locations/import_preview.html",
        {
            "staged": staged,
            "results": results,
            "summary": staged.summary,
            "errors": errors,
            "can_apply": not errors and (staged.summary["create"] or staged.summary["update"]),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def import_apply(request, pk):
    try:
        staged = LocationImport.objects.get(pk=pk, created_by=request.user)
    except LocationImport.DoesNotExist:
        raise Http404 from None
    try:
        counts = bulk_services.apply_import(actor=request.user, staged=staged)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("locations:import")
    messages.success(
        request,
        _("Import applied: %(create)s new, %(update)s changed, %(unchanged)s unchanged.") % counts,
    )
    return redirect("locations:list")


@login_required
def import_template(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Locaties"
    sheet.append(bulk.COLUMN_NAMES)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    about = book.create_sheet("Toelichting")
    about.append(["kolom", "verplicht bij nieuw", "toelichting"])
    for column in bulk.COLUMNS:
        about.append([column.name, "ja" if column.required else "", column.help])
    return _xlsx(book, "sjabloon-locaties.xlsx")


def _xlsx(book, filename: str):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return FileResponse(data, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def export(request, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    locations = selectors.locations(user=request.user)
    municipality = request.GET.get("gemeente", "")
    status = request.GET.get("status", "")
    if municipality:
        locations = locations.filter(municipality__code=municipality)
    if status:
        locations = locations.filter(status=status)
    rows = bulk_services.export_rows(locations.order_by("municipality__name", "name"))
    name = f"locaties-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(bulk.COLUMN_NAMES)
        for row in rows:
            writer.writerow([safe_cell(_csv_text(v)) for v in row])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Locaties"
    sheet.append(bulk.COLUMN_NAMES)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    return _xlsx(book, f"{name}.xlsx")


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _xlsx_value(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return safe_cell(value)
    return value
