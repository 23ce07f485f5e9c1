"""Benchmark: the public register and a municipality's location list at national scale, on PostgreSQL (issue 4).

Target (issue 4): with 20,000 locations and 100,000 inspections, the public register search and a municipality's
location list answer in p95 ≤ 150 ms on PostgreSQL.

The command makes its own database (aanjager_bench_locations on 127.0.0.1:5432, user postgres), migrates it (the
migrations ship the 342 municipalities of 2025) and fills it with synthetic, seeded data through bulk_create:
one municipality organisation per municipality, the COROP areas as regions, ~2,000 operators, the locations with
their history rows (LocationVersion, as services.create_location and change_status/update_location write them),
certificates, inspections and follow-ups. Audit entries are not written: these pages do not read them.
With --keep-db a database that already holds the same data set is reused.

It then serves the project with gunicorn (production settings, DEBUG off, one sync worker) on loopback and sends
sequential requests, a bounded number per endpoint and at most --time-cap seconds each, to the register page, the
open-data API and a policy advisor's location list, plus the anonymous landing page as the baseline (no database
query; the project has no health-check view). Queries per request come from one in-process request per endpoint
(django.test.utils.CaptureQueriesContext). No timed assertions: it prints figures.

The server runs with production's AANJAGER_DB_CONN_MAX_AGE=60 (connections kept between requests) unless
--conn-max-age is given (0 = a new PostgreSQL connection per request); --indexes adds candidate indexes with raw SQL; --explain prints each page's slowest plan.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

DB_NAME = "aanjager_bench_locations"
SERVER = "postgres://postgres@127.0.0.1:5432"
TARGET_MS = 150
PASSWORD = "benchmark-wachtwoord-lang-genoeg-42"
USERNAME = "bench-beleid"
SEARCH = "logies"  # part of ~1 in 10 operator names and of some location names

# Candidate indexes, made with raw SQL by --indexes (and dropped again without it) so their effect can be measured
# without a migration. Name → SQL. At 20,000 locations none changed a page's time measurably (benchmarks/README.md):
# the register's work is the join with valid certificates over all locations in use, which no index narrows.
INDEXES = {
    "bench_location_status_municipality": (
        "CREATE INDEX IF NOT EXISTS bench_location_status_municipality "
        "ON locations_location (status, municipality_id)"
    ),
    "bench_certificate_valid": (
        "CREATE INDEX IF NOT EXISTS bench_certificate_valid ON locations_certificate (valid_to, valid_from)"
    ),
    "bench_locationversion_location_open": (
        "CREATE INDEX IF NOT EXISTS bench_locationversion_location_open "
        "ON locations_locationversion (location_id, valid_from, valid_to)"
    ),
}

STREETS = [
    "Dorpsstraat",
    "Kerkweg",
    "Provincialeweg",
    "Industrieweg",
    "Rijksstraatweg",
    "Havenweg",
    "Dijkweg",
    "Fruitlaan",
    "Hoogstraat",
    "Molenweg",
    "Stationsstraat",
    "Tuinbouwweg",
    "Veilingweg",
    "Kassenweg",
    "Nieuwstraat",
    "Parallelweg",
]
NAME_WORDS = ["Woning", "Units", "Pension", "Park", "Hof", "Logies", "Huize", "Complex"]
OPERATOR_WORDS = [
    "Flexwonen",
    "Logies",
    "Huisvesting",
    "Woonservice",
    "Short Stay",
    "Werknemershuisvesting",
    "Expat Housing",
    "Verblijf",
    "Pension",
    "Tijdelijk Wonen",
]
OPERATOR_SUFFIXES = ["B.V.", "BV", "Holding B.V.", "V.O.F.", ""]
FORMS = [  # form, weight, beds range, m² GBO per bed range
    ("building_units", 5, (24, 120), (10.5, 16)),
    ("regular_dwelling", 10, (4, 10), (11, 18)),
    ("hotel_pension", 3, (30, 90), (9, 16)),
    ("modular_units", 3, (40, 150), (12, 17)),
    ("recreation_site", 2, (20, 80), (10, 14)),
    ("seasonal_farm", 4, (8, 40), (9, 15)),
    ("room_in_family_home", 1, (2, 4), (14, 20)),
    ("other", 1, (4, 20), (10, 16)),
]
# Status of the location today, weight. ~60 % in use.
STATUSES = [
    ("in_use", 60),
    ("idea", 3),
    ("planned", 4),
    ("permit_applied", 4),
    ("permitted", 3),
    ("under_construction", 3),
    ("phasing_out", 5),
    ("closed", 14),
    ("rejected", 4),
]
PLANS = {"idea", "planned", "permit_applied", "permitted", "under_construction", "rejected"}


# ---------------------------------------------------------------------------------------------------------------
# The database


def admin_sql(*statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as con:
        for statement in statements:
            con.execute(statement)


def database_exists() -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as con:
        return con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone() is not None


def recreate_database() -> None:
    admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)', f'CREATE DATABASE "{DB_NAME}"')


def data_set(args) -> str:
    # Bump "generator" when load() changes, so that --keep-db does not reuse data made by an older version.
    return json.dumps(
        {"generator": 2, "locations": args.locations, "inspections": args.inspections, "seed": args.seed}
    )


def loaded_data_set() -> str | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_data_set')")
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute("SELECT description FROM bench_data_set")
        row = cursor.fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------------------------------------------------------
# Synthetic data


def load(args) -> None:
    """Fill the migrated database with the synthetic data set and the signed-in user."""
    from django.db import connection, transaction
    from django.utils import timezone

    from aanjager.accounts import services as account_services
    from aanjager.accounts.models import Role
    from aanjager.geo.models import Municipality, Region
    from aanjager.locations.models import Certificate, FollowUp, Inspection, Location, LocationVersion
    from aanjager.organisations.models import Organisation

    rng = random.Random(args.seed)
    today = timezone.localdate()
    municipalities = list(Municipality.objects.order_by("code"))
    if len(municipalities) != 342:
        raise SystemExit(
            f"expected the 342 municipalities of 2025 from the migrations, found {len(municipalities)}"
        )
    started = time.perf_counter()

    def step(text):
        print(f"  {text} ({time.perf_counter() - started:.0f} s)", flush=True)

    with transaction.atomic():
        # The COROP areas as regions: a municipality's users see their own municipality and its region.
        corop = {}
        for m in municipalities:
            corop.setdefault((m.corop_code, m.corop_name), []).append(m)
        regions = Region.objects.bulk_create(
            Region(name=f"COROP {name}", region_type=Region.Type.COOPERATION, valid_from=dt.date(2025, 1, 1))
            for (_code, name) in corop
        )
        Region.municipalities.through.objects.bulk_create(
            Region.municipalities.through(region_id=region.pk, municipality_id=m.pk)
            for region, members in zip(regions, corop.values(), strict=True)
            for m in members
        )
        councils = {
            m.pk: org
            for m, org in zip(
                municipalities,
                Organisation.objects.bulk_create(
                    Organisation(
                        name=f"Gemeente {m.name}",
                        org_type="municipality",
                        corner="municipality",
                        seat_municipality=m,
                    )
                    for m in municipalities
                ),
                strict=True,
            )
        }
        # Where labour-migrant housing is: very uneven (a few municipalities hold hundreds of locations).
        weights = [rng.lognormvariate(0, 1.1) for _ in municipalities]
        kvk = rng.sample(range(10_000_000, 99_999_999), args.operators)
        operators = Organisation.objects.bulk_create(
            Organisation(
                name=" ".join(
                    w
                    for w in (
                        rng.choice(OPERATOR_WORDS),
                        rng.choices(municipalities, weights)[0].name,
                        str(number),
                        rng.choice(OPERATOR_SUFFIXES),
                    )
                    if w
                ),
                org_type="private_housing_provider" if rng.random() < 0.9 else "housing_corporation",
                corner="housing_provider",
                kvk_number=str(kvk[number]) if rng.random() < 0.9 else "",
                seat_municipality=rng.choices(municipalities, weights)[0],
            )
            for number in range(args.operators)
        )
        operator_weights = [min(rng.paretovariate(1.5), 60.0) for _ in operators]  # a few run ~200
        step(
            f"{len(regions)} regions, {len(councils)} municipality organisations, {len(operators):,} operators"
        )

        locations, histories = [], []
        for number in range(1, args.locations + 1):
            municipality = rng.choices(municipalities, weights)[0]
            form, _w, beds_range, area_range = rng.choices(FORMS, [f[1] for f in FORMS])[0]
            status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
            beds = rng.randint(*beds_range)
            per_room = 3 if rng.random() < 0.06 else (1 if rng.random() < 0.3 else 2)
            start = today - dt.timedelta(days=rng.randint(60, 7 * 365))
            known = rng.random() < 0.8  # the facts the norms need are filled in for most
            street = rng.choice(STREETS)
            temporary = form in ("modular_units", "recreation_site", "seasonal_farm")
            lat = (municipality.centroid_lat or 52.1) + rng.uniform(-0.03, 0.03)
            lon = (municipality.centroid_lon or 5.3) + rng.uniform(-0.03, 0.03)
            locations.append(
                Location(
                    name=f"{rng.choice(NAME_WORDS)} {street} {number}",
                    street=street,
                    house_number=rng.randint(1, 250),
                    house_number_addition=rng.choice(["", "", "", "a", "b"]),
                    postcode=f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
                    f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                    place=municipality.name,
                    municipality=municipality,
                    latitude=Decimal(f"{lat:.5f}"),
                    longitude=Decimal(f"{lon:.5f}"),
                    housing_form=form,
                    serves_short_stay=form in ("hotel_pension", "recreation_site", "seasonal_farm"),
                    serves_mid_stay=form in ("building_units", "modular_units", "hotel_pension"),
                    serves_long_stay=form in ("regular_dwelling", "room_in_family_home", "building_units"),
                    beds=beds,
                    bedrooms=max(1, -(-beds // per_room)) if known else None,
                    max_persons_per_bedroom=per_room if known else None,
                    floor_area_gbo=Decimal(f"{beds * rng.uniform(*area_range):.1f}") if known else None,
                    bedroom_area=Decimal(f"{beds * rng.uniform(3.2, 6.0):.1f}") if known else None,
                    toilets=max(1, -(-beds // rng.choice([6, 8, 10]))) if known else None,
                    showers=max(1, -(-beds // rng.choice([6, 8, 10]))) if known else None,
                    bunk_beds=(rng.random() < 0.07) if known else None,
                    under_one_roof=(form != "recreation_site" or rng.random() < 0.5) if known else None,
                    new_build=form == "modular_units" and start.year >= 2023,
                    operator=rng.choices(operators, operator_weights)[0],
                    permit="none" if status in PLANS else ("temporary" if temporary else "permanent"),
                    permit_start=None if status in PLANS else start,
                    permit_end=dt.date(start.year + rng.choice([5, 10, 15]), start.month, 1)
                    if temporary and status not in PLANS
                    else None,
                    status=status,
                    expected_delivery=today + dt.timedelta(days=rng.randint(90, 900))
                    if status in PLANS - {"rejected"}
                    else None,
                    is_confidential=form == "room_in_family_home" or rng.random() < 0.015,  # ~5 % in all
                )
            )
            histories.append((start, rng.random() < 0.2, rng.randint(2, 12)))
        Location.objects.bulk_create(locations, batch_size=2000)
        step(f"{len(locations):,} locations")

        # The history rows the services write: create_location opens a version on the start date; a later beds
        # change (update_location) or the move to phasing out or closed (change_status) closes it and opens the
        # next. A plan's versions walk its own statuses; only its current one is kept here.
        versions = []
        for location, (start, grew, extra) in zip(locations, histories, strict=True):
            state = {
                "location": location,
                "municipality_id": location.municipality_id,
                "operator_id": location.operator_id,
                "housing_form": location.housing_form,
            }
            if location.status in PLANS:
                versions.append(
                    LocationVersion(valid_from=start, status=location.status, beds=location.beds, **state)
                )
                continue
            changes = [(start, "in_use", max(1, location.beds - extra) if grew else location.beds)]
            span = (today - start).days
            if grew:
                changes.append(
                    (start + dt.timedelta(days=rng.randint(1, span // 2)), "in_use", location.beds)
                )
            if location.status != "in_use":
                changes.append(
                    (today - dt.timedelta(days=rng.randint(0, span // 2 - 1)), location.status, location.beds)
                )
            for i, (valid_from, status, beds) in enumerate(changes):
                valid_to = changes[i + 1][0] if i + 1 < len(changes) else None
                versions.append(
                    LocationVersion(
                        valid_from=valid_from, valid_to=valid_to, status=status, beds=beds, **state
                    )
                )
        LocationVersion.objects.bulk_create(versions, batch_size=5000)
        step(f"{len(versions):,} location versions")

        # Certificates: most locations in use are covered today; some only by one that has run out; some had an
        # earlier certificate; an operator's certificate sometimes covers several of its locations.
        certificates, covered = [], []
        numbers = {"snf": 0, "akf": 0}

        def certificate(holder, valid_from, valid_to, members, scheme):
            numbers[scheme] += 1
            certificates.append(
                Certificate(
                    scheme=scheme,
                    number=f"{scheme.upper()}-{numbers[scheme]:06d}",
                    holder_id=holder,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )
            covered.append(members)

        by_operator = {}
        for location, (start, _grew, _extra) in zip(locations, histories, strict=True):
            if location.status in ("in_use", "phasing_out", "closed") and rng.random() < 0.9:
                by_operator.setdefault(location.operator_id, []).append((location, start))
        for operator_id, members in by_operator.items():
            rng.shuffle(members)
            while members:
                group = [
                    members.pop() for _ in range(min(len(members), rng.choice([1, 1, 1, 1, 1, 2, 3, 4])))
                ]
                scheme = "akf" if group[0][0].housing_form == "seasonal_farm" else "snf"
                first = max(start for _l, start in group)
                if rng.random() < 0.25 and (today - first).days > 800:  # an earlier, ended certificate
                    certificate(
                        operator_id, first, first + dt.timedelta(days=729), [lo for lo, _s in group], scheme
                    )
                    first = first + dt.timedelta(days=730)
                expired = rng.random() < 0.1 or group[0][0].status == "closed"
                valid_to = (
                    today - dt.timedelta(days=rng.randint(1, 400))
                    if expired
                    else today + dt.timedelta(days=rng.randint(0, 3 * 365))
                )
                certificate(operator_id, min(first, valid_to), valid_to, [lo for lo, _s in group], scheme)
        Certificate.objects.bulk_create(certificates, batch_size=5000)
        Certificate.locations.through.objects.bulk_create(
            (
                Certificate.locations.through(certificate_id=c.pk, location_id=location.pk)
                for c, members in zip(certificates, covered, strict=True)
                for location in members
            ),
            batch_size=10_000,
        )
        step(f"{len(certificates):,} certificates")

        # Inspections: mostly of locations in use, some of those since closed; record_inspection marks a visit
        # overcrowded when more persons were found than there are beds. About one in ten gets a follow-up.
        visited = [
            (location, start)
            for location, (start, _g, _e) in zip(locations, histories, strict=True)
            if location.status in ("in_use", "phasing_out", "closed")
        ]
        inspection_weights = [3 if lo.status == "in_use" else 1 for lo, _s in visited]
        inspections, follow_ups = [], []
        remarks = ["", "", "", "Vluchtweg geblokkeerd door fietsen.", "Rookmelders ontbreken op zolder."]
        rules = ["snf-gbo-10", "snf-slaapkamer-3.5", "snf-stapelbed", "snf-toilet-8", "snf-douche-8"]
        for location, start in rng.choices(visited, inspection_weights, k=args.inspections):
            day = today - dt.timedelta(days=rng.randint(1, max(1, min(5 * 365, (today - start).days))))
            found = max(0, location.beds + (rng.randint(1, 8) if rng.random() < 0.15 else -rng.randint(0, 4)))
            inspections.append(
                Inspection(
                    location=location,
                    visited_on=day,
                    organisation=councils[location.municipality_id],
                    found_occupancy=found,
                    overcrowded=found > location.beds,
                    fire_safety_remarks=rng.choice(remarks),
                    notes="Synthetisch bezoek.",
                    rule_findings={
                        r: rng.choice(["pass", "pass", "pass", "fail", "not_checked"]) for r in rules
                    }
                    if rng.random() < 0.4
                    else {},
                )
            )
        Inspection.objects.bulk_create(inspections, batch_size=5000)
        for inspection in inspections:
            if not (inspection.overcrowded or inspection.fire_safety_remarks) or rng.random() < 0.75:
                continue
            kind = rng.choice(["warning", "order_with_penalty", "reinspection", "closure"])
            deadline = inspection.visited_on + dt.timedelta(days=rng.choice([14, 30, 60, 90]))
            done = deadline < today and rng.random() < 0.85
            follow_ups.append(
                FollowUp(
                    inspection=inspection,
                    kind=kind,
                    deadline=deadline,
                    status=("done" if rng.random() < 0.9 else "cancelled") if done else "open",
                    penalty_amount=Decimal("2500") if kind == "order_with_penalty" else None,
                    notes="Synthetische actie.",
                    closed_on=min(today, deadline - dt.timedelta(days=rng.randint(0, 10))) if done else None,
                )
            )
        FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
        step(f"{len(inspections):,} inspections, {len(follow_ups):,} follow-ups")

        # The signed-in user: a policy advisor of the municipality with the most locations (the largest list).
        per_municipality = Counter(lo.municipality_id for lo in locations)
        busiest = max(municipalities, key=lambda m: per_municipality[m.pk])
        user = account_services.create_user(actor=None, username=USERNAME, password=PASSWORD)
        account_services.create_membership(
            actor=None, user=user, organisation=councils[busiest.pk], role=Role.POLICY_ADVISOR
        )
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_data_set (description text)")
            cursor.execute("INSERT INTO bench_data_set VALUES (%s)", [data_set(args)])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("done, vacuumed and analysed")


def set_indexes(wanted: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, sql in INDEXES.items():
            cursor.execute(sql if wanted else f"DROP INDEX IF EXISTS {name}")
        cursor.execute("ANALYZE")


def facts() -> dict:
    """What the run looks at: the bench user's municipality and area, the register's size."""
    from django.db.models import Count
    from django.utils import timezone

    from aanjager.accounts.models import User
    from aanjager.locations import selectors
    from aanjager.locations.models import Certificate, FollowUp, Inspection, Location, LocationVersion

    day = timezone.localdate()
    user = User.objects.get(username=USERNAME)
    home = (
        user.memberships.select_related("organisation__seat_municipality")
        .get()
        .organisation.seat_municipality
    )
    register = selectors.public_register(day=day)
    busiest_in_register = (
        register.order_by()
        .values("municipality__code")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")[0]
    )
    return {
        "user": user,
        "home": home,
        "area": selectors.locations(user=user).count(),
        "in_home": Location.objects.filter(municipality=home).count(),
        "register_code": busiest_in_register["municipality__code"],
        "register_in_code": busiest_in_register["n"],
        "register": register.count(),
        "register_search": selectors.public_register(day=day, q=SEARCH).count(),
        "locations": Location.objects.count(),
        "in_use": Location.objects.filter(status="in_use").count(),
        "versions": LocationVersion.objects.count(),
        "certificates": Certificate.objects.count(),
        "inspections": Inspection.objects.count(),
        "follow_ups": FollowUp.objects.count(),
    }


# ---------------------------------------------------------------------------------------------------------------
# Requests


def endpoints(f: dict) -> list[tuple[str, str, bool]]:
    """(label, path, signed in)."""
    home, code = f["home"].code, f["register_code"]
    return [
        ("baseline: landing page /", "/", False),
        ("register, all", "/register/", False),
        (f"register, gemeente={code}", f"/register/?gemeente={code}", False),
        (f"register, q={SEARCH}", f"/register/?q={SEARCH}", False),
        (f"API, municipality={code}", f"/api/v1/public/locations?municipality={code}", False),
        (f"API, q={SEARCH}", f"/api/v1/public/locations?q={SEARCH}", False),
        ("location list, own area", "/locaties/", True),
        (f"location list, gemeente={home}", f"/locaties/?gemeente={home}", True),
    ]


def count_queries(f: dict, explain: bool) -> dict:
    """One in-process request per endpoint, with the queries it runs; on --explain the slowest one's plan."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(f["user"])
    counts = {}
    for label, path, needs_user in endpoints(f):
        client = signed_in if needs_user else anonymous
        client.get(path)  # warm: templates, translations, the grants cache
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(path)
            seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code} in process")
        sql = sum(float(q["time"]) for q in context.captured_queries)
        counts[label] = (len(context), sql * 1000, seconds * 1000)
        if explain and context.captured_queries:
            slowest = max(context.captured_queries, key=lambda q: float(q["time"]))
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                plan = "\n".join("      " + row[0][:160] for row in cursor.fetchall())
            print(
                f"\n  {label}: slowest query {float(slowest['time']) * 1000:.1f} ms\n    {slowest['sql'][:600]}"
            )
            print(plan)
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, path: str, *, method="GET", body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return response.status, response.getheaders(), content
    finally:
        connection.close()


def cookies(headers) -> dict:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    return found


def sign_in(port: int) -> str:
    """Through the login form, as a browser does; returns the Cookie header of the session."""
    status, headers, content = request(port, "/inloggen/")
    csrf = cookies(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    body = f"username={USERNAME}&password={PASSWORD}&csrfmiddlewaretoken={token}"
    status, headers, _ = request(
        port,
        "/inloggen/",
        method="POST",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )
    session = cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise SystemExit(f"signing in failed: status {status}")
    return f"sessionid={session}; csrftoken={csrf}"


def start_server(env: dict, port: int, log: Path, use_runserver: bool) -> subprocess.Popen:
    if use_runserver:
        cmd = [str(VENV_BIN / "aanjager"), "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"]
    else:
        cmd = [
            str(VENV_BIN / "gunicorn"),
            "aanjager.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
    server = subprocess.Popen(
        cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=tempfile.gettempdir()
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: see {log}")
        try:
            if request(port, "/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"the server did not answer within 60 s: see {log}")


def measure(port: int, path: str, cookie: str | None, count: int, cap: float, warm: int = 5) -> list[float]:
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(warm):
        request(port, path, headers=headers)
    times = []
    deadline = time.monotonic() + cap
    while len(times) < count and time.monotonic() < deadline:
        started = time.perf_counter()
        status, _headers, _content = request(port, path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{path}: status {status}")
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]  # nearest rank


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--locations", type=int, default=20_000)
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--operators", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--requests", type=int, default=200, help="timed requests per endpoint (after 5 warm-up)"
    )
    parser.add_argument("--time-cap", type=float, default=60, help="seconds per endpoint at most")
    parser.add_argument(
        "--keep-db", action="store_true", help="reuse the database when it holds this data set"
    )
    parser.add_argument(
        "--indexes",
        action="store_true",
        help="add the candidate indexes (raw SQL, no migration) before measuring",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of each page's slowest query"
    )
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="AANJAGER_DB_CONN_MAX_AGE of the server (production: 60)"
    )
    parser.add_argument(
        "--runserver", action="store_true", help="Django's runserver --noreload instead of gunicorn"
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "aanjager-bench-locations"
    )
    args = parser.parse_args()
    use_runserver = args.runserver or shutil.which("gunicorn", path=str(VENV_BIN)) is None
    if use_runserver and not args.runserver:
        print("gunicorn is not installed (pip install -e '.[bench]'): falling back to runserver --noreload")
    args.workdir.mkdir(parents=True, exist_ok=True)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aanjager.conf.production",
        "DATABASE_URL": f"{SERVER}/{DB_NAME}",
        "AANJAGER_SECRET_KEY": secrets.token_urlsafe(40),
        "AANJAGER_DEBUG": "0",
        "AANJAGER_DATA_DIR": str(args.workdir),
        "AANJAGER_PUBLIC_API_RATE": "1000000/minute",  # the open API is throttled per address; loopback is one
        "AANJAGER_DB_CONN_MAX_AGE": str(args.conn_max_age),
        "AANJAGER_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)

    fresh = not (args.keep_db and database_exists())
    if fresh:
        print(f"Creating database {DB_NAME} …", flush=True)
        recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not fresh and loaded_data_set() != data_set(args):
        print(f"{DB_NAME} holds another data set: recreating it …", flush=True)
        connection.close()
        recreate_database()
        call_command("migrate", verbosity=0)
        fresh = True
    if fresh:
        print(f"Loading {args.locations:,} locations and {args.inspections:,} inspections …", flush=True)
        load(args)
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    set_indexes(args.indexes)
    call_command(
        "collectstatic", interactive=False, verbosity=0
    )  # the manifest that production settings read
    f = facts()
    print(
        f"\nData: {f['locations']:,} locations ({f['in_use']:,} in use), {f['versions']:,} versions, "
        f"{f['certificates']:,} certificates, {f['inspections']:,} inspections, {f['follow_ups']:,} follow-ups; "
        f"{f['register']:,} locations in the public register, {f['register_search']:,} match q={SEARCH}, "
        f"{f['register_in_code']:,} in {f['register_code']}.\n"
        f"User: policy advisor of {f['home'].name} ({f['home'].code}, {f['in_home']:,} locations); "
        f"{f['area']:,} locations in their area (municipality and COROP region).\n"
        f"Indexes: {'candidate indexes added (' + ', '.join(INDEXES) + ')' if args.indexes else 'as migrated'}."
    )
    counts = count_queries(f, args.explain)
    connection.close()

    port = free_port()
    log = args.workdir / "server.log"
    server = start_server(env, port, log, use_runserver)
    results = {}
    try:
        cookie = sign_in(port)
        for label, path, needs_user in endpoints(f):
            results[label] = measure(port, path, cookie if needs_user else None, args.requests, args.time_cap)
            print(f"  {label}: {len(results[label])} requests", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    baseline = p95(results[endpoints(f)[0][0]])
    server_name = "runserver --noreload" if use_runserver else "gunicorn, 1 sync worker"
    print(
        f"\nlocations benchmark: {server_name}, DEBUG off, sequential requests on loopback, "
        f"CONN_MAX_AGE={args.conn_max_age}; queries and in-process times from one request each"
    )
    header = (
        f"{'endpoint':<38}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'÷ base':>8}"
        f"{'≤ 150':>7}{'queries':>9}{'SQL ms':>8}{'in-proc ms':>12}"
    )
    print(header)
    print("-" * len(header))
    for label, times in results.items():
        queries, sql_ms, inproc_ms = counts[label]
        high = p95(times)
        print(
            f"{label:<38}{len(times):>9}{statistics.median(times):>11.1f}{high:>9.1f}{high / baseline:>8.1f}"
            f"{'yes' if high <= TARGET_MS else 'NO':>7}{queries:>9}{sql_ms:>8.1f}{inproc_ms:>12.1f}"
        )
    over = [label for label, times in list(results.items())[1:] if p95(times) > TARGET_MS]
    print(
        "\ntarget: p95 ≤ 150 ms for the register and the location list: "
        + ("met" if not over else "NOT met for " + "; ".join(over))
    )


if __name__ == "__main__":
    main()
