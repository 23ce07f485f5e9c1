import pytest
from django.core.cache import cache

from aanjager.demo import rivierenland
from aanjager.estimates.models import EstimateRow, EstimateRun


@pytest.fixture
def published(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    rivierenland.load()
    rivierenland.load_estimate(persons=600)
    return EstimateRun.objects.get(title=rivierenland.DEMO_RUN_TITLE)


def test_anyone_reads_published_runs_with_small_cells_suppressed(client, published):
    listing = client.get("/api/v1/public/estimates")
    assert listing.status_code == 200 and listing["API-Version"] == "1.0.0"
    assert [r["id"] for r in listing.json()["results"]] == [published.pk]
    row = EstimateRow.objects.filter(
        run=published, municipality__in=published.region.municipalities.all()
    ).first()
    row.workers_long = 4
    row.save()
    results = client.get(f"/api/v1/public/estimates/{published.pk}/results").json()["results"]
    public_row = next(r for r in results if r["municipality_code"] == row.municipality.code)
    assert public_row["workers_long"] is None
    numbers = [
        v for r in results for k, v in r.items() if k not in ("municipality_code", "municipality_name")
    ]
    assert all(v is None or v == 0 or v >= 10 for v in numbers)


def test_unpublished_runs_are_not_public(client, published):
    published.is_published = False
    published.save()
    assert client.get("/api/v1/public/estimates").json()["count"] == 0
    response = client.get(f"/api/v1/public/estimates/{published.pk}/results")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_public_api_is_read_only_and_throttled(client, published, settings):
    assert client.post("/api/v1/public/estimates", {}).status_code == 405
    cache.clear()
    from rest_framework.settings import api_settings

    from aanjager.api.public import PublicThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "public": "3/minute"}
    PublicThrottle.THROTTLE_RATES = rates
    try:
        statuses = [client.get("/api/v1/public/estimates").status_code for _ in range(5)]
    finally:
        PublicThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
