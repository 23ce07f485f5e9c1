"""The whole API against the committed openapi.yaml, with schemathesis (issue 8): no 5xx, every status documented,
every body and content type as documented. All operations, as an administrator, a policy advisor (municipality), a
housing provider (partner organisation) and anonymous, on the demo region, writes included (in the test's
transaction). Deterministic examples, a small number each; benchmarks/api_scan.py runs the same scan bigger."""

from django.core.cache import cache

from tests.api_scanner import Scanner, load_demo, summary, tokens

# (positive, negative) examples per operation; anonymous calls only need to show the 401 is documented.
BUDGET = {"beheerder": (3, 2), "beleid": (2, 1), "huisvester": (1, 1), "anonymous": (1, 0)}


def test_every_operation_answers_as_documented(db):
    load_demo()
    identities = tokens(["beheerder", "beleid", "huisvester"])
    scanner = Scanner(examples=1)
    try:
        tally = scanner.scan(identities, BUDGET)
    finally:
        cache.clear()  # the public API's throttle counts in the cache
    print(summary(tally))
    assert len(tally) == len(scanner.operations()) > 190
    failures = [f"{label}: {finding.report}" for label, item in tally.items() for finding in item.failures]
    assert not failures, f"{summary(tally)}\n\n" + "\n".join(failures[:10])
    statuses = {status for item in tally.values() for status in item.statuses}
    assert {200, 201, 204, 400, 401, 403, 404} <= statuses  # the scan reached reads, writes and refusals
