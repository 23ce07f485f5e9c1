"""Load test at national scale (issue 8): 20 concurrent users on the main pages and the API, for 5 minutes.

Data (its own database aanjager_bench_national on 127.0.0.1:5432, user postgres; --keep-db reuses it when it holds
the same data set): what benchmarks/locations_register.py loads (342 municipalities, 20,000 locations, 100,000
inspections, …) plus benchmarks/_national.py (10 years of estimates, 2,000 commitments with progress updates,
programmes, progress reports, a coordinator with a TOTP device, API tokens).

The project runs under gunicorn with production settings (DEBUG off, two-factor on, CONN_MAX_AGE 60) on loopback;
locust (benchmarks/locustfile_national.py) runs headless with --users users for --duration seconds: policy
advisors, a regional coordinator, API clients with a Bearer token and anonymous visitors, each with a think time
between requests, each also asking for the trivial view /status/ (no database, no session), the baseline. Printed:
per group (dashboard pages, API lists, the trivial view) and per endpoint the requests, failures, p50 and p95,
p95 ÷ the trivial view's p95, and whether p95 meets the target (pages ≤ 300 ms, API lists ≤ 150 ms; printed,
never asserted). Before the run one request per endpoint in process gives its queries and time. The exit code is
non-zero when any response was not a 200 (a redirect counts as a failure).

    .venv/bin/python benchmarks/load_national.py [--duration 300] [--users 20] [--workers 3] [--keep-db]
"""

import argparse
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _national  # noqa: E402
import locations_register as base  # noqa: E402

DB_NAME = "aanjager_bench_national"
base.DB_NAME = DB_NAME  # the database helpers of locations_register read the name when called
TARGETS = {"page": 300, "api": 150}
GROUPS = {"page": "dashboard pages", "api": "API lists", "trivial": "trivial view /status/"}


def data_set(args) -> str:
    # Bump "generator" when _national.load() changes, so that --keep-db does not reuse an older data set.
    return json.dumps({"generator": 2, "base": base.data_set(args), "commitments": args.commitments})


def load(args) -> None:
    from django.db import connection

    base.load(args)
    _national.load(args, base.USERNAME)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE bench_data_set SET description = %s", [data_set(args)])


# ---------------------------------------------------------------------------------------------------------------
# What the users ask for


def plan(rng) -> dict:
    """Endpoints per role: {"name", "group", "paths"}; the paths are real objects the role may see."""
    from aanjager.accounts.models import User
    from aanjager.agreements import selectors as agreement_selectors
    from aanjager.estimates import selectors as estimate_selectors
    from aanjager.estimates.models import EstimateRun, Scenario
    from aanjager.geo.models import Region
    from aanjager.locations import selectors as location_selectors
    from aanjager.programme.models import Programme

    advisor = User.objects.get(username=base.USERNAME)
    coordinator = User.objects.get(username=_national.COORDINATOR)
    home = advisor.memberships.select_related("organisation__seat_municipality").get().organisation
    home = home.seat_municipality
    province = coordinator.memberships.get().region
    corop = Region.objects.get(name__startswith="COROP ", municipalities=home)

    def runs(region):
        return [
            f"/schattingen/{pk}/"
            for pk in EstimateRun.objects.filter(region=region).values_list("pk", flat=True)
        ]

    def scenario(region):
        return [f"/woonopgave/{Scenario.objects.get(run__region=region).pk}/"]

    def matrix(region):
        return [f"/programmas/{Programme.objects.get(region=region).pk}/matrix/"]

    def sample(qs, pattern, k=40):
        ids = list(qs.values_list("pk", flat=True))
        return [pattern.format(pk) for pk in rng.sample(ids, min(k, len(ids)))]

    def agreements_of(user):
        return {
            "agreement": sample(agreement_selectors.agreements(user=user), "/afspraken/{}/"),
            "commitment": sample(agreement_selectors.commitments(user=user), "/afspraken/toezeggingen/{}/"),
        }

    def api_lists(user):
        visible = estimate_selectors.runs(user=user).filter(year=2025).values_list("pk", flat=True)
        return [
            ("locations", api, ["/api/v1/locations", f"/api/v1/locations?municipality={home.code}"]),
            ("inspections", api, ["/api/v1/inspections"]),
            ("agreements", api, ["/api/v1/agreements"]),
            ("commitments", api, ["/api/v1/commitments"]),
            ("progress updates", api, ["/api/v1/progress-updates"]),
            ("estimate runs", api, ["/api/v1/estimate-runs"]),
            ("estimate results", api, [f"/api/v1/estimate-runs/{pk}/results" for pk in visible]),
            ("participations", api, ["/api/v1/participations"]),
        ]

    mine, theirs = agreements_of(advisor), agreements_of(coordinator)
    latest = {r: EstimateRun.objects.get(region=r, year=2025).pk for r in (corop, province)}
    page, api = "page", "api"
    endpoints = {
        "advisor": [
            ("home", page, ["/"]),
            ("location list", page, ["/locaties/", f"/locaties/?gemeente={home.code}"]),
            ("location detail", page, sample(location_selectors.locations(user=advisor), "/locaties/{}/")),
            ("estimate runs", page, ["/schattingen/"]),
            ("estimate run, COROP region", page, runs(corop)),
            ("housing task, COROP region", page, scenario(corop)),
            ("agreements", page, ["/afspraken/"]),
            ("agreement", page, mine["agreement"]),
            ("commitment", page, mine["commitment"]),
            ("programme matrix, COROP region", page, matrix(corop)),
        ],
        "coordinator": [
            ("home", page, ["/"]),
            ("estimate run, province", page, runs(province)),
            ("housing task, province", page, scenario(province)),
            ("agreements", page, ["/afspraken/"]),
            ("agreement", page, theirs["agreement"]),
            ("commitment", page, theirs["commitment"]),
            ("programme matrix, province", page, matrix(province)),
            ("progress reports", page, ["/afspraken/rapportages/"]),
        ],
        "api_advisor": api_lists(advisor),
        "api_coordinator": api_lists(coordinator),
        "anonymous": [
            ("landing page", page, ["/"]),
            (
                "public register",
                page,
                ["/register/", f"/register/?gemeente={home.code}", "/register/?q=logies"],
            ),
            ("published progress reports", page, ["/voortgang/"]),
            (
                "public API locations",
                api,
                [f"/api/v1/public/locations?municipality={home.code}", "/api/v1/public/locations?q=logies"],
            ),
            ("public API estimates", api, ["/api/v1/public/estimates"]),
            ("public API estimate results", api, [f"/api/v1/public/estimates/{latest[province]}/results"]),
        ],
    }
    return {
        role: [{"name": f"{role}: {name}", "group": group, "paths": paths} for name, group, paths in items]
        for role, items in endpoints.items()
    }


def count_queries(endpoints: dict) -> dict:
    """One request per endpoint in process (its first path, after one to warm up): queries and milliseconds."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    from aanjager.accounts.models import User

    clients = {"anonymous": Client(HTTP_HOST="127.0.0.1")}
    for role, username in (("advisor", base.USERNAME), ("coordinator", _national.COORDINATOR)):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        user = User.objects.get(username=username)
        clients[role].force_login(user)
        device = TOTPDevice.objects.filter(user=user).first()
        if device is not None:  # the two-factor step done, as after the code
            session = clients[role].session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    for role, username in (("api_advisor", base.USERNAME), ("api_coordinator", _national.COORDINATOR)):
        token = Token.objects.get(user__username=username).key
        clients[role] = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    counts = {}
    for role, items in endpoints.items():
        for endpoint in items:
            path = endpoint["paths"][0]
            clients[role].get(path)
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                response = clients[role].get(path)
                ms = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{endpoint['name']} {path}: status {response.status_code} in process")
            sql = sum(float(q["time"]) for q in context.captured_queries) * 1000
            counts[endpoint["name"]] = (len(context), sql, ms)
    return counts


# ---------------------------------------------------------------------------------------------------------------
# The server and signing in


def start_server(env: dict, port: int, log: Path, workers: int) -> subprocess.Popen:
    cmd = [
        str(base.VENV_BIN / "gunicorn"), "aanjager.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(
        cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=tempfile.gettempdir()
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: see {log}")
        try:
            if base.request(port, "/status/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"the server did not answer within 60 s: see {log}")


def _form_post(port, path, cookie_jar, fields) -> tuple[int, dict]:
    status, headers, content = base.request(port, path, headers={"Cookie": _cookie(cookie_jar)})
    cookie_jar.update(base.cookies(headers))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    body = "&".join(f"{k}={v}" for k, v in {**fields, "csrfmiddlewaretoken": token}.items())
    status, headers, _ = base.request(
        port,
        path,
        method="POST",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie(cookie_jar)},
    )
    cookie_jar.update(base.cookies(headers))
    return status, dict(headers)


def _cookie(jar: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def sign_in(port: int, username: str) -> str:
    """Through the login form, and the code form for a user with a TOTP device, as a browser does; returns the
    session key. The production settings mark cookies Secure, so they are carried by hand over plain HTTP."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from aanjager.accounts.totp import current_code

    jar: dict = {}
    status, headers = _form_post(port, "/inloggen/", jar, {"username": username, "password": base.PASSWORD})
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"signing in {username} failed: status {status}")
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        status, headers = _form_post(port, "/inloggen/code/", jar, {"code": current_code(device)})
        if status != 302:
            raise SystemExit(f"the two-factor code of {username} was refused: status {status}")
    status, _headers, _content = base.request(port, "/", headers={"Cookie": _cookie(jar)})
    if status != 200:
        raise SystemExit(f"{username} cannot open the home page after signing in: status {status}")
    return jar["sessionid"]


# ---------------------------------------------------------------------------------------------------------------
# Figures


def percentile(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-q * len(ordered) // 100) - 1)] if ordered else float("nan")  # nearest rank


def report(records: list, groups: dict, counts: dict, args) -> bool:
    by_name: dict[str, list] = {}
    for name, ms, error in records:
        by_name.setdefault(name, []).append((ms, error))
    by_group: dict[str, list] = {}
    for name, rows in by_name.items():
        by_group.setdefault(groups[name], []).extend(rows)
    trivial = percentile([ms for ms, _e in by_group.get("trivial", [])], 95)

    def line(label, rows, group, extra=""):
        times = [ms for ms, _e in rows]
        failures = sum(1 for _ms, e in rows if e)
        high = percentile(times, 95)
        target = TARGETS.get(group)
        verdict = "" if target is None else ("yes" if high <= target else "NO")
        print(
            f"{label:<48}{len(rows):>8}{failures:>6}{statistics.median(times):>8.0f}{high:>8.0f}"
            f"{high / trivial:>8.1f}{verdict:>7}{extra}"
        )

    header = f"{'endpoint group':<48}{'requests':>8}{'fail':>6}{'p50':>8}{'p95':>8}{'÷ triv':>8}{'target':>7}"
    print(f"\n{header}\n{'-' * len(header)}")
    for group in ("page", "api", "trivial"):
        if group in by_group:
            target = f" (≤ {TARGETS[group]} ms)" if group in TARGETS else ""
            line(GROUPS[group] + target, by_group[group], group)
    print(f"\n{header}{'queries':>9}{'SQL ms':>8}{'in-proc':>9}\n{'-' * (len(header) + 26)}")
    for name in sorted(by_name, key=lambda n: (list(GROUPS).index(groups[n]), n)):
        queries, sql, inproc = counts.get(name, (0, 0.0, 0.0))
        line(name, by_name[name], groups[name], f"{queries:>9}{sql:>8.1f}{inproc:>9.1f}")
    errors = [(name, e) for name, rows in by_name.items() for _ms, e in rows if e]
    for name, error in sorted(set(errors))[:20]:
        print(f"  failure: {name}: {error}")
    return not errors


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--locations", type=int, default=20_000)
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--operators", type=int, default=2_000)
    parser.add_argument("--commitments", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--users", type=int, default=20, help="concurrent locust users")
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=300, help="seconds of load")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds each user waits between requests (0 0: none)")  # fmt: skip
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="AANJAGER_DB_CONN_MAX_AGE (production: 60)"
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="reuse the database when it holds this data set"
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "aanjager-bench-national"
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aanjager.conf.production",
        "DATABASE_URL": f"{base.SERVER}/{DB_NAME}",
        "AANJAGER_SECRET_KEY": secrets.token_urlsafe(40),
        "AANJAGER_DEBUG": "0",
        "AANJAGER_DATA_DIR": str(args.workdir),
        "AANJAGER_PUBLIC_API_RATE": "1000000/minute",  # the open API is throttled per address; loopback is one
        "AANJAGER_DB_CONN_MAX_AGE": str(args.conn_max_age),
        "AANJAGER_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    fresh = not (args.keep_db and base.database_exists())
    if fresh:
        print(f"Creating database {DB_NAME} …", flush=True)
        base.recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not fresh and base.loaded_data_set() != data_set(args):
        print(f"{DB_NAME} holds another data set: recreating it …", flush=True)
        connection.close()
        base.recreate_database()
        call_command("migrate", verbosity=0)
        fresh = True
    if fresh:
        print("Loading the national data set …", flush=True)
        load(args)
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    call_command(
        "collectstatic", interactive=False, verbosity=0
    )  # the manifest that production settings read

    endpoints = plan(random.Random(args.seed))
    counts = count_queries(endpoints)
    connection.close()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start_server(env, port, args.workdir / "server.log", args.workers)
    records_path = args.workdir / "records.json"
    records_path.unlink(missing_ok=True)
    try:
        from django.db import close_old_connections

        sessions = {
            "advisor": sign_in(port, base.USERNAME),
            "coordinator": sign_in(port, _national.COORDINATOR),
        }
        from rest_framework.authtoken.models import Token

        tokens = {
            "api_advisor": [Token.objects.get(user__username=base.USERNAME).key],
            "api_coordinator": [Token.objects.get(user__username=_national.COORDINATOR).key],
        }
        close_old_connections()
        shares = {"advisor": 0.3, "coordinator": 0.2, "api_advisor": 0.15, "api_coordinator": 0.1}
        users = {role: max(1, round(args.users * share)) for role, share in shares.items()}
        users["anonymous"] = max(1, args.users - sum(users.values()))
        status = {"name": "trivial: /status/", "group": "trivial", "paths": ["/status/"]}
        plan_path = args.workdir / "plan.json"
        plan_path.write_text(
            json.dumps(
                {
                    "endpoints": endpoints,
                    "status": status,
                    "sessions": sessions,
                    "tokens": tokens,
                    "users": users,
                    "wait": list(args.think),
                    "records": str(records_path),
                }
            )
        )
        print(
            f"\nlocust: {sum(users.values())} users ({', '.join(f'{n} {r}' for r, n in users.items())}), "
            f"think time {args.think[0]:g}–{args.think[1]:g} s, {args.duration} s; gunicorn {args.workers} sync "
            f"workers, production settings, CONN_MAX_AGE={args.conn_max_age}, two-factor on",
            flush=True,
        )
        locust = subprocess.run(
            [
                str(base.VENV_BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile_national.py")),
                "--headless", "-u", str(sum(users.values())), "-r", str(args.spawn_rate),
                "-t", f"{args.duration}s", "--host", f"http://127.0.0.1:{port}", "--only-summary",
                "--csv", str(args.workdir / "locust"), "--stop-timeout", "10", "--loglevel", "WARNING",
            ],
            env={**env, "AANJAGER_BENCH_PLAN": str(plan_path)},
            timeout=args.duration + 300,  # locust stops itself after --duration; this is for a hang
            stdout=(args.workdir / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise SystemExit(f"locust did not finish: see {args.workdir / 'locust.log'}") from None
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    if not records_path.exists():
        raise SystemExit(
            f"locust wrote no records (exit {locust.returncode}): see {args.workdir / 'locust.log'}"
        )
    groups = {e["name"]: e["group"] for items in endpoints.values() for e in items}
    groups[status["name"]] = "trivial"
    records = json.loads(records_path.read_text())
    print(
        f"\nnational load test: {len(records):,} requests in {args.duration} s; milliseconds; ÷ triv = p95 ÷ the "
        "p95 of /status/ in the same run; queries, SQL ms and in-proc ms from one request in process"
    )
    clean = report(records, groups, counts, args)
    print("\nzero errors: " + ("yes" if clean else "NO"))
    if not clean or locust.returncode not in (0, 1):
        sys.exit(1)


if __name__ == "__main__":
    main()
