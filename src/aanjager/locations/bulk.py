"""The location spreadsheet (issue 4 item 8): one column list for the template, the import and the export.

Reading turns an XLSX or CSV file into rows of text cells, keyed by column name; converting a cell to a value gives
either the value or a Dutch message that names what is wrong. No Django here: the services look up
municipalities and organisations and judge each row with the model's own rules.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from aanjager.core import csv_text
from aanjager.core.spreadsheets import FORMULA_STARTS


@dataclass(frozen=True)
class Column:
    name: str  # the header in the file, equal to the API field name
    kind: str  # text | int | decimal | bool | date | choice | code | organisation | organisations | list
    help: str  # Dutch, for the explanation sheet
    required: bool = False  # for a new location


COLUMNS = [
    Column(
        "id", "int", "Leeg voor een nieuwe locatie; het nummer uit de export om een bestaande te wijzigen."
    ),
    Column("name", "text", "Naam van de locatie.", True),
    Column("street", "text", "Straat.", True),
    Column("house_number", "int", "Huisnummer (alleen cijfers).", True),
    Column("house_number_addition", "text", "Toevoeging, bijvoorbeeld A of -2."),
    Column("postcode", "text", "Postcode als 1234 AB.", True),
    Column("place", "text", "Woonplaats.", True),
    Column("municipality", "code", "CBS-gemeentecode, bijvoorbeeld GM0281.", True),
    Column("latitude", "decimal", "Breedtegraad (WGS84), bijvoorbeeld 51,88."),
    Column("longitude", "decimal", "Lengtegraad (WGS84), bijvoorbeeld 5,43."),
    Column(
        "housing_form",
        "choice",
        "regular_dwelling, room_in_family_home, hotel_pension, building_units, modular_units, recreation_site, "
        "seasonal_farm of other.",
        True,
    ),
    Column("serves_short_stay", "bool", "Kort verblijf: ja of nee."),
    Column("serves_mid_stay", "bool", "Middellang verblijf: ja of nee."),
    Column("serves_long_stay", "bool", "Lang verblijf: ja of nee."),
    Column("beds", "int", "Aantal bedden.", True),
    Column("bedrooms", "int", "Aantal slaapkamers."),
    Column("max_persons_per_bedroom", "int", "Hoogstens zoveel personen in één slaapkamer."),
    Column("floor_area_gbo", "decimal", "Gebruiksoppervlakte (GBO) in m²."),
    Column("bedroom_area", "decimal", "Oppervlakte van alle slaapkamers samen in m²."),
    Column("toilets", "int", "Aantal toiletten."),
    Column("showers", "int", "Aantal douches."),
    Column("bunk_beds", "bool", "Stapelbedden: ja, nee of leeg (onbekend)."),
    Column(
        "under_one_roof", "bool", "Slapen, sanitair, keuken en woonruimte onder één dak: ja, nee of leeg."
    ),
    Column("new_build", "bool", "Nieuwbouw: ja, nee of leeg."),
    Column("operator", "organisation", "Huisvester: KvK-nummer (8 cijfers) of de exacte naam.", True),
    Column("owner", "organisation", "Eigenaar: KvK-nummer of exacte naam; mag leeg."),
    Column(
        "employers", "organisations", "Werkgevers van de bewoners: KvK-nummers of namen, gescheiden door |."
    ),
    Column(
        "target_groups",
        "list",
        "Doelgroepen bij gemengde bewoning, gescheiden door |: labour_migrants, status_holders, starters, "
        "students, ukrainians.",
    ),
    Column("permit", "choice", "none, permanent of temporary."),
    Column("permit_start", "date", "Vergunning vanaf (JJJJ-MM-DD of DD-MM-JJJJ)."),
    Column("permit_end", "date", "Vergunning tot (verplicht bij een tijdelijke vergunning)."),
    Column("permit_reference", "text", "Kenmerk van de vergunning."),
    Column(
        "status",
        "choice",
        "idea, planned, permit_applied, permitted, under_construction, in_use, phasing_out, closed of rejected. "
        "Leeg bij een nieuwe locatie: in_use.",
    ),
    Column("expected_delivery", "date", "Verwachte oplevering."),
    Column("separate_rental_contract", "bool", "Apart huurcontract: ja, nee of leeg."),
    Column("notice_days_after_job_loss", "int", "Opzegtermijn na baanverlies in dagen."),
    Column("rent_payment", "choice", "wage_deduction (inhouding op het loon), invoice (factuur) of leeg."),
    Column("rent_per_bed_week", "decimal", "Huur per bed per week in euro."),
    Column("is_confidential", "bool", "Adres vertrouwelijk (niet in het openbare register): ja of nee."),
    Column(
        "effective",
        "date",
        "Vanaf welke datum een wijziging van status, bedden, gemeente of huisvester telt; leeg is vandaag.",
    ),
]
COLUMN_NAMES = [c.name for c in COLUMNS]
BY_NAME = {c.name: c for c in COLUMNS}
LIST_SEPARATOR = "|"
MAX_ROWS = 5000


class FileProblem(ValueError):
    """The file as a whole cannot be read: the message says why, in Dutch."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(
        "Het bestand is geen tekst in UTF-8 of Windows-1252."
    )  # pragma: no cover - cp1252 reads all


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    # newline="": a line may end in \r\n, \n or \r alone (csv's own rule).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        why = csv_text.error_reason(exc)
        raise FileProblem(f"Regel {reader.line_num} van het CSV-bestand: {why}.") from None


def _read_xlsx(data: bytes) -> list[list[str]]:

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book["Locaties"] if "Locaties" in book.sheetnames else book.worksheets[0]
        # The sheet's stored size (<dimension>) is not to be trusted: a small file may claim a million rows of
        # 16,384 columns, which openpyxl would fill with empty cells. Read the rows as they are.
        sheet.reset_dimensions()
        rows = _sheet_rows(sheet)
        book.close()
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file; all mean "unreadable"
        raise FileProblem(f"Het Excel-bestand is niet te lezen ({type(exc).__name__}).") from None
    return rows


def _sheet_rows(sheet) -> list[list[str]]:
    rows, filled, empty = [], 0, []  # every empty row is the one list: a sheet may skip to row 1,048,576
    for values in sheet.iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] in (None, ""):
            values.pop()
        if not values:
            rows.append(empty)
            continue
        filled += 1
        if filled > MAX_ROWS + 1:  # the header and MAX_ROWS locations
            raise FileProblem(f"Meer dan {MAX_ROWS} regels; splits het bestand.")
        rows.append([_cell_text(v) for v in values])
    return rows


def _unquote(text: str) -> str:
    """The export quotes a cell that a spreadsheet would read as a formula ('=…); reading takes the quote off."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS else text


def _refuse_nul(table: list[list[str]]) -> None:
    """A NUL character is binary data, not text; PostgreSQL cannot keep it in the staged rows either."""
    for number, cells in enumerate(table, start=1):
        for index, cell in enumerate(cells):
            if "\x00" in cell:
                header = table[0][index].strip() if index < len(table[0]) and number > 1 else ""
                column = f"kolom {header.replace(chr(0), '')}" if header else f"kolom {index + 1}"
                raise FileProblem(
                    f"Regel {number}, {column} bevat een NUL-teken (binaire gegevens). Sla het bestand opnieuw "
                    "op als CSV of XLSX."
                )


def read_table(data: bytes, filename: str) -> list[dict]:
    """Rows of the file as {column: text}, each with its line number under '_row'. The header must name only
    known columns, each once, and at least those a new location needs, or the whole file is refused."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data)
    else:
        raise FileProblem("Kies een .xlsx- of .csv-bestand.")
    while table and not any(table[-1]):
        table.pop()
    if not table:
        raise FileProblem("Het bestand is leeg.")
    _refuse_nul(table)
    header = [h.strip().lower() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    unknown = [h or "(leeg)" for h in header if h not in BY_NAME]
    doubles = sorted({h for h in header if h and header.count(h) > 1})
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    problems = []
    if unknown:
        problems.append("onbekende kolommen: " + ", ".join(unknown))
    if doubles:
        problems.append("dubbele kolommen: " + ", ".join(doubles))
    if missing:
        problems.append("ontbrekende kolommen: " + ", ".join(missing))
    if problems:
        raise FileProblem("De kopregel klopt niet: " + "; ".join(problems) + ". Gebruik het sjabloon.")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        extra = [c for c in cells[len(header) :] if c]
        if extra:
            raise FileProblem(f"Regel {number} heeft meer cellen dan de kopregel kolommen.")
        row = {h: _unquote(cells[i]) if i < len(cells) else "" for i, h in enumerate(header)}
        row["_row"] = number
        rows.append(row)
    if not rows:
        raise FileProblem("Het bestand heeft een kopregel maar geen regels met locaties.")
    if len(rows) > MAX_ROWS:
        raise FileProblem(f"Meer dan {MAX_ROWS} regels; splits het bestand.")
    return rows


TRUE = {"ja", "j", "yes", "y", "true", "waar", "1"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0"}


def to_value(column: Column, text: str):
    """(value, None) or (None, message). Empty text is None (or False/[] where the column cannot be unknown)."""
    text = (text or "").strip()
    if not text:
        return ([] if column.kind in ("organisations", "list") else None), None
    if column.kind in ("text", "code", "choice", "organisation"):
        return text, None
    if column.kind in ("organisations", "list"):
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()], None
    if column.kind == "int":
        try:
            value = int(text)
        except ValueError:
            return None, f"'{text}' is geen geheel getal"
        return value, None
    if column.kind == "decimal":
        try:
            return Decimal(text.replace(" ", "").replace(",", ".")), None
        except InvalidOperation:
            return None, f"'{text}' is geen getal"
    if column.kind == "bool":
        lowered = text.lower()
        if lowered in TRUE:
            return True, None
        if lowered in FALSE:
            return False, None
        return None, f"'{text}' is geen ja of nee"
    if column.kind == "date":
        for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, fmt).date(), None
            except ValueError:
                continue
        return None, f"'{text}' is geen datum als 2026-03-01 of 01-03-2026"
    raise ValueError(column.kind)  # pragma: no cover - the column list is closed
