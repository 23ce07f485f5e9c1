"""Double-dependency indicators on real locations: derived landlord-employer, minimum wage from reference data,
the location page, the overview per operator (scoped), the API fields and the minimum-wage command."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.accounts.models import Role
from aanjager.locations import selectors, services
from aanjager.organisations import services as organisation_services
from aanjager.reference.models import MinimumWage

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)


def _location(world, **fields):
    base = {
        "name": "Logies Dijk",
        "street": "Dijk",
        "house_number": 1,
        "postcode": "4001 AB",
        "place": "Tiel",
        "municipality": world.tiel,
        "housing_form": "building_units",
        "beds": 10,
        "operator": world.in_area,
    }
    return services.create_location(actor=None, **{**base, **fields})


def _levels(location, day=D(2026, 3, 1)):
    found = selectors.dependency_indicators(location=location, day=day)["indicators"]
    return {i.code: i.level for i in found}


def test_landlord_is_employer_is_derived_from_operator_and_employers(world):
    agency = organisation_services.create_organisation(
        actor=None, name="Uitzendbureau X", org_type="temp_agency", seat_municipality=world.tiel
    )
    assert _location(world, operator=agency).landlord_is_employer() is True
    provider = organisation_services.create_organisation(
        actor=None, name="Huisvester Y", org_type="private_housing_provider", seat_municipality=world.tiel
    )
    plain = _location(world, operator=provider)
    assert plain.landlord_is_employer() is None  # nobody named as employer
    plain.employers.set([world.outside])
    assert plain.landlord_is_employer() is False
    plain.employers.set([world.outside, provider])
    assert plain.landlord_is_employer() is True


def test_the_minimum_wage_comes_from_the_reference_table(world):
    assert MinimumWage.objects.filter(valid_from=D(2026, 1, 1), hourly_gross=Decimal("14.71")).exists()
    location = _location(world, rent_per_bed_week=Decimal("145.00"), rent_payment="invoice")
    assert _levels(location, D(2026, 3, 1))["rent_cap"] == "ok"  # cap € 147,10
    assert _levels(location, D(2025, 3, 1))["rent_cap"] == "warning"  # cap € 140,60
    assert _levels(location, D(2024, 12, 31))["rent_cap"] == "unknown"  # no wage recorded that far back


def test_wage_deduction_without_a_certificate_is_flagged(world):
    location = _location(world, rent_payment="wage_deduction", rent_per_bed_week=Decimal("100"))
    assert _levels(location)["rent_payment"] == "flag"
    services.create_certificate(
        actor=None,
        scheme="snf",
        number="SNF-1",
        holder=world.in_area,
        valid_from=D(2025, 1, 1),
        valid_to=D(2027, 1, 1),
        locations=[location],
    )
    assert _levels(location)["rent_payment"] == "warning"


def test_location_page_and_overview_show_the_flags_with_parameters(client, world):
    flagged = _location(
        world,
        name="Logies Krap",
        separate_rental_contract=False,
        notice_days_after_job_loss=7,
        rent_payment="invoice",
    )
    _location(world, name="Logies Elders", municipality=world.amsterdam, separate_rental_contract=False)
    client.force_login(world.actor)
    page = client.get(f"/locaties/{flagged.pk}/").content.decode()
    assert "Dubbele afhankelijkheid" in page and "Wet goed verhuurderschap" in page and "7 dagen" in page
    overview = client.get("/locaties/afhankelijkheid/?uren=36&opzegdagen=5").content.decode()
    assert "Logies Krap" in overview and "Logies Elders" not in overview  # outside the advisor's area
    assert "7 dagen" not in overview  # 7 ≥ 5 days: the notice period is not flagged with this parameter
    assert "7 dagen; norm: minstens 28 dagen" in client.get("/locaties/afhankelijkheid/").content.decode()
    assert "€ 132,39" in overview  # 25% of 36 hours at € 14,71
    assert client.get("/locaties/afhankelijkheid/?uren=NaN").status_code == 200
    assert client.get(f"/locaties/{flagged.pk}/?uren=Infinity").status_code == 200
    odd = client.get("/locaties/afhankelijkheid/?uren=abc&opzegdagen=-3&op=gisteren")
    assert odd.status_code == 200 and "€ 147,10" in odd.content.decode()


def test_an_empty_overview_says_what_to_do(client, make_world):
    world = make_world(Role.HOUSING_PROVIDER)
    from aanjager.locations.models import BedPlan, Location

    BedPlan.objects.all().delete()
    Location.objects.all().delete()
    client.force_login(world.actor)
    assert "Registreer locaties" in client.get("/locaties/afhankelijkheid/").content.decode()


def test_tenancy_terms_in_the_api_with_field_errors(world, api_client_for):
    location = _location(world)
    api = api_client_for(world.actor)
    response = api.patch(
        f"/api/v1/locations/{location.pk}",
        {"rent_payment": "wage_deduction", "rent_per_bed_week": "150.00", "notice_days_after_job_loss": 30},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["rent_per_bed_week"] == "150.00"
    bad = api.patch(
        f"/api/v1/locations/{location.pk}",
        {"rent_payment": "cash", "rent_per_bed_week": "-1", "notice_days_after_job_loss": -2},
        format="json",
    )
    assert bad.status_code == 400
    fields = {e["name"] for e in bad.json()["invalid-params"]}
    assert {"rent_payment", "rent_per_bed_week", "notice_days_after_job_loss"} <= fields


def test_minimum_wage_command_lists_adds_and_refuses_bad_input(db):
    out = StringIO()
    call_command(
        "minimum_wage", "--from", "2026-07-01", "--hourly", "15,02", "--source", "Staatscourant", stdout=out
    )
    assert "2026-07-01\t15.02\tStaatscourant" in out.getvalue()
    assert "2025-01-01\t14.06" in out.getvalue()
    for args, message in [
        (["--from", "2026-13-01", "--hourly", "1", "--source", "x"], "--from"),
        (["--from", "2026-07-01", "--hourly", "veel", "--source", "x"], "--hourly"),
        (["--from", "2026-07-01", "--hourly", "0", "--source", "x"], "above 0"),
        (["--from", "2026-07-01"], "together"),
    ]:
        with pytest.raises(CommandError, match=message):
            call_command("minimum_wage", *args, stdout=StringIO())
    assert MinimumWage.objects.get(valid_from=D(2026, 7, 1)).hourly_gross == Decimal("15.02")


def test_minimum_wage_page(client, world):
    client.force_login(world.actor)
    page = client.get("/referentie/minimumloon/").content.decode()
    assert "14,71" in page and "w-o.nl" in page
