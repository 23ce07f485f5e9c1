"""Synthetic housing locations for the demo region: ~60, plausible but invented, each marked "(demo)".

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
    return count


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
