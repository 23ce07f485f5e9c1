"""The business-case API: /api/v1/business-cases and /api/v1/business-case-variants.

Bad input gets a Problem JSON 400 naming the field and saves nothing; a write the role does not allow gets a
Problem JSON 403; what the user may not see is a 404. One happy path per endpoint, with the outcomes worked out."""

from decimal import Decimal

import pytest

from aanjager.accounts.models import Role
from aanjager.businesscase.models import BusinessCase, Variant

PROBLEM = "application/problem+json"
CASES = "/api/v1/business-cases"
VARIANTS = "/api/v1/business-case-variants"
OUTCOMES = (
    "npv",
    "irr",
    "irr_reason",
    "payback_year",
    "payback_within_term",
    "break_even_rent",
    "break_even_occupancy",
    "rent_ok",
    "rent_limit",
    "weighted_score",
    "errors",
)


def _invalid(response, field):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 400
    names = {param["name"] for param in body["invalid-params"]}
    assert field in names, names


@pytest.fixture
def admin(admin_world, api_client_for):
    return api_client_for(admin_world.actor)


def _variant_payload(target, **overrides):
    data = {
        "case": target.pk,
        "name": "Transformatie",
        "housing_form": "transformation",
        "beds": 80,
        "floor_area_per_bed": "14.0",
        "capex_per_m2": "1800.00",
        "permit_term_years": 10,
        "residual_percent": "10",
        "rent_per_bed_per_week": "120.00",
        "occupancy_percent": "90",
        "opex_per_bed_per_week": "28.00",
        "scores": {"distance_to_work": 4, "quality": 3},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("beds", {"beds": -5}),
        ("beds", {"beds": 0}),
        ("occupancy_percent", {"occupancy_percent": 120}),
        ("name", {"name": ""}),
        ("permit_term_years", {"permit_term_years": 0}),
        ("capex_per_bed", {"capex_per_bed": "35000"}),  # both investment fields
        ("capex_per_bed", {"capex_per_m2": None}),  # neither
        ("housing_form", {"housing_form": "tent"}),
        ("scores.distance_to_work", {"scores": {"distance_to_work": 9}}),
        ("scores", {"scores": {"beauty": 3}}),
        ("name", {"name": "Modulair"}),  # the case already has a variant of this name
        ("case", {"case": 999999}),
    ],
)
def test_bad_variant_is_refused_with_the_field_named(admin_world, admin, field, overrides):
    case = admin_world.business_case_targets["own"]
    before = Variant.objects.count()
    response = admin.post(VARIANTS, _variant_payload(case, **overrides), format="json")
    _invalid(response, field)
    assert Variant.objects.count() == before


@pytest.mark.parametrize(
    ("field", "payload"),
    [
        ("beds", {"beds": -1}),
        ("occupancy_percent", {"occupancy_percent": "120"}),
        ("name", {"name": ""}),
        ("permit_term_years", {"permit_term_years": 0}),
        ("capex_per_bed", {"capex_per_m2": "1500"}),  # both: the variant has an investment per bed
        ("capex_per_bed", {"capex_per_bed": None}),  # neither
    ],
)
def test_bad_variant_change_is_refused_and_nothing_changes(admin_world, admin, field, payload):
    variant = admin_world.business_case_targets["own"].variants.get()
    before = Variant.objects.filter(pk=variant.pk).values().get()
    response = admin.patch(f"{VARIANTS}/{variant.pk}", payload, format="json")
    _invalid(response, field)
    assert Variant.objects.filter(pk=variant.pk).values().get() == before


def test_a_variant_stays_with_its_case(admin_world, admin):
    variant = admin_world.business_case_targets["own"].variants.get()
    other = admin_world.business_case_targets["in"]
    response = admin.patch(f"{VARIANTS}/{variant.pk}", {"case": other.pk}, format="json")
    _invalid(response, "case")
    assert Variant.objects.get(pk=variant.pk).case_id == variant.case_id


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("municipality", {"municipality": "GM9999"}),
        ("organisation", {"organisation": 999999}),
        ("name", {"name": ""}),
        ("weights.distance_to_work", {"weights": {"distance_to_work": 11}}),
        ("weights", {"weights": {"beauty": 2}}),
        ("location", {"location": "elsewhere"}),  # a location in another municipality
    ],
)
def test_bad_case_is_refused_with_the_field_named(admin_world, admin, field, overrides):
    if overrides.get("location") == "elsewhere":
        overrides = {"location": admin_world.locations["out"].pk}
    payload = {"name": "Kavel 9", "municipality": "GM0281", "organisation": admin_world.home.pk, **overrides}
    before = BusinessCase.objects.count()
    response = admin.post(CASES, payload, format="json")
    _invalid(response, field)
    assert BusinessCase.objects.count() == before


# ------------------------------------------------------------------ happy paths
def test_case_crud_with_variants_and_outcomes(admin_world, admin):
    response = admin.post(
        CASES,
        {
            "name": "Kavel 9",
            "municipality": "GM0281",
            "organisation": admin_world.home.pk,
            "location": admin_world.locations["own"].pk,
            "weights": {"distance_to_work": 3},
            "notes": "Eerste opzet",
            "is_demo": True,  # read-only: ignored
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["municipality"] == "GM0281"
    assert body["location"] == admin_world.locations["own"].pk
    assert body["is_demo"] is False
    assert body["variants"] == []
    case = BusinessCase.objects.get(pk=body["id"])
    assert case.weights == {"distance_to_work": 3}

    existing = admin_world.business_case_targets["own"]
    detail = admin.get(f"{CASES}/{existing.pk}")
    assert detail.status_code == 200, detail.content
    [variant] = detail.json()["variants"]
    assert variant["name"] == "Modulair"
    assert variant["capex_per_bed"] == "35000.00"
    assert variant["errors"] == {}
    assert Decimal(variant["npv"]) != 0
    assert variant["irr"] is not None and variant["irr_reason"] is None
    assert variant["payback_within_term"] in (True, False)
    assert Decimal(variant["break_even_rent"]) > 0
    assert variant["break_even_occupancy"] is not None
    assert variant["rent_ok"] is True and Decimal(variant["rent_limit"]) > 125

    listed = admin.get(CASES, {"municipality": "GM0281"})
    assert listed.status_code == 200
    assert {item["id"] for item in listed.json()["results"]} == {case.pk, existing.pk}

    changed = admin.patch(f"{CASES}/{case.pk}", {"notes": "Gewijzigd", "location": None}, format="json")
    assert changed.status_code == 200, changed.content
    case.refresh_from_db()
    assert (case.notes, case.location_id) == ("Gewijzigd", None)

    assert admin.delete(f"{CASES}/{existing.pk}").status_code == 204
    assert not BusinessCase.objects.filter(pk=existing.pk).exists()
    assert not Variant.objects.filter(case=existing.pk).exists()


def test_variant_crud_with_outcomes(admin_world, admin):
    case = admin_world.business_case_targets["own"]
    response = admin.post(VARIANTS, _variant_payload(case), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(OUTCOMES) <= set(body)
    assert body["case"] == case.pk
    assert body["capex_per_bed"] is None and body["capex_per_m2"] == "1800.00"
    assert body["errors"] == {}
    assert body["npv"] is not None and body["break_even_rent"] is not None
    assert body["weighted_score"] == pytest.approx(3.5)  # weights default to 1
    variant = Variant.objects.get(pk=body["id"])
    assert variant.occupancy_percent == Decimal("90")

    detail = admin.get(f"{VARIANTS}/{variant.pk}")
    assert detail.status_code == 200
    assert detail.json()["npv"] == body["npv"]
    listed = admin.get(VARIANTS, {"case": case.pk})
    assert {item["name"] for item in listed.json()["results"]} == {"Modulair", "Transformatie"}

    changed = admin.patch(f"{VARIANTS}/{variant.pk}", {"rent_per_bed_per_week": "150.00"}, format="json")
    assert changed.status_code == 200, changed.content
    assert Decimal(changed.json()["npv"]) > Decimal(body["npv"])
    variant.refresh_from_db()
    assert variant.rent_per_bed_per_week == Decimal("150.00")

    assert admin.delete(f"{VARIANTS}/{variant.pk}").status_code == 204
    assert not Variant.objects.filter(pk=variant.pk).exists()


def test_inputs_that_do_not_compute_give_errors_not_outcomes(admin_world, admin):
    case = admin_world.business_case_targets["own"]
    # Stored around the validation (older data): both investment fields given.
    variant = Variant.objects.create(
        case=case,
        name="Kapot",
        housing_form="hotel",
        beds=10,
        floor_area_per_bed=Decimal("12"),
        capex_per_bed=Decimal("1000"),
        capex_per_m2=Decimal("100"),
        permit_term_years=5,
        rent_per_bed_per_week=Decimal("100"),
        opex_per_bed_per_week=Decimal("20"),
    )
    response = admin.get(f"{VARIANTS}/{variant.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert "capex_per_m2" in body["errors"]
    assert all(body[key] is None for key in OUTCOMES if key not in ("errors", "weighted_score"))


# ------------------------------------------------------------------ rights
def test_provider_sees_its_own_case_but_not_another(make_world, api_client_for):
    world = make_world(Role.HOUSING_PROVIDER)
    client = api_client_for(world.actor)
    own, other = world.business_case_targets["own"], world.business_case_targets["in"]
    assert client.get(f"{CASES}/{own.pk}").status_code == 200
    listed = client.get(CASES)
    assert {item["id"] for item in listed.json()["results"]} == {own.pk}

    response = client.get(f"{CASES}/{other.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM)
    other_variant = other.variants.get()
    assert client.get(f"{VARIANTS}/{other_variant.pk}").status_code == 404
    assert client.patch(f"{VARIANTS}/{other_variant.pk}", {"beds": 5}, format="json").status_code == 404
    assert client.delete(f"{CASES}/{other.pk}").status_code == 404
    assert BusinessCase.objects.filter(pk=other.pk).exists()

    # Adding a variant to another's case is changing that case: refused.
    response = client.post(VARIANTS, _variant_payload(other), format="json")
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert not Variant.objects.filter(name="Transformatie").exists()
    # To its own case: allowed.
    assert client.post(VARIANTS, _variant_payload(own), format="json").status_code == 201


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.INSPECTOR])
def test_employer_and_inspector_get_no_business_cases(make_world, api_client_for, role):
    world = make_world(role)
    client = api_client_for(world.actor)
    case = world.business_case_targets["own"]  # at the site of their own location
    variant = case.variants.get()
    for response in (
        client.get(CASES),
        client.get(f"{CASES}/{case.pk}"),
        client.get(VARIANTS),
        client.get(f"{VARIANTS}/{variant.pk}"),
        client.post(
            CASES,
            {"name": "Kavel 9", "municipality": "GM0281", "organisation": world.home.pk},
            format="json",
        ),
        client.patch(f"{CASES}/{case.pk}", {"notes": "Gewijzigd"}, format="json"),
        client.post(VARIANTS, _variant_payload(case), format="json"),
        client.delete(f"{VARIANTS}/{variant.pk}"),
    ):
        assert response.status_code in (403, 404), response.content
        assert response["Content-Type"].startswith(PROBLEM)
    assert not BusinessCase.objects.filter(name="Kavel 9").exists()
    case.refresh_from_db()
    assert case.notes == "Locatie"
    assert Variant.objects.filter(pk=variant.pk).exists()


def test_reader_may_read_but_not_write(make_world, api_client_for):
    world = make_world(Role.READER)
    client = api_client_for(world.actor)
    case = world.business_case_targets["in"]  # in the reader's area
    assert client.get(f"{CASES}/{case.pk}").status_code == 200
    response = client.patch(f"{CASES}/{case.pk}", {"notes": "Gewijzigd"}, format="json")
    assert response.status_code == 403, response.content
    response = client.patch(f"{VARIANTS}/{case.variants.get().pk}", {"beds": 5}, format="json")
    assert response.status_code == 403, response.content
    assert BusinessCase.objects.get(pk=case.pk).notes == "Locatie"
