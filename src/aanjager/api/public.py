"""The public, read-only API: published estimates with small cells suppressed. No sign-in; throttled."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.throttling import AnonRateThrottle

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
        rows = suppression.suppress(selectors.region_rows(run=run), settings.AANJAGER_SMALL_CELL_THRESHOLD)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(EstimateRowSerializer(page, many=True).data)
