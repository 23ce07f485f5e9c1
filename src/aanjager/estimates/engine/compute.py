"""The counting rules of docs/methodology-estimates.md as SQL over validated tables."""

from aanjager.estimates.engine.definitions import Definition


def _in_list(values) -> str:
    return ", ".join("'" + v + "'" for v in values)


def _month_columns(year: int, multi_year: bool) -> str:
    """`yr` and `bit` (1 << month number) of a valid month, both NULL for an invalid one.

    Within one year a month is valid only as one of the twelve 'YYYY-MM' strings of the year: one CASE gives
    validity and bit at once, much cheaper than a pattern. Over several years any month up to the reference year
    counts (the rules of validation.py)."""
    if not multi_year:
        bits = " ".join(f"WHEN '{int(year)}-{m:02d}' THEN CAST({1 << m} AS BIGINT)" for m in range(1, 13))
        return f"CASE month {bits} END AS bit"
    valid = f"regexp_full_match(month, '\\d{{4}}-(0[1-9]|1[0-2])') AND TRY_CAST(left(month, 4) AS INTEGER) <= {int(year)}"
    return (
        f"CASE WHEN {valid} THEN CAST(left(month, 4) AS INTEGER) END AS yr, "
        f"CASE WHEN {valid} THEN CAST(1 AS BIGINT) << CAST(substr(month, 6, 2) AS INTEGER) END AS bit"
    )


def aggregate_jobs(con, *, source: str, year: int, multi_year: bool = False) -> bool:
    """One pass over the jobs file into `job_groups` (person, employer, work municipality, year → rows, month
    mask), checking every row on the way. Returns True when the jobs are clean; otherwise the caller runs the
    detailed checks, which name file, line and column (slower, and only needed when something is wrong).

    The checks are the rules of validation.py, written for speed; blank ids are looked for per group, not per row.
    """
    # Within one year the year is a constant: added after grouping, so it costs the big group-by nothing.
    year_key, year_column = ("yr", ", yr") if multi_year else (f"{int(year)} AS yr", "")
    con.execute(
        f"""
        CREATE TABLE job_groups AS
        SELECT person_id, employer_id, work_municipality AS w, {year_key}, count(*) AS n,
               bit_or(bit) FILTER (ok) AS mask,
               count(*) FILTER (NOT ok) AS bad
        FROM (
            SELECT person_id, employer_id, work_municipality{year_column}, bit,
                   coalesce(bit IS NOT NULL AND person_id IS NOT NULL AND employer_id IS NOT NULL
                            AND length(sector) = 1 AND sector BETWEEN 'A' AND 'U'
                            AND TRY_CAST(temp_agency AS TINYINT) IN (0, 1) AND work_municipality IS NOT NULL,
                            false) AS ok
            FROM (SELECT *, {_month_columns(year, multi_year)} FROM {source})
        )
        GROUP BY person_id, employer_id, work_municipality{year_column}
        """
    )
    bad, rows = con.execute(
        "SELECT coalesce(sum(bad), 0) + count(*) FILTER (trim(person_id) = '' OR trim(employer_id) = ''), "
        "coalesce(sum(n), 0) FROM job_groups"
    ).fetchone()
    if bad or not rows:
        return False
    unknown = con.execute(
        "SELECT count(*) FROM job_groups WHERE w NOT IN (SELECT code FROM known_municipalities)"
    ).fetchone()[0]
    strangers = con.execute(
        "SELECT count(*) FROM job_groups WHERE person_id NOT IN (SELECT person_id FROM persons)"
    ).fetchone()[0]
    duplicates = con.execute(
        "SELECT count(*) FROM (SELECT sum(n) AS rows, bit_count(bit_or(mask)) AS months FROM job_groups "
        "GROUP BY person_id, employer_id, yr) WHERE rows > months"
    ).fetchone()[0]
    return not (unknown or strangers or duplicates)


def observed_from(con) -> str | None:
    """The first month in the jobs data, 'YYYY-MM': how far back stay over several years can be seen."""
    first = con.execute(
        "SELECT min(yr * 100 + CAST(log2(mask & -mask) AS INTEGER)) FROM job_groups"
    ).fetchone()[0]
    return f"{first // 100}-{first % 100:02d}" if first else None


def job_rows(con) -> int:
    return con.execute("SELECT coalesce(sum(n), 0) FROM job_groups").fetchone()[0]


def create_scope(con, *, definition: Definition, year: int) -> None:
    """Table `scope`: one row per in-scope person with main work municipality, months worked and stay class.

    In scope: the definition's nationalities with at least one job-month in the reference year.
    Main work municipality = most job rows in the year; ties go to the lowest code (the sort key adds 9999 - code).
    Months worked = distinct months with a job in the year: the bits set in the month mask.
    Stay over several years = months from the first job-month in the data to the last one in the year, included.
    """
    stay = definition.stay
    y = int(year)
    if stay.multi_year:
        # Bits are 1 << month (1..12): log2 of the lowest set bit is the first month, of the mask the last.
        first = (
            ", first AS (SELECT person_id, min(yr * 12 + CAST(log2(mask & -mask) AS INTEGER)) AS first_index "
            "FROM job_groups GROUP BY person_id)"
        )
        measure = f"{y * 12} + CAST(floor(log2(pp.last_mask)) AS INTEGER) - f.first_index + 1"
        join_first = "JOIN first f USING (person_id)"
    else:
        first, measure, join_first = "", "pp.months_worked", ""
    con.execute(
        f"""
        CREATE TEMP TABLE scope AS
        WITH per_place AS (
            SELECT person_id, w, sum(n) AS n, bit_or(mask) AS mask FROM job_groups WHERE yr = {y}
            GROUP BY person_id, w
        ),
        per_person AS (
            SELECT person_id,
                   arg_max(w, n * 10000 + (9999 - CAST(substr(w, 3) AS INTEGER))) AS main_work,
                   bit_count(bit_or(mask)) AS months_worked, bit_or(mask) AS last_mask
            FROM per_place GROUP BY person_id
        ){first}
        SELECT p.person_id, p.registration, p.residence_municipality, p.registered_on, p.deregistered_on,
               pp.main_work, pp.months_worked, {measure} AS stay_months,
               CASE WHEN {measure} <= {stay.short_max} THEN 'short'
                    WHEN {measure} <= {stay.mid_max} THEN 'mid' ELSE 'long' END AS stay_class,
               p.registered_on <= DATE '{y}-12-31'
                   AND (p.deregistered_on IS NULL OR p.deregistered_on >= DATE '{y}-01-01') AS overlaps_year
        FROM persons p JOIN per_person pp USING (person_id) {join_first}
        WHERE p.nationality IN ({_in_list(definition.nationalities)})
        """
    )


def counts(con, *, rni_assignment: str) -> dict[str, dict[str, float]]:
    """Per municipality: workers (+ by stay class), BRP residents and assigned RNI workers."""
    result: dict[str, dict[str, float]] = {}

    def row(code):
        return result.setdefault(
            code,
            {
                "workers": 0,
                "workers_short": 0,
                "workers_mid": 0,
                "workers_long": 0,
                "residents_brp": 0,
                "residents_rni_assigned": 0,
            },
        )

    for code, workers, short, mid, long_ in con.execute(
        """
        SELECT main_work, count(*), count(*) FILTER (stay_class = 'short'), count(*) FILTER (stay_class = 'mid'),
               count(*) FILTER (stay_class = 'long')
        FROM scope GROUP BY main_work
        """
    ).fetchall():
        row(code).update(workers=workers, workers_short=short, workers_mid=mid, workers_long=long_)
    for code, residents in con.execute(
        "SELECT residence_municipality, count(*) FROM scope WHERE registration = 'BRP' AND overlaps_year "
        "GROUP BY residence_municipality"
    ).fetchall():
        row(code)["residents_brp"] = residents
    if rni_assignment == "work":
        query = "SELECT main_work, count(*) FROM scope WHERE registration = 'RNI' GROUP BY main_work"
    else:
        # Commute matrix P[w -> m] from BRP workers whose residence and work are both known; a work municipality
        # without such workers keeps its RNI workers.
        query = """
            WITH rni AS (SELECT main_work AS w, count(*) AS n FROM scope WHERE registration = 'RNI' GROUP BY 1),
            pairs AS (SELECT main_work AS w, residence_municipality AS m, count(*) AS n FROM scope
                      WHERE registration = 'BRP' AND overlaps_year GROUP BY 1, 2),
            share AS (SELECT w, m, n / sum(n) OVER (PARTITION BY w) AS p FROM pairs)
            SELECT coalesce(share.m, rni.w) AS m, sum(rni.n * coalesce(share.p, 1.0))
            FROM rni LEFT JOIN share USING (w) GROUP BY 1
        """
    for code, assigned in con.execute(query).fetchall():
        row(code)["residents_rni_assigned"] = float(assigned)
    return result


def in_scope_total(con) -> int:
    return con.execute("SELECT count(*) FROM scope").fetchone()[0]
