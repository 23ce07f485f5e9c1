"""Demo agreements for Rivierenland (synthetic, labelled "(demo)"): the covenant with market parties of July 2023
(seed 004), ~20 commitments that show every status today, an aanjaagteam with one corner missing, two meetings
with action items, and progress reports. Dates are relative to the day the demo is loaded, so every status shows.
"""

import datetime as dt

from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Organisation

COVENANT = "Convenant huisvesting arbeidsmigranten Rivierenland (demo)"
PERFORMANCE = "Prestatieafspraken Tiel – Woonstichting Lingestroom 2025 (demo)"
TEAM = "Aanjaagteam Rivierenland (demo)"

# Who signed the covenant; "Kwekerij Maasoever" is a party that has not signed, "Betuwse Woonpartners" and
# "Flexkracht Uitzendgroep" are not parties at all: the engagement board shows them.
PARTIES = [
    ("Regio Rivierenland – regiokantoor (demo)", True),
    ("Gemeente Buren (demo)", True),
    ("Gemeente Culemborg (demo)", True),
    ("Gemeente Maasdriel (demo)", True),
    ("Gemeente Neder-Betuwe (demo)", True),
    ("Gemeente Tiel (demo)", True),
    ("Gemeente West Betuwe (demo)", True),
    ("Gemeente West Maas en Waal (demo)", True),
    ("Gemeente Zaltbommel (demo)", True),
    ("Woonstichting Lingestroom (demo)", True),
    ("Flexwonen Waal & Linge (demo)", True),
    ("Logiesgroep Bommelerwaard (demo)", True),
    ("Seizoenshuisvesting Neder-Betuwe (demo)", True),
    ("Fruitbedrijf De Linge (demo)", True),
    ("Logistiek Centrum Tiel (demo)", True),
    ("Kwekerij Maasoever (demo)", False),
]

# (party, kind, stay class, description, target, municipality code, status to show today)
COMMITMENTS = [
    (
        "Flexwonen Waal & Linge (demo)",
        "beds",
        "short",
        "120 bedden short stay Medel",
        120,
        "GM0281",
        "on_track",
    ),
    ("Flexwonen Waal & Linge (demo)", "beds", "mid", "80 bedden mid stay Culemborg", 80, "GM0216", "at_risk"),
    ("Flexwonen Waal & Linge (demo)", "beds", "mid", "40 bedden mid stay Geldermalsen", 40, "GM1960", "done"),
    (
        "Logiesgroep Bommelerwaard (demo)",
        "beds",
        "short",
        "60 bedden short stay Zaltbommel",
        60,
        "GM0297",
        "overdue",
    ),
    (
        "Logiesgroep Bommelerwaard (demo)",
        "beds",
        "mid",
        "50 bedden mid stay Kerkdriel",
        50,
        "GM0263",
        "no_update",
    ),
    (
        "Seizoenshuisvesting Neder-Betuwe (demo)",
        "beds",
        "short",
        "90 seizoensbedden Opheusden",
        90,
        "GM1740",
        "on_track",
    ),
    (
        "Seizoenshuisvesting Neder-Betuwe (demo)",
        "beds",
        "mid",
        "30 bedden mid stay Kesteren",
        30,
        "GM1740",
        "done",
    ),
    (
        "Woonstichting Lingestroom (demo)",
        "beds",
        "long",
        "24 woningen long stay Tiel",
        24,
        "GM0281",
        "at_risk",
    ),
    (
        "Woonstichting Lingestroom (demo)",
        "beds",
        "long",
        "16 woningen long stay Buren",
        16,
        "GM0214",
        "on_track",
    ),
    (
        "Fruitbedrijf De Linge (demo)",
        "beds",
        "short",
        "45 bedden op eigen terrein, Buren",
        45,
        "GM0214",
        "overdue",
    ),
    ("Fruitbedrijf De Linge (demo)", "measure", "", "Huur los van arbeidscontract", 1, "GM0214", "done"),
    (
        "Logistiek Centrum Tiel (demo)",
        "beds",
        "mid",
        "100 bedden mid stay bij DC Medel",
        100,
        "GM0281",
        "no_update",
    ),
    (
        "Logistiek Centrum Tiel (demo)",
        "measure",
        "",
        "Bijdrage aan flexpool huisvesting",
        1,
        "GM0281",
        "on_track",
    ),
    (
        "Gemeente Tiel (demo)",
        "location",
        "",
        "Twee locaties voor tijdelijke huisvesting",
        2,
        "GM0281",
        "at_risk",
    ),
    ("Gemeente Tiel (demo)", "policy_step", "", "Huisvestingsverordening aangepast", 1, "GM0281", "done"),
    (
        "Gemeente Zaltbommel (demo)",
        "location",
        "",
        "Locatie short stay bedrijventerrein",
        1,
        "GM0297",
        "overdue",
    ),
    (
        "Gemeente Buren (demo)",
        "policy_step",
        "",
        "Beleidsregel logiesgebouwen vastgesteld",
        1,
        "GM0214",
        "no_update",
    ),
    (
        "Gemeente Culemborg (demo)",
        "location",
        "",
        "Transformatie kantoorpand tot logies",
        1,
        "GM0216",
        "on_track",
    ),
    (
        "Gemeente West Maas en Waal (demo)",
        "policy_step",
        "",
        "Registratie in BRP via gemeentebalie",
        1,
        "GM0668",
        "done",
    ),
    (
        "Gemeente Maasdriel (demo)",
        "policy_step",
        "",
        "Handhavingsprotocol huisvesting",
        1,
        "GM0263",
        "at_risk",
    ),
    (
        "Kwekerij Maasoever (demo)",
        "beds",
        "short",
        "35 bedden seizoenspieken Heerewaarden",
        35,
        "GM0263",
        "overdue",
    ),
]


def _plan(status: str, target: int, today: dt.date, signed: dt.date):
    """Dates and updates that give `status` today: (starts_on, due_on, [(reported_on, delivered)])."""
    start = max(signed, today - dt.timedelta(days=400))
    days = dt.timedelta
    if status == "done":
        return start, today + days(200), [(today - days(120), target // 2), (today - days(30), target)]
    if status == "on_track" and (target * 6 + 9) // 10 >= target:  # a single measure: nothing expected yet
        return today - days(30), today + days(400), [(today - days(20), 0)]
    if status == "on_track":
        return (
            start,
            today + days(400),
            [(today - days(150), target // 4), (today - days(20), (target * 6 + 9) // 10)],
        )
    if status == "at_risk":
        return start, today + days(400), [(today - days(150), 0), (today - days(25), target // 10)]
    if status == "overdue":
        return start, today - days(45), [(today - days(60), (target * 6) // 10)]
    if status == "no_update":
        return start, today + days(500), [(today - days(150), (target * 3) // 10)]
    raise ValueError(status)


def load() -> int:
    """Create the demo agreements once; returns the number of commitments created."""
    from aanjager.agreements import notify
    from aanjager.agreements.models import Agreement

    if Agreement.objects.filter(title=COVENANT).exists():
        return 0
    with notify.collected():  # one check at the end instead of a background task per update
        created = _load()
    notify.check_commitments(send_email=False)  # synthetic people get no mail
    return created


def _load() -> int:
    from aanjager.agreements import services, team_services

    region = Region.objects.get(name__iexact="Regio Rivierenland")
    orgs = {o.name: o for o in Organisation.objects.filter(is_demo=True)}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__startswith="GM")}
    today = dt.date.today()
    signed = dt.date(2023, 7, 1)

    covenant = services.create_agreement(
        actor=None,
        is_demo=True,
        title=COVENANT,
        agreement_type="regional_covenant",
        region=region,
        signed_on=signed,
        description=(
            "Synthetisch voorbeeld naar het convenant met marktpartijen van juli 2023: gemeenten, huisvesters en "
            "werkgevers spreken aantallen bedden, locaties en maatregelen af, met een evenwichtige verdeling over "
            "de acht gemeenten en huisvesting dicht bij het werk."
        ),
    )
    for name, has_signed in PARTIES:
        services.add_party(
            actor=None, agreement=covenant, organisation=orgs[name], signed_on=signed if has_signed else None
        )

    from aanjager.demo.rivierenland import DEMO_SCENARIO_NAME
    from aanjager.estimates.models import Scenario

    scenario = Scenario.objects.filter(name=DEMO_SCENARIO_NAME).first()  # beds count toward the housing task
    created = []
    for org, kind, stay, description, target, code, status in COMMITMENTS:
        starts_on, due_on, updates = _plan(status, target, today, signed)
        commitment = services.create_commitment(
            actor=None,
            agreement=covenant,
            is_demo=True,
            organisation=orgs[org],
            kind=kind,
            stay_class=stay,
            description=f"{description} (demo)",
            target=target,
            municipality=municipalities[code],
            starts_on=starts_on,
            due_on=due_on,
            scenario=scenario if kind == "beds" else None,
        )
        for number, (day, delivered) in enumerate(updates):
            update = services.report_progress(
                actor=None,
                commitment=commitment,
                reported_on=max(day, signed),
                delivered=delivered,
                narrative="Synthetische voortgangsmelding (demo).",
            )
            if number < len(updates) - 1 or status == "done":
                services.review_update(actor=None, update=update, review="accepted")
        created.append(commitment)

    _milestones(created, today)
    _performance_agreement(orgs, municipalities, today)
    team = _team(region, orgs, today)
    _meetings(region, orgs, created, today)
    team_services.escalate(
        actor=None,
        team=team,
        organisation=orgs["Kwekerij Maasoever (demo)"],
        level="portfolio_holder",
        reason="Heeft het convenant na drie gesprekken nog niet getekend (demo).",
        escalated_on=today - dt.timedelta(days=14),
    )
    _reports(region, today)
    return len(created)


def _milestones(commitments, today) -> None:
    from aanjager.agreements import services

    first = commitments[0]  # 120 bedden Medel: permit applied and granted, construction not started (late)
    services.record_milestone(
        actor=None, commitment=first, key="permit_applied", achieved_on=today - dt.timedelta(days=300)
    )
    services.record_milestone(
        actor=None, commitment=first, key="permit_granted", achieved_on=today - dt.timedelta(days=60)
    )


def _performance_agreement(orgs, municipalities, today) -> None:
    from aanjager.agreements import services

    agreement = services.create_agreement(
        actor=None,
        is_demo=True,
        title=PERFORMANCE,
        agreement_type="performance_agreement",
        municipalities=[municipalities["GM0281"]],
        signed_on=dt.date(2025, 1, 15),
        description="Synthetisch voorbeeld van prestatieafspraken over long-stay woningen (demo).",
    )
    for name in ("Gemeente Tiel (demo)", "Woonstichting Lingestroom (demo)"):
        services.add_party(
            actor=None, agreement=agreement, organisation=orgs[name], signed_on=dt.date(2025, 1, 15)
        )
    services.create_commitment(
        actor=None,
        agreement=agreement,
        is_demo=True,
        organisation=orgs["Woonstichting Lingestroom (demo)"],
        kind="beds",
        stay_class="long",
        description="10 procent van de vrijkomende sociale huurwoningen voor long stay (demo)",
        target=12,
        municipality=municipalities["GM0281"],
        due_on=today + dt.timedelta(days=365),
    )


def _team(region, orgs, today):
    from aanjager.agreements import team_services

    team = team_services.create_team(
        actor=None,
        is_demo=True,
        region=region,
        name=TEAM,
        target_date=today + dt.timedelta(days=180),
        notes="Synthetisch aanjaagteam; de werkgevershoek ontbreekt nog (demo).",
    )
    team_services.add_member(
        actor=None,
        team=team,
        organisation=orgs["Gemeente Tiel (demo)"],
        name="Wethouder Tiel (demo)",
        job_title="Wethouder wonen",
    )
    team_services.add_member(
        actor=None,
        team=team,
        organisation=orgs["Woonstichting Lingestroom (demo)"],
        name="Directeur-bestuurder Lingestroom (demo)",
        job_title="Directeur-bestuurder",
    )
    team_services.update_team(
        actor=None, team=team, roles_done=["promote", "address_parties", "connect_parties"]
    )
    members = list(team.members.all())
    team_services.add_contact(
        actor=None,
        team=team,
        organisation=orgs["Betuwse Woonpartners (demo)"],
        contacted_on=today - dt.timedelta(days=40),
        channel="meeting",
        summary="Wil meedoen bij een concrete locatie; wacht op de verdeling van de opgave (demo).",
        next_step="Locatievoorstel bespreken",
        next_step_on=today + dt.timedelta(days=21),
        owner=members[1],
    )
    team_services.add_contact(
        actor=None,
        team=team,
        organisation=orgs["Kwekerij Maasoever (demo)"],
        contacted_on=today - dt.timedelta(days=30),
        channel="phone",
        summary="Tekent niet zolang de vergunning voor huisvesting op eigen terrein niet rond is (demo).",
        next_step="Gesprek met wethouder Maasdriel",
        next_step_on=today - dt.timedelta(days=3),
        owner=members[0],
    )
    return team


def _meetings(region, orgs, commitments, today) -> None:
    from aanjager.agreements import meeting_services

    past = meeting_services.create_meeting(
        actor=None,
        is_demo=True,
        region=region,
        kind="administrative",
        title="Bestuurlijk overleg arbeidsmigratie Rivierenland (demo)",
        held_on=today - dt.timedelta(days=35),
        place="Tiel, regiokantoor",
        participants=[
            orgs[n]
            for n in (
                "Gemeente Tiel (demo)",
                "Gemeente Zaltbommel (demo)",
                "Woonstichting Lingestroom (demo)",
                "Flexwonen Waal & Linge (demo)",
                "Logistiek Centrum Tiel (demo)",
            )
        ],
        attendees="Wethouders van de acht gemeenten (demo)\nKwartiermaker arbeidsmigratie (demo)",
        agenda="1. Voortgang convenant\n2. Verdeling van de opgave\n3. Achterblijvende partijen",
        decisions="De regio stelt de verdeling per gemeente vast in het volgende overleg.\nHet aanjaagteam spreekt Kwekerij Maasoever aan.",
    )
    meeting_services.add_action_item(
        actor=None,
        meeting=past,
        description="Locatie short stay Zaltbommel opnieuw agenderen",
        owner=orgs["Gemeente Zaltbommel (demo)"],
        due_on=today - dt.timedelta(days=5),
        commitment=commitments[15],
    )
    item = meeting_services.add_action_item(
        actor=None,
        meeting=past,
        description="Vergunningaanvraag Medel indienen",
        owner=orgs["Flexwonen Waal & Linge (demo)"],
        due_on=today - dt.timedelta(days=20),
        commitment=commitments[0],
    )
    meeting_services.update_action_item(actor=None, item=item, status="done")
    upcoming = meeting_services.create_meeting(
        actor=None,
        is_demo=True,
        region=region,
        kind="network",
        title="Netwerkbijeenkomst huisvesting dicht bij het werk (demo)",
        held_on=today + dt.timedelta(days=28),
        place="Zaltbommel",
        participants=[
            orgs[n]
            for n in (
                "Fruitbedrijf De Linge (demo)",
                "Kwekerij Maasoever (demo)",
                "Logiesgroep Bommelerwaard (demo)",
            )
        ],
        agenda="1. Ervaringen met huisvesting op eigen terrein\n2. Bed-voor-bed in de praktijk",
    )
    meeting_services.add_action_item(
        actor=None,
        meeting=upcoming,
        description="Sprekers uitnodigen",
        owner=orgs["Regio Rivierenland – regiokantoor (demo)"],
        owner_name="Kwartiermaker (demo)",
        due_on=today + dt.timedelta(days=28),
    )


def _reports(region, today) -> None:
    from aanjager.agreements import report_services

    report_services.generate_report(
        actor=None, region=region, reference_date=today - dt.timedelta(days=91), is_demo=True
    )
    report_services.generate_report(actor=None, region=region, reference_date=today, is_demo=True)
