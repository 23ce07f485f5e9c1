"""Every list and dashboard page, and every API list route, with who opens it.

A page is (id, who, url) where who is "coordinator" (a regional coordinator of the test region: sees almost all
of it, through the scoping filters), "admin" (pages only administrators open) or "anonymous" (public pages), and
url takes the Data of data.py. Detail pages are here when they list rows: an agreement's commitments, a run's
municipalities, a scan's answers, a measure's participations.
"""

from aanjager.api.urls import public_router, router

COORDINATOR, ADMIN, ANONYMOUS = "coordinator", "admin", "anonymous"


def _page(page_id, url, who=COORDINATOR):
    return page_id, who, url


UI = [
    _page("home", lambda d: "/"),
    # accounts, organisations, geo, reference
    _page("users", lambda d: "/gebruikers/"),
    _page("memberships", lambda d: "/lidmaatschappen/"),
    _page("organisations", lambda d: "/organisaties/"),
    _page("organisation-contacts", lambda d: f"/organisaties/{d.world.home.pk}/"),
    _page("regions", lambda d: "/regios/"),
    _page("region", lambda d: f"/regios/{d.world.region.pk}/"),
    _page("municipalities", lambda d: "/gemeenten/"),
    _page("minimum-wages", lambda d: "/referentie/minimumloon/"),
    # locations
    _page("locations", lambda d: "/locaties/"),
    _page("location", lambda d: f"/locaties/{d.location.pk}/"),
    _page("locations-export-csv", lambda d: "/locaties/export.csv"),
    _page("inspection", lambda d: f"/locaties/inspecties/{d.inspection.pk}/"),
    _page("follow-ups", lambda d: "/locaties/acties/"),
    _page("dependency", lambda d: "/locaties/afhankelijkheid/"),
    _page("norms", lambda d: "/locaties/normen/"),
    _page("bed-plans", lambda d: "/locaties/bed-voor-bed/"),
    _page("bed-plan", lambda d: f"/locaties/bed-voor-bed/{d.bed_plan.pk}/"),
    _page("public-register", lambda d: "/register/", ANONYMOUS),
    _page("public-register-csv", lambda d: "/register/register.csv", ANONYMOUS),
    # estimates and the housing task
    _page("runs", lambda d: "/schattingen/"),
    _page("run", lambda d: f"/schattingen/{d.run.pk}/"),
    _page("run-export-csv", lambda d: f"/schattingen/{d.run.pk}/export.csv"),
    _page("run-compare", lambda d: f"/schattingen/vergelijken/?a={d.run.pk}&b={d.other_run.pk}"),
    _page("scenario", lambda d: f"/schattingen/scenario/{d.scenario.pk}/"),
    _page("housing-tasks", lambda d: "/woonopgave/"),
    _page("housing-task", lambda d: f"/woonopgave/{d.scenario.pk}/"),
    _page("housing-task-trace", lambda d: f"/woonopgave/{d.scenario.pk}/gemeente/{d.world.tiel.code}/"),
    _page("allocation", lambda d: f"/woonopgave/{d.scenario.pk}/verdeling/"),
    _page("companies", lambda d: "/woonopgave/bedrijven/"),
    _page("company", lambda d: f"/woonopgave/bedrijven/{d.company_plan.pk}/"),
    # agreements
    _page("agreements", lambda d: "/afspraken/"),
    _page("agreement", lambda d: f"/afspraken/{d.agreement.pk}/"),
    _page("commitment", lambda d: f"/afspraken/toezeggingen/{d.commitment.pk}/"),
    _page("notifications", lambda d: "/meldingen/"),
    _page("teams", lambda d: "/afspraken/teams/", ADMIN),  # one team per region: a coordinator sees one
    _page("team-board", lambda d: f"/afspraken/teams/{d.team.pk}/?alle=1"),
    _page("meetings", lambda d: "/afspraken/vergaderingen/"),
    _page("meeting", lambda d: f"/afspraken/vergaderingen/{d.meeting.pk}/"),
    _page("reports", lambda d: "/afspraken/rapportages/"),
    _page("report", lambda d: f"/afspraken/rapportages/{d.report.pk}/"),
    _page("public-reports", lambda d: "/voortgang/", ANONYMOUS),
    # business cases, programmes, policy scans
    _page("business-cases", lambda d: "/businesscases/"),
    _page("business-case", lambda d: f"/businesscases/{d.case.pk}/"),
    _page("programmes", lambda d: "/programmas/"),
    _page("programme", lambda d: f"/programmas/{d.programme.pk}/"),
    _page("programme-matrix", lambda d: f"/programmas/{d.programme.pk}/matrix/"),
    _page("programme-matrix-csv", lambda d: f"/programmas/{d.programme.pk}/matrix.csv"),
    _page("measure", lambda d: f"/programmas/maatregelen/{d.measure.pk}/"),
    _page("policy-scans", lambda d: "/beleidsscans/"),
    _page("policy-scan", lambda d: f"/beleidsscans/{d.scan.pk}/"),
    _page("policy-scan-answers", lambda d: f"/beleidsscans/{d.scan.pk}/antwoorden/"),
    # audit: the first page holds 50 entries, more than the small set has of everything; one object type
    # keeps the small set below a page, so more rows do show on it.
    _page("audit", lambda d: "/audit/?object_type=agreements.commitment", ADMIN),
    _page("audit-export-csv", lambda d: "/audit/export.csv?object_type=agreements.commitment", ADMIN),
    # who saw personal data: the API lists of scans and participants above log their views here
    _page("audit-personal-data", lambda d: "/audit/inzage/", ADMIN),
    _page("audit-personal-data-csv", lambda d: "/audit/inzage/export.csv", ADMIN),
]

# Pages without parameters that list nothing: forms, sign-in, downloads of a fixed template, the health check.
NOT_LISTS = {
    "status",
    "login",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "logout",
    "two_factor_verify",
    "two_factor_setup",
    "two_factor_disable",
    "set_language",
    "locations:import",
    "locations:import_template",
    "agreements:planning",
}

# page_size=500: the whole list on one page in both sets (the default of 50 would hide growth); municipalities
# (342 rows, none added) fill a page in both, which is fine: they do not grow.
API = [
    *[
        _page(f"api-{prefix}", (lambda p: lambda d: f"/api/v1/{p}?page_size=500")(prefix))
        for prefix, _viewset, _name in router.registry
        if prefix not in ("audit-entries", "housing-tasks")
    ],
    # Has no list: one scenario's region, per municipality (more municipalities in the larger set).
    _page("api-housing-task", lambda d: f"/api/v1/housing-tasks/{d.scenario.pk}"),
    _page("api-audit-entries", lambda d: "/api/v1/audit-entries?page_size=500", ADMIN),
    *[
        _page(
            f"api-public-{prefix}",
            (lambda p: lambda d: f"/api/v1/public/{p}?page_size=500")(prefix),
            ANONYMOUS,
        )
        for prefix, _viewset, _name in public_router.registry
    ],
]
