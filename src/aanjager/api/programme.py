"""Regional programmes in the API: /api/v1/programmes (with phases and the tree of spearheads, packages and
measures, read-only), /api/v1/programme-phases, /programme-spearheads, /measure-packages and /measures to build the
structure (their rights are those of changing the programme), and /api/v1/participations: a municipality's decision
on a measure (opted in or out with a reason, its pace and progress), a policy object of its own."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers

from aanjager.accounts import scoping
from aanjager.api.filters import IdFilter
from aanjager.api.views import ServiceBackedViewSet
from aanjager.geo.models import Municipality, Region
from aanjager.programme import selectors, services
from aanjager.programme.models import Measure, MeasurePackage, Participation, Phase, Programme, Spearhead


# ------------------------------------------------------------------ structure
class ProgrammePhaseSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    number = serializers.IntegerField(min_value=1, max_value=999)

    class Meta:
        model = Phase
        fields = ["id", "programme", "number", "name", "starts_on", "ends_on"]
        validators = []  # numbers unique per programme: the service's full_clean names the field


class ProgrammeSpearheadSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    number = serializers.IntegerField(min_value=1, max_value=999)

    class Meta:
        model = Spearhead
        fields = ["id", "programme", "number", "name", "description"]
        validators = []


class MeasurePackageSerializer(serializers.ModelSerializer):
    spearhead = serializers.PrimaryKeyRelatedField(queryset=Spearhead.objects.all())

    class Meta:
        model = MeasurePackage
        fields = ["id", "spearhead", "code", "name", "description"]
        validators = []


class MeasureSerializer(serializers.ModelSerializer):
    package = serializers.PrimaryKeyRelatedField(queryset=MeasurePackage.objects.all())
    phase = serializers.PrimaryKeyRelatedField(queryset=Phase.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Measure
        fields = ["id", "package", "code", "name", "description", "phase", "is_optional"]
        validators = []


class _TreePackage(serializers.ModelSerializer):
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = MeasurePackage
        fields = ["id", "code", "name", "description", "measures"]


class _TreeSpearhead(serializers.ModelSerializer):
    number = serializers.IntegerField(
        min_value=1, max_value=999, read_only=True
    )  # the same schema on every database
    packages = _TreePackage(many=True, read_only=True)

    class Meta:
        model = Spearhead
        fields = ["id", "number", "name", "description", "packages"]


class ProgrammeSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    phases = ProgrammePhaseSerializer(many=True, read_only=True)
    spearheads = _TreeSpearhead(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "name", "region", "description", "is_demo", "phases", "spearheads"]
        read_only_fields = ["is_demo"]


class StructurePermission(permissions.BasePermission):
    """A phase, spearhead, package or measure is read with its programme and written by those who may change the
    programme (checked again by the service)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return scoping.allows(request.user, "programme", "view")
        return scoping.allows(request.user, "programme", "change")

    def has_object_permission(self, request, view, obj):
        action = "view" if request.method in permissions.SAFE_METHODS else "change"
        return scoping.allows(request.user, "programme", action, services.programme_of(obj))


class _StructureViewSet(ServiceBackedViewSet):
    """One part of the structure: `parent` names the field that holds its parent, which never changes."""

    permission_classes = [StructurePermission]
    parent = ""
    programme_path = ""
    add = update_service = delete_service = None
    kind = ""

    def get_queryset(self):
        visible = selectors.programmes(user=self.request.user).values("pk")
        model = self.get_serializer_class().Meta.model
        return model.objects.filter(**{f"{self.programme_path}__in": visible}).order_by("pk")

    def perform_service_create(self, data):
        parent = data.pop(self.parent)
        return type(self).add(actor=self.request.user, **{self.parent: parent}, **data)

    def perform_service_update(self, instance, data):
        parent = data.pop(self.parent, None)
        if parent is not None and parent.pk != getattr(instance, f"{self.parent}_id"):
            raise serializers.ValidationError({self.parent: [f"A {self.kind} stays where it was made."]})
        return type(self).update_service(actor=self.request.user, **{self.kind: instance}, **data)

    def perform_service_delete(self, instance):
        type(self).delete_service(actor=self.request.user, **{self.kind: instance})


def _structure(serializer, parent, path, kind, add, update, delete, summary):
    attrs = {
        "serializer_class": serializer,
        "parent": parent,
        "programme_path": path,
        "kind": kind,
        "add": staticmethod(add),
        "update_service": staticmethod(update),
        "delete_service": staticmethod(delete),
        "filterset_fields": [parent],
    }
    view = type(f"{kind.title()}ViewSet", (_StructureViewSet,), attrs)
    return extend_schema_view(
        list=extend_schema(summary=summary),
        create=extend_schema(responses={201: serializer}),
        partial_update=extend_schema(responses={200: serializer}),
        update=extend_schema(responses={200: serializer}),
    )(view)


PhaseViewSet = _structure(
    ProgrammePhaseSerializer,
    "programme",
    "programme",
    "phase",
    services.add_phase,
    services.update_phase,
    services.delete_phase,
    "Phases of the programmes you may see",
)
SpearheadViewSet = _structure(
    ProgrammeSpearheadSerializer,
    "programme",
    "programme",
    "spearhead",
    services.add_spearhead,
    services.update_spearhead,
    services.delete_spearhead,
    "Spearheads of the programmes you may see",
)
PackageViewSet = _structure(
    MeasurePackageSerializer,
    "spearhead",
    "spearhead__programme",
    "package",
    services.add_package,
    services.update_package,
    services.delete_package,
    "Measure packages of the programmes you may see",
)
MeasureViewSet = _structure(
    MeasureSerializer,
    "package",
    "package__spearhead__programme",
    "measure",
    services.add_measure,
    services.update_measure,
    services.delete_measure,
    "Measures of the programmes you may see",
)


@extend_schema_view(
    list=extend_schema(summary="Regional programmes you may see, with phases and structure"),
    create=extend_schema(summary="Set up a regional programme", responses={201: ProgrammeSerializer}),
    partial_update=extend_schema(responses={200: ProgrammeSerializer}),
    update=extend_schema(responses={200: ProgrammeSerializer}),
)
class ProgrammeViewSet(ServiceBackedViewSet):
    serializer_class = ProgrammeSerializer
    filterset_fields = ["region"]
    policy_object_type = "programme"

    def get_queryset(self):
        return selectors.programmes(user=self.request.user).prefetch_related(
            "phases", "spearheads__packages__measures"
        )

    def perform_service_create(self, data):
        return services.create_programme(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        return services.update_programme(actor=self.request.user, programme=instance, **data)

    def perform_service_delete(self, instance):
        services.delete_programme(actor=self.request.user, programme=instance)


# ------------------------------------------------------------------ participations
class ParticipationSerializer(serializers.ModelSerializer):
    measure = serializers.PrimaryKeyRelatedField(queryset=Measure.objects.all())
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), help_text="CBS code, e.g. GM0281"
    )
    progress_percent = serializers.IntegerField(
        min_value=0, max_value=100, required=False, help_text="0 to 100; only when the decision is `in`."
    )

    class Meta:
        model = Participation
        fields = [
            "id",
            "measure",
            "municipality",
            "decision",
            "reason",
            "planned_start",
            "planned_end",
            "progress_percent",
            "progress_note",
            "updated_on",
        ]
        read_only_fields = ["updated_on"]
        validators = []

    def validate(self, attrs):
        if self.instance is None:
            taken = Participation.objects.filter(
                measure=attrs.get("measure"), municipality=attrs.get("municipality")
            ).exists()
            if taken:
                raise serializers.ValidationError(
                    {
                        "municipality": [
                            "This municipality already has a decision on this measure; change that one."
                        ]
                    }
                )
        else:
            for field in ("measure", "municipality"):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise serializers.ValidationError(
                        {field: ["A decision stays with its measure and municipality."]}
                    )
        return attrs


class ParticipationFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code", help_text="CBS code")
    programme = IdFilter(field_name="measure__package__spearhead__programme")

    class Meta:
        model = Participation
        fields = ["measure", "municipality", "decision", "programme"]


@extend_schema_view(
    list=extend_schema(summary="Municipalities' decisions on measures, with pace and progress"),
    create=extend_schema(
        summary="Record a municipality's decision on a measure", responses={201: ParticipationSerializer}
    ),
    partial_update=extend_schema(responses={200: ParticipationSerializer}),
    update=extend_schema(responses={200: ParticipationSerializer}),
)
class ParticipationViewSet(ServiceBackedViewSet):
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    policy_object_type = "participation"

    def get_queryset(self):
        qs = Participation.objects.select_related("municipality", "measure__package__spearhead__programme")
        return scoping.filter_queryset(self.request.user, "participation", "view", qs).order_by("pk")

    def perform_service_create(self, data):
        return services.set_participation(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        data.pop("measure", None)
        data.pop("municipality", None)
        return services.set_participation(
            actor=self.request.user, measure=instance.measure, municipality=instance.municipality, **data
        )

    def perform_service_delete(self, instance):
        services.delete_participation(actor=self.request.user, participation=instance)
