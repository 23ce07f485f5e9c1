"""Synthetic housing locations for the demo region: ~60 (plus the four of the bed-voor-bed plan), plausible but invented, each marked "(demo)".

Deterministic (a fixed seed), with history: most entered the register between 2021 and 2024, some grew, some are
phasing out or closed, a few are still plans. Some fail the SNF norms on purpose (too little floor area, bunk beds,
three to a bedroom), so the norm pages have something to show.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from aanjager.geo.models import Municipality
from aanjager.locations import services
from aanjager.locations.models import Location
from aanjager.organisations.models import Organisation

# Municipality, weight (more locations where the fruit and logistics work is), postcode prefix.
PLACES = [
    ("GM1740", 14, "404", "Kesteren"),
    ("GM0214", 9, "402", "Buren"),
    ("GM0281", 9, "400", "Tiel"),
    ("GM0297", 8, "530", "Zaltbommel"),
    ("GM0216", 6, "410", "Culemborg"),
    ("GM0263", 6, "532", "Kerkdriel"),
    ("GM1960", 5, "421", "Geldermalsen"),
    ("GM0668", 3, "663", "Beneden-Leeuwen"),
]
STREETS = [
    "Dorpsstraat",
    "Kerkweg",
    "Provincialeweg",
    "Industrieweg",
    "Rijksstraatweg",
    "Waalbandijk",
    "Lingedijk",
    "Fruitlaan",
    "Hoogstraat",
    "Molenweg",
    "Stationsstraat",
    "Boomgaardweg",
]
FORMS = [  # form, weight, beds range, m² GBO per bed range
    ("building_units", 5, (24, 120), (10.5, 16)),
    ("regular_dwelling", 8, (4, 10), (11, 18)),
    ("hotel_pension", 3, (30, 90), (9, 16)),
    ("modular_units", 3, (40, 150), (12, 17)),
    ("recreation_site", 2, (20, 80), (10, 14)),
    ("seasonal_farm", 4, (8, 40), (9, 15)),
    ("room_in_family_home", 1, (2, 4), (14, 20)),
]
PROVIDERS = [
    "Flexwonen Waal & Linge (demo)",
    "Logiesgroep Bommelerwaard (demo)",
    "Seizoenshuisvesting Neder-Betuwe (demo)",
    "Woonstichting Lingestroom (demo)",
    "Betuwse Woonpartners (demo)",
]
EMPLOYERS = [
    "Fruitbedrijf De Linge (demo)",
    "Logistiek Centrum Tiel (demo)",
    "Kwekerij Maasoever (demo)",
    "Flexkracht Uitzendgroep (demo)",
]


def _pick(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


@transaction.atomic
def load(count: int = 60, seed: int = 2026) -> int:
    """Create the demo locations unless they exist; returns how many were created."""
    if Location.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    terms_rng = random.Random(seed + 1)  # tenancy terms: a second stream, so the locations stay as they were
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=[p[0] for p in PLACES])}
    providers = list(Organisation.objects.filter(name__in=PROVIDERS, is_demo=True).order_by("name"))
    employers = list(Organisation.objects.filter(name__in=EMPLOYERS, is_demo=True).order_by("name"))
    if not providers or len(municipalities) < len(PLACES):
        return 0  # the demo region itself is not loaded
    for number in range(1, count + 1):
        code, _weight, prefix, place = _pick(rng, PLACES, [p[1] for p in PLACES])
        form, _w, beds_range, area_range = _pick(rng, FORMS, [f[1] for f in FORMS])
        beds = rng.randint(*beds_range)
        per_room = 3 if rng.random() < 0.08 else (1 if rng.random() < 0.3 else 2)
        bedrooms = max(1, -(-beds // per_room))
        area = Decimal(f"{beds * rng.uniform(*area_range):.1f}")
        started = dt.date(rng.randint(2019, 2024), rng.randint(1, 12), 1)
        plan = rng.random() < 0.12
        street = rng.choice(STREETS)
        fields = {
            "name": f"{'Plan ' if plan else ''}{street} {number} (demo)",
            "street": street,
            "house_number": rng.randint(1, 180),
            "postcode": f"{prefix}{rng.randint(0, 9)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
            "place": place,
            "municipality": municipalities[code],
            "housing_form": form,
            "serves_short_stay": form in ("hotel_pension", "recreation_site", "seasonal_farm"),
            "serves_mid_stay": form in ("building_units", "modular_units", "hotel_pension"),
            "serves_long_stay": form in ("regular_dwelling", "room_in_family_home", "building_units"),
            "beds": beds,
            "bedrooms": bedrooms,
            "max_persons_per_bedroom": per_room,
            "floor_area_gbo": area,
            "bedroom_area": Decimal(f"{beds * rng.uniform(3.2, 6.0):.1f}"),
            "toilets": max(1, -(-beds // rng.choice([6, 8, 10]))),
            "showers": max(1, -(-beds // rng.choice([6, 8, 10]))),
            "bunk_beds": rng.random() < 0.07,
            "under_one_roof": form not in ("recreation_site",) or rng.random() < 0.5,
            "new_build": form in ("modular_units",) and started.year >= 2023,
            "operator": rng.choice(providers),
            "permit": "temporary"
            if form in ("modular_units", "recreation_site", "seasonal_farm")
            else "permanent",
            "permit_start": started,
            "permit_end": dt.date(started.year + rng.choice([5, 10, 15]), started.month, 1)
            if form in ("modular_units", "recreation_site", "seasonal_farm")
            else None,
            "is_confidential": form == "room_in_family_home",
            "is_demo": True,
        }
        fields.update(_tenancy_terms(terms_rng, employers))
        if plan:
            fields.update(
                status=rng.choice(["idea", "planned", "permit_applied", "permitted"]),
                expected_delivery=dt.date(2027, rng.randint(1, 12), 1),
                permit="none",
                permit_start=None,
                permit_end=None,
            )
            started = dt.date(2025, rng.randint(1, 12), 1)
        else:
            fields["status"] = "in_use"
        location = services.create_location(actor=None, effective=started, **fields)
        if employers and not plan:
            location.employers.set(rng.sample(employers, k=rng.randint(1, 2)))
        if plan:
            continue
        if rng.random() < 0.8:  # most are certified; some certificates have run out, some run out soon
            scheme = "akf" if form == "seasonal_farm" else "snf"
            services.create_certificate(
                actor=None,
                scheme=scheme,
                number=f"{scheme.upper()}-DEMO-{number:04d}",
                holder=location.operator,
                valid_from=started,
                valid_to=dt.date(rng.choice([2025, 2026, 2026, 2027, 2027]), rng.randint(1, 12), 28),
                locations=[location],
                is_demo=True,
            )
        if rng.random() < 0.3:  # grew later
            grown = beds + rng.randint(2, 12)  # in the same building: denser, which the norms may catch
            services.update_location(
                actor=None,
                location=location,
                beds=grown,
                bedrooms=max(1, -(-grown // per_room)),
                effective=dt.date(started.year + 1, rng.randint(1, 12), 1),
            )
        if rng.random() < 0.12:  # phased out or closed in 2025
            status = rng.choice(["phasing_out", "closed"])
            services.change_status(
                actor=None, location=location, status=status, effective=dt.date(2025, rng.randint(1, 10), 1)
            )
    _inspections(rng)
    _bed_plan(municipalities["GM1740"], providers)
    _local_rule(municipalities["GM0281"])
    return Location.objects.filter(is_demo=True).count()


def _local_rule(municipality) -> None:
    """Tiel asks more floor area in dwellings than the presets (a synthetic regulation, marked as demo)."""
    from aanjager.locations import norm_rule_services

    norm_rule_services.create_local_rule(
        actor=None,
        municipality=municipality,
        label="Vloeroppervlak per persoon in een woning (Tiel)",
        kind="area_per_person",
        threshold=Decimal(14),
        valid_from=dt.date(2025, 1, 1),
        housing_forms=["regular_dwelling", "room_in_family_home"],
        source="Huisvestingsverordening Tiel 2025, art. 4 (demo, verzonnen)",
        is_demo=True,
    )


def _tenancy_terms(rng, employers) -> dict:
    """Mostly in order; some run by the temp agency that employs the residents, some with rent by wage deduction
    above the cap or a short notice period, so the double-dependency indicators have something to show."""
    agency = next((e for e in employers if e.org_type == "temp_agency"), None)
    terms = {
        "separate_rental_contract": rng.random() < 0.9,
        "notice_days_after_job_loss": rng.choice([None, 7, 14, 28, 30, 30, 60]),
        "rent_payment": rng.choice(["", "invoice", "invoice", "wage_deduction"]),
        "rent_per_bed_week": Decimal(rng.randint(95, 165)),
    }
    if agency is not None and rng.random() < 0.15:
        terms["operator"] = agency
    return terms


def _bed_plan(municipality, providers) -> None:
    """One bed-voor-bed plan in progress: a recreation park and a room in a family home make way for modular units.
    The first step is done and in the register; in the second the new beds came but the park still has its old
    beds in the register (the check flags it); the third lies ahead."""
    from aanjager.locations import bed_plan_services

    provider = next(p for p in providers if p.name.startswith("Seizoenshuisvesting"))
    common = {"municipality": municipality, "operator": provider, "place": "Kesteren", "is_demo": True}
    park = services.create_location(
        actor=None,
        effective=dt.date(2019, 4, 1),
        name="Recreatiepark De Betuwse Hoeve (demo)",
        street="Hoevestraat",
        house_number=12,
        postcode="4041 HV",
        housing_form="recreation_site",
        beds=40,
        status="in_use",
        serves_short_stay=True,
        **common,
    )
    room = services.create_location(
        actor=None,
        effective=dt.date(2020, 6, 1),
        name="Kamers Molenweg (demo)",
        street="Molenweg",
        house_number=7,
        postcode="4041 MW",
        housing_form="room_in_family_home",
        beds=4,
        status="in_use",
        is_confidential=True,
        serves_long_stay=True,
        **common,
    )
    units = services.create_location(
        actor=None,
        effective=dt.date(2025, 3, 1),
        name="Flexwoningen Casterweg (demo)",
        street="Casterweg",
        house_number=3,
        postcode="4041 CW",
        housing_form="modular_units",
        beds=20,
        status="in_use",
        new_build=True,
        serves_mid_stay=True,
        **common,
    )
    services.update_location(actor=None, location=park, beds=20, effective=dt.date(2025, 3, 1))
    services.update_location(actor=None, location=units, beds=40, effective=dt.date(2026, 6, 1))
    later = services.create_location(
        actor=None,
        effective=dt.date(2026, 2, 1),
        name="Plan Logiesgebouw Spoorstraat (demo)",
        street="Spoorstraat",
        house_number=20,
        postcode="4041 SP",
        housing_form="building_units",
        beds=12,
        status="permitted",
        expected_delivery=dt.date(2027, 4, 1),
        **common,
    )
    plan = bed_plan_services.create_bed_plan(
        actor=None,
        name="Bed voor bed Kesteren 2025–2027 (demo)",
        provider=provider,
        municipality=municipality,
        agreed_on=dt.date(2024, 11, 15),
        notes="Synthetisch demoplan: het recreatiepark en kamers in gezinswoningen maken plaats voor flexwoningen.",
        is_demo=True,
    )
    for step in (
        {
            "old_location": park,
            "beds_out": 20,
            "out_on": dt.date(2025, 3, 1),
            "new_location": units,
            "beds_in": 20,
            "in_on": dt.date(2025, 3, 1),
            "status": "done",
        },
        {  # the new beds came, but the park still has its last 20 beds in the register
            "old_location": park,
            "beds_out": 20,
            "out_on": dt.date(2026, 6, 1),
            "new_location": units,
            "beds_in": 20,
            "in_on": dt.date(2026, 6, 1),
        },
        {
            "old_location": room,
            "beds_out": 4,
            "out_on": dt.date(2027, 4, 1),
            "new_location": later,
            "beds_in": 4,
            "in_on": dt.date(2027, 4, 1),
        },
    ):
        bed_plan_services.add_step(actor=None, plan=plan, **step)


def _inspections(rng) -> None:
    """About a third of the locations in use were visited; some were overcrowded and have actions, some overdue."""
    today = dt.date.today()
    for location in Location.objects.filter(is_demo=True, status="in_use").order_by("pk"):
        if rng.random() > 0.35:
            continue
        visited = today - dt.timedelta(days=rng.randint(20, 400))
        found = location.beds + (rng.randint(2, 8) if rng.random() < 0.3 else -rng.randint(0, 3))
        inspection = services.record_inspection(
            actor=None,
            location=location,
            visited_on=visited,
            found_occupancy=max(found, 0),
            fire_safety_remarks=rng.choice(
                ["", "", "Vluchtweg geblokkeerd door fietsen.", "Rookmelders ontbreken op zolder."]
            ),
            notes="Synthetisch demobezoek.",
            is_demo=True,
        )
        if inspection.overcrowded or inspection.fire_safety_remarks:
            kind = rng.choice(["warning", "order_with_penalty", "reinspection"])
            services.add_follow_up(
                actor=None,
                inspection=inspection,
                kind=kind,
                deadline=visited + dt.timedelta(days=rng.choice([14, 30, 60, 90])),
                penalty_amount=Decimal("2500") if kind == "order_with_penalty" else None,
                notes="Synthetische demo-actie.",
            )
