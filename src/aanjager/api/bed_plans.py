"""Bed-voor-bed plans in the API: /api/v1/bed-plans (with their steps, balance and register checks read-only) and
/api/v1/bed-plan-steps to add, change or remove steps. A step follows its plan's rights."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers

from aanjager.accounts import scoping
from aanjager.api.views import ServiceBackedViewSet
from aanjager.geo.models import Municipality
from aanjager.locations import bed_plan_services as services
from aanjager.locations import selectors
from aanjager.locations.models import BedPlan, BedPlanStep, Location


class BedPlanStepSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=BedPlan.objects.all())
    old_location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    new_location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    beds_out = serializers.IntegerField(min_value=0, required=False)
    beds_in = serializers.IntegerField(min_value=0, required=False)

    class Meta:
        model = BedPlanStep
        fields = [
            "id",
            "plan",
            "old_location",
            "beds_out",
            "out_on",
            "new_location",
            "beds_in",
            "in_on",
            "status",
            "notes",
        ]


class RegisterCheckSerializer(serializers.Serializer):
    step = serializers.IntegerField(source="step_id")
    side = serializers.ChoiceField(choices=["out", "in"])
    location = serializers.IntegerField()
    day = serializers.DateField()
    outcome = serializers.ChoiceField(choices=["not_due", "confirmed", "not_in_register"])
    expected = serializers.IntegerField(help_text="Out: at most this many beds left; in: at least this many.")
    found = serializers.IntegerField(
        allow_null=True, help_text="Beds in the register on the day; null = not due"
    )


class BalancePointSerializer(serializers.Serializer):
    day = serializers.DateField()
    out_total = serializers.IntegerField()
    in_total = serializers.IntegerField()
    net = serializers.IntegerField()


class BedPlanSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    steps = BedPlanStepSerializer(many=True, read_only=True)
    balance = serializers.SerializerMethodField()
    register_checks = serializers.SerializerMethodField()

    class Meta:
        model = BedPlan
        fields = [
            "id",
            "name",
            "provider",
            "municipality",
            "agreed_on",
            "notes",
            "is_demo",
            "steps",
            "balance",
            "register_checks",
        ]
        read_only_fields = ["is_demo"]

    def _overview(self, plan):
        cache = self.context.setdefault("overviews", {})
        if plan.pk not in cache:
            # In a list, the overviews of the whole page at once: two queries, not two per plan.
            page = getattr(self.parent, "instance", None)
            plans = page if isinstance(page, list | tuple) and plan in page else [plan]
            cache.update(selectors.bed_plan_overviews(plans=plans, today=timezone.localdate()))
        return cache[plan.pk]

    @extend_schema_field(BalancePointSerializer(many=True))
    def get_balance(self, plan):
        return BalancePointSerializer(self._overview(plan)["balance"], many=True).data

    @extend_schema_field(RegisterCheckSerializer(many=True))
    def get_register_checks(self, plan):
        checks = [c for row in self._overview(plan)["steps"] for c in (row["out"], row["in"]) if c]
        return RegisterCheckSerializer(checks, many=True).data


@extend_schema_view(
    list=extend_schema(summary="Bed-for-bed plans you may see, with balance and register checks"),
    create=extend_schema(summary="Create a bed-for-bed plan", responses={201: BedPlanSerializer}),
    partial_update=extend_schema(responses={200: BedPlanSerializer}),
    update=extend_schema(responses={200: BedPlanSerializer}),
)
class BedPlanViewSet(ServiceBackedViewSet):
    serializer_class = BedPlanSerializer
    filterset_fields = ["provider"]
    policy_object_type = "bed_plan"

    def get_queryset(self):
        return selectors.bed_plans(user=self.request.user).prefetch_related("steps")

    def perform_service_create(self, data):
        return services.create_bed_plan(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return services.update_bed_plan(actor=self.request.user, plan=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_bed_plan(actor=self.request.user, plan=instance)


class StepPermission(permissions.BasePermission):
    """A step is read with its plan and written by those who may change the plan."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "bed_plan", "view")
        return scoping.allows(request.user, "bed_plan", "change")

    def has_object_permission(self, request, view, obj):
        action = "view" if request.method in permissions.SAFE_METHODS else "change"
        return scoping.allows(request.user, "bed_plan", action, obj.plan)


@extend_schema_view(
    list=extend_schema(summary="Steps of the bed-for-bed plans you may see"),
    create=extend_schema(summary="Add a step to a plan", responses={201: BedPlanStepSerializer}),
    partial_update=extend_schema(responses={200: BedPlanStepSerializer}),
    update=extend_schema(responses={200: BedPlanStepSerializer}),
)
class BedPlanStepViewSet(ServiceBackedViewSet):
    serializer_class = BedPlanStepSerializer
    filterset_fields = ["plan", "status"]
    permission_classes = [StepPermission]

    def get_queryset(self):
        plans = selectors.bed_plans(user=self.request.user).values("pk")
        return BedPlanStep.objects.filter(plan__in=plans).select_related("plan")

    def perform_service_create(self, data):
        plan = data.pop("plan")  # the service refuses (403) a plan outside the actor's reach
        return services.add_step(actor=self.request.user, plan=plan, **data)

    def perform_service_update(self, instance, data):
        data.pop("plan", None)  # a step stays with its plan
        return services.update_step(actor=self.request.user, step=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_step(actor=self.request.user, step=instance)
