"""The matrix of who does what as a spreadsheet or CSV: a row per measure and municipality (long format, easy to
filter and pivot), and in the XLSX also the matrix itself as people see it on screen."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from aanjager.core.spreadsheets import safe_cell

DECISION_LABELS = {"in": "doet mee", "out": "doet niet mee", "undecided": "nog niet besloten"}
COLUMNS = [
    "speerpunt",
    "pakket",
    "maatregel_code",
    "maatregel",
    "fase",
    "gemeente_code",
    "gemeente",
    "besluit",
    "vastgelegd",
    "voortgang_procent",
    "start_gepland",
    "gereed_gepland",
    "reden",
]


def long_rows(view):
    for _heading, measure, cells, _totals in view.rows():
        for municipality, cell, participation in cells:
            yield [
                safe_cell(str(measure.package.spearhead)),
                safe_cell(str(measure.package)),
                safe_cell(measure.code),
                safe_cell(measure.name),
                safe_cell(measure.phase.name) if measure.phase else "",
                municipality.code,
                municipality.name,
                DECISION_LABELS[cell.decision],
                "ja" if cell.recorded else "nee",
                cell.progress if cell.decision == "in" else None,
                participation.planned_start.isoformat()
                if participation and participation.planned_start
                else "",
                participation.planned_end.isoformat() if participation and participation.planned_end else "",
                safe_cell(participation.reason) if participation else "",
            ]


def csv_text(view) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows(long_rows(view))
    return "\ufeff" + buffer.getvalue()


def workbook(view) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Matrix"
    sheet.append([safe_cell(view.programme.name), safe_cell(view.programme.region.name)])
    sheet.append(["maatregel", *[m.name for m in view.municipalities], "doen mee", "gemiddelde voortgang %"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for heading, measure, cells, totals in view.rows():
        if heading is not None:
            sheet.append([safe_cell(str(heading))])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        values = [
            f"{c.progress}%" if c.decision == "in" else DECISION_LABELS[c.decision] for _m, c, _p in cells
        ]
        mean = totals.mean_progress
        sheet.append(
            [safe_cell(str(measure)), *values, totals.taking_part, None if mean is None else float(mean)]
        )
    long = book.create_sheet("Per gemeente")
    long.append(COLUMNS)
    for row in long_rows(view):
        long.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
