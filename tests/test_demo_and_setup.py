from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.accounts.models import Membership, User
from aanjager.demo import rivierenland
from aanjager.geo.models import Region
from aanjager.organisations.models import Organisation, OrganisationType


def test_demo_loads_rivierenland_and_is_idempotent(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "password for all" in out.getvalue()
    region = Region.objects.get(name="Regio Rivierenland")
    assert sorted(region.municipalities.values_list("code", flat=True)) == sorted(rivierenland.MUNICIPALITIES)
    counts = Organisation.objects.count(), User.objects.count(), Membership.objects.count()
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    assert (Organisation.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert all(o.is_demo and "(demo)" in o.name for o in Organisation.objects.all())
    assert all(u.is_demo for u in User.objects.all())
    types = list(Organisation.objects.values_list("org_type", flat=True))
    assert types.count(OrganisationType.MUNICIPALITY) == 8
    assert types.count(OrganisationType.HOUSING_CORPORATION) == 2
    assert types.count(OrganisationType.PRIVATE_HOUSING_PROVIDER) == 3
    assert types.count(OrganisationType.EMPLOYER) + types.count(OrganisationType.TEMP_AGENCY) == 4
    assert set(Membership.objects.values_list("role", flat=True)) == {
        "administrator",
        "regional_coordinator",
        "policy_advisor",
        "inspector",
        "housing_provider",
        "employer",
        "reader",
    }


@pytest.mark.parametrize("username", [u[0] for u in rivierenland.USERS])
def test_every_demo_user_can_sign_in_through_the_form(client, db, username):
    rivierenland.load()
    response = client.post("/inloggen/", {"username": username, "password": rivierenland.DEMO_PASSWORD})
    assert response.status_code == 302
    if username in rivierenland.DEMO_TOTP_KEYS:  # the second step: the code of the demo app
        assert client.get("/")["Location"] == "/inloggen/code/?next=%2F"
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from aanjager.accounts.totp import current_code

        code = current_code(TOTPDevice.objects.get(user__username=username))
        assert client.post("/inloggen/code/", {"code": code, "next": "/"}).status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_password_gets_a_clear_message(client, db):
    rivierenland.load()
    response = client.post("/inloggen/", {"username": "lezer", "password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_no_model_changes_without_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_region_in_use_cannot_be_deleted(client, db):
    rivierenland.load()
    client.force_login(User.objects.get(username="beheerder"))
    region = Region.objects.get(name="Regio Rivierenland")
    response = client.post(f"/regios/{region.pk}/verwijderen/")
    assert response.status_code == 200
    assert "lidmaatschap" in response.content.decode()
    assert Region.objects.filter(pk=region.pk).exists()


def test_create_administrator_bootstraps_a_fresh_installation(db, monkeypatch, client):
    monkeypatch.setenv("AANJAGER_ADMIN_PASSWORD", "een-heel-lang-beheerwachtwoord")
    call_command(
        "create_administrator",
        "--username",
        "eerste",
        "--organisation",
        "Gemeente Tiel",
        "--municipality",
        "GM0281",
        stdout=StringIO(),
    )
    membership = Membership.objects.get(user__username="eerste")
    assert membership.role == "administrator"
    client.post("/inloggen/", {"username": "eerste", "password": "een-heel-lang-beheerwachtwoord"})
    # an administrator sets up two-factor authentication before anything else
    assert client.get("/audit/")["Location"] == "/tweestapsverificatie/?next=%2Faudit%2F"
    assert client.get("/tweestapsverificatie/?next=/audit/").status_code == 200
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from aanjager.accounts.totp import current_code

    code = current_code(TOTPDevice.objects.get(user__username="eerste"))
    response = client.post("/tweestapsverificatie/", {"code": code, "next": "/audit/"})
    assert response["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200


def test_create_administrator_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="password"):
        call_command(
            "create_administrator",
            "--username",
            "zwak",
            "--password",
            "123",
            "--organisation",
            "X",
            "--municipality",
            "GM0281",
            stdout=StringIO(),
        )
    assert not User.objects.filter(username="zwak").exists()
    assert not Organisation.objects.filter(name="X").exists()


def test_demo_can_be_forbidden(db, settings):
    settings.AANJAGER_FORBID_DEMO = True
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Region.objects.exists()


def test_coordinator_cannot_redraw_their_own_region(make_world, api_client_for, client):
    world = make_world("regional_coordinator")
    api = api_client_for(world.actor)
    response = api.patch(
        f"/api/v1/regions/{world.region.pk}",
        {"municipalities": ["GM0281", "GM0297", "GM0363"]},
        format="json",
    )
    assert response.status_code == 403
    assert world.region.municipalities.count() == 2
    client.force_login(world.actor)
    client.post(
        f"/regios/{world.region.pk}/bewerken/",
        {
            "name": "Testregio",
            "region_type": "cooperation",
            "description": "nieuw",
            "valid_from": "2025-01-01",
            "valid_to": "",
            "municipalities": [world.tiel.pk, world.zaltbommel.pk, world.amsterdam.pk],
        },
    )
    world.region.refresh_from_db()
    assert world.region.description == "nieuw"
    assert world.region.municipalities.count() == 2


def test_coordinator_cannot_touch_memberships_with_roles_they_cannot_grant(client, db):
    rivierenland.load()
    coordinator = User.objects.get(username="coordinator")
    client.force_login(coordinator)
    admin_membership = Membership.objects.get(user__username="beheerder")
    own = Membership.objects.get(user=coordinator)
    page = client.get("/lidmaatschappen/").content.decode()
    assert f"/lidmaatschappen/{admin_membership.pk}/verwijderen/" not in page
    assert f"/lidmaatschappen/{own.pk}/bewerken/" not in page
    reader = Membership.objects.get(user__username="lezer")
    assert f"/lidmaatschappen/{reader.pk}/bewerken/" in page
    for membership in (admin_membership, own):
        assert client.post(f"/lidmaatschappen/{membership.pk}/verwijderen/").status_code == 403
        assert Membership.objects.filter(pk=membership.pk).exists()
