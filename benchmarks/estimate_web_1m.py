"""Benchmark: the 1,000,000-person estimate through the web form and through the API, on a real server.

Uses (or generates) the synthetic microdata of estimate_1m.py. Starts gunicorn on 127.0.0.1 with production
settings on a fresh SQLite database (or --database-url for PostgreSQL), with one region of every municipality and a
policy advisor. Then, as a user would:

1. web: signs in through the login form, uploads both files through the form /schattingen/nieuw/ (one multipart
   request, streamed from disk), follows the progress through status.json until the run is done, and downloads the
   CSV export;
2. API: POST /api/v1/estimate-runs with a token (multipart), polls the run, reads /results?all=true page by page.

Asserts that both give the worker counts of `aanjager estimate` on the same files for every municipality, that the
server kept no uploaded file, and that nothing failed. Prints per channel the upload time, the run's own time
(started_at to finished_at), the time from the first byte of the upload to the last byte of the result, and the
peak RSS of the server process that ran it. Not a target of issue 3 (that is estimate_1m.py); the proof that the UI
and the API work at that size, and what it costs there.
"""

import argparse
import csv
import io
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import load_national  # noqa: E402  (start_server: gunicorn on loopback, waiting for /status/)
from locations_register import PASSWORD, USERNAME, request, sign_in  # noqa: E402

VENV_BIN = Path(sys.executable).parent
WORKER_COLUMNS = ("workers", "workers_short", "workers_mid", "workers_long")


class Multipart:
    """A multipart/form-data body that reads the files from disk while it is sent (never the whole body in
    memory), with its exact length up front."""

    def __init__(self, fields: dict, files: dict):
        self.boundary = uuid.uuid4().hex
        self.parts = []
        for name, value in fields.items():
            self.parts.append(
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, path in files.items():
            head = (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{path.name}"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            ).encode()
            self.parts.extend([head, path, b"\r\n"])
        self.parts.append(f"--{self.boundary}--\r\n".encode())

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return sum(p.stat().st_size if isinstance(p, Path) else len(p) for p in self.parts)

    def __iter__(self):
        for part in self.parts:
            if isinstance(part, Path):
                with part.open("rb") as handle:
                    while block := handle.read(1 << 20):
                        yield block
            else:
                yield part


def upload(port, path, body: Multipart, headers: dict) -> tuple[int, list, bytes]:
    headers = {**headers, "Content-Type": body.content_type, "Content-Length": str(len(body))}
    return request(port, path, method="POST", body=iter(body), headers=headers)


def prepare_database(env: dict) -> None:
    """Migrate, and add one region of every municipality, its council organisation and a policy advisor with an
    API token (production settings refuse the demo region)."""
    code = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
import datetime as dt
from rest_framework.authtoken.models import Token
from aanjager.accounts import services
from aanjager.accounts.models import Role
from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Organisation
municipalities = list(Municipality.objects.filter(valid_to__isnull=True).order_by("code"))
region = Region.objects.create(name="Nederland (benchmark)", region_type=Region.Type.COOPERATION,
                               valid_from=dt.date(2025, 1, 1))
region.municipalities.set(municipalities)
council = Organisation.objects.create(name="Gemeente " + municipalities[0].name, org_type="municipality",
                                      corner="municipality", seat_municipality=municipalities[0])
user = services.create_user(actor=None, username={USERNAME!r}, password={PASSWORD!r})
services.create_membership(actor=None, user=user, organisation=council, role=Role.POLICY_ADVISOR)
print(region.pk, Token.objects.create(user=user).key)
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"preparing the site failed:\n{out.stderr[-3000:]}")
    region, token = out.stdout.split()[-2:]
    env["BENCH_REGION"], env["BENCH_TOKEN"] = region, token


def worker_pid(server: subprocess.Popen) -> int:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:  # the parent's pid
            children.append(int(stat.parent.name))
    if len(children) != 1:
        raise SystemExit(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def via_web(port, cookie: str, region, persons, jobs, year) -> dict:
    """`cookie`: the Cookie header of a signed-in session (locations_register.sign_in)."""
    status, _headers, content = request(port, "/schattingen/nieuw/", headers={"Cookie": cookie})
    if status != 200:
        raise SystemExit(f"the form /schattingen/nieuw/ answered {status}")
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    fields = {
        "csrfmiddlewaretoken": csrf,
        "title": "Benchmark 1M (web)",
        "region": region,
        "year": year,
        "definition_code": "eu11",
        "source": "microdata",
        "stay_family": "year",
        "short_max": 3,
        "mid_max": 11,
        "registration_rate_low": "0.33",
        "registration_rate_central": "0.40",
        "registration_rate_high": "0.50",
        "rni_assignment": "work",
    }
    started = time.perf_counter()
    status, headers, content = upload(
        port,
        "/schattingen/nieuw/",
        Multipart(fields, {"persons_file": persons, "jobs_file": jobs}),
        {"Cookie": cookie},
    )
    uploaded = time.perf_counter() - started
    location = {k.lower(): v for k, v in headers}.get("location", "")
    found = re.search(r"/schattingen/(\d+)/$", location)
    if status != 302 or not found:
        raise SystemExit(
            f"the upload was not accepted: status {status}\n{content[:2000].decode(errors='replace')}"
        )
    pk = found.group(1)
    progress = []
    while True:
        status, _headers, content = request(
            port, f"/schattingen/{pk}/status.json", headers={"Cookie": cookie}
        )
        state = json.loads(content)
        progress.append(state["progress"])
        if state["finished"]:
            break
        time.sleep(0.1)
    if state["status"] != "done":
        raise SystemExit(f"the web run ended as {state['status']}")
    status, _headers, content = request(port, f"/schattingen/{pk}/export.csv", headers={"Cookie": cookie})
    total = time.perf_counter() - started
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    counts = {r["municipality_code"]: tuple(int(r[c]) for c in WORKER_COLUMNS) for r in rows}
    return {"id": pk, "upload": uploaded, "total": total, "counts": counts, "progress_polls": len(progress)}


def via_api(port, token, region, persons, jobs, year) -> dict:
    auth = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    fields = {"title": "Benchmark 1M (API)", "region": region, "year": year, "definition_code": "eu11"}
    started = time.perf_counter()
    status, _headers, content = upload(
        port, "/api/v1/estimate-runs", Multipart(fields, {"persons_file": persons, "jobs_file": jobs}), auth
    )
    uploaded = time.perf_counter() - started
    if status != 201:
        raise SystemExit(
            f"the API refused the run: status {status}\n{content[:2000].decode(errors='replace')}"
        )
    pk = json.loads(content)["id"]
    while True:
        status, _headers, content = request(port, f"/api/v1/estimate-runs/{pk}", headers=auth)
        run = json.loads(content)
        if run["status"] not in ("queued", "running"):
            break
        time.sleep(0.1)
    if run["status"] != "done":
        raise SystemExit(f"the API run ended as {run['status']}: {run.get('problems')}")
    counts, path = {}, f"/api/v1/estimate-runs/{pk}/results?all=true&page_size=500"
    while path:
        status, _headers, content = request(port, path, headers=auth)
        page = json.loads(content)
        for r in page["results"]:
            counts[r["municipality_code"]] = tuple(r[c] for c in WORKER_COLUMNS)
        path = page["next"] and page["next"].split(f":{port}", 1)[-1]
    total = time.perf_counter() - started
    return {"id": pk, "upload": uploaded, "total": total, "counts": counts}


def run_seconds(env: dict, pk) -> float:
    code = f"""
import django
django.setup()
from aanjager.estimates.models import EstimateRun
run = EstimateRun.objects.get(pk={int(pk)})
print((run.finished_at - run.started_at).total_seconds())
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.split()[-1])


def cli_counts(env, persons, jobs, year, out: Path) -> tuple[dict, float]:
    started = time.perf_counter()
    subprocess.run(
        [str(VENV_BIN / "aanjager"), "estimate", "--persons", str(persons), "--jobs", str(jobs), "--year",
         str(year), "--definition", "eu11", "--out", str(out)],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    with out.open() as handle:
        return {
            r["municipality_code"]: tuple(int(r[c]) for c in WORKER_COLUMNS) for r in csv.DictReader(handle)
        }, seconds


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "aanjager-bench-estimate",
        help="where estimate_1m.py keeps the generated files (shared with it)",
    )  # fmt: skip
    parser.add_argument(
        "--database-url", help="PostgreSQL (a throwaway database); default a fresh SQLite file"
    )
    args = parser.parse_args()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    persons, jobs = work / f"persons-{args.persons}.csv", work / f"jobs-{args.persons}.csv"
    if not jobs.exists():
        print(f"Generating {args.persons:,} synthetic persons …", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks/estimate_1m.py"), "--persons", str(args.persons), "--year",
             str(args.year), "--workdir", str(work), "--generate-only"],
            check=True,
        )  # fmt: skip
    site = Path(tempfile.mkdtemp(prefix="aanjager-bench-web-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aanjager.conf.production",
        "AANJAGER_SECRET_KEY": secrets.token_urlsafe(40),
        "AANJAGER_DEBUG": "0",
        "AANJAGER_DATA_DIR": str(site),
        "AANJAGER_LOG_LEVEL": "WARNING",
        "AANJAGER_2FA_REQUIRED_ROLES": "none",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    print("Preparing the site (migrations, one region of every municipality, a policy advisor) …", flush=True)
    prepare_database(env)
    expected, cli_seconds = cli_counts(env, persons, jobs, args.year, site / "cli.csv")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # One sync worker: the run then happens in the process whose peak memory is measured.
    server = load_national.start_server(env, port, site / "server.log", workers=1)
    try:
        pid = worker_pid(server)
        idle_mb = peak_rss_mb(pid)
        web = via_web(port, sign_in(port), env["BENCH_REGION"], persons, jobs, args.year)
        web_mb = peak_rss_mb(pid)
        api = via_api(port, env["BENCH_TOKEN"], env["BENCH_REGION"], persons, jobs, args.year)
        api_mb = peak_rss_mb(pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, result in (("web", web), ("API", api)):
        # The web export lists every municipality of the region, those without anybody as zeros.
        nonzero = {code: counts for code, counts in result["counts"].items() if any(counts)}
        assert nonzero == {code: c for code, c in expected.items() if any(c)}, (
            f"{name}: counts differ from the CLI"
        )
        result["run"] = run_seconds(env, result["id"])
    leftovers = (
        [p for p in (site / "uploads").rglob("*") if p.is_file()] if (site / "uploads").exists() else []
    )
    assert not leftovers, f"uploaded files left on the server: {leftovers}"
    size = (persons.stat().st_size + jobs.stat().st_size) / 1e6
    print(
        f"\nestimate through the web and the API: {args.persons:,} persons, {size:.0f} MB uploaded per run; worker "
        f"counts of {sum(map(any, expected.values()))} municipalities identical to `aanjager estimate` ({cli_seconds:.2f} s); no "
        "uploaded file left on the server"
    )
    print(f"{'channel':<10}{'upload s':>10}{'run s':>8}{'upload → result s':>20}{'server peak RSS MB':>20}")
    print(f"{'web form':<10}{web['upload']:>10.2f}{web['run']:>8.2f}{web['total']:>20.2f}{web_mb:>20.0f}")
    print(f"{'API':<10}{api['upload']:>10.2f}{api['run']:>8.2f}{api['total']:>20.2f}{api_mb:>20.0f}")
    print(
        f"(server worker at rest: {idle_mb:.0f} MB; the web run's progress polled {web['progress_polls']} times)"
    )
    shutil.rmtree(site, ignore_errors=True)  # kept when something failed, for its server.log


if __name__ == "__main__":
    main()
