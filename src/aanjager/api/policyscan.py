"""Policy scans in the API: /api/v1/policy-scans (with participants, answers and the baseline per domain
read-only; PUT /policy-scans/{id}/answers stores the answers all or nothing, POST .../complete and .../reopen change
the status), /api/v1/scan-participants, /api/v1/scan-recommendations (POST .../{id}/measure turns one into a
programme measure) and /api/v1/question-sets (read-only).

Participants, answers and recommendations follow their scan's rights: reading one is viewing the scan, writing one
is changing it. Maturity scores are decimals from 0 to 3 with two decimals. A region's average is null when fewer
than three municipalities of the region have a completed scan for that domain."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from aanjager.accounts import scoping
from aanjager.api.permissions import PolicyPermission
from aanjager.api.personal_data import LogsPersonalDataViews
from aanjager.api.views import ServiceBackedViewSet
from aanjager.geo.models import Municipality
from aanjager.organisations.models import Organisation
from aanjager.policyscan import selectors, services
from aanjager.policyscan.models import MAX_SCORE, Answer, Participant, QuestionSet, Recommendation, Scan

READ_CREATE_DELETE = ["get", "post", "delete", "head", "options"]


def _score_field(help_text: str):
    return serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True, help_text=help_text)


# ------------------------------------------------------------------ question sets
class ScanScaleSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()
    meaning = serializers.CharField(required=False)


class ScanStatementSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class ScanDomainSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    statements = ScanStatementSerializer(many=True)


class QuestionSetSerializer(serializers.ModelSerializer):
    scale = ScanScaleSerializer(
        many=True, read_only=True, help_text="The maturity levels 0–3 with their labels."
    )
    domains = ScanDomainSerializer(
        many=True, read_only=True, help_text="The domains with their statements, in order."
    )

    class Meta:
        model = QuestionSet
        fields = ["id", "code", "version", "title", "description", "scale", "domains"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Question sets of the policy scan (versioned)"),
    retrieve=extend_schema(summary="One question set with its scale, domains and statements"),
)
class QuestionSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = QuestionSetSerializer
    filterset_fields = ["code"]

    def get_queryset(self):
        return selectors.question_sets().order_by("code", "-version")


# ------------------------------------------------------------------ scans
class ScanParticipantSerializer(serializers.ModelSerializer):
    scan = serializers.PrimaryKeyRelatedField(queryset=Scan.objects.all(), help_text="Policy scan id.")

    class Meta:
        model = Participant
        fields = ["id", "scan", "department", "name", "function"]


class ScanNestedParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "department", "name", "function"]
        read_only_fields = fields


class ScanAnswerSerializer(serializers.ModelSerializer):
    statement = serializers.CharField(source="statement_code", max_length=40, help_text="Statement code.")
    # Not bounded here: the service checks 0–3 and names the statement in its error, not the list index.
    score = serializers.IntegerField(
        allow_null=True, help_text=f"Maturity 0–{MAX_SCORE}; null removes the answer."
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    class Meta:
        model = Answer
        fields = ["statement", "score", "comment"]


class ScanAnswersSerializer(serializers.Serializer):
    answers = ScanAnswerSerializer(
        many=True, help_text="Every answer of the scan; statements left out are emptied."
    )

    def validate_answers(self, answers):
        codes = [a["statement_code"] for a in answers]
        doubles = sorted({c for c in codes if codes.count(c) > 1})
        if doubles:
            raise serializers.ValidationError(f"Statements given more than once: {', '.join(doubles)}.")
        return answers


class ScanRegionCellSerializer(serializers.Serializer):
    region = serializers.IntegerField(source="region.pk", help_text="Region id.")
    name = serializers.CharField(source="region.name")
    average = _score_field(
        "Mean over the latest completed scan of each municipality; null: fewer than three."
    )
    municipalities = serializers.IntegerField(source="n", help_text="Municipalities whose scan counts.")

    def to_representation(self, cell):
        data = super().to_representation(cell)
        data["average"] = None if cell.score is None else f"{cell.score:.2f}"
        return data


class ScanBaselineRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    score = _score_field("Mean maturity of the answered statements; null: none answered.")
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    earlier_score = _score_field("The same domain in the earlier completed scan; null: none.")
    delta = _score_field("This scan minus the earlier scan.")
    regions = ScanRegionCellSerializer(many=True)

    def to_representation(self, row):
        return {
            "code": row.code,
            "title": row.title,
            "score": None if row.score is None else f"{row.score:.2f}",
            "answered": row.answered,
            "total": row.total,
            "earlier_score": None if row.earlier is None else f"{row.earlier:.2f}",
            "delta": None if row.delta is None else f"{row.delta:.2f}",
            "regions": ScanRegionCellSerializer(row.regions, many=True).data,
        }


class ScanBaselineSerializer(serializers.Serializer):
    overall = _score_field("Mean of the domain scores.")
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    earlier_scan = serializers.IntegerField(allow_null=True, help_text="Id of the earlier completed scan.")
    domains = ScanBaselineRowSerializer(many=True)

    def to_representation(self, baseline):
        return {
            "overall": None if baseline.overall is None else f"{baseline.overall:.2f}",
            "answered": baseline.answered,
            "total": baseline.total,
            "earlier_scan": baseline.earlier_scan.pk if baseline.earlier_scan else None,
            "domains": ScanBaselineRowSerializer(baseline.rows, many=True).data,
        }


class ScanSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text="The organisation holding the scan."
    )
    question_set = serializers.PrimaryKeyRelatedField(
        queryset=QuestionSet.objects.all(),
        required=False,
        help_text="Question set id; default the newest version of the default set. Fixed once answered.",
    )
    participants = ScanNestedParticipantSerializer(many=True, read_only=True)
    answers = ScanAnswerSerializer(many=True, read_only=True)
    baseline = serializers.SerializerMethodField()

    class Meta:
        model = Scan
        fields = [
            "id",
            "municipality",
            "organisation",
            "question_set",
            "held_on",
            "facilitator",
            "status",
            "notes",
            "is_demo",
            "participants",
            "answers",
            "baseline",
        ]
        read_only_fields = ["status", "is_demo"]

    @extend_schema_field(ScanBaselineSerializer)
    def get_baseline(self, scan) -> dict:
        cache = self.context.setdefault("baselines", {})
        if scan.pk not in cache:
            # In a list, the baselines of the whole page at once: a few queries, not several per scan.
            page = getattr(self.parent, "instance", None)
            scans = page if isinstance(page, list | tuple) and scan in page else [scan]
            cache.update(selectors.baselines(scans))
        return ScanBaselineSerializer(cache[scan.pk]).data


class ScanPartPermission(permissions.BasePermission):
    """A participant or recommendation is read with its scan and written by those who may change the scan (checked
    again by the service)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "policy_scan", "view")
        return scoping.allows(request.user, "policy_scan", "change")

    def has_object_permission(self, request, view, obj):
        action = "view" if request.method in permissions.SAFE_METHODS else "change"
        return scoping.allows(request.user, "policy_scan", action, obj.scan)


class ScanPermission(PolicyPermission):
    """The scan's own writes by the policy table; its answers and status by "change" on the scan."""

    def has_permission(self, request, view):
        if getattr(view, "action", "") in ("answers", "complete", "reopen"):
            return bool(request.user and request.user.is_authenticated) and scoping.allows(
                request.user, "policy_scan", "change"
            )
        return super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        if getattr(view, "action", "") in ("answers", "complete", "reopen"):
            return scoping.allows(request.user, "policy_scan", "change", obj)
        return super().has_object_permission(request, view, obj)


class ScanFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code", help_text="CBS code")

    class Meta:
        model = Scan
        fields = ["municipality", "organisation", "status", "question_set"]


@extend_schema_view(
    list=extend_schema(summary="Policy scans you may see, with their answers and baseline per domain"),
    create=extend_schema(summary="Start a policy scan", responses={201: ScanSerializer}),
    partial_update=extend_schema(responses={200: ScanSerializer}),
    update=extend_schema(responses={200: ScanSerializer}),
)
class ScanViewSet(LogsPersonalDataViews, ServiceBackedViewSet):
    serializer_class = ScanSerializer
    filterset_class = ScanFilter
    permission_classes = [ScanPermission]
    policy_object_type = "policy_scan"

    def get_queryset(self):
        return (
            selectors.scans(self.request.user)
            .prefetch_related("participants", "answers")
            .order_by("municipality__name", "-held_on", "-pk")
        )

    def people_in(self, scans):
        return [participant for scan in scans for participant in scan.participants.all()]

    def perform_service_create(self, data):
        return services.create_scan(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return services.update_scan(actor=self.request.user, scan=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_scan(actor=self.request.user, scan=instance)

    def _fresh(self, scan):
        return self.get_serializer(self.get_queryset().get(pk=scan.pk)).data

    @extend_schema(
        summary="Store every answer of a scan at once: all or nothing",
        request=ScanAnswersSerializer,
        responses={200: ScanSerializer},
    )
    @action(detail=True, methods=["put"], url_path="answers")
    def answers(self, request, pk=None):
        scan = self.get_object()
        serializer = ScanAnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = {
            a["statement_code"]: (a["score"], a.get("comment", ""))
            for a in serializer.validated_data["answers"]
        }
        services.save_answers(actor=request.user, scan=scan, answers=given, replace=True)
        return Response(self._fresh(scan))

    @extend_schema(
        summary="Complete a scan: only when every statement is answered",
        request=None,
        responses={200: ScanSerializer},
    )
    @action(detail=True, methods=["post"], url_path="complete")
    def complete(self, request, pk=None):
        scan = services.complete_scan(actor=request.user, scan=self.get_object())
        return Response(self._fresh(scan))

    @extend_schema(summary="Reopen a completed scan", request=None, responses={200: ScanSerializer})
    @action(detail=True, methods=["post"], url_path="reopen")
    def reopen(self, request, pk=None):
        scan = services.reopen_scan(actor=request.user, scan=self.get_object())
        return Response(self._fresh(scan))


# ------------------------------------------------------------------ participants
@extend_schema_view(
    list=extend_schema(summary="Participants of the policy scans you may see"),
    create=extend_schema(summary="Add a participant to a scan", responses={201: ScanParticipantSerializer}),
)
class ParticipantViewSet(LogsPersonalDataViews, ServiceBackedViewSet):
    serializer_class = ScanParticipantSerializer
    filterset_fields = ["scan"]
    permission_classes = [ScanPartPermission]
    http_method_names = READ_CREATE_DELETE

    def get_queryset(self):
        return Participant.objects.filter(scan__in=selectors.scans(self.request.user).values("pk")).order_by(
            "scan", "department", "name", "id"
        )

    def perform_service_create(self, data):
        scan = data.pop("scan")  # the service refuses (403) a scan the actor may not change
        return services.add_participant(actor=self.request.user, scan=scan, **data)

    def perform_service_delete(self, instance):
        services.delete_participant(actor=self.request.user, participant=instance)


# ------------------------------------------------------------------ recommendations
class ScanRecommendationSerializer(serializers.ModelSerializer):
    scan = serializers.PrimaryKeyRelatedField(
        queryset=Scan.objects.all(), help_text="Policy scan id; a recommendation stays with its scan."
    )
    domain_code = serializers.CharField(
        max_length=40, help_text="Code of a domain of the scan's question set."
    )
    measure = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The programme measure made of it; null: none yet."
    )

    class Meta:
        model = Recommendation
        fields = ["id", "scan", "text", "domain_code", "owner", "priority", "status", "due_on", "measure"]

    def validate_scan(self, scan):
        if self.instance is not None and scan.pk != self.instance.scan_id:
            raise serializers.ValidationError("A recommendation stays with its scan.")
        return scan


class ScanMeasureRequestSerializer(serializers.Serializer):
    package = serializers.IntegerField(help_text="Measure package id, in a programme of the scan's region.")
    code = serializers.CharField(max_length=20)
    name = serializers.CharField(
        max_length=200, required=False, help_text="Default: the recommendation's text."
    )


@extend_schema_view(
    list=extend_schema(summary="Recommendations of the policy scans you may see"),
    create=extend_schema(
        summary="Add a recommendation to a scan", responses={201: ScanRecommendationSerializer}
    ),
    partial_update=extend_schema(responses={200: ScanRecommendationSerializer}),
    update=extend_schema(responses={200: ScanRecommendationSerializer}),
)
class RecommendationViewSet(ServiceBackedViewSet):
    serializer_class = ScanRecommendationSerializer
    filterset_fields = ["scan", "domain_code", "priority", "status"]
    permission_classes = [ScanPartPermission]

    def get_queryset(self):
        return selectors.recommendations(self.request.user).order_by("scan", "id")

    def perform_service_create(self, data):
        scan = data.pop("scan")  # the service refuses (403) a scan the actor may not change
        return services.create_recommendation(actor=self.request.user, scan=scan, **data)

    def perform_service_update(self, instance, data):
        data.pop("scan", None)  # the same scan (the serializer refuses another)
        return services.update_recommendation(actor=self.request.user, recommendation=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_recommendation(actor=self.request.user, recommendation=instance)

    @extend_schema(
        summary="Turn a recommendation into a measure of the regional programme",
        request=ScanMeasureRequestSerializer,
        responses={200: ScanRecommendationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="measure")
    def measure(self, request, pk=None):
        recommendation = self.get_object()
        serializer = ScanMeasureRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        package = (
            selectors.measure_packages(request.user, recommendation.scan).filter(pk=data["package"]).first()
        )
        if package is None:
            raise serializers.ValidationError({"package": ["Choose a package of a programme of the scan's region "
                                                            "that you may change."]})  # fmt: skip
        services.turn_into_measure(
            actor=request.user,
            recommendation=recommendation,
            package=package,
            code=data["code"],
            name=data.get("name") or recommendation.text[:200],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=recommendation.pk)).data)
