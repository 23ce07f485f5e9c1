"""Input strategies for the importer fuzz tests: random bytes, and mutations of a valid example file.

`csv_mutations` works in two layers: first on the table (drop, duplicate, swap, rename columns; odd values in
cells; ragged, duplicated and extra rows; a second header), then on the bytes of the file written from it (another
delimiter and encoding, truncation, NUL bytes, quotes, line breaks and a BOM in the middle, flipped bytes). The XLSX
and Parquet strategies build a real workbook or Parquet file with odd contents, then may damage its bytes.
"""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from hypothesis import strategies as st

ODD_VALUES = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "-0",
    "2",
    "+3",
    "1990",
    "2025",
    "99999999999999999999999999",
    "2147483648",
    "-9223372036854775809",
    "1e308",
    "-1e308",
    "1e999",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1,5",
    "1.5",
    "1.000",
    "42.500.000",
    "0x10",
    "1_000",
    "²",
    "١٢٣",
    "٣",
    "Ⅻ",
    "2025-01-01",
    "2025-02-30",
    "2025-13-01",
    "01-02-2025",
    "31/12/2025",
    "0001-01-01",
    "9999-12-31",
    "2025-13",
    "2025-00",
    "2025-1",
    "2025-01",
    "GM0281",
    "gm0281",
    "GM9999",
    "GM028",
    "281",
    "PV25",
    "PL",
    "pl",
    "BRP",
    "RNI",
    "A",
    "Z",
    "ja",
    "nee",
    "true",
    "polis",
    "brp",
    "rni",
    "eu11",
    "short",
    "=1+1",
    "'=SUM(A1)",
    "@cmd",
    '"',
    '""',
    '"a"b',
    "a\nb",
    "a\rb",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x1c",
    "é",
    "€",
    "𝔘",
    "\U0010ffff",
    "x" * 300,
    "y" * 5000,
]

TOKENS = [
    b"\x00",
    b'"',
    b"'",
    b"\n",
    b"\r",
    b"\r\n",
    b",",
    b";",
    b"\t",
    b"|",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xc3\x28",
    b"\x80",
    b"\xe2\x82",
    b"\x1a",
    b"\x0b",
    b"\x0c",
    b"\\",
    b"\xf4\x90\x80\x80",
    b"\xed\xa0\x80",
    b"9" * 40,
    b"-",
    b"=",
]

ENCODINGS = ["utf-8"] * 6 + [
    "utf-8-sig",
    "utf-8-sig",
    "cp1252",
    "cp1252",
    "latin-1",
    "utf-16",
    "utf-32",
    "cp437",
]
DELIMITERS = [",", ",", ",", ";", ";", ";", "\t", "|", " ", ",;"]
LINE_ENDS = ["\n", "\n", "\r\n", "\r"]


def odd_text(max_size: int = 20):
    return st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=max_size))


# ---------------------------------------------------------------- the table layer
def _index(draw, sequence, *, extra: int = 0) -> int:
    return draw(st.integers(0, max(len(sequence) - 1 + extra, 0)))


def _drop_column(draw, table):
    i = _index(draw, table[0])
    return [row[:i] + row[i + 1 :] for row in table]


def _duplicate_column(draw, table):
    i = _index(draw, table[0])
    return [row[: i + 1] + row[i : i + 1] + row[i + 1 :] for row in table]


def _swap_columns(draw, table):
    i, j = _index(draw, table[0]), _index(draw, table[0])
    out = []
    for row in table:
        row = list(row)
        if max(i, j) < len(row):
            row[i], row[j] = row[j], row[i]
        out.append(row)
    return out


def _swap_header_only(draw, table):
    header = list(table[0])
    i, j = _index(draw, header), _index(draw, header)
    if header:
        header[i], header[j] = header[j], header[i]
    return [header, *table[1:]]


def _rename_column(draw, table):
    header = list(table[0])
    if header:
        i = _index(draw, header)
        style = draw(st.sampled_from(["upper", "space", "quote", "odd", "other"]))
        header[i] = {
            "upper": header[i].upper(),
            "space": f" {header[i]} ",
            "quote": f'"{header[i]}"',
            "odd": draw(odd_text()),
            "other": draw(st.sampled_from(table[0])),
        }[style]
    return [header, *table[1:]]


def _extra_column(draw, table):
    name = draw(st.sampled_from(["extra", "", "shoe_size", "Kolom 1"]) | odd_text())
    return [table[0] + [name]] + [row + [draw(odd_text())] for row in table[1:]]


def _set_cell(draw, table):
    if len(table) < 2:
        return table
    r = draw(st.integers(1, len(table) - 1))
    row = list(table[r])
    if row:
        row[_index(draw, row)] = draw(odd_text())
    return [*table[:r], row, *table[r + 1 :]]


def _set_cells_in_column(draw, table):
    if not table[0]:
        return table
    c = _index(draw, table[0])
    value = draw(odd_text())
    return [table[0]] + [[value if i == c else v for i, v in enumerate(row)] for row in table[1:]]


def _empty_cells(draw, table):
    if len(table) < 2:
        return table
    r = draw(st.integers(1, len(table) - 1))
    return [*table[:r], [""] * len(table[r]), *table[r + 1 :]]


def _ragged_row(draw, table):
    r = _index(draw, table)
    row = list(table[r])
    if draw(st.booleans()):
        row = row[: draw(st.integers(0, len(row)))]
    else:
        row = row + [draw(odd_text()) for _ in range(draw(st.integers(1, 3)))]
    return [*table[:r], row, *table[r + 1 :]]


def _drop_row(draw, table):
    if not table:
        return table
    r = _index(draw, table)
    return table[:r] + table[r + 1 :]


def _duplicate_row(draw, table):
    if not table:
        return table
    r = _index(draw, table)
    at = _index(draw, table, extra=1)
    return table[:at] + [list(table[r])] + table[at:]


def _second_header(draw, table):
    at = _index(draw, table, extra=1)
    return table[:at] + [list(table[0])] + table[at:]


def _many_rows(draw, table):
    if len(table) < 2:
        return table
    times = draw(st.integers(2, 60))
    return [table[0]] + table[1:] * times


def _swap_rows(draw, table):
    i, j = _index(draw, table), _index(draw, table)
    table = [list(row) for row in table]
    if table:
        table[i], table[j] = table[j], table[i]
    return table


def _random_table(draw, table):
    width = draw(st.integers(0, 8))
    return [[draw(odd_text()) for _ in range(width)] for _ in range(draw(st.integers(0, 5)))]


TABLE_OPS = [
    _drop_column,
    _duplicate_column,
    _swap_columns,
    _swap_header_only,
    _rename_column,
    _rename_column,
    _extra_column,
    _set_cell,
    _set_cell,
    _set_cell,
    _set_cell,
    _set_cells_in_column,
    _empty_cells,
    _ragged_row,
    _drop_row,
    _duplicate_row,
    _duplicate_row,
    _second_header,
    _many_rows,
    _swap_rows,
    _random_table,
]


def _write(draw, table) -> str:
    delimiter = draw(st.sampled_from(DELIMITERS))
    end = draw(st.sampled_from(LINE_ENDS))
    if draw(st.booleans()):
        import csv

        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter[0], lineterminator=end).writerows(table)
        return buffer.getvalue()
    return "".join(delimiter.join(str(cell) for cell in row) + end for row in table)


def _quoted(cell: str, delimiter: str) -> str:
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# ---------------------------------------------------------------- the byte layer
def _truncate(draw, data):
    return data[: draw(st.integers(0, len(data)))]


def _insert(draw, data):
    at = draw(st.integers(0, len(data)))
    token = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
    return data[:at] + token * draw(st.integers(1, 3)) + data[at:]


def _delete_span(draw, data):
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + data[at + draw(st.integers(1, 20)) :]


def _flip(draw, data):
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


def _duplicate_span(draw, data):
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    end = min(len(data), at + draw(st.integers(1, 200)))
    return data[:end] + data[at:end] + data[end:]


def _bom_in_the_middle(draw, data):
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    lines[at] = b"\xef\xbb\xbf" + lines[at]
    return b"\n".join(lines)


def _long_line(draw, data):
    at = draw(st.integers(0, len(data)))
    return data[:at] + b"x" * draw(st.sampled_from([70_000, 140_000, 2_200_000])) + data[at:]


BYTE_OPS = [
    _truncate,
    _insert,
    _insert,
    _insert,
    _delete_span,
    _flip,
    _duplicate_span,
    _bom_in_the_middle,
    _long_line,
]


def mutate_bytes(draw, data: bytes, most: int = 3) -> bytes:
    for _ in range(draw(st.integers(0, most))):
        data = draw(st.sampled_from(BYTE_OPS))(draw, data)
    return data


@st.composite
def csv_mutations(draw, header, rows, *, table_ops: int = 4, byte_ops: int = 2):
    """A valid CSV file (header and rows), damaged on purpose: bytes."""
    table = [list(header)] + [[str(cell) for cell in row] for row in rows]
    if draw(st.integers(0, 3)) == 0:
        # Mild: a few odd cell values in an otherwise valid file, so that reading succeeds and the rows are judged.
        for _ in range(draw(st.integers(0, 2))):
            table = _set_cell(draw, table)
        delimiter = draw(st.sampled_from([",", ";"]))
        text = "".join(delimiter.join(_quoted(cell, delimiter) for cell in row) + "\n" for row in table)
        return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])), errors="replace")
    for _ in range(draw(st.integers(0, table_ops))):
        if not table or not table[0]:
            break
        table = draw(st.sampled_from(TABLE_OPS))(draw, table)
    text = _write(draw, table)
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return mutate_bytes(draw, data, byte_ops)


@st.composite
def random_bytes(draw, header=None, max_size=2000):
    """Random bytes; with a header, sometimes that header line first, then random bytes."""
    data = draw(st.binary(max_size=max_size))
    if header and draw(st.booleans()):
        data = (",".join(header) + "\n").encode() + data
    return data


# ---------------------------------------------------------------- XLSX
def _sheet_value(draw):
    kind = draw(
        st.sampled_from(
            [
                "text",
                "text",
                "text",
                "int",
                "float",
                "bool",
                "date",
                "datetime",
                "time",
                "delta",
                "formula",
                "error",
                "decimal",
                "none",
            ]  # fmt: skip
        )
    )
    if kind == "text":
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", draw(odd_text()))
    return {
        "int": lambda: draw(st.integers(-(2**70), 2**70)),
        "float": lambda: draw(st.floats(allow_nan=False, allow_infinity=False)),
        "bool": lambda: draw(st.booleans()),
        "date": lambda: draw(st.dates(min_value=dt.date(1900, 3, 1))),
        "datetime": lambda: draw(st.datetimes(min_value=dt.datetime(1900, 3, 1))),
        "time": lambda: draw(st.times()),
        "delta": lambda: dt.timedelta(days=draw(st.integers(0, 1000))),
        "formula": lambda: draw(st.sampled_from(["=1/0", "=SUM(A1:A3)", "=A1", '="GM"&"0281"', "=NA()"])),
        "error": lambda: draw(st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "#VALUE!"])),
        "decimal": lambda: Decimal(draw(st.sampled_from(["1.5", "-0", "1E+30", "12"]))),
        "none": lambda: None,
    }[kind]()


@st.composite
def xlsx_workbooks(draw, header, rows, sheet_name: str):
    """A real workbook from the valid rows with odd cells, cell types, merged cells and extra or empty sheets."""
    from openpyxl import Workbook

    table = [list(header)] + [list(row) for row in rows]
    for _ in range(draw(st.integers(0, 3))):
        if not table or not table[0]:
            break
        table = draw(st.sampled_from(TABLE_OPS))(draw, [[str(c) for c in row] for row in table])
    book = Workbook()
    main = book.active
    main.title = draw(st.sampled_from([sheet_name, sheet_name, "Blad1", sheet_name.upper()]))
    for row in table:
        main.append([_cell(v) for v in row])
    for _ in range(draw(st.integers(0, 6))):
        r, c = draw(st.integers(1, len(table) + 2)), draw(st.integers(1, len(header) + 2))
        cell = main.cell(row=r, column=c)
        value = _sheet_value(draw)
        cell.value = value
        if isinstance(value, str) and value.startswith("#"):
            cell.data_type = "e"
    if draw(st.integers(0, 4)) == 0:
        r, c = draw(st.integers(1, len(table) + 1)), draw(st.integers(1, len(header)))
        main.merge_cells(start_row=r, start_column=c, end_row=r + draw(st.integers(0, 2)), end_column=c + 1)
    if draw(st.integers(0, 6)) == 0:
        main.cell(row=draw(st.sampled_from([5001, 6000, 20000])), column=1).value = "ver weg"
    for _ in range(draw(st.integers(0, 2))):
        extra = book.create_sheet(draw(st.sampled_from(["Toelichting", "Leeg", sheet_name + "2"])), 0)
        if draw(st.booleans()):
            extra.append(["x", 1, None])
    if draw(st.integers(0, 6)) == 0:  # the named sheet empty, the data elsewhere
        book.remove(main)
        book.create_sheet(sheet_name)
    out = io.BytesIO()
    book.save(out)
    return _same_bytes(out.getvalue())


def _same_bytes(data: bytes) -> bytes:
    """The workbook without its save time (in docProps/core.xml and every zip entry), so that Hypothesis gets the
    same bytes when it replays an input."""
    import re

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def _cell(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def damaged_zip(draw, data: bytes):
    """A workbook's bytes damaged: the zip itself (truncated, flipped bytes) or one member's XML."""
    how = draw(st.sampled_from(["bytes", "member", "member", "drop"]))
    if how == "bytes":
        return mutate_bytes(draw, data, 3) or data[:10]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        members = source.infolist()
        chosen = draw(st.sampled_from([m.filename for m in members]))
        for item in members:
            content = source.read(item.filename)
            if item.filename == chosen:
                if how == "drop":
                    continue
                content = mutate_bytes(draw, content, 3)
            target.writestr(item, content)
    return out.getvalue()


# ---------------------------------------------------------------- Parquet
PARQUET_TYPES = [
    "VARCHAR",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "TINYINT",
    "DOUBLE",
    "DECIMAL(18,3)",
    "BOOLEAN",
    "DATE",
    "TIMESTAMP",
    "TIME",
    "INTERVAL",
    "BLOB",
    "UUID",
    "INTEGER[]",
    "VARCHAR[]",
    "STRUCT(a INTEGER, b VARCHAR)",
    "MAP(VARCHAR, INTEGER)",
]
PARQUET_LITERALS = [
    "NULL",
    "''",
    "' '",
    "'a'",
    "'0'",
    "'1'",
    "'2'",
    "'-1'",
    "'1990'",
    "'2025-01'",
    "'2025-13'",
    "'2024-12'",
    "'2025-01-01'",
    "'2025-02-30'",
    "'GM0281'",
    "'GM9999'",
    "'PL'",
    "'BRP'",
    "'RNI'",
    "'A'",
    "'99999999999999999999'",
    "'1e308'",
    "'NaN'",
    "'[1, 2]'",
    "'{''a'': 1}'",
    "'é€𝔘'",
    "'a' || chr(0) || 'b'",
]


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@st.composite
def parquet_files(draw, columns, valid_rows, directory):
    """A Parquet file written by DuckDB (COPY … TO) from the valid rows, with columns of other types, missing,
    renamed or extra, and odd values; returns its path."""
    import duckdb

    names = [name for name, _type in columns]
    plan = []  # (name, type, [literal per row])
    only = draw(st.integers(0, len(columns) - 1)) if draw(st.booleans()) else None  # mild: one column changed
    for i, (name, kind) in enumerate(columns):
        change = draw(st.sampled_from(["keep"] * 9 + ["type", "missing", "rename", "values"]))
        if only is not None and i != only:
            change = "keep"
        if change == "missing":
            continue
        literals = [
            "NULL" if row[i] in ("", None) else "'" + str(row[i]).replace("'", "''") + "'"
            for row in valid_rows
        ]
        if change == "type":
            kind = draw(st.sampled_from(PARQUET_TYPES))
        if change == "rename":
            name = draw(st.sampled_from([name.upper(), f" {name}", name + "_x", draw(odd_text(10)) or "x"]))
        if change == "values":
            literals = [draw(st.sampled_from(PARQUET_LITERALS)) for _ in literals]
        plan.append((name, kind, literals))
    for _ in range(draw(st.integers(0, 2 if only is None else 0))):
        kind = draw(st.sampled_from(PARQUET_TYPES))
        name = draw(st.sampled_from([*names, "extra", "Person_ID"]))
        plan.append((name, kind, [draw(st.sampled_from(PARQUET_LITERALS)) for _ in valid_rows]))
    if not plan:
        plan.append(("nothing", "VARCHAR", ["NULL" for _ in valid_rows]))
    n = len(valid_rows) if draw(st.integers(0, 5)) else 0
    selects = []
    for r in range(max(n, 1)):
        parts = [f"TRY_CAST({literals[r]} AS {kind}) AS {_sql_name(name)}" for name, kind, literals in plan]
        selects.append("SELECT " + ", ".join(parts))
    query = " UNION ALL ".join(selects) + ("" if n else " LIMIT 0")
    path = directory / f"fuzz-{draw(st.integers(0, 10**9))}.parquet"
    con = duckdb.connect()
    try:
        con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet)")
    except duckdb.Error:
        # DuckDB itself refused the table (e.g. two columns of one name): write the valid rows instead.
        plan = [(name, kind, None) for name, kind in columns]
        con.execute(
            f"COPY (SELECT * FROM (VALUES {', '.join('(' + ', '.join(_lit(v) for v in row) + ')' for row in valid_rows)}) "
            f"AS t({', '.join(names)})) TO '{path}' (FORMAT parquet)"
        )
    finally:
        con.close()
    return path


def _lit(value) -> str:
    return "NULL" if value in ("", None) else "'" + str(value).replace("'", "''") + "'"
