"""Read a CBS-style list of municipalities (CSV). Pure Python: no Django, so migrations and tests use it directly.

Accepts the column names of CBS's "Gemeenten alfabetisch" files (GemeentecodeGM, Gemeentenaam, ProvinciecodePV,
Provincienaam) as well as those of the shipped file (gm_code, gemeentenaam, provincie_code, provincie), `,` or `;`
as separator and UTF-8 (with or without BOM) or cp1252. Every problem is reported with its row and column.
"""

import csv
import io
import re
from dataclasses import dataclass

COLUMN_ALIASES = {
    "code": ("gm_code", "gemeentecodegm", "gemeentecode", "code"),
    "name": ("gemeentenaam", "naam", "name"),
    "province_code": ("provincie_code", "provinciecodepv", "provinciecode"),
    "province_name": ("provincie", "provincienaam"),
    "corop_code": ("corop_code", "coropcodecr", "coropcode"),
    "corop_name": ("corop_naam", "coropnaam"),
    "centroid_lon": ("centroid_lon",),
    "centroid_lat": ("centroid_lat",),
}
REQUIRED = ("code", "name", "province_code", "province_name")


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    name: str
    province_code: str
    province_name: str
    corop_code: str = ""
    corop_name: str = ""
    centroid_lon: float | None = None
    centroid_lat: float | None = None


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based line number in the file, header is line 1
    column: str
    message: str

    def __str__(self):
        return f"rij {self.row}, kolom {self.column}: {self.message}"


class MunicipalityListError(ValueError):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors[:20]))


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MunicipalityListError([RowError(0, "-", "het bestand is geen UTF-8 of cp1252")])


def _normalise_code(value: str, prefix: str, digits: int) -> str:
    value = value.strip().upper()
    if re.fullmatch(rf"\d{{1,{digits}}}", value):
        return prefix + value.zfill(digits)
    return value


def parse(data: bytes) -> list[MunicipalityRecord]:
    try:
        return _parse(data)
    except csv.Error as exc:
        raise MunicipalityListError([RowError(0, "-", f"het bestand is geen geldige CSV ({exc})")]) from exc


def _parse(data: bytes) -> list[MunicipalityRecord]:
    text = decode(data)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise MunicipalityListError([RowError(1, "-", "het bestand is leeg")]) from None
    index = {}
    for field, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in header:
                index[field] = header.index(alias)
                break
    missing = [f for f in REQUIRED if f not in index]
    if missing:
        raise MunicipalityListError(
            [RowError(1, COLUMN_ALIASES[f][0], "verplichte kolom ontbreekt") for f in missing]
        )
    errors: list[RowError] = []
    records: list[MunicipalityRecord] = []
    seen: dict[str, int] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field, row=row):
            i = index.get(field)
            return row[i].strip() if i is not None and i < len(row) else ""

        code = _normalise_code(cell("code"), "GM", 4)
        province_code = _normalise_code(cell("province_code"), "PV", 2)
        if not re.fullmatch(r"GM\d{4}", code):
            errors.append(RowError(line_no, header[index["code"]], f"'{code}' is geen gemeentecode (GM0000)"))
        elif code in seen:
            errors.append(RowError(line_no, header[index["code"]], f"{code} staat ook op rij {seen[code]}"))
        else:
            seen[code] = line_no
        if not cell("name"):
            errors.append(RowError(line_no, header[index["name"]], "naam ontbreekt"))
        elif len(cell("name")) > 100:
            errors.append(RowError(line_no, header[index["name"]], "naam is langer dan 100 tekens"))
        if not re.fullmatch(r"PV\d{2}", province_code):
            errors.append(
                RowError(
                    line_no, header[index["province_code"]], f"'{province_code}' is geen provinciecode (PV00)"
                )
            )
        if not cell("province_name"):
            errors.append(RowError(line_no, header[index["province_name"]], "provincienaam ontbreekt"))
        for field in ("province_name", "corop_name"):
            if len(cell(field)) > 100:
                errors.append(RowError(line_no, header[index[field]], "naam is langer dan 100 tekens"))
        corop_code = _normalise_code(cell("corop_code"), "CR", 2) if cell("corop_code") else ""
        if corop_code and not re.fullmatch(r"CR\d{2}", corop_code):
            errors.append(
                RowError(line_no, header[index["corop_code"]], f"'{corop_code}' is geen COROP-code (CR00)")
            )
        coords = {}
        for field, limit in (("centroid_lon", 180), ("centroid_lat", 90)):
            raw = cell(field)
            try:
                coords[field] = float(raw.replace(",", ".")) if raw else None
            except ValueError:
                errors.append(RowError(line_no, header[index[field]], f"'{raw}' is geen getal"))
                coords[field] = None
            # NaN, infinity or off the globe: no place, and PostgreSQL's JSON (the audit trail) refuses NaN.
            if coords[field] is not None and not -limit <= coords[field] <= limit:
                errors.append(
                    RowError(line_no, header[index[field]], f"'{raw}' ligt niet tussen -{limit} en {limit}")
                )
                coords[field] = None
        records.append(
            MunicipalityRecord(
                code=code,
                name=cell("name"),
                province_code=province_code,
                province_name=cell("province_name"),
                corop_code=corop_code,
                corop_name=cell("corop_name"),
                **coords,
            )
        )
    if not records and not errors:
        errors.append(RowError(2, "-", "het bestand bevat geen gemeenten"))
    if errors:
        raise MunicipalityListError(errors)
    return records


def parse_changes(data: bytes) -> dict[str, str]:
    """A merger table: columns old_code,new_code (or oude_code,nieuwe_code). Returns old → new."""
    try:
        return _parse_changes(data)
    except csv.Error as exc:
        raise MunicipalityListError([RowError(0, "-", f"het bestand is geen geldige CSV ({exc})")]) from exc


def _parse_changes(data: bytes) -> dict[str, str]:
    text = decode(data)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = {f.strip().lower(): f for f in reader.fieldnames or []}
    old_col = fields.get("old_code") or fields.get("oude_code")
    new_col = fields.get("new_code") or fields.get("nieuwe_code")
    if not old_col or not new_col:
        raise MunicipalityListError([RowError(1, "old_code/new_code", "verplichte kolom ontbreekt")])
    changes, errors = {}, []
    for line_no, row in enumerate(reader, start=2):
        old = _normalise_code(row.get(old_col) or "", "GM", 4)
        new = _normalise_code(row.get(new_col) or "", "GM", 4)
        for col, value in ((old_col, old), (new_col, new)):
            if not re.fullmatch(r"GM\d{4}", value):
                errors.append(RowError(line_no, col, f"'{value}' is geen gemeentecode (GM0000)"))
        changes[old] = new
    if errors:
        raise MunicipalityListError(errors)
    return changes
