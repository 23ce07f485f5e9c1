"""Local norm rules in the API: /api/v1/local-norm-rules, read by everyone, written by a municipality's advisors."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from aanjager.api.views import ServiceBackedViewSet
from aanjager.geo.models import Municipality
from aanjager.locations import norm_rule_services as services
from aanjager.locations import selectors
from aanjager.locations.models import LocalNormRule, Location


class LocalNormRuleSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    housing_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=Location.HousingForm.choices),
        required=False,
        help_text="Empty: every housing form.",
    )
    rule_code = serializers.CharField(
        source="code", read_only=True, help_text="How inspection findings refer to the rule."
    )

    class Meta:
        model = LocalNormRule
        fields = [
            "id",
            "rule_code",
            "municipality",
            "label",
            "kind",
            "threshold",
            "valid_from",
            "valid_to",
            "housing_forms",
            "new_build_only",
            "source",
            "is_demo",
        ]
        read_only_fields = ["is_demo"]


@extend_schema_view(
    list=extend_schema(summary="Local norm rules of municipalities"),
    create=extend_schema(summary="Add a local norm rule", responses={201: LocalNormRuleSerializer}),
    partial_update=extend_schema(responses={200: LocalNormRuleSerializer}),
    update=extend_schema(responses={200: LocalNormRuleSerializer}),
)
class LocalNormRuleViewSet(ServiceBackedViewSet):
    serializer_class = LocalNormRuleSerializer
    filterset_fields = ["kind"]
    policy_object_type = "norm_rule"

    def get_queryset(self):
        return selectors.local_rules(user=self.request.user)

    def perform_service_create(self, data):
        return services.create_local_rule(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return services.update_local_rule(actor=self.request.user, rule=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_local_rule(actor=self.request.user, rule=instance)
