"""Business cases through the pages: bad input loses nothing, rights, the comparison, XLSX and PDF."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from aanjager.accounts import services as account_services
from aanjager.businesscase import services
from aanjager.businesscase.models import BusinessCase, Variant
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services

PASSWORD = "een-lang-test-wachtwoord-42"


class Site:
    def __init__(self):
        self.tiel = Municipality.objects.get(code="GM0281")
        self.provider = org_services.create_organisation(
            actor=None, name="Flexwonen BV", org_type="private_housing_provider", seat_municipality=self.tiel
        )
        self.employer = org_services.create_organisation(
            actor=None, name="Teler BV", org_type="employer", seat_municipality=self.tiel
        )
        self.provider_user = self._user("huisvester", self.provider, "housing_provider")
        self.employer_user = self._user("werkgever", self.employer, "employer")
        self.case = services.create_case(
            actor=None,
            name="Kavel 7",
            municipality=self.tiel,
            organisation=self.provider,
            weights={"distance_to_work": 3, "quality": 1},
        )

    def _user(self, username, organisation, role):
        user = account_services.create_user(actor=None, username=username, password=PASSWORD)
        account_services.create_membership(actor=None, user=user, organisation=organisation, role=role)
        return user


@pytest.fixture
def site(db):
    return Site()


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def _variant(**overrides):
    data = {
        "name": "Modulair",
        "housing_form": "modular",
        "beds": "100",
        "floor_area_per_bed": "12",
        "capex_per_bed": "35000",
        "land_lease_per_year": "0",
        "permit_term_years": "15",
        "residual_percent": "20",
        "rent_per_bed_per_week": "125",
        "occupancy_percent": "90",
        "opex_per_bed_per_week": "30",
        "rent_indexation_percent": "2",
        "cost_indexation_percent": "2",
        "interest_percent": "4",
        "loan_percent": "60",
        "discount_percent": "5",
        "weekly_hours": "40",
        "score_distance_to_work": "5",
        "score_quality": "2",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"beds": "-3"}, "greater than or equal to"),
        ({"occupancy_percent": "120"}, "less than or equal to 100"),
        ({"name": ""}, "This field is required"),
        ({"permit_term_years": "0"}, "greater than or equal to 1"),
        ({"capex_per_bed": ""}, "per bed or per m², one of the two"),
        ({"capex_per_m2": "2000"}, "per bed or per m², one of the two"),
        ({"score_quality": "9"}, "less than or equal to 5"),
    ],
)
def test_bad_variant_input_gets_a_field_error_and_nothing_is_saved(client, site, overrides, message):
    client.force_login(site.provider_user)
    response = client.post(f"/businesscases/{site.case.pk}/varianten/nieuw/", _variant(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Variant.objects.exists()


def test_variants_side_by_side_with_weighted_score_and_exports(client, site):
    client.force_login(site.provider_user)
    response = client.post(f"/businesscases/{site.case.pk}/varianten/nieuw/", _variant())
    assert response.status_code == 302
    client.post(
        f"/businesscases/{site.case.pk}/varianten/nieuw/",
        _variant(name="Hotel", housing_form="hotel", occupancy_percent="0", score_quality="5"),
    )
    modular = Variant.objects.get(name="Modulair")
    assert modular.scores == {"distance_to_work": 5, "quality": 2}
    assert modular.weighted_score() == pytest.approx((3 * 5 + 1 * 2) / 4)
    page = client.get(f"/businesscases/{site.case.pk}/").content.decode()
    assert "Modulair" in page and "Hotel" in page
    import datetime as dt

    from aanjager.businesscase import selectors

    empty = selectors.evaluate(Variant.objects.get(name="Hotel"), dt.date.today()).result
    assert empty.npv < 0 and empty.break_even_rent is None  # nobody pays rent at 0% occupancy
    book = load_workbook(io.BytesIO(client.get(f"/businesscases/{site.case.pk}/businesscase.xlsx").content))
    assert book.sheetnames == ["Invoer", "Uitkomsten", "Kasstromen", "Afweging"]
    flows = list(book["Kasstromen"].iter_rows(values_only=True))
    assert len(flows) == 1 + 2 * 16  # header and years 0..15 of both variants
    pdf = client.get(f"/businesscases/{site.case.pk}/businesscase.pdf")
    assert pdf.status_code in (200, 503) and pdf["Content-Type"].startswith(("application/pdf", "text/html"))


def test_rights(client, site):
    client.force_login(site.employer_user)
    assert client.get("/businesscases/").status_code == 403
    assert client.get(f"/businesscases/{site.case.pk}/").status_code == 404
    client.force_login(site.provider_user)
    other = org_services.create_organisation(
        actor=None, name="Andere huisvester", org_type="private_housing_provider", seat_municipality=site.tiel
    )
    foreign = services.create_case(
        actor=None, name="Van een ander", municipality=site.tiel, organisation=other
    )
    assert client.get(f"/businesscases/{foreign.pk}/").status_code == 404
    response = client.post(
        "/businesscases/nieuw/",
        {
            "name": "Mijn kavel",
            "municipality": site.tiel.pk,
            "organisation": site.provider.pk,
            **{
                f"weight_{k}": "1"
                for k in ("distance_to_work", "quality", "neighbourhood", "support", "permit_risk")
            },
        },
    )
    assert response.status_code == 302
    assert BusinessCase.objects.get(name="Mijn kavel").weights["quality"] == 1


def test_a_variant_that_cannot_be_worked_out_says_why(client, site):
    Variant.objects.create(
        case=site.case,
        name="Kapot",
        housing_form="other",
        beds=10,
        floor_area_per_bed=Decimal("10"),
        capex_per_bed=Decimal("1000"),
        capex_per_m2=Decimal("100"),  # both: the finance core refuses it
        permit_term_years=10,
        rent_per_bed_per_week=Decimal("100"),
        opex_per_bed_per_week=Decimal("20"),
    )
    client.force_login(site.provider_user)
    page = client.get(f"/businesscases/{site.case.pk}/").content.decode()
    assert "cannot be worked out" in page
