"""Small hand-made microdata files and a plain-Python reference of the counting rules."""

import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from aanjager.estimates.engine import DEFINITIONS, run

PERSON_COLUMNS = [
    "person_id",
    "nationality",
    "registration",
    "residence_municipality",
    "registered_on",
    "deregistered_on",
    "birth_year",
]
JOB_COLUMNS = ["person_id", "month", "employer_id", "sector", "work_municipality", "temp_agency"]
KNOWN = {"GM0281", "GM0297", "GM0214", "GM0216", "GM0363", "GM1740"}


def person(
    pid,
    nationality="PL",
    registration="RNI",
    residence="",
    registered_on="2024-03-01",
    deregistered_on="",
    birth_year=1990,
):
    return [pid, nationality, registration, residence, registered_on, deregistered_on, birth_year]


def jobs_for(pid, months, work="GM0281", employer="E1", sector="A", temp="0", year=2025):
    return [[pid, f"{year}-{m:02d}", employer, sector, work, temp] for m in months]


def write(path: Path, header, rows, delimiter=",", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def estimate(tmp_path, persons, jobs, *, year=2025, definition="eu11", parameters=None, **kwargs):
    p = write(tmp_path / "persons.csv", PERSON_COLUMNS, persons)
    j = write(tmp_path / "jobs.csv", JOB_COLUMNS, jobs)
    result = run(
        persons=p,
        jobs=j,
        year=year,
        definition=kwargs.pop("definition_obj", DEFINITIONS[definition]),
        known_municipalities=KNOWN,
        parameters=parameters,
        threads=1,
        **kwargs,
    )
    return {row["municipality_code"]: row for row in result.rows}, result


def reference(persons, jobs, *, year, definition, rni_assignment="work"):
    """The methodology page, written as plainly as possible."""
    nationalities = set(definition.nationalities)
    by_person = defaultdict(list)
    first_month = {}  # over all loaded years, for stay over several years
    for pid, month, _employer, _sector, work, _temp in jobs:
        if month.startswith(f"{year}-"):
            by_person[pid].append((month, work))
        first_month[pid] = min(first_month.get(pid, month), month)
    people = {p[0]: p for p in persons}
    workers = defaultdict(Counter)
    brp = Counter()
    rni_at_work = Counter()
    pairs = defaultdict(Counter)
    for pid, rows in by_person.items():
        p = people[pid]
        if p[1] not in nationalities:
            continue
        per_place = Counter(work for _, work in rows)
        most = max(per_place.values())
        main = min(code for code, n in per_place.items() if n == most)
        months = len({month for month, _ in rows})
        if (
            definition.stay.multi_year
        ):  # months from the first job-month to the last one in the year, included
            last, first = max(month for month, _ in rows), first_month[pid]
            months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
        stay = definition.stay.classify(months)
        workers[main]["workers"] += 1
        workers[main][f"workers_{stay}"] += 1
        registered = dt.date.fromisoformat(p[4])
        deregistered = dt.date.fromisoformat(p[5]) if p[5] else None
        overlaps = registered <= dt.date(year, 12, 31) and (
            deregistered is None or deregistered >= dt.date(year, 1, 1)
        )
        if p[2] == "BRP" and overlaps:
            brp[p[3]] += 1
            pairs[main][p[3]] += 1
        if p[2] == "RNI":
            rni_at_work[main] += 1
    rni = Counter()
    for work, n in rni_at_work.items():
        if rni_assignment == "commute" and pairs[work]:
            total = sum(pairs[work].values())
            for home, k in pairs[work].items():
                rni[home] += n * k / total
        else:
            rni[work] += n
    codes = set(workers) | set(brp) | set(rni)
    return {
        code: {
            "workers": workers[code]["workers"],
            "workers_short": workers[code]["workers_short"],
            "workers_mid": workers[code]["workers_mid"],
            "workers_long": workers[code]["workers_long"],
            "residents_brp": brp[code],
            "residents_rni_assigned": rni[code],
        }
        for code in codes
    }
