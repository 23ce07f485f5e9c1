"""The public register (no sign-in): certified locations and their operators, as a page and a CSV download."""

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aanjager.core.spreadsheets import safe_cell
from aanjager.locations import selectors

CSV_COLUMNS = [
    "name",
    "municipality_code",
    "municipality",
    "operator",
    "operator_kvk",
    "address",
    "place",
    "housing_form",
    "beds",
    "certificates",
    "certified_until",
]


def _filters(request):
    return request.GET.get("gemeente", "").strip(), request.GET.get("q", "").strip()


def register(request):
    day = timezone.localdate()
    municipality, q = _filters(request)
    locations = selectors.public_register(day=day, municipality_code=municipality, q=q).prefetch_related(
        "certificates"
    )
    # Counted and summed in the database: the whole register is thousands of rows, a page only 25.
    totals = selectors.public_register_totals(locations)
    paginator = Paginator(locations, 25)
    paginator.count = totals["locations"]  # already counted: the paginator need not count again
    page = paginator.get_page(request.GET.get("pagina"))
    return render(
        request,
        "locations/public_register.html",
        {
            "page": page,
            "rows": [selectors.public_row(location, day) for location in page],
            "municipalities": selectors.public_register_municipalities(day=day),
            "selected_municipality": municipality,
            "q": q,
            "day": day,
            "total_beds": totals["beds"],
            "total_locations": totals["locations"],
        },
    )


def register_csv(request):
    day = timezone.localdate()
    municipality, q = _filters(request)
    locations = selectors.public_register(day=day, municipality_code=municipality, q=q).prefetch_related(
        "certificates"
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for location in locations:
        row = selectors.public_row(location, day)
        writer.writerow([safe_cell(row[c]) for c in CSV_COLUMNS])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-huisvesting-{day.isoformat()}.csv"'
    return response
