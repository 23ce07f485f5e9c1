"""The national data set of benchmarks/load_national.py, on top of what benchmarks/locations_register.py loads.

locations_register.load() makes the 342 municipalities' organisations, the COROP areas as regions, the operators,
20,000 locations with their history, certificates, 100,000 inspections with follow-ups and the policy advisor of
the municipality with the most locations. This module adds, with bulk_create and a fixed seed:

- a region of the advisor's province, coordinated by a regional coordinator who signs in with a TOTP device
  (two-factor stays on, as in production). No region of all 342 municipalities: a municipality's users see every
  region their municipality is in, so that would make every user's area the whole country;
- 10 years (2016–2025) of finished, published estimate runs with a row per municipality for each COROP region
  (together all 342 municipalities) and the province, and a growth scenario on each latest run (housing task);
- agreements: three per COROP region and two for the province, with their municipalities, operators and employers
  as parties; the commitments (2,000 by default) spread over all 342 municipalities; progress updates;
- a regional programme (phases, spearheads, packages, measures) for the province and each COROP region, with every
  municipality's decision on every measure (the matrix);
- published progress reports of the province (/voortgang/), made by the report service;
- API tokens for the advisor and the coordinator.
"""

import datetime as dt
import random
import time

COORDINATOR = "bench-coordinator"
PASSWORD = "benchmark-wachtwoord-lang-genoeg-42"  # the same as locations_register's advisor
YEARS = range(2016, 2026)


def load(args, advisor_username: str) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from aanjager.accounts import services as account_services
    from aanjager.accounts.models import Role, User
    from aanjager.accounts.two_factor import DEVICE_NAME
    from aanjager.geo.models import Municipality, Region
    from aanjager.organisations.models import Organisation

    rng = random.Random(args.seed + 1)
    today = timezone.localdate()
    started = time.perf_counter()

    def step(text):
        print(f"  {text} ({time.perf_counter() - started:.0f} s)", flush=True)

    municipalities = list(Municipality.objects.order_by("code"))
    councils = {o.seat_municipality_id: o for o in Organisation.objects.filter(org_type="municipality")}
    advisor = User.objects.get(username=advisor_username)
    home = advisor.memberships.select_related("organisation").get().organisation.seat_municipality
    corop = list(Region.objects.filter(name__startswith="COROP ").prefetch_related("municipalities"))

    with transaction.atomic():
        province = Region.objects.create(
            name=f"Provincie {home.province.name} (benchmark)",
            region_type=Region.Type.COOPERATION,
            valid_from=dt.date(2025, 1, 1),
        )
        province.municipalities.set([m for m in municipalities if m.province_id == home.province_id])
        members = {r.pk: list(r.municipalities.all()) for r in corop}
        members[province.pk] = list(province.municipalities.all())

        coordinator = account_services.create_user(actor=None, username=COORDINATOR, password=PASSWORD)
        account_services.create_membership(
            actor=None,
            user=coordinator,
            organisation=councils[home.pk],
            role=Role.REGIONAL_COORDINATOR,
            region=province,
        )
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from rest_framework.authtoken.models import Token

        TOTPDevice.objects.create(user=coordinator, name=DEVICE_NAME, confirmed=True)
        for user in (advisor, coordinator):
            Token.objects.create(user=user)
        employers = Organisation.objects.bulk_create(
            Organisation(
                name=f"Werkgever {rng.choice(['Agro', 'Logistiek', 'Food', 'Kas', 'Distributie'])} {i}",
                org_type="employer",
                corner="employer",
                seat_municipality=rng.choice(municipalities),
            )
            for i in range(300)
        )
        step(f"province region ({len(members[province.pk])} municipalities), coordinator, tokens")

        scenarios = _estimates(rng, today, municipalities, [province, *corop], members, councils)
        step(f"{len(YEARS)} years of estimates for {len(corop) + 1} regions, {len(scenarios)} scenarios")
        count = _agreements(args, rng, today, [province, *corop], members, councils, employers, scenarios)
        step(f"{count:,} commitments with their progress updates")
        count = _programmes(rng, today, [province, *corop], members)
        step(f"{len(corop) + 1} programmes, {count:,} participations")

    from aanjager.agreements import report_services

    for months in (9, 6, 3, 0):  # quarterly reports of the province, each compared with the one before
        day = today.replace(day=1) - dt.timedelta(days=30 * months)
        report = report_services.generate_report(actor=None, region=province, reference_date=day)
        if report.pdf:
            report_services.publish_report(actor=None, report=report)
    step("4 progress reports of the province")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("vacuumed and analysed")


def _estimates(rng, today, municipalities, regions, members, councils) -> dict:
    """Finished runs for every year with a row per municipality; a scenario on each region's latest run."""
    from django.utils import timezone

    from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario

    # A municipality's workers grow by its own yearly rate; every region's run agrees on the same municipality.
    base = {m.pk: (rng.lognormvariate(6.5, 1.0), rng.uniform(-0.02, 0.08)) for m in municipalities}
    runs = []
    for region in regions:
        for year in YEARS:
            finished = timezone.make_aware(dt.datetime(year + 1, 3, 1, 10, 0))
            runs.append(
                EstimateRun(
                    title=f"Schatting {region.name} {year}",
                    region=region,
                    organisation=councils[members[region.pk][0].pk],
                    year=year,
                    definition_code="eu11",
                    status=EstimateRun.Status.DONE,
                    progress=1.0,
                    started_at=finished,
                    finished_at=finished,
                    in_scope=0,
                    seconds=3.2,
                    is_published=True,
                    published_at=finished,
                )
            )
    EstimateRun.objects.bulk_create(runs, batch_size=1000)
    rows = []
    for run in runs:
        for m in members[run.region_id]:
            level, growth = base[m.pk]
            workers = max(0, int(level * (1 + growth) ** (run.year - 2016)))
            short, mid = int(workers * 0.3), int(workers * 0.3)
            living = int(workers * 0.8)
            rows.append(
                EstimateRow(
                    run=run,
                    municipality=m,
                    workers=workers,
                    workers_short=short,
                    workers_mid=mid,
                    workers_long=workers - short - mid,
                    residents_brp=living // 2,
                    residents_rni_assigned=living / 4,
                    estimate_low=int(living * 0.8),
                    estimate_central=living,
                    estimate_high=int(living * 1.3),
                )
            )
    EstimateRow.objects.bulk_create(rows, batch_size=5000)
    latest = [run for run in runs if run.year == YEARS[-1]]
    scenarios = Scenario.objects.bulk_create(
        Scenario(
            run=run,
            name="Groei",
            growth_low=0,
            growth_central=2,
            growth_high=4,
            organisation=run.organisation,
        )
        for run in latest
    )
    return {s.run.region_id: s for s in scenarios}


def _agreements(args, rng, today, regions, members, councils, employers, scenarios) -> int:
    from aanjager.agreements.models import Agreement, AgreementParty, Commitment, ProgressUpdate
    from aanjager.organisations.models import Organisation

    operators = list(
        Organisation.objects.filter(corner="housing_provider").only("pk", "seat_municipality_id")
    )
    kinds = [
        ("regional_covenant", "Convenant huisvesting arbeidsmigranten"),
        ("administrative_agreement", "Bestuursakkoord"),
        ("performance_agreement", "Prestatieafspraken"),
    ]
    agreements, party_sets = [], []
    for region in regions:
        for agreement_type, title in kinds[: 2 if region is regions[0] else 3]:
            agreements.append(
                Agreement(
                    title=f"{title} {region.name}",
                    agreement_type=agreement_type,
                    region=region,
                    signed_on=dt.date(rng.randint(2021, 2024), rng.randint(1, 12), 1),
                    description="Synthetische afspraak (benchmark).",
                )
            )
            local = [councils[m.pk] for m in members[region.pk]]
            party_sets.append(local + rng.sample(operators, 6) + rng.sample(employers, 4))
    Agreement.objects.bulk_create(agreements)
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, organisation=o, corner=o.corner, signed_on=a.signed_on)
        for a, parties in zip(agreements, party_sets, strict=True)
        for o in parties
    )
    commitments = []
    # Round-robin over the municipalities of every region, so that all 342 get commitments.
    slots = [
        (a, m, parties)
        for a, parties in zip(agreements, party_sets, strict=True)
        for m in members[a.region_id]
    ]
    rng.shuffle(slots)
    for number in range(args.commitments):
        agreement, municipality, parties = slots[number % len(slots)]
        kind = rng.choices(["beds", "location", "measure", "policy_step"], [7, 1, 1, 1])[0]
        due = agreement.signed_on + dt.timedelta(days=rng.randint(365, 5 * 365))
        commitments.append(
            Commitment(
                agreement=agreement,
                organisation=councils[municipality.pk] if rng.random() < 0.7 else rng.choice(parties),
                kind=kind,
                stay_class=rng.choice(["short", "mid", "long"]) if kind == "beds" else "",
                description=f"{'Bedden' if kind == 'beds' else 'Toezegging'} {municipality.name} {number}",
                target=rng.randint(20, 400) if kind == "beds" else rng.randint(1, 5),
                municipality=municipality,
                starts_on=agreement.signed_on,
                due_on=due,
                scenario=scenarios.get(agreement.region_id) if kind == "beds" else None,
            )
        )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    updates = []
    for c in commitments:
        day, delivered, pace = c.starts_on, 0, rng.uniform(0.3, 1.3)
        span = max(1, (c.due_on - c.starts_on).days)
        while True:
            day += dt.timedelta(days=rng.randint(60, 150))
            if day >= today:
                break
            delivered = min(c.target, max(delivered, int(c.target * pace * (day - c.starts_on).days / span)))
            review = rng.choices(["accepted", "pending", "rejected"], [16, 3, 1])[0]
            updates.append(
                ProgressUpdate(
                    commitment=c,
                    reported_on=day,
                    delivered=delivered,
                    narrative="Synthetische voortgang.",
                    organisation_id=c.organisation_id,
                    review=review,
                )
            )
    ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
    return len(commitments)


def _programmes(rng, today, regions, members) -> int:
    from aanjager.programme.models import Measure, MeasurePackage, Participation, Phase, Programme, Spearhead

    programmes = Programme.objects.bulk_create(
        Programme(region=r, name=f"Uitvoeringsprogramma {r.name}", description="Synthetisch.")
        for r in regions
    )
    phases = Phase.objects.bulk_create(
        Phase(programme=p, number=n, name=name, starts_on=start)
        for p in programmes
        for n, name, start in (
            (1, "Kwartiermaken", dt.date(2022, 1, 1)),
            (2, "Structureel", dt.date(2024, 1, 1)),
        )
    )
    spearheads = Spearhead.objects.bulk_create(
        Spearhead(programme=p, number=n, name=f"Speerpunt {n}") for p in programmes for n in range(1, 8)
    )
    packages = MeasurePackage.objects.bulk_create(
        MeasurePackage(spearhead=s, code=f"{s.number}.{k}", name=f"Pakket {s.number}.{k}")
        for s in spearheads
        for k in (1, 2)
    )
    phase_of = {(ph.programme_id, ph.number): ph for ph in phases}
    measures = Measure.objects.bulk_create(
        Measure(
            package=pk,
            code=f"{pk.code}.{letter}",
            name=f"Maatregel {pk.code}.{letter}",
            phase=phase_of[(pk.spearhead.programme_id, 1 if letter == "a" else 2)],
            is_optional=rng.random() < 0.7,
        )
        for pk in packages
        for letter in "ab"[: rng.choice([1, 2])]
    )
    participations = []
    for measure in measures:
        for m in members[measure.package.spearhead.programme.region_id]:
            decision = rng.choices(["in", "undecided", "out"], [6, 3, 1 if measure.is_optional else 0])[0]
            participations.append(
                Participation(
                    measure=measure,
                    municipality=m,
                    decision=decision,
                    reason="Past niet bij de lokale opgave." if decision == "out" else "",
                    planned_start=dt.date(2024, rng.randint(1, 12), 1) if decision == "in" else None,
                    progress_percent=rng.choice([0, 10, 25, 50, 75, 100]) if decision == "in" else 0,
                )
            )
    Participation.objects.bulk_create(participations, batch_size=5000)
    return len(participations)
