"""Agreements in the API: /api/v1/agreements (with their parties read-only), /api/v1/commitments (with the status
computed today, read-only), /api/v1/progress-updates (reported by the committed party, reviewed by the
coordinator), /api/v1/teams (aanjaagteams), /api/v1/meetings (with their action items read-only) and
/api/v1/progress-reports (generated, published and removed; the figures are frozen).

Commitments and parties follow their agreement's rights: reading one is viewing the agreement, writing one is
changing it. Reads go through the agreements selectors, writes through its services."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions as drf_exceptions
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from aanjager.accounts import scoping
from aanjager.agreements import meeting_services, selectors, services, team_services
from aanjager.agreements.models import (
    DRIEHOEK,
    TEAM_ROLE_KEYS,
    ActionItem,
    Agreement,
    AgreementParty,
    Commitment,
    Meeting,
    ProgressReport,
    ProgressUpdate,
    Team,
    TeamMember,
)
from aanjager.agreements.progress import Status
from aanjager.api.permissions import PolicyPermission
from aanjager.api.personal_data import LogsPersonalDataViews
from aanjager.api.views import ServiceBackedViewSet
from aanjager.estimates.models import Scenario
from aanjager.geo.models import Municipality, Region
from aanjager.locations.models import Location
from aanjager.organisations.models import Organisation

STATUS_CHOICES = [s.value for s in Status]
NO_PUT = ["get", "post", "patch", "delete", "head", "options"]


# ------------------------------------------------------------------ agreements
class PartySerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["organisation", "name", "corner", "signed_on"]
        read_only_fields = fields


class AgreementSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        help_text="Region id; leave empty for an agreement between single municipalities.",
    )
    municipalities = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Municipality.objects.all(),
        required=False,
        help_text="CBS codes (GMxxxx) when the agreement does not cover a whole region.",
    )
    # Declared explicitly: the model's limits differ per database, the schema must not.
    update_interval_days = serializers.IntegerField(min_value=1, max_value=730, required=False)
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "title",
            "agreement_type",
            "region",
            "municipalities",
            "signed_on",
            "description",
            "at_risk_margin",
            "update_interval_days",
            "is_demo",
            "parties",
        ]
        read_only_fields = ["is_demo"]


@extend_schema_view(
    list=extend_schema(summary="Agreements you may see, with their parties"),
    create=extend_schema(summary="Record an agreement", responses={201: AgreementSerializer}),
    partial_update=extend_schema(responses={200: AgreementSerializer}),
    update=extend_schema(responses={200: AgreementSerializer}),
)
class AgreementViewSet(ServiceBackedViewSet):
    serializer_class = AgreementSerializer
    filterset_fields = ["agreement_type", "region"]
    policy_object_type = "agreement"

    def get_queryset(self):
        return selectors.agreements(user=self.request.user).prefetch_related(
            "municipalities", "parties__organisation"
        )

    def perform_service_create(self, data):
        municipalities = data.pop("municipalities", None)
        return services.create_agreement(actor=self.request.user, municipalities=municipalities, **data)

    def perform_service_update(self, instance, data):
        municipalities = data.pop("municipalities", None)
        return services.update_agreement(
            actor=self.request.user, agreement=instance, municipalities=municipalities, **data
        )

    def perform_service_delete(self, instance):
        services.delete_agreement(actor=self.request.user, agreement=instance)


# ------------------------------------------------------------------ commitments
class CommitmentSerializer(serializers.ModelSerializer):
    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(), help_text="A commitment stays with its agreement."
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text="The committed party: a party to the agreement."
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        required=False,
        allow_null=True,
        help_text="CBS code, e.g. GM0281",
    )
    location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    scenario = serializers.PrimaryKeyRelatedField(
        queryset=Scenario.objects.all(), required=False, allow_null=True
    )
    # Declared explicitly: the model's limits differ per database, the schema must not.
    target = serializers.IntegerField(
        min_value=1, help_text="Beds, locations or steps; 1 for a single measure."
    )
    starts_on = serializers.DateField(required=False, help_text="Default: the signing date of the agreement.")
    status = serializers.SerializerMethodField(help_text="Computed today from the target, dates and updates.")
    delivered = serializers.SerializerMethodField(
        help_text="Delivered so far: the latest update not rejected."
    )
    share_delivered = serializers.SerializerMethodField(
        help_text="Delivered divided by the target, 0 or more."
    )
    share_elapsed = serializers.SerializerMethodField(
        help_text="Share of the period from start to due date that lies behind today, 0–1."
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "agreement",
            "organisation",
            "kind",
            "stay_class",
            "description",
            "target",
            "municipality",
            "location",
            "starts_on",
            "due_on",
            "scenario",
            "notes",
            "status",
            "delivered",
            "share_delivered",
            "share_elapsed",
        ]

    def _judgement(self, commitment):
        cache = self.context.setdefault("judgements", {})
        if commitment.pk not in cache:
            cache[commitment.pk] = selectors.judge(commitment, timezone.localdate())
        return cache[commitment.pk]

    @extend_schema_field(serializers.ChoiceField(choices=STATUS_CHOICES))
    def get_status(self, commitment) -> str:
        return self._judgement(commitment).status.value

    def get_delivered(self, commitment) -> int:
        return self._judgement(commitment).delivered

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_share_delivered(self, commitment) -> float:
        return round(float(self._judgement(commitment).share_delivered), 4)

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_share_elapsed(self, commitment) -> float:
        return round(float(self._judgement(commitment).share_elapsed), 4)

    def validate_agreement(self, agreement):
        if self.instance is not None and agreement.pk != self.instance.agreement_id:
            raise serializers.ValidationError("A commitment stays with its agreement.")
        return agreement


class AgreementPartPermission(permissions.BasePermission):
    """Read with the agreement; written by those who may change the agreement (checked again by the service)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "agreement", "view")
        return scoping.allows(request.user, "agreement", "change")

    def has_object_permission(self, request, view, obj):
        action = "view" if request.method in permissions.SAFE_METHODS else "change"
        return scoping.allows(request.user, "agreement", action, obj.agreement)


@extend_schema_view(
    list=extend_schema(
        summary="Commitments of the agreements you may see, with their status today",
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=STATUS_CHOICES,
                description="Only commitments with this status",
            )
        ],
    ),
    create=extend_schema(summary="Add a commitment to an agreement", responses={201: CommitmentSerializer}),
    partial_update=extend_schema(responses={200: CommitmentSerializer}),
    update=extend_schema(responses={200: CommitmentSerializer}),
)
class CommitmentViewSet(ServiceBackedViewSet):
    serializer_class = CommitmentSerializer
    filterset_fields = ["agreement", "organisation", "kind"]
    permission_classes = [AgreementPartPermission]

    def get_queryset(self):
        return selectors.commitments(user=self.request.user)

    def get_serializer(self, *args, **kwargs):
        if kwargs.get("many") and args:  # a page of commitments: their updates for the status in one query
            args = (selectors.attach_counting_updates(args[0]), *args[1:])
        return super().get_serializer(*args, **kwargs)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        wanted = self.request.query_params.get("status") if self.action == "list" else None
        if not wanted:
            return queryset
        if wanted not in STATUS_CHOICES:
            raise drf_exceptions.ValidationError({"status": [f"Choose one of: {', '.join(STATUS_CHOICES)}."]})
        today = timezone.localdate()
        keep = [item.commitment.pk for item in selectors.judged(queryset, today) if item.status == wanted]
        return queryset.filter(pk__in=keep)

    def perform_service_create(self, data):
        agreement = data.pop("agreement")  # the service refuses (403) an agreement the actor may not change
        return services.create_commitment(actor=self.request.user, agreement=agreement, **data)

    def perform_service_update(self, instance, data):
        data.pop("agreement", None)  # the same agreement (the serializer refuses another)
        return services.update_commitment(actor=self.request.user, commitment=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_commitment(actor=self.request.user, commitment=instance)


# ------------------------------------------------------------------ progress updates
class ProgressUpdateSerializer(serializers.ModelSerializer):
    commitment = serializers.PrimaryKeyRelatedField(queryset=Commitment.objects.all())
    delivered = serializers.IntegerField(min_value=0, help_text="The running total delivered so far.")
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "commitment",
            "reported_on",
            "delivered",
            "narrative",
            "organisation",
            "has_evidence",
            "review",
            "review_comment",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = ["organisation", "review", "review_comment", "reviewed_at", "created_at"]

    def get_has_evidence(self, update) -> bool:
        return bool(update.evidence)


class ReviewSerializer(serializers.Serializer):
    review = serializers.ChoiceField(
        choices=[ProgressUpdate.Review.ACCEPTED.value, ProgressUpdate.Review.REJECTED.value]
    )
    review_comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required when the update is rejected."
    )


@extend_schema_view(
    list=extend_schema(summary="Progress updates you may see"),
    create=extend_schema(
        summary="Report progress on a commitment (the committed party only)",
        responses={201: ProgressUpdateSerializer},
    ),
    partial_update=extend_schema(
        summary="Review an update: accept or reject it (with a reason)",
        request=ReviewSerializer,
        responses={200: ProgressUpdateSerializer},
    ),
)
class ProgressUpdateViewSet(ServiceBackedViewSet):
    serializer_class = ProgressUpdateSerializer
    filterset_fields = ["commitment", "review"]
    policy_object_type = "progress_update"
    http_method_names = NO_PUT

    def get_queryset(self):
        return selectors.progress_updates(user=self.request.user)

    def perform_service_create(self, data):
        commitment = data.pop("commitment")  # the service refuses (403) another party's commitment
        return services.report_progress(actor=self.request.user, commitment=commitment, **data)

    def update(self, request, *args, **kwargs):
        update = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        update = services.review_update(
            actor=request.user, update=update, review=data["review"], comment=data["review_comment"]
        )
        return Response(self.get_serializer(update).data)

    def perform_service_delete(self, instance):
        services.delete_update(actor=self.request.user, update=instance)


# ------------------------------------------------------------------ teams
class TeamMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["id", "name", "job_title", "organisation", "corner"]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    # Declared explicitly: one team per region is checked by the service (after the rights), not here.
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    roles_done = serializers.ListField(
        child=serializers.ChoiceField(choices=list(TEAM_ROLE_KEYS)),
        required=False,
        help_text="The roles of the team taken up so far.",
    )
    members = TeamMemberSerializer(many=True, read_only=True)
    missing_corners = serializers.SerializerMethodField(help_text="Corners of the driehoek without a member.")

    class Meta:
        model = Team
        fields = [
            "id",
            "region",
            "name",
            "target_date",
            "notes",
            "roles_done",
            "members",
            "missing_corners",
            "is_demo",
        ]
        read_only_fields = ["is_demo"]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=[c.value for c in DRIEHOEK]))
    )
    def get_missing_corners(self, team) -> list[str]:
        present = {member.corner for member in team.members.all()}
        return [corner.value for corner in DRIEHOEK if corner.value not in present]


@extend_schema_view(
    list=extend_schema(summary="Aanjaagteams you may see, with their members"),
    create=extend_schema(summary="Set up the aanjaagteam of a region", responses={201: TeamSerializer}),
    partial_update=extend_schema(responses={200: TeamSerializer}),
    update=extend_schema(responses={200: TeamSerializer}),
)
class TeamViewSet(LogsPersonalDataViews, ServiceBackedViewSet):
    serializer_class = TeamSerializer
    filterset_fields = ["region"]
    policy_object_type = "team"

    def get_queryset(self):
        return selectors.teams(user=self.request.user).prefetch_related("members")

    def people_in(self, teams):
        return [member for team in teams for member in team.members.all()]

    @transaction.atomic  # the team and its roles, or nothing
    def perform_service_create(self, data):
        roles_done = data.pop("roles_done", None)
        team = team_services.create_team(actor=self.request.user, **data)
        if roles_done:
            team = team_services.update_team(actor=self.request.user, team=team, roles_done=roles_done)
        return team

    def perform_service_update(self, instance, data):
        return team_services.update_team(actor=self.request.user, team=instance, **data)

    def perform_service_delete(self, instance):
        team_services.delete_team(actor=self.request.user, team=instance)


# ------------------------------------------------------------------ meetings
class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["id", "description", "owner", "owner_name", "due_on", "status", "commitment"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    participants = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        help_text="Ids of the participating organisations; given, it replaces them all.",
    )
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "region",
            "kind",
            "title",
            "held_on",
            "place",
            "participants",
            "attendees",
            "agenda",
            "decisions",
            "action_items",
            "is_demo",
        ]
        read_only_fields = ["is_demo"]


@contextmanager
def _named_participants():
    """The service names a participant it refuses `organisation`; in this API the field is `participants`."""
    try:
        yield
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict") and "organisation" in exc.error_dict:
            raise DjangoValidationError({"participants": exc.error_dict["organisation"]}) from None
        raise


@extend_schema_view(
    list=extend_schema(summary="Meetings you may see, with their action items"),
    create=extend_schema(summary="Record a meeting of a region", responses={201: MeetingSerializer}),
    partial_update=extend_schema(responses={200: MeetingSerializer}),
    update=extend_schema(responses={200: MeetingSerializer}),
)
class MeetingViewSet(LogsPersonalDataViews, ServiceBackedViewSet):
    serializer_class = MeetingSerializer
    filterset_fields = ["region", "kind"]
    policy_object_type = "meeting"

    def get_queryset(self):
        return selectors.meetings(user=self.request.user).prefetch_related("participants", "action_items")

    def people_in(self, meetings):
        return [item for meeting in meetings for item in meeting.action_items.all()]

    def perform_service_create(self, data):
        participants = data.pop("participants", None)
        with _named_participants():
            return meeting_services.create_meeting(actor=self.request.user, participants=participants, **data)

    def perform_service_update(self, instance, data):
        participants = data.pop("participants", None)
        with _named_participants():
            return meeting_services.update_meeting(
                actor=self.request.user, meeting=instance, participants=participants, **data
            )

    def perform_service_delete(self, instance):
        meeting_services.delete_meeting(actor=self.request.user, meeting=instance)


# ------------------------------------------------------------------ progress reports
class ProgressReportSerializer(serializers.ModelSerializer):
    snapshot = serializers.JSONField(read_only=True, help_text="The figures as frozen on generation.")

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "region",
            "reference_date",
            "title",
            "created_at",
            "published_at",
            "previous",
            "snapshot",
        ]
        read_only_fields = fields


class ReportCreateSerializer(serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, help_text="Region id; null: a national report."
    )
    reference_date = serializers.DateField()


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text="true publishes the report; only publication can change.")

    def validate_published(self, value):
        if value is not True:
            raise serializers.ValidationError("Give true: a published report stays published.")
        return value


@extend_schema_view(
    list=extend_schema(summary="Progress reports you may see"),
    create=extend_schema(
        summary="Generate a progress report: the figures of the region frozen on the reference date",
        request=ReportCreateSerializer,
        responses={201: ProgressReportSerializer},
    ),
    partial_update=extend_schema(
        summary="Publish a progress report",
        request=PublishSerializer,
        responses={200: ProgressReportSerializer},
    ),
)
class ProgressReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgressReportSerializer
    permission_classes = [PolicyPermission]
    policy_object_type = "progress_report"
    filterset_fields = ["region"]
    http_method_names = NO_PUT

    def get_queryset(self):
        return (
            selectors.reports(user=self.request.user).select_related("previous").defer("pdf", "previous__pdf")
        )

    def create(self, request, *args, **kwargs):
        from aanjager.agreements import report_services

        serializer = ReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = report_services.generate_report(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        from aanjager.agreements import report_services

        report = self.get_object()
        PublishSerializer(data=request.data).is_valid(raise_exception=True)
        report = report_services.publish_report(actor=request.user, report=report)
        return Response(self.get_serializer(report).data)

    def destroy(self, request, *args, **kwargs):
        from aanjager.agreements import report_services

        report_services.delete_report(actor=request.user, report=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
