from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from aanjager.api import (
    agreements,
    bed_plans,
    businesscase,
    housingtask,
    locations,
    norm_rules,
    policyscan,
    programme,
    public,
    views,
)

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("regions", views.RegionViewSet, basename="region")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("contact-persons", views.ContactPersonViewSet, basename="contact-person")
router.register("users", views.UserViewSet, basename="user")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("audit-entries", views.AuditEntryViewSet, basename="audit-entry")
router.register("estimate-runs", views.EstimateRunViewSet, basename="estimate-run")
router.register("scenarios", views.ScenarioViewSet, basename="scenario")
router.register("locations", locations.LocationViewSet, basename="location")
router.register("inspections", locations.InspectionViewSet, basename="inspection")
router.register("certificates", locations.CertificateViewSet, basename="certificate")
router.register("bed-plans", bed_plans.BedPlanViewSet, basename="bed-plan")
router.register("bed-plan-steps", bed_plans.BedPlanStepViewSet, basename="bed-plan-step")
router.register("local-norm-rules", norm_rules.LocalNormRuleViewSet, basename="local-norm-rule")
router.register("company-plans", housingtask.CompanyPlanViewSet, basename="company-plan")
router.register("housing-tasks", housingtask.HousingTaskViewSet, basename="housing-task")
router.register("allocations", housingtask.AllocationViewSet, basename="allocation")
router.register("agreements", agreements.AgreementViewSet, basename="agreement")
router.register("commitments", agreements.CommitmentViewSet, basename="commitment")
router.register("progress-updates", agreements.ProgressUpdateViewSet, basename="progress-update")
router.register("teams", agreements.TeamViewSet, basename="team")
router.register("meetings", agreements.MeetingViewSet, basename="meeting")
router.register("progress-reports", agreements.ProgressReportViewSet, basename="progress-report")
router.register("business-cases", businesscase.BusinessCaseViewSet, basename="business-case")
router.register("business-case-variants", businesscase.VariantViewSet, basename="business-case-variant")
router.register("question-sets", policyscan.QuestionSetViewSet, basename="question-set")
router.register("policy-scans", policyscan.ScanViewSet, basename="policy-scan")
router.register("scan-participants", policyscan.ParticipantViewSet, basename="scan-participant")
router.register("scan-recommendations", policyscan.RecommendationViewSet, basename="scan-recommendation")
router.register("programmes", programme.ProgrammeViewSet, basename="programme")
router.register("programme-phases", programme.PhaseViewSet, basename="programme-phase")
router.register("programme-spearheads", programme.SpearheadViewSet, basename="programme-spearhead")
router.register("measure-packages", programme.PackageViewSet, basename="measure-package")
router.register("measures", programme.MeasureViewSet, basename="measure")
router.register("participations", programme.ParticipationViewSet, basename="participation")

public_router = DefaultRouter(trailing_slash=False)
public_router.include_root_view = False
public_router.register("estimates", public.PublicEstimateViewSet, basename="public-estimate")
public_router.register("locations", public.PublicLocationViewSet, basename="public-location")

app_name = "api"
urlpatterns = [
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("public/", include(public_router.urls)),
    path("", include(router.urls)),
]
