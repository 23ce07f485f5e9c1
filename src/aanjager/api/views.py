"""Thin API views: reads through selectors, writes through services."""

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions as drf_exceptions
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from aanjager.accounts import scoping
from aanjager.accounts import selectors as account_selectors
from aanjager.accounts import services as account_services
from aanjager.api import filters, serializers
from aanjager.api.permissions import PolicyPermission, ScopedReadPolicyPermission
from aanjager.api.personal_data import LogsPersonalDataViews
from aanjager.audit import selectors as audit_selectors
from aanjager.estimates import selectors as estimate_selectors
from aanjager.estimates import services as estimate_services
from aanjager.estimates import suppression
from aanjager.geo import selectors as geo_selectors
from aanjager.geo import services as geo_services
from aanjager.organisations import selectors as org_selectors
from aanjager.organisations import services as org_services


class ReadOnlyReference(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PolicyPermission]
    policy_object_type = "municipality"
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(summary="All provinces"), retrieve=extend_schema(summary="One province")
)
class ProvinceViewSet(ReadOnlyReference):
    serializer_class = serializers.ProvinceSerializer
    lookup_value_regex = r"PV\d{2}"

    def get_queryset(self):
        return geo_selectors.provinces(user=self.request.user).order_by("code")


@extend_schema_view(
    list=extend_schema(summary="Municipalities (CBS codes), including ended ones unless `active=true`"),
    retrieve=extend_schema(summary="One municipality by CBS code"),
)
class MunicipalityViewSet(ReadOnlyReference):
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = filters.MunicipalityFilter
    lookup_value_regex = r"GM\d{4}"

    def get_queryset(self):
        return (
            geo_selectors.municipalities(user=self.request.user, active_only=False)
            .select_related("successor")
            .order_by("code")
        )


class ServiceBackedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [PolicyPermission]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_service_create(serializer.validated_data)
        return Response(self.get_serializer(instance).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_service_update(instance, serializer.validated_data)
        return Response(self.get_serializer(instance).data)

    def destroy(self, request, *args, **kwargs):
        self.perform_service_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Regions: named groupings of municipalities"),
    create=extend_schema(summary="Create a region", responses={201: serializers.RegionSerializer}),
    partial_update=extend_schema(responses={200: serializers.RegionSerializer}),
    update=extend_schema(responses={200: serializers.RegionSerializer}),
)
class RegionViewSet(ServiceBackedViewSet):
    serializer_class = serializers.RegionSerializer
    filterset_class = filters.RegionFilter
    policy_object_type = "region"

    def get_queryset(self):
        return geo_selectors.regions(user=self.request.user).prefetch_related("municipalities")

    def perform_service_create(self, data):
        return geo_services.create_region(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        municipalities = data.pop("municipalities", None)
        return geo_services.update_region(
            actor=self.request.user, region=instance, municipalities=municipalities, **data
        )

    def perform_service_delete(self, instance):
        geo_services.delete_region(actor=self.request.user, region=instance)


@extend_schema_view(
    list=extend_schema(summary="Organisations you may see"),
    create=extend_schema(responses={201: serializers.OrganisationSerializer}),
    partial_update=extend_schema(responses={200: serializers.OrganisationSerializer}),
    update=extend_schema(responses={200: serializers.OrganisationSerializer}),
)
class OrganisationViewSet(ServiceBackedViewSet):
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    policy_object_type = "organisation"

    def get_queryset(self):
        return org_selectors.organisations(user=self.request.user)

    def perform_service_create(self, data):
        return org_services.create_organisation(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return org_services.update_organisation(actor=self.request.user, organisation=instance, **data)

    def perform_service_delete(self, instance):
        org_services.delete_organisation(actor=self.request.user, organisation=instance)


@extend_schema_view(
    create=extend_schema(responses={201: serializers.ContactPersonSerializer}),
    partial_update=extend_schema(responses={200: serializers.ContactPersonSerializer}),
    update=extend_schema(responses={200: serializers.ContactPersonSerializer}),
)
class ContactPersonViewSet(LogsPersonalDataViews, ServiceBackedViewSet):
    serializer_class = serializers.ContactPersonSerializer
    filterset_fields = ["organisation"]
    policy_object_type = "contact_person"

    def get_queryset(self):
        return org_selectors.contacts(user=self.request.user)

    def perform_service_create(self, data):
        return org_services.create_contact_person(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        data.pop("organisation", None)  # a contact person does not move between organisations
        return org_services.update_contact_person(actor=self.request.user, contact=instance, **data)

    def perform_service_delete(self, instance):
        org_services.delete_contact_person(actor=self.request.user, contact=instance)


@extend_schema_view(
    create=extend_schema(responses={201: serializers.MembershipSerializer}),
    partial_update=extend_schema(responses={200: serializers.MembershipSerializer}),
    update=extend_schema(responses={200: serializers.MembershipSerializer}),
)
class MembershipViewSet(ServiceBackedViewSet):
    serializer_class = serializers.MembershipSerializer
    filterset_fields = ["organisation", "role"]
    policy_object_type = "membership"

    def get_queryset(self):
        return account_selectors.memberships(user=self.request.user)

    def perform_service_create(self, data):
        return account_services.create_membership(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        data.pop("user", None)  # a membership belongs to one user for good
        return account_services.update_membership(actor=self.request.user, membership=instance, **data)

    def perform_service_delete(self, instance):
        account_services.delete_membership(actor=self.request.user, membership=instance)


@extend_schema_view(create=extend_schema(responses={201: serializers.UserSerializer}))
class UserViewSet(
    LogsPersonalDataViews,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.UserSerializer
    permission_classes = [PolicyPermission]
    policy_object_type = "user"

    def get_queryset(self):
        return account_selectors.users(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = account_services.create_user(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = serializers.UserChangeSerializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        user = account_services.update_user(actor=request.user, user=instance, **serializer.validated_data)
        return Response(self.get_serializer(user).data)


@extend_schema_view(list=extend_schema(summary="The audit trail (administrators only)"))
class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AuditEntrySerializer
    permission_classes = [PolicyPermission]
    policy_object_type = "audit_entry"
    filterset_fields = ["action", "object_type", "channel"]

    def get_queryset(self):
        return audit_selectors.audit_entries(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Estimate runs you may see"),
    create=extend_schema(
        summary="Start an estimate run from uploaded microdata (multipart); the files are deleted after the run",
        request={"multipart/form-data": serializers.EstimateRunCreateSerializer},
        responses={201: serializers.EstimateRunSerializer},
    ),
    partial_update=extend_schema(summary="Publish a finished run to its region, or withdraw it"),
)
class EstimateRunViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.EstimateRunSerializer
    permission_classes = [ScopedReadPolicyPermission]
    policy_object_type = "estimate_run"
    filterset_fields = ["region", "year", "status", "is_published"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return estimate_selectors.runs(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = serializers.EstimateRunCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = estimate_services.create_run(actor=request.user, **serializer.service_arguments())
        run.refresh_from_db()
        return Response(self.get_serializer(run).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        run = self.get_object()
        published = request.data.get("is_published")
        if not isinstance(published, bool):
            raise drf_exceptions.ValidationError(
                {"is_published": ["Give true or false; only publication can be changed."]}
            )
        run = estimate_services.set_published(actor=request.user, run=run, published=published)
        return Response(self.get_serializer(run).data)

    def perform_destroy(self, instance):
        estimate_services.delete_run(actor=self.request.user, run=instance)

    @extend_schema(
        summary="Results per municipality of the run's region (all=true: every municipality in the data)",
        responses={200: serializers.EstimateRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        run = self.get_object()
        rows = list(estimate_selectors.rows(run=run, region_only=request.query_params.get("all") != "true"))
        if not scoping.allows(request.user, "estimate_run", "view", run):  # seen only because it is published
            rows = suppression.suppress(rows, settings.AANJAGER_SMALL_CELL_THRESHOLD, run.parameters)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.EstimateRowSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Forecast scenarios on estimate runs you may see"),
    create=extend_schema(summary="Add a scenario to a finished run (method percentage or trend)"),
)
class ScenarioViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.ScenarioSerializer
    permission_classes = [ScopedReadPolicyPermission]
    policy_object_type = "estimate_run"
    filterset_fields = ["run"]

    def get_queryset(self):
        return estimate_selectors.scenarios(user=self.request.user)

    def check_object_permissions(self, request, obj):
        # Reading is scoped by get_queryset; making and removing scenarios is a right in the run's region, which
        # the services check (estimates.services.create_scenario / delete_scenario).
        return None

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        run = data.pop("run")
        if not estimate_selectors.runs(user=request.user).filter(pk=run.pk).exists():
            raise drf_exceptions.ValidationError({"run": ["Unknown estimate run."]})
        scenario = estimate_services.create_scenario(actor=request.user, run=run, **data)
        return Response(self.get_serializer(scenario).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        estimate_services.delete_scenario(actor=self.request.user, scenario=instance)
