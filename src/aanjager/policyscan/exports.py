"""XLSX export of a policy scan: the scan with its baseline per domain, the answers with comments, the
recommendations and the participants, one sheet each. Sheet names and headings are Dutch, like the other exports."""

import io

from openpyxl import Workbook

from aanjager.core.spreadsheets import safe_cell


def _number(value):
    return None if value is None else float(value)


def workbook(scan, baseline) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "Scan"
    for label, value in (
        ("gemeente", scan.municipality.name),
        ("gehouden op", scan.held_on),
        ("gehouden door", safe_cell(scan.organisation.name)),
        ("begeleid door", safe_cell(scan.facilitator)),
        ("vragenlijst", f"{scan.question_set.code} v{scan.question_set.version}"),
        ("status", scan.get_status_display()),
        ("stellingen beantwoord", f"{baseline.answered} van {baseline.total}"),
        ("totaalscore (0-3)", _number(baseline.overall)),
        ("eerdere scan", baseline.earlier_scan.held_on if baseline.earlier_scan else None),
        ("notities", safe_cell(scan.notes)),
    ):
        summary.append([label, value])
    summary.append([])
    regions = [r.region.name for r in baseline.regions]
    summary.append(
        ["domein", "code", "score (0-3)", "beantwoord", "totaal", "eerdere scan", "verschil",
         *[f"gemiddelde {safe_cell(name)}" for name in regions], *[f"gemeenten {safe_cell(name)}" for name in regions]]
    )  # fmt: skip
    for row in baseline.rows:
        summary.append(
            [row.title, row.code, _number(row.score), row.answered, row.total, _number(row.earlier),
             _number(row.delta), *[_number(c.score) for c in row.regions], *[c.n for c in row.regions]]
        )  # fmt: skip

    answers = book.create_sheet("Antwoorden")
    answers.append(["domein", "code", "stelling", "score", "betekenis", "toelichting"])
    labels = {s["value"]: s["label"] for s in scan.question_set.scale}
    given = {a.statement_code: a for a in scan.answers.all()}
    for domain in scan.question_set.domains:
        for statement in domain["statements"]:
            answer = given.get(statement["code"])
            answers.append(
                [domain["title"], statement["code"], statement["text"],
                 answer.score if answer else None, labels.get(answer.score) if answer else "niet beantwoord",
                 safe_cell(answer.comment) if answer else None]
            )  # fmt: skip

    titles = scan.question_set.domain_titles()
    recommendations = book.create_sheet("Aanbevelingen")
    recommendations.append(
        ["aanbeveling", "domein", "eigenaar", "prioriteit", "status", "deadline", "maatregel"]
    )
    for r in scan.recommendations.select_related("measure").order_by("id"):
        recommendations.append(
            [safe_cell(r.text), titles.get(r.domain_code, r.domain_code), safe_cell(r.owner),
             r.get_priority_display(), r.get_status_display(), r.due_on, str(r.measure) if r.measure else None]
        )  # fmt: skip

    participants = book.create_sheet("Deelnemers")
    participants.append(["afdeling", "naam", "functie"])
    for p in scan.participants.all():
        participants.append([safe_cell(p.department), safe_cell(p.name), safe_cell(p.function)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
