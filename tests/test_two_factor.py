"""Two-factor authentication (issue 8): mandatory for administrators and coordinators, optional for others; the
code step after the password; the API refuses a session that still owes it; tokens are not affected."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from aanjager.accounts import services as account_services
from aanjager.accounts.totp import current_code
from aanjager.audit.models import AuditEntry
from aanjager.organisations import services as org_services
from tests.conftest import municipality

PASSWORD = "een-lang-test-wachtwoord-42"


def _user(username, role):
    user = account_services.create_user(actor=None, username=username, password=PASSWORD)
    organisation = org_services.create_organisation(
        actor=None,
        name=f"Organisatie {username}",
        org_type="municipality",
        seat_municipality=municipality("GM0281"),
    )
    account_services.create_membership(actor=None, user=user, organisation=organisation, role=role)
    return user


def _sign_in(client, username):
    client.cookies["django_language"] = "en"
    response = client.post("/inloggen/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _set_up(client, username, next_="/"):
    client.get(f"/tweestapsverificatie/?next={next_}")
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    return client.post("/tweestapsverificatie/", {"code": current_code(device), "next": next_})


@pytest.fixture
def administrator(db):
    return _user("beheer", "administrator")


@pytest.fixture
def reader(db):
    return _user("lezer", "reader")


def test_an_administrator_must_set_it_up_before_anything_else(client, administrator):
    _sign_in(client, "beheer")
    for path in ("/", "/programmas/", "/audit/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/tweestapsverificatie/?next=")
    page = client.get("/tweestapsverificatie/").content.decode()
    assert "Your role requires two-factor authentication" in page and "<svg" in page
    secret = page.split("<code>")[1].split("</code>")[0].replace(" ", "")
    assert len(secret) == 32  # 20 random bytes in base32, to type into an app
    # the session cannot use the API either, until it is done
    assert client.get("/api/v1/regions").status_code in (401, 403)
    response = _set_up(client, "beheer", "/programmas/")
    assert response["Location"] == "/programmas/"
    assert client.get("/programmas/").status_code == 200 and client.get("/api/v1/regions").status_code == 200
    entry = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(administrator.pk)).latest(
        "pk"
    )
    assert entry.changes == {"two_factor": {"before": False, "after": True}}


def test_after_that_every_sign_in_asks_a_code(client, administrator):
    _sign_in(client, "beheer")
    _set_up(client, "beheer")
    client.post("/uitloggen/")
    _sign_in(client, "beheer")
    response = client.get("/locaties/")
    assert response["Location"] == "/inloggen/code/?next=%2Flocaties%2F"
    wrong = client.post("/inloggen/code/", {"code": "000000", "next": "/locaties/"})
    assert wrong.status_code == 200 and "The code is not right or has expired." in wrong.content.decode()
    assert client.get("/locaties/").status_code == 302
    device = TOTPDevice.objects.get(user=administrator)
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    right = client.post("/inloggen/code/", {"code": current_code(device), "next": "/locaties/"})
    assert right["Location"] == "/locaties/"
    assert client.get("/locaties/").status_code == 200


def test_a_code_is_not_accepted_twice(client, administrator):
    _sign_in(client, "beheer")
    _set_up(client, "beheer")
    device = TOTPDevice.objects.get(user=administrator)
    used = current_code(device)  # the code that just switched it on
    client.post("/uitloggen/")
    _sign_in(client, "beheer")
    assert client.post("/inloggen/code/", {"code": used, "next": "/"}).status_code == 200


def test_optional_for_a_reader_who_may_switch_it_on_and_off(client, reader):
    _sign_in(client, "lezer")
    assert client.get("/programmas/").status_code == 200  # no requirement
    _set_up(client, "lezer")
    page = client.get("/tweestapsverificatie/").content.decode()
    assert "Switch off" in page
    client.post("/uitloggen/")
    _sign_in(client, "lezer")
    assert client.get("/programmas/")["Location"].startswith("/inloggen/code/")  # now it asks a code
    device = TOTPDevice.objects.get(user=reader)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    client.post("/inloggen/code/", {"code": current_code(device), "next": "/"})
    client.post("/tweestapsverificatie/uitzetten/")
    assert not TOTPDevice.objects.filter(user=reader).exists()


def test_a_required_user_cannot_switch_it_off(client, administrator):
    _sign_in(client, "beheer")
    _set_up(client, "beheer")
    assert "cannot be switched off" in client.get("/tweestapsverificatie/").content.decode()
    assert client.post("/tweestapsverificatie/uitzetten/").status_code == 403
    assert TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()


def test_next_never_leads_elsewhere(client, administrator):
    _sign_in(client, "beheer")
    assert _set_up(client, "beheer", "https://kwaadaardig.example/")["Location"] == "/"


def test_api_tokens_are_not_affected(client, administrator):
    token = Token.objects.create(user=administrator).key
    assert client.get("/api/v1/regions", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_the_requirement_is_a_setting(client, administrator, settings):
    settings.AANJAGER_2FA_REQUIRED_ROLES = ["none"]
    _sign_in(client, "beheer")
    assert client.get("/programmas/").status_code == 200


def test_demo_code_only_for_demo_accounts(db, administrator):
    from aanjager.demo import rivierenland

    rivierenland.load()
    out = StringIO()
    call_command("demo_code", "beheerder", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__username="beheerder")
    assert device.verify_token(code)
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_code", "beheer", stdout=StringIO())


def test_an_administrator_resets_a_lost_app(client, administrator, reader):
    device = TOTPDevice.objects.create(user=reader, name="Telefoon", confirmed=True)
    client.force_login(administrator)
    client.cookies["django_language"] = "en"
    listed = client.get("/gebruikers/").content.decode()
    assert f"/gebruikers/{reader.pk}/tweestapsverificatie-resetten/" in listed
    assert (
        "Reset two-factor authentication"
        in client.get(f"/gebruikers/{reader.pk}/tweestapsverificatie-resetten/").content.decode()
    )
    response = client.post(f"/gebruikers/{reader.pk}/tweestapsverificatie-resetten/")
    assert response["Location"] == "/gebruikers/"
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    entry = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(reader.pk)).latest("pk")
    assert entry.actor == administrator and entry.changes == {"two_factor": {"before": True, "after": False}}


def test_only_who_may_change_the_user_resets(client, reader):
    other = _user("ander", "policy_advisor")
    TOTPDevice.objects.create(user=reader, name="Telefoon", confirmed=True)
    client.force_login(other)
    assert client.post(f"/gebruikers/{reader.pk}/tweestapsverificatie-resetten/").status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=reader).exists()
