"""Locust users of benchmarks/load_national.py: signed-in policy advisors and a regional coordinator, API clients
with a Bearer token, anonymous visitors; every one of them also asks for the trivial health check /status/.

The plan comes from load_national.py through the file named in AANJAGER_BENCH_PLAN: the endpoints per role (name,
group, paths to choose from), the session cookies of the signed-in users (signed in once, through the forms and
the two-factor code, before the run; the users of a role share that session), the API tokens, how many users of
each role, the think time, and where to write every request's time (the command computes the percentiles per
group from those, not from locust's per-name summaries). A response other than 200, a redirect included, fails.
"""

import json
import os
import random

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["AANJAGER_BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
RECORDS: list[tuple[str, float, str]] = []


@events.request.add_listener
def _record(name, response_time, exception, response=None, **_kwargs):
    error = ""
    if exception is not None:
        error = str(exception)[:200]
    RECORDS.append((name, response_time, error))


@events.test_stop.add_listener
def _write(**_kwargs):
    with open(PLAN["records"], "w", encoding="utf-8") as out:
        json.dump(RECORDS, out)


class _Role(HttpUser):
    abstract = True
    role = ""
    wait_time = between(PLAN["wait"][0], PLAN["wait"][1])

    def on_start(self):
        self.endpoints = PLAN["endpoints"][self.role] + [PLAN["status"]]
        self.headers = {}
        session = PLAN["sessions"].get(self.role)
        if session:
            self.client.cookies.set("sessionid", session)
        tokens = PLAN["tokens"].get(self.role)
        if tokens:
            self.headers["Authorization"] = f"Bearer {random.choice(tokens)}"

    @task
    def visit(self):
        endpoint = random.choice(self.endpoints)
        path = random.choice(endpoint["paths"])
        with self.client.get(
            path, name=endpoint["name"], headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code} for {path}")


class PolicyAdvisor(_Role):
    role = "advisor"
    fixed_count = PLAN["users"]["advisor"]


class RegionalCoordinator(_Role):
    role = "coordinator"
    fixed_count = PLAN["users"]["coordinator"]


class ApiClientOfAdvisor(_Role):
    role = "api_advisor"
    fixed_count = PLAN["users"]["api_advisor"]


class ApiClientOfCoordinator(_Role):
    role = "api_coordinator"
    fixed_count = PLAN["users"]["api_coordinator"]


class Visitor(_Role):
    role = "anonymous"
    fixed_count = PLAN["users"]["anonymous"]
