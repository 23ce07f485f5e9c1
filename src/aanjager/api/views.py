"""Thin API views: reads through selectors, writes through services."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from aanjager.api import filters, serializers
from aanjager.api.permissions import PolicyPermission
from aanjager.geo import selectors as geo_selectors
from aanjager.geo import services as geo_services
from aanjager.organisations import selectors as org_selectors
from aanjager.organisations import services as org_services

PROBLEM = {"application/problem+json": {"type": "object"}}


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
    create=extend_schema(
        summary="Create a region", responses={201: serializers.RegionSerializer, 400: PROBLEM}
    ),
    partial_update=extend_schema(responses={200: serializers.RegionSerializer, 400: PROBLEM}),
    update=extend_schema(responses={200: serializers.RegionSerializer, 400: PROBLEM}),
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
    create=extend_schema(responses={201: serializers.OrganisationSerializer, 400: PROBLEM}),
    partial_update=extend_schema(responses={200: serializers.OrganisationSerializer, 400: PROBLEM}),
    update=extend_schema(responses={200: serializers.OrganisationSerializer, 400: PROBLEM}),
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
