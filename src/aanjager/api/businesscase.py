"""Business cases in the API: /api/v1/business-cases (with their variants and computed outcomes read-only) and
/api/v1/business-case-variants to add, change or remove variants. A variant follows its case's rights: reading one
is viewing the case, adding, changing or removing one is changing the case.

Percentages are percentages, as entered (90 is 90%), in the inputs and in the outcomes alike. The outcomes are
worked out on every read by the finance core (businesscase/finance.py) with the minimum wage of today; they are
null, with `errors` naming the inputs, when a variant's inputs cannot be worked out."""

import math
from decimal import Decimal

import django_filters
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers

from aanjager.accounts import scoping
from aanjager.api.views import ServiceBackedViewSet
from aanjager.businesscase import finance, selectors, services
from aanjager.businesscase.models import CRITERION_KEYS, BusinessCase, Variant
from aanjager.geo.models import Municipality
from aanjager.locations.models import Location
from aanjager.organisations.models import Organisation
from aanjager.programme.models import MeasurePackage

# The finance core names its inputs as shares and rates; the API (and the model) as percentages.
INPUT_NAMES = {
    "residual_share": "residual_percent",
    "occupancy": "occupancy_percent",
    "rent_indexation": "rent_indexation_percent",
    "cost_indexation": "cost_indexation_percent",
    "interest_rate": "interest_percent",
    "loan_share": "loan_percent",
    "discount_rate": "discount_percent",
}
LARGEST = 1e18  # outcomes beyond this (absurd inputs) are not shown as numbers
HUNDRED = 100.0
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
)


def _amount(value: float | None, scale: float = 1.0) -> Decimal | None:
    if value is None:
        return None
    value = float(value) * scale
    if not math.isfinite(value) or abs(value) >= LARGEST:
        raise OverflowError(value)
    return Decimal(str(round(value, 2)))


def outcomes(evaluated: selectors.Evaluated) -> dict:
    """The read-only outcomes of one variant, keyed as in the API; every value None when it does not compute."""
    blank = dict.fromkeys(OUTCOMES)
    if evaluated.result is None:
        errors = {INPUT_NAMES.get(name, name): message for name, message in evaluated.errors.items()}
        return {**blank, "errors": errors}
    result = evaluated.result
    try:
        values = {
            "npv": _amount(result.npv),
            "irr": _amount(result.irr.value, HUNDRED),
            "irr_reason": None if result.irr.value is not None else result.irr.reason,
            "payback_year": result.payback.year,
            "payback_within_term": result.payback.within_term,
            "break_even_rent": _amount(result.break_even_rent),
            "break_even_occupancy": _amount(result.break_even_occupancy, HUNDRED),
            "rent_ok": None if result.rent_check is None else result.rent_check[0],
            "rent_limit": None if result.rent_check is None else result.rent_check[1],
        }
    except (ArithmeticError, ValueError):
        return {**blank, "errors": {"nonFieldErrors": "These inputs give amounts too large to work out."}}
    return {**values, "errors": {}}


class _Outcome:
    """A read-only field taken from the variant's outcomes (worked out once per variant and request)."""

    def __init__(self, key=None, **kwargs):
        self.key = key
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, variant):
        cache = self.context.setdefault("outcomes", {})
        if variant.pk not in cache:
            if "minimum_wage" not in self.context:  # read once per request, not once per variant
                self.context["minimum_wage"] = selectors.hourly_minimum_wage(timezone.localdate())
            try:
                evaluated = selectors.evaluate_with_wage(variant, self.context["minimum_wage"])
            except (ArithmeticError, ValueError):  # finance.InvalidInputs is a ValueError
                evaluated = selectors.Evaluated(
                    variant, None, {"nonFieldErrors": "These inputs cannot be worked out."}
                )
            cache[variant.pk] = outcomes(evaluated)
        value = cache[variant.pk][self.key or self.field_name]
        return None if value is None else super().to_representation(value)


class OutcomeDecimal(_Outcome, serializers.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(max_digits=20, decimal_places=2, allow_null=True, **kwargs)


class OutcomeInteger(_Outcome, serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


class OutcomeBoolean(_Outcome, serializers.BooleanField):
    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


class OutcomeText(_Outcome, serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": "Input name → why the inputs cannot be worked out; empty when they can.",
    }
)
class OutcomeErrors(_Outcome, serializers.DictField):
    def __init__(self, **kwargs):
        super().__init__(key="errors", child=serializers.CharField(), **kwargs)


# ------------------------------------------------------------------ variants
class VariantSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(
        queryset=BusinessCase.objects.all(), help_text="Business case id; a variant stays with its case."
    )
    # Declared explicitly: the model's limits differ per database, the schema must not.
    beds = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    permit_term_years = serializers.IntegerField(
        min_value=1, max_value=finance.MAX_TERM_YEARS, help_text="Years the permit runs."
    )
    weekly_hours = serializers.IntegerField(
        min_value=1,
        max_value=60,
        required=False,
        help_text="Working hours per week for the rent check against the minimum wage.",
    )
    capex_per_bed = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        allow_null=True,
        help_text="Investment per bed (EUR); give this or capex_per_m2, one of the two.",
    )
    capex_per_m2 = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        allow_null=True,
        help_text="Investment per m² (EUR); give this or capex_per_bed, one of the two.",
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        required=False,
        help_text=f"Trade-off scores from 1 (poor) to 5 (good) per criterion: {', '.join(CRITERION_KEYS)}.",
    )
    npv = OutcomeDecimal(help_text="Net present value of the project (EUR) at the discount rate.")
    irr = OutcomeDecimal(
        help_text="Internal rate of return of the project (% per year); null: see irr_reason."
    )
    irr_reason = OutcomeText(
        help_text="Why there is no (single) internal rate of return; null when there is."
    )
    payback_year = OutcomeInteger(
        help_text="Year in which the project is paid back; null: not within the term."
    )
    payback_within_term = OutcomeBoolean(help_text="Whether the project is paid back within the permit term.")
    break_even_rent = OutcomeDecimal(help_text="Rent per bed per week (EUR) at which the NPV is 0.")
    break_even_occupancy = OutcomeDecimal(
        help_text="Occupancy (%) at which the NPV is 0; null: not even when full."
    )
    rent_ok = OutcomeBoolean(
        help_text="Whether the rent stays within 25% of the minimum wage today; null: no minimum wage known."
    )
    rent_limit = OutcomeDecimal(help_text="The highest rent per bed per week (EUR) within that limit.")
    weighted_score = serializers.SerializerMethodField(
        help_text="Weighted score of the trade-off (1–5); null when nothing is scored."
    )
    errors = OutcomeErrors()

    class Meta:
        model = Variant
        fields = [
            "id",
            "case",
            "name",
            "housing_form",
            "beds",
            "floor_area_per_bed",
            "capex_per_bed",
            "capex_per_m2",
            "land_lease_per_year",
            "permit_term_years",
            "residual_percent",
            "rent_per_bed_per_week",
            "occupancy_percent",
            "opex_per_bed_per_week",
            "rent_indexation_percent",
            "cost_indexation_percent",
            "interest_percent",
            "loan_percent",
            "discount_percent",
            "weekly_hours",
            "scores",
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
        ]
        validators = []  # one name per case: checked in validate(), to name the field

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_weighted_score(self, variant) -> float | None:
        score = variant.weighted_score()
        return None if score is None else round(score, 4)

    def validate_case(self, case):
        if self.instance is not None and case.pk != self.instance.case_id:
            raise serializers.ValidationError("A variant stays with its business case.")
        return case

    def validate_scores(self, scores):
        unknown = sorted(set(scores) - set(CRITERION_KEYS))
        if unknown:
            raise serializers.ValidationError(f"Unknown criteria: {', '.join(unknown)}.")
        return scores

    def validate(self, attrs):
        case = attrs.get("case") or (self.instance.case if self.instance else None)
        name = attrs.get("name")
        request = self.context.get("request")
        may_change = request is None or scoping.allows(request.user, "business_case", "change", case)
        if case is not None and name and may_change:  # otherwise the service refuses (403), naming nothing
            taken = Variant.objects.filter(case=case, name=name)
            if self.instance is not None:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise serializers.ValidationError(
                    {"name": ["This business case already has a variant with this name."]}
                )
        return attrs


class VariantPermission(permissions.BasePermission):
    """A variant is read with its case and written by those who may change the case (checked again by the
    service)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "business_case", "view")
        return scoping.allows(request.user, "business_case", "change")

    def has_object_permission(self, request, view, obj):
        action = "view" if request.method in permissions.SAFE_METHODS else "change"
        return scoping.allows(request.user, "business_case", action, obj.case)


@extend_schema_view(
    list=extend_schema(summary="Variants of the business cases you may see, with their outcomes"),
    create=extend_schema(summary="Add a variant to a business case", responses={201: VariantSerializer}),
    partial_update=extend_schema(responses={200: VariantSerializer}),
    update=extend_schema(responses={200: VariantSerializer}),
)
class VariantViewSet(ServiceBackedViewSet):
    serializer_class = VariantSerializer
    filterset_fields = ["case", "housing_form"]
    permission_classes = [VariantPermission]

    def get_queryset(self):
        cases = selectors.cases(user=self.request.user).values("pk")
        return Variant.objects.filter(case__in=cases).select_related("case").order_by("case", "id")

    def perform_service_create(self, data):
        case = data.pop("case")  # the service refuses (403) a case the actor may not change
        return services.add_variant(actor=self.request.user, case=case, **data)

    def perform_service_update(self, instance, data):
        data.pop("case", None)  # the same case (the serializer refuses another)
        return services.update_variant(actor=self.request.user, variant=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_variant(actor=self.request.user, variant=instance)


# ------------------------------------------------------------------ business cases
class BusinessCaseSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text="The organisation drawing up the business case."
    )
    location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.all(),
        required=False,
        allow_null=True,
        help_text="Planned location in the register, in the same municipality; optional.",
    )
    measure_package = serializers.PrimaryKeyRelatedField(
        queryset=MeasurePackage.objects.all(),
        required=False,
        allow_null=True,
        help_text="Measure package of a regional programme (of the municipality's region) this case belongs to.",
    )
    weights = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=10),
        required=False,
        help_text=f"Weights from 0 to 10 per criterion (default 1): {', '.join(CRITERION_KEYS)}.",
    )
    variants = VariantSerializer(many=True, read_only=True)

    class Meta:
        model = BusinessCase
        fields = [
            "id",
            "name",
            "municipality",
            "organisation",
            "location",
            "measure_package",
            "weights",
            "notes",
            "is_demo",
            "variants",
        ]
        read_only_fields = ["is_demo"]

    def validate_weights(self, weights):
        unknown = sorted(set(weights) - set(CRITERION_KEYS))
        if unknown:
            raise serializers.ValidationError(f"Unknown criteria: {', '.join(unknown)}.")
        return weights


class BusinessCaseFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code", help_text="CBS code")

    class Meta:
        model = BusinessCase
        fields = ["municipality", "organisation", "location"]


@extend_schema_view(
    list=extend_schema(summary="Business cases you may see, with their variants and outcomes"),
    create=extend_schema(summary="Draw up a business case", responses={201: BusinessCaseSerializer}),
    partial_update=extend_schema(responses={200: BusinessCaseSerializer}),
    update=extend_schema(responses={200: BusinessCaseSerializer}),
)
class BusinessCaseViewSet(ServiceBackedViewSet):
    serializer_class = BusinessCaseSerializer
    filterset_class = BusinessCaseFilter
    policy_object_type = "business_case"

    def get_queryset(self):
        return selectors.cases(user=self.request.user).prefetch_related("variants")

    def perform_service_create(self, data):
        return services.create_case(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return services.update_case(actor=self.request.user, case=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_case(actor=self.request.user, case=instance)
