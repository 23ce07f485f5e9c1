"""Counts the SQL queries of every page twice: on the small data set and after `grow` added rows.

Building the data takes a few seconds, so it is built once for the package, in one transaction that is rolled back
at the end; the tests then compare the counts. Each page is opened once before it is counted, so caches that fill
on first use (content types, the question set, sessions) do not count.
"""

import traceback
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from tests.query_counts import data as query_data
from tests.query_counts import pages


@dataclass
class Count:
    small: int | None = None
    large: int | None = None
    status: tuple = ()
    sizes: tuple = ()  # bytes answered: shows that the larger set did reach the page
    error: str = ""


def _signed_in(user) -> Client:
    """A session that finished two-factor sign-in (the conftest's force_login patch is function-scoped)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test-app", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _api(user) -> Client:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {Token.objects.get_or_create(user=user)[0].key}")
    client.cookies["django_language"] = "en"
    return client


def _queries(client, url) -> tuple[int, int, int]:
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        # a streamed export reads the database while it is sent
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(queries), len(body)


def _measure(clients, data, counts, attribute):
    api_ids = {page_id for page_id, _who, _url in pages.API}
    for page_id, who, url in pages.UI + pages.API:
        count = counts.setdefault(page_id, Count())
        if count.error:
            continue
        if page_id in api_ids and who != pages.ANONYMOUS:
            who = f"api-{who}"  # the API by token: a session would need a CSRF-free client as well
        try:
            status, number, size = _queries(clients[who], url(data))
        except Exception:
            count.error = traceback.format_exc()
            continue
        setattr(count, attribute, number)
        count.status += (status,)
        count.sizes += (size,)


@pytest.fixture(scope="package")
def query_counts(django_db_setup, django_db_blocker) -> dict[str, Count]:
    counts: dict[str, Count] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        data = query_data.Data()
        clients = {
            "coordinator": _signed_in(data.coordinator),
            "admin": _signed_in(data.admin),
            "anonymous": Client(),
            "api-coordinator": _api(data.coordinator),
            "api-admin": _api(data.admin),
        }
        clients["anonymous"].cookies["django_language"] = "en"
        _measure(clients, data, counts, "small")
        query_data.grow(data)
        _measure(clients, data, counts, "large")
        transaction.set_rollback(True)
    return counts
