"""Writes the fuzz tally of each test as JSON lines, only when AANJAGER_FUZZ_REPORT names a file."""

import json
import os
import time

import pytest

from tests.fuzz.support import REPORT_ENV, TALLY


@pytest.fixture(autouse=True)
def fuzz_tally(request):
    TALLY.reset()
    started = time.monotonic()
    yield TALLY
    path = os.environ.get(REPORT_ENV)
    if not path or not TALLY.counts:
        return
    from django.db import connection

    seconds = round(time.monotonic() - started, 2)
    with open(path, "a", encoding="utf-8") as handle:
        for (importer, strategy), counts in sorted(TALLY.counts.items()):
            record = {
                "test": request.node.nodeid,
                "database": connection.vendor,
                "importer": importer,
                "strategy": strategy,
                "tried": sum(counts.values()),
                "accepted": counts["accepted"],
                "refused": counts["refused"],
                "crashes": counts["crash"],
                "seconds": seconds,
                "capped": TALLY.capped,
            }
            handle.write(json.dumps(record) + "\n")
