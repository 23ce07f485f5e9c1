"""The public, read-only API: published estimates with small cells suppressed. No sign-in; throttled."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.throttling import AnonRateThrottle

from aanjager.api.pagination import PageNumberPagination
from aanjager.api.serializers import EstimateRowSerializer
from aanjager.estimates import selectors, suppression


class PublicThrottle(AnonRateThrottle):
    scope = "public"


class PublicEstimateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    region = serializers.CharField(source="region.name")
    year = serializers.IntegerField()
    definition_code = serializers.CharField()
    published_at = serializers.DateTimeField()


@extend_schema(tags=["public"])
class PublicEstimateViewSet(viewsets.ReadOnlyModelViewSet):
    """Published estimate runs. Counts from 1 to 9 are suppressed (null) and no person-level data exist here."""

    serializer_class = PublicEstimateSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]

    def get_queryset(self):
        return selectors.published_runs()

    @extend_schema(
        summary="Results per municipality of the run's region, small cells suppressed",
        responses={200: EstimateRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        run = self.get_object()
        rows = suppression.suppress(
            selectors.region_rows(run=run), settings.AANJAGER_SMALL_CELL_THRESHOLD, run.parameters
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(EstimateRowSerializer(page, many=True).data)


class PublicLocationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    municipality_code = serializers.CharField()
    municipality = serializers.CharField()
    operator = serializers.CharField()
    operator_kvk = serializers.CharField(help_text="KvK number of the operator, when known.")
    address = serializers.CharField(help_text="Empty for confidential locations (rooms in a family home).")
    place = serializers.CharField()
    housing_form = serializers.CharField()
    beds = serializers.IntegerField(min_value=0)
    certificates = serializers.CharField(help_text="Certificates valid today, e.g. 'SNF (…) 123'.")
    certified_until = serializers.CharField(help_text="Last day of the longest-running valid certificate.")


@extend_schema(
    tags=["public"],
    parameters=[
        OpenApiParameter("municipality", str, description="CBS code, e.g. GM0281"),
        OpenApiParameter("q", str, description="Part of the operator's or the location's name"),
    ],
)
class PublicLocationViewSet(viewsets.ViewSet):
    """The public register: locations in use that a valid SNF or AKF certificate covers today. No personal data;
    no street address for confidential locations."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    serializer_class = PublicLocationSerializer
    pagination_class = PageNumberPagination  # named here, so that the schema documents the paged answer

    @extend_schema(responses={200: PublicLocationSerializer(many=True)})
    def list(self, request):
        from django.utils import timezone

        from aanjager.locations import selectors as location_selectors

        day = timezone.localdate()
        locations = location_selectors.public_register(
            day=day,
            municipality_code=request.query_params.get("municipality", "").strip(),
            q=request.query_params.get("q", "").strip(),
        ).prefetch_related("certificates")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(locations, request, view=self)
        rows = [location_selectors.public_row(location, day) for location in page]
        return paginator.get_paginated_response(PublicLocationSerializer(rows, many=True).data)
