"""Demo regional programme for Rivierenland (seed 004): the real 7 spearheads, 14 measure packages and two phases;
the packages' and measures' wording and every municipality's decision are synthetic, labelled "(demo)"."""

import datetime as dt
import random

from aanjager.geo.models import Region

NAME = "Uitvoeringsprogramma huisvesting arbeidsmigranten Rivierenland (demo)"
PHASES = [
    (1, "Kwartiermakersfase", dt.date(2021, 9, 1), dt.date(2023, 12, 31)),
    (2, "Structurele fase", dt.date(2024, 1, 1), None),
]
# spearhead (seed 004) → packages: (code, name, [(measure code, name, phase, optional)])
SPEARHEADS = [
    (
        "Registratie en informatie",
        [
            (
                "1.1",
                "Inschrijving in BRP en RNI",
                [
                    ("1.1.a", "Inschrijfloket op locatie bij grote huisvesters", 2, True),
                    ("1.1.b", "Adresonderzoek bij veel inschrijvingen op één adres", 2, True),
                ],
            ),
            (
                "1.2",
                "Regionale monitor",
                [("1.2.a", "Jaarlijkse regionale monitor arbeidsmigratie", 1, False)],
            ),
        ],
    ),
    (
        "Kennisvermeerdering",
        [
            (
                "2.1",
                "Kennisdeling tussen gemeenten",
                [("2.1.a", "Regionaal kennisnetwerk ambtenaren", 1, False)],
            ),
            (
                "2.2",
                "Voorlichting aan werkgevers en huisvesters",
                [
                    ("2.2.a", "Informatiebijeenkomsten voor werkgevers", 2, True),
                ],
            ),
        ],
    ),
    (
        "Voldoende aanbod dichtbij werk",
        [
            (
                "3.1",
                "Grootschalige huisvesting nabij werklocaties",
                [
                    ("3.1.a", "Locatieonderzoek bedrijventerreinen", 1, True),
                    ("3.1.b", "Businesscase per kansrijke locatie", 2, True),
                ],
            ),
            (
                "3.2",
                "Kleinschalige huisvesting en transformatie",
                [
                    ("3.2.a", "Beleidsregel transformatie bestaande panden", 2, True),
                    ("3.2.b", "Bed-voor-bed-afspraken met huisvesters", 2, True),
                ],
            ),
        ],
    ),
    (
        "Controle en handhaving",
        [
            (
                "4.1",
                "Integrale controles",
                [("4.1.a", "Gezamenlijke controles met omgevingsdienst en politie", 2, True)],
            ),
            (
                "4.2",
                "Geharmoniseerde normen",
                [("4.2.a", "Regionale huisvestingsnormen (SNF als basis)", 1, True)],
            ),
        ],
    ),
    (
        "Arbeidsmigrant centraal",
        [
            ("5.1", "Meertalige informatie", [("5.1.a", "Welkomstinformatie in vijf talen", 2, True)]),
            ("5.2", "Ontmoeting en participatie", [("5.2.a", "Taalaanbod en ontmoetingsplekken", 2, True)]),
        ],
    ),
    (
        "Zorg voor arbeidsmigranten",
        [
            (
                "6.1",
                "Toegang tot zorg en welzijn",
                [("6.1.a", "Aanspreekpunt in het sociaal domein", 2, True)],
            ),
            (
                "6.2",
                "Voorkomen van dakloosheid",
                [("6.2.a", "Regionale noodopvang bij baanverlies", 2, True)],
            ),
        ],
    ),
    (
        "Governance",
        [
            (
                "7.1",
                "Regionale samenwerking",
                [("7.1.a", "Regionaal aanjaagteam en portefeuillehoudersoverleg", 1, False)],
            ),
            (
                "7.2",
                "Convenant met marktpartijen",
                [("7.2.a", "Jaarlijkse voortgangsrapportage convenant", 2, False)],
            ),
        ],
    ),
]
REASONS = [
    "Geen grootschalige werkgevers in de gemeente; past niet bij de lokale opgave.",
    "Eerst besluitvorming door de nieuwe raad afwachten.",
    "Wordt al lokaal op eigen wijze uitgevoerd.",
]


def load() -> int:
    """Create the demo programme once; returns the number of participations recorded."""
    from aanjager.demo.rivierenland import REGION_NAME
    from aanjager.programme import services
    from aanjager.programme.models import Programme

    if Programme.objects.filter(name=NAME).exists():
        return 0
    region = Region.objects.get(name=REGION_NAME)
    programme = services.create_programme(
        actor=None,
        is_demo=True,
        region=region,
        name=NAME,
        description="Synthetisch voorbeeld naar het uitvoeringsprogramma van Regio Rivierenland: 7 speerpunten, "
        "14 maatregelenpakketten, twee fasen; gemeenten haken per maatregel aan in hun eigen tempo (demo).",
    )
    phases = {
        number: services.add_phase(
            actor=None, programme=programme, number=number, name=name, starts_on=start, ends_on=end
        )
        for number, name, start, end in PHASES
    }
    measures = []
    for number, (spearhead_name, packages) in enumerate(SPEARHEADS, 1):
        spearhead = services.add_spearhead(
            actor=None, programme=programme, number=number, name=spearhead_name
        )
        for code, package_name, package_measures in packages:
            package = services.add_package(actor=None, spearhead=spearhead, code=code, name=package_name)
            for m_code, m_name, phase, optional in package_measures:
                measures.append(
                    services.add_measure(
                        actor=None,
                        package=package,
                        code=m_code,
                        name=m_name,
                        phase=phases[phase],
                        is_optional=optional,
                    )
                )
    return _decide(measures, list(region.municipalities.order_by("code")), phases[1])


def _decide(measures, municipalities, first_phase) -> int:
    from aanjager.programme import services

    rng = random.Random(2023)  # fixed: the demo looks the same every time
    count = 0
    for measure in measures:
        for municipality in municipalities:
            roll = rng.random()
            if measure.is_optional and roll < 0.15:
                fields = {"decision": "out", "reason": rng.choice(REASONS)}
            elif roll < 0.25:
                continue  # not decided yet
            else:
                done = measure.phase_id == first_phase.pk
                fields = {
                    "decision": "in",
                    "planned_start": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 540)),
                    "progress_percent": 100 if done else rng.choice([0, 10, 25, 40, 60, 75, 90]),
                }
                fields["planned_end"] = fields["planned_start"] + dt.timedelta(days=rng.randrange(90, 720))
            services.set_participation(actor=None, measure=measure, municipality=municipality, **fields)
            count += 1
    return count


def package(code: str):
    from aanjager.programme.models import MeasurePackage

    return MeasurePackage.objects.filter(spearhead__programme__name=NAME, code=code).first()
