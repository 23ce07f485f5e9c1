"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

No browser is ever downloaded: Chromium comes from the system (/usr/bin/chromium, or CHROMIUM_PATH). Every
test module here is marked `browser` and uses a transactional database with serialized rollback: the live
server answers from another thread, so it must see committed data, and the 342 municipalities of the data
migration must survive the flush between tests.
"""

import os
from pathlib import Path

# Playwright's sync API runs an asyncio event loop in the main thread; without this Django refuses ORM calls
# from fixtures and tests ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from .support import login  # noqa: E402

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# How long one Playwright action or navigation may take before the test fails (ms).
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).is_file():
        pytest.fail(
            f"No Chromium at {CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH. "
            "The browser tests never download a browser."
        )
    from django.db import connections

    # Once Playwright's sync API has started, the test code runs in another contextvars context (its greenlet
    # switches back from inside the event loop), where Django's connection handler would make fresh
    # connection objects: without the test database's serialized contents, so serialized_rollback would
    # silently restore nothing. Keep using the connection objects from before the start.
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    # Every page records what its Content-Security-Policy refused; assert_accessible checks the list is empty.
    context.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + "
        "(e.sample || '')));"
    )
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def demo(transactional_db, live_server, settings, tmp_path):
    """Regio Rivierenland with its 18 demo organisations, 7 demo users and an estimate run (aanjager.demo)."""
    settings.DATA_DIR = tmp_path
    from aanjager.demo import rivierenland
    from aanjager.geo.models import Municipality

    assert Municipality.objects.filter(code__in=rivierenland.MUNICIPALITIES).count() == len(
        rivierenland.MUNICIPALITIES
    ), "the municipalities of the data migration are missing: serialized rollback did not restore them"
    rivierenland.load()
    rivierenland.load_estimate(
        persons=400
    )  # a finished, published run: its page gets crawled and checked too
    rivierenland.load_scenario()  # and a scenario on it, for the housing task
    from aanjager.demo import agreements as demo_agreements

    demo_agreements.load()  # the covenant, team, meetings and reports: the role crawl checks their pages too
    from aanjager.demo import businesscase as demo_businesscase
    from aanjager.demo import programme as demo_programme

    demo_programme.load()  # before the business case, which is linked to one of its measure packages
    demo_businesscase.load()
    from aanjager.demo import policyscan as demo_policyscan

    demo_policyscan.load()
    return rivierenland


@pytest.fixture
def login_as(page, demo):
    """Sign a demo user in through the login form; returns the page, now on the home page."""

    def sign_in(username: str):
        login(page, username, demo.DEMO_PASSWORD)
        return page

    return sign_in
