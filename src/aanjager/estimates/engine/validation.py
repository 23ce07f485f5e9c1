"""Domain checks on the loaded tables. Each check is one SQL query; lines are rowid + 2 for CSV (header = 1)."""

from aanjager.estimates.engine.errors import MAX_PROBLEMS, InputError, Problem


def _checks_persons(year: int):
    return [
        ("person_id", "person_id IS NULL OR trim(person_id) = ''", "person_id ontbreekt"),
        (
            "nationality",
            "nationality IS NULL OR NOT regexp_full_match(nationality, '[A-Z]{2}')",
            "nationaliteit is geen ISO 3166-landcode van twee hoofdletters",
        ),
        (
            "registration",
            "registration IS NULL OR registration NOT IN ('BRP', 'RNI')",
            "registratie is BRP of RNI",
        ),
        (
            "residence_municipality",
            "registration = 'BRP' AND residence_municipality IS NULL",
            "een BRP-inschrijving heeft een woongemeente",
        ),
        (
            "residence_municipality",
            "registration = 'RNI' AND residence_municipality IS NOT NULL",
            "een RNI-inschrijving heeft geen woongemeente",
        ),
        (
            "residence_municipality",
            "residence_municipality IS NOT NULL AND residence_municipality NOT IN (SELECT code FROM known_municipalities)",
            "onbekende gemeentecode",
        ),
        ("registered_on", "registered_on IS NULL", "inschrijfdatum ontbreekt"),
        ("deregistered_on", "deregistered_on < registered_on", "uitschrijfdatum ligt voor de inschrijfdatum"),
        (
            "birth_year",
            f"birth_year IS NULL OR birth_year < 1900 OR birth_year > {year}",
            f"geboortejaar ontbreekt of ligt buiten 1900–{year}",
        ),
    ]


def _checks_jobs(year: int, multi_year: bool = False):
    if multi_year:
        outside = (
            "month",
            f"regexp_full_match(month, '\\d{{4}}-(0[1-9]|1[0-2])') AND left(month, 4) > '{year}'",
            f"maand ligt na het peiljaar {year}",
        )
    else:
        outside = (
            "month",
            f"regexp_full_match(month, '\\d{{4}}-(0[1-9]|1[0-2])') AND left(month, 4) <> '{year}'",
            f"maand ligt buiten het peiljaar {year}",
        )
    return [
        ("person_id", "person_id IS NULL OR trim(person_id) = ''", "person_id ontbreekt"),
        (
            "month",
            "month IS NULL OR NOT regexp_full_match(month, '\\d{4}-(0[1-9]|1[0-2])')",
            "maand is geen geldige maand (JJJJ-MM)",
        ),
        outside,
        ("employer_id", "employer_id IS NULL OR trim(employer_id) = ''", "employer_id ontbreekt"),
        (
            "sector",
            "sector IS NULL OR NOT regexp_full_match(sector, '[A-U]')",
            "sector is geen SBI-sectieletter (A–U)",
        ),
        (
            "work_municipality",
            "work_municipality IS NULL OR work_municipality NOT IN (SELECT code FROM known_municipalities)",
            "onbekende gemeentecode",
        ),
        ("temp_agency", "temp_agency IS NULL OR temp_agency NOT IN (0, 1)", "uitzendkracht is 0 of 1"),
        (
            "person_id",
            "person_id NOT IN (SELECT person_id FROM persons)",
            "deze person_id staat niet in het personenbestand",
        ),
    ]


def _collect(con, table, label, checks, line_offset, problems, totals):
    # One scan counts every check; only checks that found something are looked up line by line.
    filters = ", ".join(f"count(*) FILTER ({condition})" for _column, condition, _message in checks)
    counts = con.execute(f"SELECT {filters} FROM {table}").fetchone()
    for (column, condition, message), count in zip(checks, counts, strict=True):
        if not count:
            continue
        totals[0] += count
        room = MAX_PROBLEMS - len(problems)
        if room > 0:
            for (rowid,) in con.execute(
                f"SELECT rowid FROM {table} WHERE {condition} ORDER BY rowid LIMIT {room}"
            ).fetchall():
                problems.append(Problem(label, rowid + line_offset, column, message))


def _duplicates(con, table, label, key, line_offset, message, problems, totals):
    columns = ", ".join(key)
    query = f"""
        SELECT rowid FROM (
            SELECT rowid, row_number() OVER (PARTITION BY {columns} ORDER BY rowid) AS nth FROM {table}
        ) WHERE nth > 1
    """
    count = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
    if not count:
        return
    totals[0] += count
    room = MAX_PROBLEMS - len(problems)
    for (rowid,) in con.execute(f"{query} ORDER BY rowid LIMIT {max(room, 0)}").fetchall():
        problems.append(Problem(label, rowid + line_offset, key[0], message))


def validate(
    con,
    *,
    year: int,
    multi_year: bool = False,
    persons_label: str,
    jobs_label: str,
    persons_offset: int,
    jobs_offset: int,
):
    """Raise InputError with the first 100 problems (sorted by file and line) and the total count."""
    problems: list[Problem] = []
    totals = [0]
    _collect(con, "persons", persons_label, _checks_persons(year), persons_offset, problems, totals)
    _duplicates(
        con,
        "persons",
        persons_label,
        ("person_id",),
        persons_offset,
        "person_id komt dubbel voor",
        problems,
        totals,
    )
    _collect(con, "jobs", jobs_label, _checks_jobs(year, multi_year), jobs_offset, problems, totals)
    _duplicates(
        con,
        "jobs",
        jobs_label,
        ("person_id", "month", "employer_id"),
        jobs_offset,
        "dubbele regel: deze persoon, maand en werkgever staan er al",
        problems,
        totals,
    )
    if problems:
        order = {persons_label: 0, jobs_label: 1}
        problems.sort(key=lambda p: (order.get(p.file, 2), p.line or 0, p.column))
        raise InputError(problems, totals[0])
