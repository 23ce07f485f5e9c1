"""A schemathesis scan of every operation of the committed openapi.yaml against the Django app, in-process (WSGI).

Used by tests/test_api_schemathesis.py (small budget) and benchmarks/api_scan.py (bigger budget). Each operation is
called as each identity (tokens of demo users, and anonymous), with generated valid (positive) and invalid
(negative) input; path ids come half from existing objects (read from the list operation) and half from generation.
Checks: no 5xx, every status documented, the body conforms to the documented schema, the content type too.
"""

import time
from collections import Counter, defaultdict
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
# Reads first, deletes last: a deleted demo object would leave later operations nothing real to work on.
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
# Where the real values of a path parameter come from, when not the operation's own collection.
ID_SOURCES = {"scenario_id": "/api/v1/scenarios"}
IDS_PER_COLLECTION = 4
# Body fields that refer to other objects, and the list they come from: random numbers almost never name an
# existing object, so valid writes would hardly ever get past the first check without these.
REFERENCES = {
    "agreement": "/api/v1/agreements",
    "case": "/api/v1/business-cases",
    "commitment": "/api/v1/commitments",
    "employers": "/api/v1/organisations",
    "holder": "/api/v1/organisations",
    "location": "/api/v1/locations",
    "locations": "/api/v1/locations",
    "measure": "/api/v1/measures",
    "measure_package": "/api/v1/measure-packages",
    "municipalities": "/api/v1/municipalities",
    "municipality": "/api/v1/municipalities",
    "new_location": "/api/v1/locations",
    "old_location": "/api/v1/locations",
    "operator": "/api/v1/organisations",
    "organisation": "/api/v1/organisations",
    "package": "/api/v1/measure-packages",
    "phase": "/api/v1/programme-phases",
    "plan": "/api/v1/bed-plans",
    "programme": "/api/v1/programmes",
    "provider": "/api/v1/organisations",
    "question_set": "/api/v1/question-sets",
    "region": "/api/v1/regions",
    "run": "/api/v1/estimate-runs",
    "scan": "/api/v1/policy-scans",
    "scenario": "/api/v1/scenarios",
    "seat_municipality": "/api/v1/municipalities",
    "spearhead": "/api/v1/programme-spearheads",
}


class TimeCapReached(Exception):
    """Ends an operation's generation early; the examples left are not made."""


@dataclass
class Finding:
    identity: str
    mode: str
    status: int
    title: str
    report: str


@dataclass
class OperationTally:
    calls: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)
    capped: bool = False


@contextmanager
def in_process_requests():
    """Django's WSGI handler closes the database connection after each request when it is not in autocommit; in
    a test transaction that would end the test's atomic block. Django's test client leaves it open; so do we."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def load_demo():
    """The demo region with everything `aanjager load_demo` makes."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", "--quiet-logins", stdout=StringIO())


def tokens(usernames):
    """Bearer header per username (demo users), plus anonymous (no header)."""
    from rest_framework.authtoken.models import Token

    from aanjager.accounts.models import User

    identities = {}
    for username in usernames:
        token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
        identities[username] = {"Authorization": f"Bearer {token.key}"}
    identities["anonymous"] = {}
    return identities


def load_schema():
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_path(SCHEMA_FILE)
    schema.app = get_wsgi_application()
    return schema


def call_and_check(schema, method: str, path: str, headers: dict, **parts):
    """One explicit call through the schema (parts: path_parameters, query, body), checked like the scan checks;
    raises FailureGroup on a failed check. Call inside in_process_requests()."""
    case = schema[path][method].Case(**parts)
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
    return response


class Scanner:
    def __init__(
        self,
        *,
        examples: int,
        time_cap: float | None = None,
        derandomize: bool = True,
        seed: int | None = None,
    ):
        self.schema = load_schema()
        self.examples = examples
        self.time_cap = time_cap
        self.derandomize = derandomize
        self.seed = seed
        self.tally: dict[str, OperationTally] = defaultdict(OperationTally)
        self._known: dict[str, list] = {}

    def operations(self):
        found = [result.ok() for result in self.schema.get_all_operations()]
        return sorted(found, key=lambda op: (METHOD_ORDER.get(op.method.lower(), 9), op.path))

    def known_values(self, collection: str, headers: dict) -> list:
        """Ids (codes for municipalities and provinces) of existing objects, from the first page of the list."""
        if collection not in self._known:
            values = []
            list_operation = self.schema[collection]["GET"] if collection in self.schema else None
            if list_operation is not None:
                response = list_operation.Case().call(headers=headers)
                if response.status_code == 200:
                    body = response.json()
                    rows = body.get("results", body) if isinstance(body, dict) else body
                    values = [row.get("id", row.get("code")) for row in rows[:IDS_PER_COLLECTION]]
            self._known[collection] = [value for value in values if value is not None]
        return self._known[collection]

    def with_real_references(self, case, data, headers: dict) -> None:
        """Points some reference fields of a generated body at existing objects."""
        if not isinstance(case.body, dict):
            return
        for name, value in list(case.body.items()):
            known = self.known_values(REFERENCES[name], headers) if name in REFERENCES else []
            if not known or not data.draw(st.booleans()):
                continue
            if isinstance(value, list):
                case.body[name] = data.draw(
                    st.lists(st.sampled_from(known), min_size=1, max_size=2, unique=True)
                )
            else:
                case.body[name] = data.draw(st.sampled_from(known))

    def strategy(self, operation, mode, headers_for_ids):
        generated = operation.as_strategy(generation_mode=mode)
        names = [parameter.name for parameter in operation.path_parameters]
        if not names or mode is GenerationMode.NEGATIVE:
            return generated
        collection = operation.path.split("/{")[0]
        choices = {
            name: self.known_values(ID_SOURCES.get(name, collection), headers_for_ids) for name in names
        }
        if not all(choices.values()):
            return generated
        real = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in choices.items()})
        return st.one_of(
            generated, real.flatmap(lambda ids: operation.as_strategy(mode, path_parameters=ids))
        )

    def scan(self, identities: dict, budget: dict | None = None):
        """Every operation × identity × mode. budget: identity → (positive, negative) examples per operation;
        by default `examples` of each. The first identity's answers give the existing ids."""
        id_headers = next(iter(identities.values()))
        with in_process_requests():
            for operation in self.operations():
                started = time.monotonic()
                for identity, headers in identities.items():
                    counts = (budget or {}).get(identity, (self.examples, self.examples))
                    for mode, count in zip(
                        (GenerationMode.POSITIVE, GenerationMode.NEGATIVE), counts, strict=True
                    ):
                        if count and not self.tally[operation.label].capped:
                            self._run(operation, identity, headers, mode, count, started, id_headers)
        return self.tally

    def _run(self, operation, identity, headers, mode, count, started, id_headers):
        tally = self.tally[operation.label]

        @settings(
            max_examples=count,
            deadline=None,
            database=None,
            derandomize=self.derandomize,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(case=self.strategy(operation, mode, id_headers), data=st.data())
        def run(case, data):
            if self.time_cap is not None and time.monotonic() - started > self.time_cap:
                tally.capped = True
                raise TimeCapReached
            if mode is GenerationMode.POSITIVE:
                self.with_real_references(case, data, id_headers)
            response = case.call(headers=headers)
            tally.calls += 1
            tally.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as group:  # every failed check is recorded; the scan goes on
                for failure in group.exceptions:
                    tally.failures.append(
                        Finding(identity, mode.value, response.status_code, failure.title, str(group))
                    )

        if self.seed is not None and not self.derandomize:
            run = hypothesis.seed(self.seed)(run)
        with suppress(TimeCapReached):
            run()


def summary(tally: dict[str, OperationTally]) -> str:
    statuses = Counter()
    for item in tally.values():
        statuses.update(item.statuses)
    calls = sum(item.calls for item in tally.values())
    failures = sum(len(item.failures) for item in tally.values())
    shown = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
    return f"{len(tally)} operations, {calls} calls, statuses {shown}; {failures} failures"
