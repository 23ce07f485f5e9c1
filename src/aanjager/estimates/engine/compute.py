"""The counting rules of docs/methodology-estimates.md as SQL, with the checks of validation.py folded in.

Two queries do the work. `aggregate_jobs` reads the jobs once into `job_groups` (person, employer, work
municipality[, year] → rows and a month mask). `summarise` groups those per person together with the persons file
(read once, or a loaded table) and counts persons by main work municipality, stay class, registration and residence
into the small table `scope`; every check of validation.py is folded into the same pass as flag bits. When a flag is
set the caller runs the detailed checks of validation.py, which name file, line and column.

Flags are conservative: a clean result means validation.py would find nothing; a flag that validation.py then does
not confirm only costs time (the caller computes again from the loaded tables).
"""

from aanjager.estimates.engine.definitions import Definition

MONTHS = 0x1FFE  # bits 1..12: the months of a mask
BAD = 1 << 13  # a row that breaks a rule of validation.py
OVERLAP = 1 << 14  # more rows than months in a (person, year): look for duplicates

# Flags in scope.problems.
STRANGER = 1  # jobs of a person who is not in the persons file
DOUBLE_PERSON = 2  # person_id more than once in the persons file
BAD_VALUE = 4  # a value a rule refuses (either file)
MAYBE_DOUBLE_JOB = 8  # some month has more than one row: duplicate_jobs must look
MAIN_UNSURE = 16  # the main work municipality needs the rows per place: fix_main decides
PROBLEMS = STRANGER | DOUBLE_PERSON | BAD_VALUE


def create_known(con, codes) -> int:
    """Table `known_municipalities` (code, idx) and the ENUM type `known_code` of the same codes, in order: idx
    numbers the codes from 1, so a lower idx is a lower code. TRY_CAST(x AS known_code) is NULL for an unknown
    code; enum_code(...) + 1 is its idx (cheaper per row than a join)."""
    codes = sorted(set(codes))
    con.execute(
        "CREATE TABLE known_municipalities AS SELECT code, CAST(row_number() OVER (ORDER BY code) AS INTEGER) AS idx "
        "FROM (SELECT unnest(?::VARCHAR[]) AS code)",
        [codes],
    )
    if codes:
        con.execute(f"CREATE TYPE known_code AS ENUM ({', '.join(_quote(c) for c in codes)})")
    else:  # an ENUM needs a value; no code can match this one
        con.execute("CREATE TYPE known_code AS ENUM ('')")
    return len(codes)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _idx(column: str) -> str:
    """The column's number among the known codes (1, 2, …), NULL when it is not a known code."""
    return f"(CAST(enum_code(TRY_CAST({column} AS known_code)) AS INTEGER) + 1)"


def aggregate_jobs(
    con, *, source: str, year: int, multi_year: bool = False, temp_as_text: bool = False
) -> None:
    """One pass over the jobs into `job_groups`: per (person, employer, work municipality[, year]) the number of rows
    `n` and `mask`, the months as bits 1..12 plus BAD when a row breaks a rule of validation.py (month, sector,
    temp_agency). Blank ids, unknown municipalities and duplicates are looked for per group, later.

    Within one year the month is valid only as one of the twelve 'YYYY-MM' strings of the year: one CASE gives
    validity and bit at once, much cheaper than a pattern."""
    y = int(year)
    temp = "TRY_CAST(temp_agency AS TINYINT)" if temp_as_text else "temp_agency"
    # BETWEEN rather than IN (0, 1) and the sector's range before its length: the cheapest order found per row.
    row_ok = f"sector BETWEEN 'A' AND 'U' AND strlen(sector) = 1 AND {temp} BETWEEN 0 AND 1"
    if multi_year:
        # Any month up to the reference year counts (the rules of validation.py).
        valid = f"regexp_full_match(month, '\\d{{4}}-(0[1-9]|1[0-2])') AND TRY_CAST(left(month, 4) AS INTEGER) <= {y}"
        bit = f"CASE WHEN {row_ok} AND {valid} THEN 1 << CAST(substr(month, 6, 2) AS INTEGER) ELSE {BAD} END"
        year_column, year_key = f", CASE WHEN {valid} THEN CAST(left(month, 4) AS INTEGER) END AS yr", ", yr"
    else:
        months = " ".join(f"WHEN '{y}-{m:02d}' THEN {1 << m}" for m in range(1, 13))
        bit = f"CASE WHEN {row_ok} THEN CASE month {months} ELSE {BAD} END ELSE {BAD} END"
        year_column = year_key = ""
    con.execute(
        f"""
        CREATE TABLE job_groups AS
        SELECT person_id, employer_id, work_municipality AS w{year_key}, count(*) AS n, bit_or(bit) AS mask
        FROM (SELECT person_id, employer_id, work_municipality, {bit} AS bit{year_column} FROM {source})
        GROUP BY person_id, employer_id, work_municipality{year_key}
        """
    )


def _blank(column: str) -> str:
    """NULL or only white space (trim(column) = '', the rule of validation.py). Such a value starts with a byte
    below '0' or a multi-byte character: only those are trimmed, which is much cheaper than trimming every value."""
    return (
        f"({column} IS NULL OR CASE WHEN {column} < '0' OR {column} >= chr(128) "
        f"THEN trim({column}) = '' ELSE false END)"
    )


def _person_flags(year: int, definition: Definition) -> str:
    """Per persons row: 8 when it breaks a rule of validation.py, 1 in the definition, 2 BRP registration
    overlapping the year, 4 RNI. Needs idx (the residence's number among the known codes) and nat (the
    nationality's number in the ENUM nationality_code, NULL unless two capital letters; the definition's first)."""
    y = int(year)
    bad = f"""{_blank("person_id")} OR nat IS NULL
        OR registration IS NULL OR registration NOT IN ('BRP', 'RNI')
        OR (registration = 'BRP' AND residence_municipality IS NULL)
        OR (registration = 'RNI' AND residence_municipality IS NOT NULL)
        OR (residence_municipality IS NOT NULL AND idx IS NULL)
        OR registered_on IS NULL OR deregistered_on < registered_on
        OR birth_year IS NULL OR birth_year < 1900 OR birth_year > {y}"""
    return f"""CASE WHEN {bad} THEN 8 ELSE 0 END
        | CASE WHEN nat < {len(set(definition.nationalities))} THEN 1 ELSE 0 END
        | CASE WHEN registration = 'BRP' AND registered_on <= DATE '{y}-12-31'
                    AND (deregistered_on IS NULL OR deregistered_on >= DATE '{y}-01-01') THEN 2 ELSE 0 END
        | CASE WHEN registration = 'RNI' THEN 4 ELSE 0 END"""


def _nationality_type(con, definition: Definition) -> None:
    """ENUM nationality_code: every pair of capital letters (what validation.py allows), the definition's first."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    own = list(dict.fromkeys(definition.nationalities))
    codes = own + [a + b for a in letters for b in letters if a + b not in own]
    con.execute("DROP TYPE IF EXISTS nationality_code")
    con.execute(f"CREATE TYPE nationality_code AS ENUM ({', '.join(_quote(c) for c in codes)})")


def summarise(con, *, persons_source: str, definition: Definition, year: int, known: int) -> None:
    """Table `scope`: persons counted by main work municipality, kind (bit 1 in the definition, 2 BRP registration
    overlapping the year, 4 RNI), BRP residence, stay class (0 short, 1 mid, 2 long) and problems (flags above).
    Persons that need a closer look (MAYBE_DOUBLE_JOB, MAIN_UNSURE) get a row of their own, with their person_id.

    In scope: a person of the persons file with the definition's nationality and at least one job-month in the year.
    Main work municipality = most job rows in the year; ties go to the lowest code: the sort key is
    rows * K + (K - 1 - idx), so the largest key has the most rows and then the lowest idx.
    Months worked = the bits set in the month mask of the year.
    Stay over several years = months from the first job-month in the data to the last one in the year, included.

    Persons and jobs meet in one GROUP BY person_id (a UNION ALL of both sides) rather than a join: the same pass
    counts each person_id's rows in the persons file, so duplicates and jobs of unknown persons cost nothing extra.
    Three aggregates carry everything: sum(v) (job rows + 2^32 per persons row), bit_or(m) (month mask and flags,
    the persons row's flags and residence from bit 16) and max(key).

    Within one year the groups of job_groups go in directly: the group with the most rows is the main place for sure
    when it holds more than half of the person's rows (no other place can reach as many); otherwise the person is
    MAIN_UNSURE and fix_main decides from the rows per place."""
    y, k_ = int(year), int(known) + 1
    b = k_.bit_length()  # bits for an idx
    stay = definition.stay
    _nationality_type(con, definition)
    blank_employer = f"CASE WHEN {_blank('employer_id')} THEN {BAD} ELSE 0 END"
    unknown = f"CASE WHEN idx IS NULL THEN {BAD} ELSE 0 END"
    key = f"n * {k_} + ({k_ - 1} - idx)"
    if stay.multi_year:
        jobs_side = f"""
        place AS (
            SELECT person_id, yr, w, CAST(sum(n) AS BIGINT) AS n, bit_or(mask | {blank_employer}) AS mask
            FROM job_groups GROUP BY person_id, yr, w
        ),
        per_year AS (
            SELECT person_id, yr, CAST(sum(n) AS BIGINT) AS n, bit_or(mask | {unknown}) AS mask, max({key}) AS key
            FROM (SELECT *, {_idx("w")} AS idx FROM place) GROUP BY person_id, yr
        ),
        jobs_side AS (
            -- Months, rows and main place of the reference year only; flags and the first month from every year.
            SELECT person_id, CASE WHEN yr = {y} THEN n ELSE 0 END AS v,
                   CASE WHEN yr = {y} THEN mask ELSE mask & ~{MONTHS} END
                       | CASE WHEN n > bit_count(mask & {MONTHS}) THEN {OVERLAP} ELSE 0 END AS m,
                   CASE WHEN yr = {y} THEN key END AS key,
                   CASE WHEN mask & {MONTHS} > 0
                        THEN yr * 12 + CAST(log2((mask & {MONTHS}) & -(mask & {MONTHS})) AS INTEGER) END AS first
            FROM per_year
        )"""
        # Extra columns: of both sides, their aggregates, and of per_person.
        side_extra, extra_aggregates, person_extra = ", first", ", min(first) AS first", ", first"
        first_seen = "min(first)"  # year * 12 + month
        measure = f"{y * 12} + CAST(floor(log2(mask & {MONTHS})) AS INTEGER) - first + 1"
        maybe_double = f"mask & {OVERLAP} <> 0"
        unsure = "false"
    else:
        # More rows than months in one group of job_groups (one person, employer and place) is a duplicate for
        # sure. Across groups a duplicate needs one employer in two groups, and the main place is in doubt only when
        # two groups share a place: wb has a bit per place (bits 0-30) and per employer (31-61), so a person whose
        # groups set as many bits as there are groups has neither. (Two places or employers on one bit only cost a
        # closer look.)
        jobs_side = f"""
        jobs_side AS (
            SELECT person_id, n AS v,
                   CAST(mask | {blank_employer} | {unknown}
                        | CASE WHEN n > bit_count(mask & {MONTHS}) THEN {BAD} ELSE 0 END AS BIGINT) AS m,
                   {key} AS key,
                   (CAST(1 AS BIGINT) << (idx % 31)) | (CAST(1 AS BIGINT) << (31 + CAST(hash(employer_id) % 31 AS INTEGER)))
                       AS wb
            FROM (SELECT *, {_idx("w")} AS idx FROM job_groups)
        )"""
        side_extra, extra_aggregates, person_extra = ", wb", ", count(key) AS g, bit_or(wb) AS wb", ", g, wb"
        first_seen = f"bit_or(mask & {MONTHS})"  # the months seen in the year
        measure = f"bit_count(mask & {MONTHS})"
        maybe_double = f"rows > bit_count(mask & {MONTHS}) AND bit_count(wb >> 31) < g"
        unsure = f"2 * (key // {k_}) <= rows AND bit_count(wb & {(1 << 31) - 1}) < g"
    in_scope = f"copies = 1 AND attr & 1 = 1 AND rows > 0 AND mask & {MONTHS} > 0"
    problems = f"""CASE WHEN copies = 0 THEN {STRANGER} ELSE 0 END
                   | CASE WHEN copies > 1 THEN {DOUBLE_PERSON} ELSE 0 END
                   | CASE WHEN attr & 8 = 8 OR mask & {BAD} <> 0 THEN {BAD_VALUE} ELSE 0 END
                   | CASE WHEN {maybe_double} THEN {MAYBE_DOUBLE_JOB} ELSE 0 END
                   | CASE WHEN in_scope AND {unsure} THEN {MAIN_UNSURE} ELSE 0 END"""
    con.execute(
        f"""
        CREATE TABLE scope AS
        WITH {jobs_side},
        persons_side AS (
            SELECT person_id, CAST(1 AS BIGINT) << 32 AS v,
                   CAST({_person_flags(y, definition)} | (coalesce(idx, 0) << 4) AS BIGINT) << 16 AS m
            FROM (SELECT *, {_idx("residence_municipality")} AS idx,
                         enum_code(TRY_CAST(nationality AS nationality_code)) AS nat FROM {persons_source})
        ),
        per_person AS (
            SELECT person_id, v >> 32 AS copies, v & {(1 << 32) - 1} AS rows, m >> 16 AS attr, m & 65535 AS mask,
                   key{person_extra}
            FROM (
                SELECT person_id, CAST(sum(v) AS BIGINT) AS v, bit_or(m) AS m, max(key) AS key{extra_aggregates}
                FROM (
                    SELECT person_id, v, m, key{side_extra} FROM jobs_side
                    UNION ALL
                    SELECT person_id, v, m, NULL{", NULL" * side_extra.count(",")} FROM persons_side
                )
                GROUP BY person_id
            )
        ),
        flagged AS (
            SELECT person_id, copies, in_scope, mask{", first" if stay.multi_year else ""}, {problems} AS problems,
                   -- main work municipality, kind, BRP residence and stay class in one number: one cheap group key
                   CASE WHEN in_scope THEN ({k_ - 1} - key % {k_}) | ((attr & 7) << {b})
                        | (CASE WHEN attr & 2 = 2 THEN attr >> 4 ELSE 0 END << {b + 3})
                        | (CASE WHEN {measure} <= {stay.short_max} THEN 0 WHEN {measure} <= {stay.mid_max} THEN 1
                                ELSE 2 END << {2 * b + 3}) END AS packed
            FROM (SELECT *, {in_scope} AS in_scope FROM per_person)
        ),
        cube AS (
            SELECT packed, problems,
                   CASE WHEN problems & {MAYBE_DOUBLE_JOB | MAIN_UNSURE} <> 0 THEN person_id END AS person_id,
                   count(*) AS persons, sum(copies) AS person_rows, {first_seen} AS first_seen
            FROM flagged GROUP BY ALL
        )
        SELECT m.code AS main_work, (packed >> {b}) & 7 AS kind, h.code AS residence_municipality,
               packed >> {2 * b + 3} AS stay, problems, person_id, persons, person_rows, first_seen
        FROM cube LEFT JOIN known_municipalities m ON packed & {(1 << b) - 1} = m.idx
        LEFT JOIN known_municipalities h ON (packed >> {b + 3}) & {(1 << b) - 1} = h.idx
        """
    )


def problems(con) -> int:
    """The flags (see above) set anywhere in `scope`."""
    return con.execute("SELECT coalesce(bit_or(problems), 0) FROM scope").fetchone()[0]


def read_totals(con) -> tuple[int, int]:
    """Rows read: (persons, job rows)."""
    persons = con.execute("SELECT coalesce(sum(person_rows), 0) FROM scope").fetchone()[0]
    jobs = con.execute("SELECT coalesce(sum(n), 0) FROM job_groups").fetchone()[0]
    return int(persons), int(jobs)


def duplicate_jobs(con, *, multi_year: bool) -> int:
    """Of the persons flagged MAYBE_DOUBLE_JOB: groups of rows with the same person, employer and month, that is more
    rows than months per (person, employer, year)."""
    year_key = ", yr" if multi_year else ""
    return con.execute(
        f"SELECT count(*) FROM (SELECT sum(n) AS rows, bit_count(bit_or(mask) & {MONTHS}) AS months FROM job_groups "
        f"WHERE person_id IN (SELECT person_id FROM scope WHERE problems & {MAYBE_DOUBLE_JOB} <> 0) "
        f"GROUP BY person_id, employer_id{year_key}) WHERE rows > months"
    ).fetchone()[0]


def fix_main(con, *, known: int) -> None:
    """The main work municipality of the persons flagged MAIN_UNSURE (within one year), from their rows per place.
    (A new table rather than UPDATE: DuckDB rewrites a table much faster than it updates many of its rows.)"""
    k_ = int(known) + 1
    con.execute(
        f"""
        CREATE OR REPLACE TABLE scope AS
        WITH fixed AS (
            SELECT person_id, arg_max(w, n * {k_} + ({k_ - 1} - {_idx("w")})) AS main_work
            FROM (
                SELECT person_id, w, sum(n) AS n FROM job_groups
                WHERE person_id IN (SELECT person_id FROM scope WHERE problems & {MAIN_UNSURE} <> 0)
                GROUP BY person_id, w
            )
            GROUP BY person_id
        )
        SELECT scope.* REPLACE (coalesce(fixed.main_work, scope.main_work) AS main_work)
        FROM scope LEFT JOIN fixed ON scope.problems & {MAIN_UNSURE} <> 0 AND scope.person_id = fixed.person_id
        """
    )


def observed_from(con, *, year: int, multi_year: bool) -> str | None:
    """The first month in the jobs data, 'YYYY-MM': how far back stay over several years can be seen."""
    if multi_year:
        first = con.execute("SELECT min(first_seen) FROM scope").fetchone()[0]
        return f"{(first - 1) // 12}-{(first - 1) % 12 + 1:02d}" if first else None
    seen = con.execute("SELECT bit_or(first_seen) FROM scope").fetchone()[0]
    return f"{int(year)}-{(seen & -seen).bit_length() - 1:02d}" if seen else None


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
        SELECT main_work, sum(persons), coalesce(sum(persons) FILTER (stay = 0), 0),
               coalesce(sum(persons) FILTER (stay = 1), 0), coalesce(sum(persons) FILTER (stay = 2), 0)
        FROM scope WHERE main_work IS NOT NULL GROUP BY main_work
        """
    ).fetchall():
        row(code).update(
            workers=int(workers), workers_short=int(short), workers_mid=int(mid), workers_long=int(long_)
        )
    for code, residents in con.execute(
        "SELECT residence_municipality, sum(persons) FROM scope WHERE residence_municipality IS NOT NULL "
        "GROUP BY residence_municipality"
    ).fetchall():
        row(code)["residents_brp"] = int(residents)
    if rni_assignment == "work":
        query = "SELECT main_work, sum(persons) FROM scope WHERE main_work IS NOT NULL AND kind & 4 = 4 GROUP BY 1"
    else:
        # Commute matrix P[w -> m] from BRP workers whose residence and work are both known; a work municipality
        # without such workers keeps its RNI workers.
        query = """
            WITH rni AS (SELECT main_work AS w, sum(persons) AS n FROM scope
                         WHERE main_work IS NOT NULL AND kind & 4 = 4 GROUP BY 1),
            pairs AS (SELECT main_work AS w, residence_municipality AS m, sum(persons) AS n FROM scope
                      WHERE main_work IS NOT NULL AND residence_municipality IS NOT NULL GROUP BY 1, 2),
            share AS (SELECT w, m, n / sum(n) OVER (PARTITION BY w) AS p FROM pairs)
            SELECT coalesce(share.m, rni.w) AS m, sum(rni.n * coalesce(share.p, 1.0))
            FROM rni LEFT JOIN share USING (w) GROUP BY 1
        """
    for code, assigned in con.execute(query).fetchall():
        row(code)["residents_rni_assigned"] = float(assigned)
    return result


def in_scope_total(con) -> int:
    return int(
        con.execute("SELECT coalesce(sum(persons), 0) FROM scope WHERE main_work IS NOT NULL").fetchone()[0]
    )
