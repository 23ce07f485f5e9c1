"""Brute-force protection on the login (django-axes): a username is locked from an address after 5 failures."""

import pytest
from django.test import override_settings

from aanjager.accounts import services as account_services

PASSWORD = "een-lang-test-wachtwoord-42"


@pytest.fixture
def user(db):
    return account_services.create_user(actor=None, username="coordinator", password=PASSWORD)


def _sign_in(client, password, *, address="10.0.0.1", username="coordinator"):
    return client.post("/inloggen/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_lock_the_username_from_that_address(client, user):
    client.cookies["django_language"] = "en"
    for _ in range(4):
        assert _sign_in(client, "fout").status_code == 200  # the form again, with its error
    locked = _sign_in(client, "fout")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert (
        "Too many failed attempts" in html and "failed 5 times" in html and "Try again in 15 minutes" in html
    )
    # now even the right password is refused from there ...
    assert _sign_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... but not from another address, and another username from the same address is not locked
    assert _sign_in(client, PASSWORD, address="10.0.0.2").status_code == 302


def test_a_success_resets_the_count(client, user):
    for _ in range(4):
        _sign_in(client, "fout")
    assert _sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _sign_in(client, "fout").status_code == 200
    assert _sign_in(client, PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_a_setting(client, user):
    _sign_in(client, "fout")
    assert _sign_in(client, "fout").status_code == 429


def test_the_lockout_page_is_dutch_by_default(client, user):
    for _ in range(5):
        response = _sign_in(client, "fout")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
