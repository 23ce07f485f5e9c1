"""The home page: per region the key figures of the newest estimate the user may see, as its run page shows them."""

from io import StringIO

import pytest
from django.core.management import call_command

from aanjager.accounts.models import User
from aanjager.estimates import selectors
from aanjager.estimates.models import EstimateRow, EstimateRun


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    return EstimateRun.objects.get(title__endswith="(demo)")


def dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def test_key_figures_of_the_newest_estimate(client, demo):
    client.force_login(User.objects.get(username="beleid"))
    html = client.get("/").content.decode()
    rows = selectors.region_rows(run=demo)
    workers = sum(r.workers for r in rows)
    central = sum(r.estimate_central for r in rows)
    assert f"Arbeidsmigranten die hier werken ({demo.year})" in html
    assert f"<dd>{dutch(workers)}</dd>" in html and f"<strong>{dutch(central)}</strong>" in html
    scenario = demo.scenarios.order_by("pk").first()  # the nav links to /woonopgave/ on every page
    assert demo.get_absolute_url() in html and f'href="/woonopgave/{scenario.pk}/"' in html
    assert "Gepubliceerde cijfers" not in html


def test_published_only_viewers_see_the_totals_without_small_cells(client, demo):
    # West Maas en Waal small: those who see the run only because it is published get totals without it.
    row = EstimateRow.objects.get(run=demo, municipality__code="GM0668")
    EstimateRow.objects.filter(pk=row.pk).update(workers=5, workers_short=1, workers_mid=2, workers_long=2)
    client.force_login(User.objects.get(username="huisvester"))
    html = client.get("/").content.decode()
    shown = sum(r.workers for r in selectors.region_rows(run=demo) if r.municipality.code != "GM0668")
    assert "Gepubliceerde cijfers" in html and f"<dd>{dutch(shown)}</dd>" in html


def test_without_an_estimate_the_card_says_so(client, demo):
    EstimateRun.objects.all().delete()
    client.force_login(User.objects.get(username="beleid"))
    assert "Nog geen schatting." in client.get("/").content.decode()
