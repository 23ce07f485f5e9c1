"""Load a microdata file (CSV or Parquet) into a DuckDB table, typed, or report exactly what is wrong with it."""

import re
from dataclasses import dataclass
from pathlib import Path

from aanjager.estimates.engine.errors import InputError, Problem


@dataclass(frozen=True)
class Schema:
    table: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


PERSONS = Schema(
    "persons",
    (
        ("person_id", "VARCHAR"),
        ("nationality", "VARCHAR"),
        ("registration", "VARCHAR"),
        ("residence_municipality", "VARCHAR"),
        ("registered_on", "DATE"),
        ("deregistered_on", "DATE"),
        ("birth_year", "INTEGER"),
    ),
)
JOBS = Schema(
    "jobs",
    (
        ("person_id", "VARCHAR"),
        ("month", "VARCHAR"),
        ("employer_id", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("work_municipality", "VARCHAR"),
        ("temp_agency", "TINYINT"),
    ),
)
TYPE_NAMES = {"DATE": "datum (JJJJ-MM-DD)", "INTEGER": "geheel getal", "TINYINT": "0 of 1"}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def load(con, path: Path, schema: Schema, label: str) -> int:
    """Create table `schema.table` from the file; return its number of rows. Raises InputError."""
    check_file(path, label)
    # Line numbers are rowid + offset: the table must keep the file's row order (whatever the caller set).
    preserve = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = true")
    try:
        if path.suffix.lower() == ".parquet":
            return _load_parquet(con, path, schema, label)
        return _load_csv(con, path, schema, label)
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if preserve else 'false'}")


def as_utf8(path: Path, target: Path) -> Path:
    """The file itself when it is Parquet or its first bytes are UTF-8; otherwise a UTF-8 copy written to `target`.

    A CSV that is not UTF-8 is taken as Windows-1252 (Excel's CSV). DuckDB's own latin-1 reading refuses the bytes
    0x80–0x9F, where Windows-1252 has €, ‘ ’ “ ” – and …; so such a file is read through a copy in the run's private
    temporary folder, which goes when the run ends."""
    if path.suffix.lower() == ".parquet" or not path.is_file():
        return path
    with path.open("rb") as handle:
        head = handle.read(65536)
    if b"\x00" in head or _utf8_head(head):
        return path
    with (
        path.open(encoding="cp1252", errors="replace", newline="") as source,
        target.open("w", encoding="utf-8", newline="") as copy,
    ):
        while chunk := source.read(8 << 20):
            copy.write(chunk)
    return target


def _utf8_head(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4 and exc.reason == "unexpected end of data"
    return True


def _sniff(path: Path, schema: Schema, label: str) -> tuple[str, str, list[str]]:
    """Encoding, delimiter and the column names in file order, from the first bytes.

    The header must name exactly the schema's columns, in any order."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if b"\x00" in head:
        raise InputError([Problem(label, None, "", "dit is geen CSV-bestand (het bevat binaire gegevens)")])
    try:
        text = head.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut off at the end of the sample
            text, encoding = head[: exc.start].decode("utf-8"), "utf-8"
        else:
            text, encoding = head.decode("cp1252", errors="replace"), "latin-1"
    text = text.lstrip("\ufeff")
    header = text.splitlines()[0] if text.strip() else ""
    if not header.strip():
        raise InputError([Problem(label, 1, "", "de eerste regel moet de kolomnamen bevatten")])
    expected = schema.names
    for delimiter in (",", ";", "\t", "|"):
        names = [h.strip().strip('"').lower() for h in header.split(delimiter)]
        if len(names) == len(expected) and set(names) == set(expected):
            if delimiter in (",", ";"):
                return encoding, delimiter, names
            raise InputError(
                [Problem(label, 1, "", f"verkeerd scheidingsteken {delimiter!r}: gebruik , of ;")]
            )
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [h.strip().strip('"').lower() for h in header.split(delimiter)]
    if len(names) == 1 and not re.fullmatch(r"[a-z_]+", names[0]):
        raise InputError(
            [Problem(label, 1, "", "dit lijkt geen CSV-bestand: geen kolomnamen gescheiden door , of ;")]
        )
    problems = [Problem(label, 1, c, "verplichte kolom ontbreekt") for c in expected if c not in names]
    problems += [Problem(label, 1, c, "onbekende kolom") for c in names if c not in expected]
    if not problems:
        problems = [Problem(label, 1, "", "kolomnamen komen dubbel voor")]
    raise InputError(problems)


def csv_source(path: Path, schema: Schema, label: str, *, as_text: bool = False, rejects: bool = True) -> str:
    """A read_csv(...) expression for the file; with as_text every column is read as VARCHAR.

    With rejects, lines DuckDB cannot read are kept in a table for raise_rejects; without, reading them raises
    duckdb.Error (cheaper: for the fast path, which then hands over to the detailed checks)."""
    encoding, delimiter, names = _sniff(path, schema, label)
    table = f"rejects_{schema.table}"
    types = dict(schema.columns)
    # In file order: read_csv maps the columns by position.
    pairs = [f"{_sql_string(n)}: {_sql_string('VARCHAR' if as_text else types[n])}" for n in names]
    columns = "{" + ", ".join(pairs) + "}"
    keep = (
        f", store_rejects = true, rejects_table = '{table}_errors', rejects_scan = '{table}_scans', "
        "rejects_limit = 1000"
        if rejects
        else ""
    )
    return f"""read_csv(
            {_sql_string(str(path))}, header = true, auto_detect = false, delim = {_sql_string(delimiter)},
            quote = '"', escape = '"', columns = {columns}, dateformat = '%Y-%m-%d', encoding = {_sql_string(encoding)}
            {keep}
        )"""


def raise_rejects(con, schema: Schema, label: str) -> None:
    """Lines DuckDB could not read (wrong number of columns, values of the wrong type) as problems."""
    rejects = f"rejects_{schema.table}"
    try:
        rows = con.execute(
            f"SELECT line, column_name, error_type, error_message FROM {rejects}_errors ORDER BY line LIMIT 100"
        ).fetchall()
    except Exception:  # no rejects table: nothing was rejected
        return
    if rows:
        total = con.execute(f"SELECT count(DISTINCT (line, error_type)) FROM {rejects}_errors").fetchone()[0]
        problems = list(dict.fromkeys(_reject_problem(label, schema, *row) for row in rows))
        raise InputError(problems, total)


def parquet_source(con, path: Path, schema: Schema, label: str) -> str:
    source = f"read_parquet({_sql_string(str(path))})"
    try:
        names = [row[0].lower() for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    except Exception as exc:  # DuckDB raises its own IOException/InvalidInputException for broken files
        # Not the DuckDB message: it names the server's upload path.
        raise InputError([Problem(label, None, "", "dit is geen leesbaar Parquet-bestand")]) from exc
    problems = [Problem(label, None, c, "verplichte kolom ontbreekt") for c in schema.names if c not in names]
    problems += [Problem(label, None, c, "onbekende kolom") for c in names if c not in schema.names]
    if problems:
        raise InputError(problems)
    return source


def text_source(con, path: Path, schema: Schema, label: str) -> str:
    """Every column as text, from CSV or Parquet (the fast path reads Parquet jobs so)."""
    check_file(path, label)
    if path.suffix.lower() == ".parquet":
        source = parquet_source(con, path, schema, label)
        columns = ", ".join(f"NULLIF(CAST({n} AS VARCHAR), '') AS {n}" for n in schema.names)
        return f"(SELECT {columns} FROM {source})"
    return csv_source(path, schema, label, as_text=True)


def check_file(path: Path, label: str) -> None:
    if not path.exists():
        raise InputError([Problem(label, None, "", "het bestand bestaat niet")])
    if path.stat().st_size == 0:
        raise InputError([Problem(label, None, "", "het bestand is leeg")])


def _load_csv(con, path: Path, schema: Schema, label: str) -> int:
    import duckdb

    source = csv_source(path, schema, label)
    try:
        con.execute(f"CREATE TABLE {schema.table} AS SELECT {', '.join(schema.names)} FROM {source}")
    except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
        # What DuckDB cannot keep as a rejected line (a quote left open, line ends of two kinds): the file as a
        # whole. Not DuckDB's own message: it names the server's upload path.
        line = re.search(r"\bline (\d+)", str(exc))
        raise InputError(
            [
                Problem(
                    label,
                    int(line.group(1)) if line else None,
                    "",
                    "het CSV-bestand is niet te lezen: de regels eindigen niet overal op dezelfde manier, of een "
                    "aanhalingsteken wordt niet gesloten; sla het opnieuw op als CSV (UTF-8)",
                )
            ]
        ) from exc
    raise_rejects(con, schema, label)
    count = con.execute(f"SELECT count(*) FROM {schema.table}").fetchone()[0]
    if count == 0:
        raise InputError([Problem(label, None, "", "het bestand bevat alleen kolomnamen, geen gegevens")])
    return count


def _reject_problem(label, schema, line, column, error_type, message) -> Problem:
    types = dict(schema.columns)
    column = (column or "").strip('"')
    if error_type == "CAST" and column in types:
        return Problem(
            label, int(line), column, f"waarde is geen {TYPE_NAMES.get(types[column], types[column])}"
        )
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        word = "te veel" if error_type == "TOO MANY COLUMNS" else "te weinig"
        return Problem(label, int(line), "", f"{word} kolommen op deze regel")
    return Problem(label, int(line), column, message.split("\n")[0][:200])


def _load_parquet(con, path: Path, schema: Schema, label: str) -> int:
    source = parquet_source(con, path, schema, label)
    casts = ", ".join(f"TRY_CAST(NULLIF(CAST({n} AS VARCHAR), '') AS {t}) AS {n}" for n, t in schema.columns)
    raw_checks = " OR ".join(
        f"({n} IS NOT NULL AND CAST({n} AS VARCHAR) <> '' AND TRY_CAST(CAST({n} AS VARCHAR) AS {t}) IS NULL)"
        for n, t in schema.columns
        if t != "VARCHAR"
    )
    import duckdb

    try:
        con.execute(f"CREATE TABLE {schema.table}_raw AS SELECT * FROM {source}")
    except (duckdb.InterruptException, duckdb.OutOfMemoryException):
        raise
    except duckdb.Error as exc:  # the header is readable, the data are not (a damaged or cut-off file)
        raise InputError(
            [Problem(label, None, "", "dit Parquet-bestand is beschadigd of onvolledig")]
        ) from exc
    if raw_checks:
        bad = con.execute(
            f"SELECT rowid + 1, {', '.join(n for n, _ in schema.columns)} FROM {schema.table}_raw "
            f"WHERE {raw_checks} ORDER BY rowid LIMIT 100"
        ).fetchall()
        if bad:
            problems = []
            for row in bad:
                for (n, t), value in zip(schema.columns, row[1:], strict=True):
                    if (
                        t != "VARCHAR"
                        and value not in (None, "")
                        and con.execute(
                            f"SELECT TRY_CAST({_sql_string(str(value))} AS {t}) IS NULL"
                        ).fetchone()[0]
                    ):
                        problems.append(
                            Problem(label, row[0], n, f"waarde is geen {TYPE_NAMES.get(t, t)} (rij {row[0]})")
                        )
            raise InputError(problems)
    con.execute(f"CREATE TABLE {schema.table} AS SELECT {casts} FROM {schema.table}_raw")
    con.execute(f"DROP TABLE {schema.table}_raw")
    count = con.execute(f"SELECT count(*) FROM {schema.table}").fetchone()[0]
    if count == 0:
        raise InputError([Problem(label, None, "", "het bestand bevat geen gegevens")])
    return count
