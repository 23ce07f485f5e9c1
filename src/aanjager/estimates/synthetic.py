"""Synthetic, plausible microdata for demos, tests and benchmarks. Clearly not real people: ids start with 'SYN'.

Generated in DuckDB SQL, so a million persons and ~8 million job-months take seconds. Municipalities get a Zipf-like
skew (a few large, many small); most people work near where they live; stays follow a short/mid/long mix.
"""

from pathlib import Path

import duckdb

NATIONALITY_MIX = [
    ("PL", 40),
    ("RO", 16),
    ("BG", 9),
    ("HU", 6),
    ("LT", 5),
    ("LV", 3),
    ("SK", 3),
    ("CZ", 2),
    ("HR", 2),
    ("PT", 4),
    ("ES", 3),
    ("DE", 3),
    ("IT", 2),
    ("GR", 1),
    ("NL", 1),
]


def _weights_table(con, name: str, items: list[tuple[str, float]]) -> None:
    total = sum(w for _, w in items)
    rows, acc = [], 0.0
    for value, weight in items:
        rows.append((value, acc / total))
        acc += weight
    con.execute(f"CREATE TEMP TABLE {name} (value VARCHAR, lo DOUBLE)")
    con.executemany(f"INSERT INTO {name} VALUES (?, ?)", rows)


def generate(
    *,
    persons_path: Path,
    jobs_path: Path,
    municipalities: list[str],
    persons: int,
    year: int,
    seed: int = 42,
    fmt: str = "csv",
    delimiter: str = ",",
) -> dict:
    """Write persons and jobs files; return counts. `municipalities` in order of size (largest first)."""
    year, persons = int(year), int(persons)
    quoted = {p: str(p).replace("'", "''") for p in (persons_path, jobs_path)}
    con = duckdb.connect()
    _weights_table(con, "places", [(code, 1 / (rank + 1) ** 1.1) for rank, code in enumerate(municipalities)])
    _weights_table(con, "nationalities", [(c, w) for c, w in NATIONALITY_MIX])
    # Uniform draws from hashes of (seed, id, purpose): deterministic and independent per purpose.
    u = "((hash({seed}, i, '{tag}') % 1000003) / 1000003.0)"
    con.execute(
        f"""
        CREATE TEMP TABLE p AS
        SELECT i, {u.format(seed=seed, tag="nat")} AS u_nat, {u.format(seed=seed, tag="home")} AS u_home,
               {u.format(seed=seed, tag="reg")} AS u_reg, {u.format(seed=seed, tag="stay")} AS u_stay,
               {u.format(seed=seed, tag="start")} AS u_start, {u.format(seed=seed, tag="work")} AS u_work,
               {u.format(seed=seed, tag="away")} AS u_away, {u.format(seed=seed, tag="born")} AS u_born,
               {u.format(seed=seed, tag="emp")} AS u_emp
        FROM range({int(persons)}) t(i)
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE people AS
        SELECT p.*, n.value AS nationality, h.value AS home, w.value AS work_other,
               CASE WHEN u_stay < 0.25 THEN 1 + CAST(floor(u_start * 3) AS INTEGER)
                    WHEN u_stay < 0.65 THEN 4 + CAST(floor(u_start * 8) AS INTEGER)
                    ELSE 12 END AS months
        FROM p
        ASOF JOIN nationalities n ON p.u_nat >= n.lo
        ASOF JOIN places h ON p.u_home >= h.lo
        ASOF JOIN (SELECT value, lo FROM places) w ON p.u_work >= w.lo
        """
    )
    # Start month so that the stay fits in the year.
    con.execute(
        f"""
        CREATE TEMP TABLE persons_out AS
        SELECT 'SYN' || lpad(CAST(i AS VARCHAR), 8, '0') AS person_id, nationality,
               CASE WHEN u_reg < 0.4 THEN 'BRP' ELSE 'RNI' END AS registration,
               CASE WHEN u_reg < 0.4 THEN home ELSE NULL END AS residence_municipality,
               DATE '{year - 3}-01-01' + CAST(floor(u_born * 1400) AS INTEGER) AS registered_on,
               CASE WHEN u_away < 0.15 THEN DATE '{year - 3}-01-01' + CAST(floor(u_born * 1400) AS INTEGER)
                   + 120 + CAST(floor(u_away * 6000) AS INTEGER) END AS deregistered_on,
               {year} - 20 - CAST(floor(u_born * 40) AS INTEGER) AS birth_year,
               months, 1 + CAST(floor(u_start * (13 - months)) AS INTEGER) AS first_month,
               CASE WHEN u_work < 0.7 THEN home ELSE work_other END AS work_place,
               'EMP' || lpad(CAST(CAST(floor(u_emp * 5000) AS INTEGER) AS VARCHAR), 5, '0') AS employer_id,
               u_emp
        FROM people
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE jobs_out AS
        SELECT person_id, '{year}-' || lpad(CAST(first_month + k AS VARCHAR), 2, '0') AS month, employer_id,
               substr('ACCCGHHINA', 1 + CAST(floor(u_emp * 10) AS INTEGER), 1) AS sector,
               work_place AS work_municipality, CASE WHEN u_emp < 0.46 THEN 1 ELSE 0 END AS temp_agency
        FROM persons_out, range(months) r(k)
        """
    )
    if delimiter not in (",", ";"):
        raise ValueError("delimiter is , or ;")
    fmt_sql = "(FORMAT parquet)" if fmt == "parquet" else f"(FORMAT csv, HEADER, DELIMITER '{delimiter}')"
    con.execute(
        "COPY (SELECT person_id, nationality, registration, residence_municipality, registered_on, deregistered_on,"
        f" birth_year FROM persons_out ORDER BY person_id) TO '{quoted[persons_path]}' {fmt_sql}"
    )
    con.execute(f"COPY (SELECT * FROM jobs_out ORDER BY person_id, month) TO '{quoted[jobs_path]}' {fmt_sql}")
    counts = {
        "persons": con.execute("SELECT count(*) FROM persons_out").fetchone()[0],
        "job_rows": con.execute("SELECT count(*) FROM jobs_out").fetchone()[0],
    }
    con.close()
    return counts
