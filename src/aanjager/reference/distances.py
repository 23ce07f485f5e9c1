"""Import of a distance table: a CSV with `from_code`, `to_code` and `km` (`;` or `,`). All rows or none; every
problem names its line and column. A pair is used in both directions unless the file gives the way back too."""

import csv
import math

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.core import csv_text
from aanjager.geo.models import Municipality
from aanjager.reference.models import Distance
from aanjager.reference.population import ImportProblem, csv_problem, dict_reader

COLUMNS = ("from_code", "to_code", "km")


def read(data: bytes) -> list[tuple[str, str, float]]:
    reader = dict_reader(csv_text.decode(data))
    try:
        return _read(reader)
    except csv.Error as exc:
        raise csv_problem(reader, exc) from None


def _read(reader: csv.DictReader) -> list[tuple[str, str, float]]:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportProblem([f"regel 1: kolommen ontbreken: {', '.join(missing)}"])
    reader.fieldnames = header
    known = set(Municipality.objects.values_list("code", flat=True))
    rows, problems = [], []
    for number, row in enumerate(reader, start=2):
        codes = []
        for column in ("from_code", "to_code"):
            code = (row.get(column) or "").strip().upper()
            if code not in known:
                problems.append(f"regel {number}, kolom {column}: onbekende gemeentecode '{code}'")
            codes.append(code)
        try:
            km = float((row.get("km") or "").strip().replace(",", "."))
            if not math.isfinite(km) or km < 0:
                raise ValueError
        except ValueError:
            problems.append(f"regel {number}, kolom km: '{row.get('km')}' is geen afstand van 0 of meer")
            km = 0.0
        rows.append((codes[0], codes[1], km))
    if not rows and not problems:
        problems.append("het bestand heeft geen regels met afstanden")
    if problems:
        raise ImportProblem(problems)
    return rows


@transaction.atomic
def import_distances(*, actor, data: bytes, source: str) -> int:
    rows = read(data)
    ids = dict(Municipality.objects.values_list("code", "pk"))
    given = {(a, b) for a, b, _km in rows}
    count = 0
    for a, b, km in rows:
        pairs = [(a, b)] + ([(b, a)] if (b, a) not in given else [])
        for origin, destination in pairs:
            Distance.objects.update_or_create(
                origin_id=ids[origin],
                destination_id=ids[destination],
                defaults={"km": km, "source": source[:300]},
            )
            count += 1
    audit.record(
        actor=actor,
        action="create",
        instance=Distance.objects.order_by("-pk").first(),
        before=None,
        after={"pairs": count, "source": source},
        organisation=None,
    )
    return count


def table(codes: list[str]) -> dict[tuple[str, str], float]:
    return {
        (a, b): km
        for a, b, km in Distance.objects.filter(
            origin__code__in=codes, destination__code__in=codes
        ).values_list("origin__code", "destination__code", "km")
    }
