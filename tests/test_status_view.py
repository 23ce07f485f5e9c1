"""The health check /status/: anonymous JSON without touching the database or the session."""

import pytest


@pytest.mark.django_db
def test_status_answers_ok_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/status/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_status_only_reads(client):
    assert client.post("/status/").status_code == 405
    assert client.head("/status/").status_code == 200
