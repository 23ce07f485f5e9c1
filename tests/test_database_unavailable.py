"""A database that cannot be reached: a clear 503 page or Problem JSON with Retry-After, never a stack trace."""

import pytest
from django.db import OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from rest_framework.authtoken.models import Token

from aanjager.accounts import services as account_services


@pytest.fixture
def database_down(monkeypatch):
    """Every new connection fails as when the server is gone; the open one is closed first."""

    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    def switch_off():
        connections.close_all()
        monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)

    return switch_off


@pytest.fixture
def user(db):
    return account_services.create_user(actor=None, username="iemand", password="een-lang-test-wachtwoord-42")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", ["/", "/programmas/", "/locaties/", "/register/"])
def test_pages_answer_503_in_dutch(client, user, database_down, path):
    client.force_login(user)
    client.raise_request_exception = False
    database_down()
    response = client.get(path)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Tijdelijk niet beschikbaar" in html and "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "60"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_answers_503_problem_json(client, user, database_down):
    token = Token.objects.create(user=user).key
    client.raise_request_exception = False
    database_down()
    response = client.get("/api/v1/regions", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Tijdelijk niet beschikbaar"
    assert "niet bereikbaar" in body["detail"] and "127.0.0.1" not in body["detail"]
    assert response["Retry-After"] == "60"


def test_other_failures_stay_a_plain_500(client, user, monkeypatch):
    from aanjager.geo import selectors

    def broken(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(selectors, "regions", broken)  # the home page of a signed-in user reads the regions
    client.force_login(user)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()
    assert "Retry-After" not in response
