"""The progress report (voortgangsrapportage): figures from live data, frozen; PDF (tagged, real text) and XLSX;
comparison with the previous report; publication; rights; bad input."""

import datetime as dt
import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import translation

from aanjager.accounts import services as account_services
from aanjager.accounts.models import Role
from aanjager.agreements import report_services, services, team_services
from aanjager.agreements.models import ProgressReport
from aanjager.agreements.report_services import STATUS_LABELS
from aanjager.audit.models import AuditEntry
from aanjager.core.services import NotAllowed
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services

PASSWORD = "een-lang-test-wachtwoord-42"
ON = dt.date(2025, 9, 30)
LATER = dt.date(2025, 12, 31)

# Used only when the site's urls.py does not include the public report URLs yet.
urlpatterns = [path("", include("aanjager.urls"))]
try:
    from aanjager.agreements import report_urls

    urlpatterns.insert(0, path("", include(report_urls.public_urlpatterns)))
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(autouse=True)
def _public_urls(settings):
    try:
        reverse("public_reports")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


class Fixture:
    """Region 'Rivierenland (test)' with Tiel and Zaltbommel; a covenant with a housing provider, an employer and
    the municipality; a second region elsewhere. On 30 September 2025:
    - Flexwonen short stay 60, delivered 30 (on track); mid stay 40, delivered 5 (at risk);
    - Fruitbedrijf long stay 20, delivered 8, due 30 June 2025 (overdue); a later claim of 20 was rejected;
    - Gemeente Tiel a policy step, done; an open escalation on Fruitbedrijf."""

    def __init__(self):
        tiel, zaltbommel = (Municipality.objects.get(code=c) for c in ("GM0281", "GM0297"))
        amsterdam = Municipality.objects.get(code="GM0363")
        self.region = geo_services.create_region(
            actor=None, name="Rivierenland (test)", municipalities=[tiel, zaltbommel]
        )
        self.other_region = geo_services.create_region(
            actor=None, name="Elders (test)", municipalities=[amsterdam]
        )
        org = org_services.create_organisation
        self.gemeente = org(
            actor=None, name="Gemeente Tiel (test)", org_type="municipality", seat_municipality=tiel
        )
        self.regio = org(
            actor=None, name="Regiokantoor (test)", org_type="government", seat_municipality=tiel
        )
        self.flex = org(
            actor=None,
            name="Flexwonen Waal (test)",
            org_type="private_housing_provider",
            seat_municipality=tiel,
        )
        self.fruit = org(
            actor=None,
            name="Fruitbedrijf De Linge (test)",
            org_type="employer",
            seat_municipality=zaltbommel,
            kvk_number="11223344",
        )
        self.elders = org(
            actor=None,
            name="Elders BV (test)",
            org_type="employer",
            seat_municipality=amsterdam,
            kvk_number="55667788",
        )
        self.agreement = services.create_agreement(
            actor=None,
            title="Convenant Rivierenland (test)",
            agreement_type="regional_covenant",
            region=self.region,
            signed_on=dt.date(2025, 1, 1),
        )
        for party in (self.gemeente, self.flex, self.fruit):
            services.add_party(
                actor=None, agreement=self.agreement, organisation=party, signed_on=dt.date(2025, 1, 1)
            )

        def commit(party, kind, stay, target, due, description):
            return services.create_commitment(
                actor=None,
                agreement=self.agreement,
                organisation=party,
                kind=kind,
                stay_class=stay,
                description=description,
                target=target,
                due_on=due,
            )

        self.short = commit(self.flex, "beds", "short", 60, dt.date(2026, 12, 31), "Short stay Tiel-West")
        self.mid = commit(self.flex, "beds", "mid", 40, dt.date(2026, 6, 30), "Mid stay Zaltbommel")
        self.long = commit(self.fruit, "beds", "long", 20, dt.date(2025, 6, 30), "Long stay bij het bedrijf")
        self.policy = commit(
            self.gemeente, "policy_step", "", 1, dt.date(2025, 12, 31), "Huisvestingsverordening"
        )
        report = services.report_progress
        report(actor=None, commitment=self.short, reported_on=dt.date(2025, 9, 1), delivered=30)
        report(actor=None, commitment=self.mid, reported_on=dt.date(2025, 9, 15), delivered=5)
        report(actor=None, commitment=self.long, reported_on=dt.date(2025, 5, 1), delivered=8)
        rejected = report(actor=None, commitment=self.long, reported_on=dt.date(2025, 9, 20), delivered=20)
        services.review_update(actor=None, update=rejected, review="rejected", comment="Geen bewijs")
        report(actor=None, commitment=self.policy, reported_on=dt.date(2025, 8, 1), delivered=1)
        self.team = team_services.create_team(actor=None, region=self.region, name="Aanjaagteam (test)")
        team_services.add_member(actor=None, team=self.team, organisation=self.regio, name="Jan Jansen")
        self.escalation = team_services.escalate(
            actor=None,
            team=self.team,
            organisation=self.fruit,
            level="portfolio_holder",
            reason="Geen voortgang; Piet Pietersen belt niet terug",
            escalated_on=dt.date(2025, 8, 15),
        )
        # elsewhere: must never show in the region's report
        other = services.create_agreement(
            actor=None,
            title="Convenant Elders (test)",
            agreement_type="regional_covenant",
            region=self.other_region,
            signed_on=dt.date(2025, 1, 1),
        )
        services.add_party(
            actor=None, agreement=other, organisation=self.elders, signed_on=dt.date(2025, 1, 1)
        )
        services.create_commitment(
            actor=None,
            agreement=other,
            organisation=self.elders,
            kind="beds",
            stay_class="short",
            description="Elders",
            target=500,
            due_on=dt.date(2026, 12, 31),
        )

    def user(self, username, role, organisation, region=None):
        user = account_services.create_user(actor=None, username=username, password=PASSWORD)
        account_services.create_membership(
            actor=None, user=user, organisation=organisation, role=role, region=region
        )
        return user

    @property
    def coordinator(self):
        return self.user("coordinator", Role.REGIONAL_COORDINATOR, self.regio, region=self.region)


@pytest.fixture
def world(db):
    return Fixture()


def login(client, user):
    client.force_login(user)
    return client


# ------------------------------------------------------------------ figures and PDF
@pytest.mark.django_db
def test_report_figures_in_snapshot_and_pdf(world):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    s = report.snapshot
    assert s["schema_version"] == 1 and s["reference_date"] == "2025-09-30"
    (region,) = s["regions"]
    assert region["name"] == "Rivierenland (test)"
    assert {k: (v["agreed"], v["delivered"]) for k, v in region["beds"].items()} == {
        "short": (60, 30),
        "mid": (40, 5),
        "long": (20, 8),  # the rejected 20 does not count
        "total": (120, 43),
    }
    assert region["status_counts"] == {"done": 1, "overdue": 1, "no_update": 0, "at_risk": 1, "on_track": 1}
    assert [p["organisation"] for p in region["lagging"]] == [
        "Flexwonen Waal (test)",
        "Fruitbedrijf De Linge (test)",
    ]
    assert [e["organisation"] for e in region["escalations"]] == ["Fruitbedrijf De Linge (test)"]
    assert "Rivierenland (test)" in report.title and "30 september 2025" in report.title

    data = bytes(report.pdf)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for figure in ("120", "43", "60", "30", "40", "20", "8"):
        assert figure in text
    assert "Fruitbedrijf De Linge (test)" in text and "Flexwonen Waal (test)" in text
    assert "Rivierenland (test)" in text
    assert "Elders" not in text
    # no persons in the (publishable) PDF: not the team member, not the reason of the escalation
    assert "Jan Jansen" not in text and "Piet Pietersen" not in text


@pytest.mark.django_db
def test_pdf_is_tagged_with_language_and_title(world):
    from pypdf import PdfReader

    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    reader = PdfReader(io.BytesIO(bytes(report.pdf)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == report.title


@pytest.mark.django_db
def test_status_counts_appear_in_the_pdf_table(world):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    lines = pdf_text(bytes(report.pdf)).splitlines()
    counts = report.snapshot["totals"]["status_counts"]
    with translation.override("nl"):
        for key, n in counts.items():
            label = str(STATUS_LABELS[key])
            assert any(line.strip() == f"{label} {n}" for line in lines), (label, n)


@pytest.mark.django_db
def test_xlsx_has_a_sheet_per_section(world, client):
    from openpyxl import load_workbook

    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    response = login(client, world.coordinator).get(reverse("agreements:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 5
    summary, commitments, lagging, escalations, changes = (book[n] for n in book.sheetnames)
    rows = list(summary.iter_rows(values_only=True))
    assert rows[1][1] == dt.datetime(2025, 9, 30)  # the reference date, as a date cell
    beds = [r[2:5] for r in rows if r[0] == "Rivierenland (test)" and isinstance(r[1], str)]
    assert beds == [(60, 30, 30), (40, 5, 35), (20, 8, 12), (120, 43, 77)]
    assert commitments.max_row == 5  # header and 4 commitments; none of the other region
    names = [r[1] for r in lagging.iter_rows(min_row=2, values_only=True)]
    assert names == ["Flexwonen Waal (test)", "Fruitbedrijf De Linge (test)"]
    assert [r[1] for r in escalations.iter_rows(min_row=2, values_only=True)] == [
        "Fruitbedrijf De Linge (test)"
    ]
    assert changes.max_row == 1  # no earlier report


@pytest.mark.django_db
def test_xlsx_quotes_text_that_looks_like_a_formula(world, client):
    from openpyxl import load_workbook

    org_services.update_organisation(actor=None, organisation=world.flex, name="=HYPERLINK(1)")
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    response = login(client, world.coordinator).get(reverse("agreements:report_xlsx", args=[report.pk]))
    book = load_workbook(io.BytesIO(response.content))
    values = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(1)" in values and "=HYPERLINK(1)" not in values


# ------------------------------------------------------------------ immutability and comparison
@pytest.mark.django_db
def test_snapshot_is_immutable_and_the_next_report_shows_the_change(world):
    first = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    pdf, snapshot = bytes(first.pdf), first.snapshot
    # a late update dated before the first reference date changes the live data, not the stored report
    services.report_progress(actor=None, commitment=world.mid, reported_on=dt.date(2025, 9, 25), delivered=25)
    services.report_progress(
        actor=None, commitment=world.short, reported_on=dt.date(2025, 12, 1), delivered=40
    )
    services.report_progress(actor=None, commitment=world.mid, reported_on=dt.date(2025, 12, 1), delivered=30)
    team_services.resolve_escalation(
        actor=None, escalation=world.escalation, resolved_on=dt.date(2025, 12, 15)
    )
    first.refresh_from_db()
    assert first.snapshot == snapshot and bytes(first.pdf) == pdf

    second = report_services.generate_report(actor=None, region=world.region, reference_date=LATER)
    assert second.previous == first
    changes = second.snapshot["changes"]
    assert changes["previous_reference_date"] == "2025-09-30"
    assert changes["beds"]["short"]["delivered"] == 10 and changes["beds"]["mid"]["delivered"] == 25
    (region,) = changes["regions"]
    assert [(c["description"], c["before"], c["after"]) for c in region["status_changes"]] == [
        ("Mid stay Zaltbommel", "at_risk", "on_track")
    ]
    assert region["no_longer_lagging"] == ["Flexwonen Waal (test)"]
    assert [e["organisation"] for e in region["resolved_escalations"]] == ["Fruitbedrijf De Linge (test)"]
    text = pdf_text(bytes(second.pdf))
    assert "Flexwonen Waal (test)" in text and "+35" in text  # total delivered 43 → 78


@pytest.mark.django_db
def test_previous_is_the_latest_earlier_report_of_the_same_scope(world):
    national = report_services.generate_report(actor=None, region=None, reference_date=ON)
    other = report_services.generate_report(actor=None, region=world.other_region, reference_date=ON)
    first = report_services.generate_report(
        actor=None, region=world.region, reference_date=dt.date(2025, 6, 30)
    )
    same_day = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    again = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    earlier = report_services.generate_report(
        actor=None, region=world.region, reference_date=dt.date(2025, 3, 31)
    )
    assert national.previous is None and other.previous is None and first.previous is None
    assert same_day.previous == first and again.previous == same_day
    assert earlier.previous is None
    assert report_services.generate_report(actor=None, region=None, reference_date=LATER).previous == national


@pytest.mark.django_db
def test_national_report_covers_every_region_with_agreements(world):
    report = report_services.generate_report(actor=None, region=None, reference_date=ON)
    names = [r["name"] for r in report.snapshot["regions"]]
    assert names == ["Elders (test)", "Rivierenland (test)"]
    assert report.snapshot["totals"]["beds"]["total"]["agreed"] == 620
    assert "Elders BV (test)" in pdf_text(bytes(report.pdf))


@pytest.mark.django_db
def test_generate_writes_an_audit_row(world):
    report = report_services.generate_report(actor=world.coordinator, region=world.region, reference_date=ON)
    entry = AuditEntry.objects.get(object_type="agreements.progressreport", object_id=str(report.pk))
    assert entry.action == "create" and entry.actor.username == "coordinator"
    assert report.created_by.username == "coordinator"


# ------------------------------------------------------------------ publication and the public
@pytest.mark.django_db
def test_publish_makes_the_pdf_public(world, client):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    public_pdf = reverse("public_report_pdf", args=[report.pk])
    assert client.get(public_pdf).status_code == 404
    assert report.title not in client.get(reverse("public_reports")).content.decode()

    coordinator = world.coordinator
    response = login(client, coordinator).post(reverse("agreements:report_publish", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published_at is not None
    client.logout()
    response = client.get(public_pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(report.pdf)
    assert report.title in client.get(reverse("public_reports")).content.decode()
    # the rest stays behind the sign-in
    assert client.get(reverse("agreements:report", args=[report.pk])).status_code == 302
    assert client.get(reverse("agreements:report_xlsx", args=[report.pk])).status_code == 302
    with pytest.raises(ValidationError):
        report_services.publish_report(actor=coordinator, report=report)


@pytest.mark.django_db
def test_public_list_empty_state(db, client):
    response = client.get(reverse("public_reports"))
    assert response.status_code == 200
    assert "empty-state" in response.content.decode()


# ------------------------------------------------------------------ rights
@pytest.mark.django_db
def test_reader_sees_the_report_but_cannot_publish(world, client):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    reader = world.user("lezer", Role.READER, world.gemeente)
    login(client, reader)
    detail = client.get(reverse("agreements:report", args=[report.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Fruitbedrijf De Linge (test)" in page and "report_publish" not in page
    assert reverse("agreements:report_publish", args=[report.pk]) not in page
    assert client.get(reverse("agreements:report_pdf", args=[report.pk])).status_code == 200
    assert client.post(reverse("agreements:report_publish", args=[report.pk])).status_code == 403
    assert client.get(reverse("agreements:report_delete", args=[report.pk])).status_code == 403
    assert client.get(reverse("agreements:report_new")).status_code == 403
    report.refresh_from_db()
    assert report.published_at is None


@pytest.mark.django_db
def test_employer_gets_404(world, client):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    employer = world.user("werkgever", Role.EMPLOYER, world.fruit)
    login(client, employer)
    for name in ("report", "report_pdf", "report_xlsx", "report_delete"):
        assert client.get(reverse(f"agreements:{name}", args=[report.pk])).status_code == 404, name
    assert client.post(reverse("agreements:report_publish", args=[report.pk])).status_code == 404
    assert client.get(reverse("agreements:report_list")).status_code == 403


@pytest.mark.django_db
def test_coordinator_of_another_region_gets_404(world, client):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    outsider = world.user("ander", Role.REGIONAL_COORDINATOR, world.elders, region=world.other_region)
    assert login(client, outsider).get(reverse("agreements:report", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_only_the_administrator_deletes(world, client):
    report = report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    with pytest.raises(NotAllowed):
        report_services.delete_report(actor=world.coordinator, report=report)
    admin = world.user("beheerder", Role.ADMINISTRATOR, world.regio)
    login(client, admin)
    assert client.post(reverse("agreements:report_delete", args=[report.pk])).status_code == 302
    assert not ProgressReport.objects.filter(pk=report.pk).exists()
    assert AuditEntry.objects.filter(object_type="agreements.progressreport", action="delete").exists()


@pytest.mark.django_db
def test_service_refuses_a_region_outside_the_actors_area_and_national(world):
    coordinator = world.coordinator
    with pytest.raises(NotAllowed):
        report_services.generate_report(actor=coordinator, region=world.other_region, reference_date=ON)
    with pytest.raises(NotAllowed):
        report_services.generate_report(actor=coordinator, region=None, reference_date=ON)
    assert not ProgressReport.objects.exists()


# ------------------------------------------------------------------ the pages
@pytest.mark.django_db
def test_generate_through_the_form(world, client):
    login(client, world.coordinator)
    page = client.get(reverse("agreements:report_new"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'type="date"' in body and "Elders (test)" not in body
    response = client.post(
        reverse("agreements:report_new"),
        {"region": world.region.pk, "reference_date": "2025-09-30", "title": ""},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("agreements:report", args=[report.pk])
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "<svg" in body and "Flexwonen Waal (test)" in body
    assert reverse("agreements:report_publish", args=[report.pk]) in body
    listing = client.get(reverse("agreements:report_list")).content.decode()
    assert report.title in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, field",
    [
        pytest.param({"reference_date": ""}, "reference_date", id="date-missing"),
        pytest.param({"reference_date": "30-30-2025"}, "reference_date", id="date-malformed"),
        pytest.param({"reference_date": "2999-01-01"}, "reference_date", id="date-in-the-future"),
        pytest.param({"reference_date": "2025-09-30", "region": "other"}, "region", id="region-outside-area"),
        pytest.param({"reference_date": "2025-09-30", "region": ""}, "region", id="region-missing"),
        pytest.param({"reference_date": "2025-09-30", "region": "nonsense"}, "region", id="region-malformed"),
    ],
)
def test_bad_input_gives_a_form_error_and_saves_nothing(world, client, data, field):
    data = {"region": world.region.pk, "title": "", **data}
    if data["region"] == "other":
        data["region"] = world.other_region.pk
    response = login(client, world.coordinator).post(reverse("agreements:report_new"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'id="form-errors"' in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_administrator_can_make_a_national_report(world, client):
    admin = world.user("beheerder", Role.ADMINISTRATOR, world.regio)
    response = login(client, admin).post(
        reverse("agreements:report_new"), {"region": "", "reference_date": "2025-09-30"}
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().region is None


@pytest.mark.django_db
def test_empty_list_says_what_to_do(world, client):
    body = login(client, world.coordinator).get(reverse("agreements:report_list")).content.decode()
    assert "empty-state" in body and reverse("agreements:report_new") in body


# ------------------------------------------------------------------ the PNG in the docs
@pytest.mark.django_db
@pytest.mark.skipif(
    not os.environ.get("AANJAGER_REPORT_PDF"), reason="set AANJAGER_REPORT_PDF=path to write it"
)
def test_write_the_demo_like_report_pdf(world):
    """scripts/render_report_png.py runs this with AANJAGER_REPORT_PDF set, then renders page 1 to PNG."""
    report_services.generate_report(actor=None, region=world.region, reference_date=ON)
    services.report_progress(
        actor=None, commitment=world.short, reported_on=dt.date(2025, 12, 1), delivered=40
    )
    services.report_progress(actor=None, commitment=world.mid, reported_on=dt.date(2025, 12, 1), delivered=30)
    team_services.resolve_escalation(
        actor=None, escalation=world.escalation, resolved_on=dt.date(2025, 12, 15)
    )
    report = report_services.generate_report(
        actor=None, region=world.region, reference_date=LATER, is_demo=True
    )
    with open(os.environ["AANJAGER_REPORT_PDF"], "wb") as out:
        out.write(bytes(report.pdf))


def test_national_report_counts_an_agreement_between_municipalities_under_their_region(world):
    """As a regional report would: the same region shows the same figures in both."""
    tiel = Municipality.objects.get(code="GM0281")
    agreement = services.create_agreement(
        actor=None,
        title="Prestatieafspraken Tiel (test)",
        agreement_type="performance_agreement",
        municipalities=[tiel],
        signed_on=dt.date(2025, 1, 1),
    )
    services.add_party(
        actor=None, agreement=agreement, organisation=world.flex, signed_on=dt.date(2025, 1, 1)
    )
    services.create_commitment(
        actor=None,
        agreement=agreement,
        organisation=world.flex,
        kind="beds",
        stay_class="long",
        description="Long stay Tiel",
        target=12,
        due_on=dt.date(2026, 1, 1),
    )
    on = dt.date(2025, 9, 30)
    national = report_services.generate_report(actor=None, region=None, reference_date=on)
    regional = report_services.generate_report(actor=None, region=world.region, reference_date=on)
    names = [block["name"] for block in national.snapshot["regions"]]
    assert "Agreements between municipalities" not in names and "Overige afspraken" not in names
    block = next(b for b in national.snapshot["regions"] if b["id"] == world.region.pk)
    same = regional.snapshot["regions"][0]
    assert (block["beds"], block["status_counts"]) == (same["beds"], same["status_counts"])
    assert block["beds"]["long"]["agreed"] >= 12
