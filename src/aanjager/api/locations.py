"""The location register in the API: /api/v1/locations (read for those allowed; write for policy advisors,
administrators and the operator itself) and the status lifecycle as its own action."""

from django.db import transaction
from django.urls import reverse
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from aanjager.accounts import scoping
from aanjager.api.filters import IdsFilter
from aanjager.api.views import ServiceBackedViewSet
from aanjager.geo.models import Municipality
from aanjager.locations import selectors, services
from aanjager.locations.forms import FORM_FIELDS
from aanjager.locations.models import (
    TARGET_GROUPS,
    Certificate,
    FollowUp,
    Inspection,
    InspectionPhoto,
    Location,
)


class LocationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(TARGET_GROUPS)), required=False
    )
    effective = serializers.DateField(
        write_only=True,
        required=False,
        help_text="From which date a change of status, beds, municipality or operator counts (default today).",
    )
    # Declared explicitly: the model's limits differ per database, the schema must not.
    house_number = serializers.IntegerField(min_value=1)
    beds = serializers.IntegerField(min_value=0)
    bedrooms = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    max_persons_per_bedroom = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    toilets = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    showers = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    notice_days_after_job_loss = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    class Meta:
        model = Location
        # The same fields as the web form, plus the lifecycle and the effective date of a change.
        fields = ["id", *FORM_FIELDS, "status", "is_demo", "effective"]
        read_only_fields = ["is_demo"]
        validators = []


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Location.Status.choices)
    effective = serializers.DateField(required=False)


class LocationFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code")

    class Meta:
        model = Location
        fields = ["municipality", "status", "operator", "housing_form"]


@extend_schema_view(
    list=extend_schema(summary="Housing locations you may see"),
    create=extend_schema(summary="Register a location", responses={201: LocationSerializer}),
    partial_update=extend_schema(responses={200: LocationSerializer}),
    update=extend_schema(responses={200: LocationSerializer}),
)
class LocationViewSet(ServiceBackedViewSet):
    serializer_class = LocationSerializer
    filterset_class = LocationFilter
    policy_object_type = "location"

    def get_queryset(self):
        return selectors.locations(user=self.request.user).prefetch_related("employers")

    def perform_service_create(self, data):
        return services.create_location(actor=self.request.user, **data)

    @transaction.atomic  # a refused status change must not leave the other changes saved
    def perform_service_update(self, instance, data):
        status = data.pop("status", None)
        effective = data.pop("effective", None)
        location = services.update_location(
            actor=self.request.user, location=instance, effective=effective, **data
        )
        if status is not None and status != location.status:
            location = services.change_status(
                actor=self.request.user, location=location, status=status, effective=effective
            )
        return location

    def perform_service_delete(self, instance):
        services.delete_location(actor=self.request.user, location=instance)

    @extend_schema(
        summary="Move a location along its lifecycle",
        request=StatusChangeSerializer,
        responses={200: LocationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        location = self.get_object()
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        location = services.change_status(actor=request.user, location=location, **serializer.validated_data)
        return Response(LocationSerializer(location).data)


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "kind", "deadline", "status", "penalty_amount", "notes", "closed_on"]
        read_only_fields = fields


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Served only to those who may see the inspection.")

    class Meta:
        model = InspectionPhoto
        fields = ["id", "caption", "content_type", "size", "url"]
        read_only_fields = fields

    def get_url(self, photo) -> str:
        return reverse("locations:photo", args=[photo.pk])


class InspectionSerializer(serializers.ModelSerializer):
    location = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all())
    found_occupancy = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    rule_findings = serializers.DictField(
        child=serializers.ChoiceField(choices=Inspection.Finding.choices),
        required=False,
        help_text="Per norm rule code: pass, fail or not_checked.",
    )
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "location",
            "visited_on",
            "inspector",
            "found_occupancy",
            "overcrowded",
            "fire_safety_remarks",
            "notes",
            "rule_findings",
            "follow_ups",
            "photos",
            "created_at",
        ]
        read_only_fields = ["inspector", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="Inspections you may see, with their follow-up actions"),
    create=extend_schema(summary="Record an inspection", responses={201: InspectionSerializer}),
    partial_update=extend_schema(responses={200: InspectionSerializer}),
    update=extend_schema(responses={200: InspectionSerializer}),
)
class InspectionViewSet(ServiceBackedViewSet):
    serializer_class = InspectionSerializer
    filterset_fields = ["location"]
    policy_object_type = "inspection"

    def get_queryset(self):
        return selectors.inspections(user=self.request.user).prefetch_related("follow_ups", "photos")

    def perform_service_create(self, data):
        location = data.pop("location")  # the service refuses (403) a location outside the actor's reach
        return services.record_inspection(actor=self.request.user, location=location, **data)

    def perform_service_update(self, instance, data):
        data.pop("location", None)  # an inspection stays with its location
        return services.update_inspection(actor=self.request.user, inspection=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_inspection(actor=self.request.user, inspection=instance)


class CertificateSerializer(serializers.ModelSerializer):
    locations = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all(), many=True)

    class Meta:
        model = Certificate
        fields = ["id", "scheme", "number", "holder", "valid_from", "valid_to", "locations", "is_demo"]
        read_only_fields = ["is_demo"]
        validators = []


class CertificatePermission(permissions.BasePermission):
    """Read with the locations a certificate covers; recorded and removed by those who inspect those locations."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "location", "view")
        return scoping.allows(request.user, "inspection", "create")

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True  # the queryset holds only certificates of visible locations
        return all(
            scoping.allows(request.user, "inspection", "create", Inspection(location=location))
            for location in obj.locations.all()
        )


class CertificateFilter(django_filters.FilterSet):
    locations = IdsFilter(queryset=Location.objects.all(), help_text="Location id; repeat for any of several")

    class Meta:
        model = Certificate
        fields = ["scheme", "holder", "locations"]


@extend_schema_view(
    list=extend_schema(summary="SNF and AKF certificates of the locations you may see"),
    create=extend_schema(summary="Record a certificate", responses={201: CertificateSerializer}),
)
class CertificateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    permission_classes = [CertificatePermission]

    def get_queryset(self):
        visible = selectors.locations(user=self.request.user).values("pk")
        return Certificate.objects.filter(locations__in=visible).distinct().prefetch_related("locations")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate = services.create_certificate(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(certificate).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        services.delete_certificate(actor=request.user, certificate=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
