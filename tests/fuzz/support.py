"""What every fuzz test of an importer shares: settings, the outcome tally and the property itself.

The property (`tried`): an importer given any input either succeeds or raises the project's own error for bad input,
with a non-empty message; any other exception is a crash and fails the test. Each input is counted per importer and
strategy; the counts are written (tests/fuzz/conftest.py) only when AANJAGER_FUZZ_REPORT names a file.

AANJAGER_FUZZ_EXAMPLES raises every property's example count (benchmarks/fuzz_importers.py); AANJAGER_FUZZ_TIME_CAP
(seconds) stops a property once that much time has gone by, as a skip whose reason starts with "time cap".
"""

import os
import time
from collections import Counter
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings

REPORT_ENV = "AANJAGER_FUZZ_REPORT"
EXAMPLES_ENV = "AANJAGER_FUZZ_EXAMPLES"
TIME_CAP_ENV = "AANJAGER_FUZZ_TIME_CAP"
TIME_CAP_REASON = "time cap reached"


def fuzz_settings(examples: int):
    """`examples` in the test suite; AANJAGER_FUZZ_EXAMPLES instead when set."""
    return settings(
        max_examples=int(os.environ.get(EXAMPLES_ENV) or examples),
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


class Tally:
    """Outcomes per (importer, strategy) of the test that runs now; conftest.py writes and resets it per test."""

    def __init__(self):
        self.counts: dict[tuple[str, str], Counter] = {}
        self.started: float | None = None
        self.capped = False

    def reset(self):
        self.counts, self.started, self.capped = {}, None, False

    def add(self, importer: str, strategy: str, outcome: str) -> None:
        self.counts.setdefault((importer, strategy), Counter())[outcome] += 1


TALLY = Tally()


def _check_time_cap() -> None:
    cap = float(os.environ.get(TIME_CAP_ENV) or 0)
    if TALLY.started is None:
        TALLY.started = time.monotonic()
    elif cap and time.monotonic() - TALLY.started > cap:
        TALLY.capped = True
        pytest.skip(f"{TIME_CAP_REASON} ({cap:g} s)")  # Hypothesis passes a skip through at once


class Attempt:
    outcome = "accepted"

    def refuse(self) -> None:
        """The importer refused the input by recording a clear error (a failed run), not by raising it."""
        self.outcome = "refused"


@contextmanager
def tried(importer: str, strategy: str, clear: tuple[type[BaseException], ...] = (), check=None):
    """Run the block as one input: accepted when it ends normally (unless it calls `refuse()` on what this
    yields); refused when it raises one of `clear` and `check(exc)` finds the message clear (it asserts); anything
    else is a crash, counted and raised again."""
    _check_time_cap()
    attempt = Attempt()
    try:
        yield attempt
    except clear as exc:
        try:
            if check is not None:
                check(exc)
        except BaseException:
            TALLY.add(importer, strategy, "crash")  # a refusal without a clear message counts as a crash
            raise
        TALLY.add(importer, strategy, "refused")
    except BaseException:
        TALLY.add(importer, strategy, "crash")
        raise
    else:
        TALLY.add(importer, strategy, attempt.outcome)


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Every database write of one input is undone afterwards, so that the next input starts from the same state
    (Hypothesis runs all inputs of a test inside the one test transaction)."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def table_counts(*models) -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in models}
