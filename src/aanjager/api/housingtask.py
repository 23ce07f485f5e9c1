"""The housing task in the API: company plans (/api/v1/company-plans) and the demand, supply and gap of a
scenario (/api/v1/housing-tasks/{scenario id}), with the parameters as query parameters."""

from decimal import Decimal

from django.db import transaction
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from aanjager.api.views import ServiceBackedViewSet
from aanjager.estimates.models import Scenario
from aanjager.geo.models import Municipality, Region
from aanjager.housingtask import calculation, selectors, services
from aanjager.housingtask.models import Allocation, CompanyPlan, CompanyPlanPhase
from aanjager.housingtask.views import hidden_sets, parameters, without_hidden_need


class PhaseSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=1, min_value=Decimal("0.1"))

    class Meta:
        model = CompanyPlanPhase
        fields = ["starts_on", "amount", "unit", "description"]


class CompanyPlanSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", queryset=Municipality.objects.all())
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    phases = PhaseSerializer(many=True, required=False, help_text="Given: replaces every phase of the plan.")
    already_housed = serializers.IntegerField(min_value=0, required=False)

    class Meta:
        model = CompanyPlan
        fields = [
            "id",
            "name",
            "organisation",
            "sector",
            "municipality",
            "region",
            "status",
            "distribution",
            "headcount_per_fte",
            "shift_factor",
            "share_operational",
            "share_migrants",
            "already_housed",
            "seasonal_peak",
            "share_long_regular",
            "target_occupancy",
            "split_short",
            "split_mid",
            "split_long",
            "notes",
            "phases",
            "is_demo",
        ]
        read_only_fields = ["is_demo"]


@extend_schema_view(
    list=extend_schema(summary="Company plans you may see"),
    create=extend_schema(
        summary="Add a company plan (status exploration)", responses={201: CompanyPlanSerializer}
    ),
    partial_update=extend_schema(responses={200: CompanyPlanSerializer}),
    update=extend_schema(responses={200: CompanyPlanSerializer}),
)
class CompanyPlanViewSet(ServiceBackedViewSet):
    serializer_class = CompanyPlanSerializer
    filterset_fields = ["status", "sector", "region"]
    policy_object_type = "company_plan"

    def get_queryset(self):
        return selectors.company_plans(user=self.request.user)

    def perform_service_create(self, data):
        data.pop("status", None)  # a plan starts in exploration
        phases = [dict(p) for p in data.pop("phases", [])]
        return services.create_company_plan(actor=self.request.user, phases=phases, **data)

    @transaction.atomic  # a refused status change must not leave the other changes saved
    def perform_service_update(self, instance, data):
        status = data.pop("status", None)
        phases = data.pop("phases", None)
        plan = services.update_company_plan(
            actor=self.request.user,
            plan=instance,
            phases=[dict(p) for p in phases] if phases is not None else None,
            **data,
        )
        if status is not None:
            plan = services.change_status(actor=self.request.user, plan=plan, status=status)
        return plan

    def perform_service_delete(self, instance):
        services.delete_company_plan(actor=self.request.user, plan=instance)


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    need = serializers.FloatField(
        allow_null=True, help_text="null: fewer than 10 persons behind it, not shown"
    )
    replacement_failing = serializers.FloatField()
    replacement_left = serializers.FloatField()
    company = serializers.FloatField()
    demand = serializers.FloatField(allow_null=True)
    existing = serializers.FloatField()
    pipeline = serializers.FloatField()
    supply = serializers.FloatField()
    gap = serializers.FloatField(allow_null=True)
    gap_if_nothing_happens = serializers.FloatField(allow_null=True)


class MunicipalityTaskSerializer(serializers.Serializer):
    municipality = serializers.CharField()
    name = serializers.CharField()
    stay_class = serializers.CharField(help_text="short, mid, long or all")
    years = YearSerializer(many=True)


class HousingTaskSerializer(serializers.Serializer):
    scenario = serializers.IntegerField()
    estimate_run = serializers.IntegerField()
    region = serializers.CharField()
    variant = serializers.ChoiceField(choices=calculation.SCENARIOS)
    register_on = serializers.DateField()
    norm_set = serializers.CharField()
    parameters = serializers.DictField()
    region_years = YearSerializer(many=True)
    municipalities = MunicipalityTaskSerializer(many=True)


def _year(year: int, cell: calculation.Cell, variant: str, hidden: bool) -> dict:
    return {
        "year": year,
        "need": None if hidden else round(cell.need[variant], 2),
        "replacement_failing": round(cell.replacement_failing, 2),
        "replacement_left": round(cell.replacement_left, 2),
        "company": round(cell.company, 2),
        "demand": None if hidden else round(cell.demand(variant), 2),
        "existing": round(cell.existing, 2),
        "pipeline": round(cell.pipeline, 2),
        "supply": round(cell.supply, 2),
        "gap": None if hidden else round(cell.gap(variant), 2),
        "gap_if_nothing_happens": None if hidden else round(cell.gap_if_nothing_happens(variant), 2),
    }


class HousingTaskViewSet(viewsets.ViewSet):
    """Read only; visible to whoever may see the scenario's estimate."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "scenario_id"

    @extend_schema(
        summary="Demand, supply and gap of a scenario's region, per year, municipality and stay class",
        parameters=[
            OpenApiParameter("scenario_id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter("variant", OpenApiTypes.STR, enum=list(calculation.SCENARIOS)),
            OpenApiParameter("bezetting", OpenApiTypes.NUMBER, description="target occupancy, 0.5–1"),
            OpenApiParameter("aandeel_short", OpenApiTypes.NUMBER, description="share needing housing, 0–1"),
            OpenApiParameter("aandeel_mid", OpenApiTypes.NUMBER),
            OpenApiParameter("aandeel_long", OpenApiTypes.NUMBER),
            OpenApiParameter("uitfasering", OpenApiTypes.INT, description="years until phasing out has gone"),
        ],
        responses={200: HousingTaskSerializer},
    )
    def retrieve(self, request, scenario_id=None):
        try:
            scenario = selectors.scenario_detail(user=request.user, pk=int(scenario_id))
        except (Scenario.DoesNotExist, ValueError):
            raise Http404 from None
        params = parameters(request.query_params)
        variant = request.query_params.get("variant", "central")
        variant = variant if variant in calculation.SCENARIOS else "central"
        hidden, split_hidden = hidden_sets(request.user, scenario)
        data = selectors.housing_task(scenario=scenario, params=params, default_split_for=split_hidden)
        data["cells"] = without_hidden_need(data["cells"], hidden)
        municipalities = []
        for m in data["municipalities"]:
            for stay_class in (None, *calculation.STAY_CLASSES):
                years = calculation.totals(data["cells"], municipality=m.code, stay_class=stay_class)
                municipalities.append(
                    {
                        "municipality": m.code,
                        "name": m.name,
                        "stay_class": stay_class or "all",
                        # need per stay class would give a hidden stay split away: in total only
                        "years": [
                            _year(y, c, variant, m.code in hidden or (stay_class and m.code in split_hidden))
                            for y, c in years.items()
                        ],
                    }
                )
        body = {
            "scenario": scenario.pk,
            "estimate_run": scenario.run_id,
            "region": scenario.run.region.name,
            "variant": variant,
            "register_on": data["start"],
            "norm_set": data["norm_code"],
            "parameters": {
                "housing_share": params.housing_share,
                "target_occupancy": params.target_occupancy,
                "default_stay_split": params.default_stay_split,
                "pipeline_weights": params.pipeline_weights,
                "phase_out_years": params.phase_out_years,
            },
            "region_years": [
                _year(y, c, variant, False) for y, c in calculation.totals(data["cells"]).items()
            ],
            "municipalities": municipalities,
        }
        return Response(HousingTaskSerializer(body).data)


class AllocationSerializer(serializers.ModelSerializer):
    scenario = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "scenario",
            "name",
            "method",
            "variant",
            "year",
            "gap",
            "weights",
            "bounds",
            "beds",
            "km",
            "explanations",
            "targets",
            "is_chosen",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Allocations of the housing task; the chosen one is the programme target"),
    retrieve=extend_schema(
        summary="One allocation with its targets per year (year → municipality code → beds)"
    ),
)
class AllocationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AllocationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["scenario", "is_chosen"]

    def get_queryset(self):
        from aanjager.accounts import scoping
        from aanjager.estimates.models import EstimateRun

        # Like the distribution page: the keys and the optimiser work on every municipality's workers, small cells
        # included, so only for those who see the run by the policy table, not only because it is published.
        runs = scoping.filter_queryset(self.request.user, "estimate_run", "view", EstimateRun.objects.all())
        visible = selectors.scenarios(user=self.request.user).filter(run__in=runs.values("pk")).values("pk")
        return Allocation.objects.filter(scenario__in=visible).order_by(
            "scenario", "-is_chosen", "created_at"
        )
