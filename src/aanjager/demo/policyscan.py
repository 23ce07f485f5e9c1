"""Demo policy scans (synthetic, labelled "(demo)"): Tiel scanned twice, in 2024 and 2026, both completed, with the
departments that took part and recommendations (one turned into a programme measure); and a scan of Zaltbommel
that is still being filled in."""

import datetime as dt

from aanjager.geo.models import Municipality
from aanjager.organisations.models import Organisation

FIRST_NOTE = "Nulmeting na de workshop 'Beleid in een dag' (demo)."
DEPARTMENTS = [
    ("Burgerzaken", "Sanne de Vries (demo)", "Teamleider BRP"),
    ("Wonen", "Mehmet Kaya (demo)", "Beleidsadviseur wonen"),
    ("Zorg en welzijn", "", ""),
    ("Openbare orde en veiligheid", "Joost Bakker (demo)", "Adviseur mensenhandel"),
    ("Toezicht en handhaving", "", ""),
    ("Communicatie", "", ""),
    ("Economische zaken", "Anna Kowalska (demo)", "Accountmanager bedrijven"),
    ("Participatie", "", ""),
]
# maturity per domain in 2024 and in 2026 (statements of a domain vary around it)
LEVELS = {
    "registration": (1, 2),
    "housing": (1, 2),
    "care": (0, 1),
    "safety": (1, 2),
    "enforcement": (1, 2),
    "communication": (0, 1),
    "economy": (2, 3),
    "participation": (0, 1),
}
RECOMMENDATIONS = [
    (
        "registration",
        "Richt met de grote huisvesters een inschrijfloket op locatie in.",
        "Burgerzaken",
        "high",
    ),
    ("housing", "Stel een beleidsregel op voor de transformatie van bestaande panden.", "Wonen", "high"),
    (
        "care",
        "Wijs één aanspreekpunt voor arbeidsmigranten aan in het sociaal domein.",
        "Zorg en welzijn",
        "medium",
    ),
    ("safety", "Neem signalen van uitbuiting op in het casusoverleg.", "Openbare orde en veiligheid", "high"),
    ("communication", "Maak welkomstinformatie in vijf talen.", "Communicatie", "medium"),
    ("participation", "Bied taallessen aan op tijden die passen bij ploegendiensten.", "Participatie", "low"),
]


def _answers(question_set, year_index: int, partial: bool = False) -> dict:
    answers = {}
    for i, (code, (domain, _text)) in enumerate(question_set.statements().items()):
        if partial and i % 3 == 2:
            continue
        base = LEVELS[domain][year_index]
        score = max(0, min(3, base + (1 if i % 4 == 0 else 0) - (1 if i % 5 == 0 else 0)))
        answers[code] = (score, "Besproken in de sessie (demo).")
    return answers


def _scan(municipality, organisation, held_on, year_index, *, complete=True, partial=False):
    from aanjager.policyscan import services

    scan = services.create_scan(
        actor=None,
        is_demo=True,
        municipality=municipality,
        organisation=organisation,
        held_on=held_on,
        facilitator="Ondersteuningsteam arbeidsmigranten (demo)",
        notes=FIRST_NOTE if year_index == 0 else "Herhaling van de scan twee jaar later (demo).",
    )
    for department, name, function in DEPARTMENTS:
        services.add_participant(actor=None, scan=scan, department=department, name=name, function=function)
    services.save_answers(actor=None, scan=scan, answers=_answers(scan.question_set, year_index, partial))
    if complete:
        services.complete_scan(actor=None, scan=scan)
    return scan


def load() -> int:
    """Create the demo scans once; returns the number of scans created."""
    from aanjager.policyscan import services
    from aanjager.policyscan.models import Scan

    if Scan.objects.filter(is_demo=True).exists():
        return 0
    tiel = Municipality.objects.get(code="GM0281")
    tiel_org = Organisation.objects.get(name="Gemeente Tiel (demo)")
    first = _scan(tiel, tiel_org, dt.date(2024, 3, 14), 0)
    recommendations = [
        services.create_recommendation(
            actor=None,
            scan=first,
            domain_code=domain,
            text=text,
            owner=owner,
            priority=priority,
            due_on=dt.date(2025, 6, 30),
        )
        for domain, text, owner, priority in RECOMMENDATIONS
    ]
    services.update_recommendation(actor=None, recommendation=recommendations[3], status="in_progress")
    services.update_recommendation(actor=None, recommendation=recommendations[4], status="done")
    from aanjager.demo import programme as demo_programme

    package = demo_programme.package("1.1")
    if package is not None:
        services.turn_into_measure(
            actor=None,
            recommendation=recommendations[0],
            package=package,
            code="1.1.c",
            name="Inschrijfloket op locatie (uit beleidsscan Tiel)",
        )
    _scan(tiel, tiel_org, dt.date(2026, 3, 12), 1)
    zaltbommel = Municipality.objects.get(code="GM0297")
    _scan(
        zaltbommel,
        Organisation.objects.get(name="Gemeente Zaltbommel (demo)"),
        dt.date(2026, 10, 8),
        0,
        complete=False,
        partial=True,
    )
    return 3
