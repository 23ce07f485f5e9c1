"""Estimates from aggregated CBS-style counts, for municipalities that get no microdata. Pure Python.

Columns: municipality_code, year, source (brp|rni|polis), nationality_group, count, and optionally stay_class
(short|mid|long; polis rows only). Rows of other years and other nationality groups than the definition's code are
ignored. polis → workers (split by stay class when given), brp → BRP residents, rni → RNI workers (counted where
they are registered as working). The range follows the same formula as for microdata.
"""

import csv
import io
from collections import defaultdict

from aanjager.core import csv_text
from aanjager.estimates.engine.errors import InputError, Problem
from aanjager.estimates.engine.parameters import EstimateParameters

COLUMNS = ["municipality_code", "year", "source", "nationality_group", "count"]
OPTIONAL = ["stay_class"]
SOURCES = {"brp", "rni", "polis"}
STAYS = {"short", "mid", "long"}


MAX_COUNT = 10_000_000  # more than the Netherlands has inhabitants per municipality, far below what is stored


def estimate(
    data: bytes,
    *,
    label: str,
    year: int,
    definition_code: str,
    known_municipalities,
    parameters: EstimateParameters | None = None,
) -> list[dict]:
    parameters = parameters or EstimateParameters()
    if not data.strip():
        raise InputError([Problem(label, None, "", "het bestand is leeg")])
    if b"\x00" in data[:4096]:
        raise InputError([Problem(label, None, "", "dit is geen CSV-bestand (het bevat binaire gegevens)")])
    text = csv_text.decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError([Problem(label, 1, "", "de eerste regel moet de kolomnamen bevatten")])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    # newline="": a line may end in \r\n, \n or \r alone (csv's own rule).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _estimate(reader, label, year, definition_code, known_municipalities, parameters)
    except csv.Error as exc:
        # Python's csv names no column; the line is where the reader stopped.
        raise InputError([Problem(label, reader.line_num or None, "", csv_text.error_reason(exc))]) from None


def _estimate(reader, label, year, definition_code, known_municipalities, parameters) -> list[dict]:
    from aanjager.estimates.engine.run import estimates as range_of

    header = [h.strip().lower() for h in next(reader)]
    problems = [Problem(label, 1, c, "verplichte kolom ontbreekt") for c in COLUMNS if c not in header]
    problems += [Problem(label, 1, c, "onbekende kolom") for c in header if c not in COLUMNS + OPTIONAL]
    problems += [
        Problem(label, 1, c, "kolomnaam komt dubbel voor") for c in sorted(set(header)) if header.count(c) > 1
    ]
    if problems:
        raise InputError(problems)
    at = {name: header.index(name) for name in header}
    seen: dict[tuple, int] = {}
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    split_kind: dict[str, set] = defaultdict(set)
    problems, count_rows = [], 0
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(label, line, "", f"{len(row)} kolommen in plaats van {len(header)}"))
            continue
        cell = {name: row[i].strip() for name, i in at.items()}
        code, source, group = (
            cell["municipality_code"].upper(),
            cell["source"].lower(),
            cell["nationality_group"],
        )
        stay = cell.get("stay_class", "").lower()
        if code not in known_municipalities:
            problems.append(Problem(label, line, "municipality_code", "onbekende gemeentecode"))
        if not csv_text.is_whole_number(cell["year"]):
            problems.append(Problem(label, line, "year", "jaar is geen geheel getal"))
        if source not in SOURCES:
            problems.append(Problem(label, line, "source", "bron is brp, rni of polis"))
        if stay and (stay not in STAYS or source != "polis"):
            problems.append(
                Problem(label, line, "stay_class", "verblijfsklasse is short, mid of long, alleen bij polis")
            )
        if not csv_text.is_whole_number(cell["count"]):
            problems.append(Problem(label, line, "count", "aantal is geen geheel getal van 0 of meer"))
        elif int(cell["count"]) > MAX_COUNT:
            problems.append(
                Problem(label, line, "count", f"aantal is groter dan {MAX_COUNT:,}".replace(",", "."))
            )
        key = (code, cell["year"], source, group, stay)
        if key in seen:
            problems.append(
                Problem(label, line, "municipality_code", f"dubbele regel: staat ook op regel {seen[key]}")
            )
        seen[key] = line
        if problems or cell["year"] != str(year) or group != definition_code:
            continue
        count_rows += 1
        target = {"brp": "residents_brp", "rni": "residents_rni_assigned"}.get(source)
        if source == "polis":
            target = f"workers_{stay}" if stay else "workers"
            split_kind[code].add("split" if stay else "total")
        totals[code][target] += int(cell["count"])
    if problems:
        raise InputError(problems)
    mixed = sorted(code for code, kinds in split_kind.items() if len(kinds) > 1)
    if mixed:
        raise InputError(
            [
                Problem(label, None, "stay_class", f"{code}: geef polis als totaal óf per verblijfsklasse")
                for code in mixed
            ]
        )
    if not count_rows:
        raise InputError(
            [Problem(label, None, "", f"geen regels voor jaar {year} en groep {definition_code}")]
        )
    rows = []
    for code in sorted(totals):
        t = totals[code]
        split = "split" in split_kind.get(code, set())
        workers = sum(t[f"workers_{s}"] for s in STAYS) if split else t["workers"]
        low, central, high = range_of(t["residents_brp"], t["residents_rni_assigned"], parameters)
        rows.append(
            {
                "municipality_code": code,
                "workers": workers,
                "workers_short": t["workers_short"] if split else None,
                "workers_mid": t["workers_mid"] if split else None,
                "workers_long": t["workers_long"] if split else None,
                "residents_brp": t["residents_brp"],
                "residents_rni_assigned": t["residents_rni_assigned"],
                "estimate_low": low,
                "estimate_central": central,
                "estimate_high": high,
            }
        )
    return rows
