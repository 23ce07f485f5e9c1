"""Import of population figures: a CSV with `municipality_code`, `year` and `inhabitants` (`;` or `,`; UTF-8 or
Windows-1252), as exported from CBS StatLine. All rows or none; every problem names its line and column."""

import csv
import io
import re

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.core import csv_text
from aanjager.geo.models import Municipality
from aanjager.reference.models import Population

COLUMNS = ("municipality_code", "year", "inhabitants")


class ImportProblem(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


MAX_INHABITANTS = 10_000_000  # more than any municipality has; far below what the table can hold


def dict_reader(text: str) -> csv.DictReader:
    """Rows as dicts; `;` or `,` as the header has more of; lines may end in \r\n, \n or \r."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)


def csv_problem(reader: csv.DictReader, exc: csv.Error) -> ImportProblem:
    """Python's csv error as a problem on the line where the reader stopped, in Dutch."""
    why = csv_text.error_reason(exc)
    # The DictReader's own line_num is set after a row is read; its reader's counts the line it stopped on.
    return ImportProblem([f"regel {max(reader.reader.line_num, 1)}: {why}"])


def read(data: bytes) -> list[tuple[str, int, int]]:
    reader = dict_reader(csv_text.decode(data))
    try:
        return _read(reader)
    except csv.Error as exc:
        raise csv_problem(reader, exc) from None


def _read(reader: csv.DictReader) -> list[tuple[str, int, int]]:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportProblem([f"regel 1: kolommen ontbreken: {', '.join(missing)}"])
    reader.fieldnames = header
    rows, problems = [], []
    known = set(Municipality.objects.values_list("code", flat=True))
    for number, row in enumerate(reader, start=2):
        code = (row.get("municipality_code") or "").strip().upper()
        if code not in known:
            problems.append(f"regel {number}, kolom municipality_code: onbekende gemeentecode '{code}'")
        values = {}
        for column in ("year", "inhabitants"):
            raw = (row.get(column) or "").strip()
            # A thousands dot (42.500) is allowed; a decimal part (41234.0) is not silently read as more.
            raw = raw.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw) else raw
            if csv_text.is_whole_number(raw):
                values[column] = int(raw)
            else:
                problems.append(f"regel {number}, kolom {column}: '{row.get(column)}' is geen geheel getal")
        year, inhabitants = values.get("year", 0), values.get("inhabitants", 0)
        if "year" in values and not 1900 <= year <= 2100:
            problems.append(f"regel {number}, kolom year: {year} is geen jaar")
        if inhabitants > MAX_INHABITANTS:
            problems.append(
                f"regel {number}, kolom inhabitants: {inhabitants} is meer dan {MAX_INHABITANTS:,}".replace(
                    ",", "."
                )
                + " inwoners"
            )
        rows.append((code, year, inhabitants))
    if not rows and not problems:
        problems.append("het bestand heeft geen regels met cijfers")
    if problems:
        raise ImportProblem(problems)
    return rows


@transaction.atomic
def import_population(*, actor, data: bytes, source: str) -> int:
    """Store the figures (a year already present for a municipality is replaced); returns the number of rows."""
    rows = read(data)
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    for code, year, inhabitants in rows:
        Population.objects.update_or_create(
            municipality_id=municipalities[code],
            year=year,
            defaults={"inhabitants": inhabitants, "source": source[:300]},
        )
    audit.record(
        actor=actor,
        action="create",
        instance=Population.objects.filter(year=rows[0][1]).first(),
        before=None,
        after={"rows": len(rows), "source": source, "years": sorted({r[1] for r in rows})},
        organisation=None,
    )
    return len(rows)


def latest(codes: list[str], year: int | None = None) -> dict[str, int]:
    """Inhabitants per municipality: the latest year up to `year` (or the latest at all)."""
    qs = Population.objects.filter(municipality__code__in=codes)
    if year is not None:
        qs = qs.filter(year__lte=year)
    result: dict[str, int] = {}
    for code, inhabitants in qs.order_by("municipality__code", "-year").values_list(
        "municipality__code", "inhabitants"
    ):
        result.setdefault(code, inhabitants)
    return result
