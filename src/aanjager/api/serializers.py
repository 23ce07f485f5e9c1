from rest_framework import serializers

from aanjager.accounts.models import Membership, User
from aanjager.audit.models import AuditEntry
from aanjager.estimates.engine import DEFINITIONS
from aanjager.estimates.engine.definitions import STAY_DEFAULTS
from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario
from aanjager.geo.models import Municipality, Province, Region
from aanjager.organisations.models import ContactPerson, Organisation


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Municipality
        fields = [
            "code",
            "name",
            "province",
            "corop_code",
            "corop_name",
            "centroid_lon",
            "centroid_lat",
            "valid_from",
            "valid_to",
            "successor",
        ]


class RegionSerializer(serializers.ModelSerializer):
    municipalities = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Municipality.objects.all(),
        help_text="CBS codes (GMxxxx) of the member municipalities.",
    )

    class Meta:
        model = Region
        fields = ["id", "name", "region_type", "description", "valid_from", "valid_to", "municipalities"]
        extra_kwargs = {"valid_from": {"required": False}}
        validators = []  # uniqueness is checked by the service, case-insensitively


class OrganisationSerializer(serializers.ModelSerializer):
    seat_municipality = serializers.SlugRelatedField(slug_field="code", queryset=Municipality.objects.all())

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "org_type",
            "kvk_number",
            "seat_municipality",
            "corner",
            "website",
            "email",
            "phone",
            "is_demo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_demo", "created_at", "updated_at"]
        validators = []  # uniqueness is checked in the service's full_clean
        extra_kwargs = {"corner": {"required": False}}


class ContactPersonSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = ContactPerson
        fields = ["id", "organisation", "name", "job_title", "email", "phone", "is_demo"]
        read_only_fields = ["is_demo"]


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"})

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "is_active", "is_demo", "password"]
        read_only_fields = ["is_demo", "is_active"]
        extra_kwargs = {"username": {"validators": []}}


class UserChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Membership
        fields = ["id", "user", "organisation", "role", "region", "created_at"]
        read_only_fields = ["created_at"]
        validators = []  # the service's full_clean checks uniqueness and the coordinator's region


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "timestamp",
            "actor_label",
            "organisation_label",
            "channel",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "changes",
        ]


class EstimateRunSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    year = serializers.IntegerField(
        min_value=2000, max_value=2100
    )  # explicit: model limits differ per database
    # Null for the demo's run and once the organisation or the account is gone.
    organisation = serializers.StringRelatedField(allow_null=True)
    created_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = EstimateRun
        fields = [
            "id",
            "title",
            "region",
            "organisation",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "year",
            "definition_code",
            "source",
            "definition",
            "parameters",
            "inputs",
            "status",
            "progress",
            "step",
            "problems",
            "problem_total",
            "in_scope",
            "persons_read",
            "job_rows_read",
            "is_published",
            "published_at",
        ]
        read_only_fields = [
            f for f in fields if f not in ("title", "region", "year", "definition_code", "is_published")
        ]

    def to_representation(self, run):
        from aanjager.accounts import scoping

        data = super().to_representation(run)
        request = self.context.get("request")
        if request is not None and not scoping.allows(request.user, "estimate_run", "view", run):
            # Seen only because it is published: everybody in scope, less the cells shown, gives the hidden ones.
            data["in_scope"] = None
        return data


class EstimateRunCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    definition_code = serializers.ChoiceField(choices=sorted(DEFINITIONS), default="eu11")
    persons_file = serializers.FileField(
        required=False, help_text="Microdata: the persons file (CSV or Parquet)."
    )
    jobs_file = serializers.FileField(required=False, help_text="Microdata: the jobs file (CSV or Parquet).")
    aggregates_file = serializers.FileField(
        required=False,
        help_text="Instead of microdata: an aggregated table (CSV) with municipality_code, year, source "
        "(brp|rni|polis), nationality_group, count and optionally stay_class.",
    )
    stay_family = serializers.ChoiceField(
        choices=["year", "multi-year"],
        default="year",
        help_text="Stay classes by months worked in the year, or by months economically active over several "
        "years (the jobs file then holds earlier years too).",
    )
    short_max = serializers.IntegerField(
        required=False, min_value=1, max_value=600, help_text="Default 3 (year) or 11 (multi-year)."
    )
    mid_max = serializers.IntegerField(
        required=False, min_value=2, max_value=600, help_text="Default 11 (year) or 60 (multi-year)."
    )
    registration_rate_low = serializers.FloatField(default=0.33, min_value=0.01, max_value=1)
    registration_rate_central = serializers.FloatField(default=0.40, min_value=0.01, max_value=1)
    registration_rate_high = serializers.FloatField(default=0.50, min_value=0.01, max_value=1)
    rni_assignment = serializers.ChoiceField(choices=["work", "commute"], default="work")

    def validate(self, data):
        if data.get("aggregates_file"):
            if data.get("persons_file") or data.get("jobs_file"):
                raise serializers.ValidationError("Give microdata or an aggregated table, not both.")
        else:
            missing = {
                f: ["This field is required."] for f in ("persons_file", "jobs_file") if not data.get(f)
            }
            if missing:
                raise serializers.ValidationError(missing)
        return data

    def service_arguments(self) -> dict:
        d = dict(self.validated_data)
        short_max, mid_max = STAY_DEFAULTS[d["stay_family"]]
        d.setdefault("short_max", short_max)
        d.setdefault("mid_max", mid_max)
        parameters = {
            k: d.pop(k)
            for k in (
                "registration_rate_low",
                "registration_rate_central",
                "registration_rate_high",
                "rni_assignment",
            )
        }
        return {**d, "parameters": parameters}


class EstimateRowSerializer(serializers.ModelSerializer):
    municipality_code = serializers.CharField(source="municipality.code")
    municipality_name = serializers.CharField(source="municipality.name")
    # Declared explicitly: the model's limits differ per database, the schema must not. null = suppressed small
    # cell (below AANJAGER_SMALL_CELL_THRESHOLD), for those who see the run only because it is published.
    residents_rni_assigned = serializers.FloatField(allow_null=True)
    workers = serializers.IntegerField(min_value=0, allow_null=True)
    # Also null when an aggregated table gave polis workers only as a total, without stay classes.
    workers_short = serializers.IntegerField(min_value=0, allow_null=True)
    workers_mid = serializers.IntegerField(min_value=0, allow_null=True)
    workers_long = serializers.IntegerField(min_value=0, allow_null=True)
    residents_brp = serializers.IntegerField(min_value=0, allow_null=True)
    estimate_low = serializers.IntegerField(min_value=0, allow_null=True)
    estimate_central = serializers.IntegerField(min_value=0, allow_null=True)
    estimate_high = serializers.IntegerField(min_value=0, allow_null=True)

    class Meta:
        model = EstimateRow
        fields = [
            "municipality_code",
            "municipality_name",
            "workers",
            "workers_short",
            "workers_mid",
            "workers_long",
            "residents_brp",
            "residents_rni_assigned",
            "estimate_low",
            "estimate_central",
            "estimate_high",
        ]


class ScenarioSerializer(serializers.ModelSerializer):
    run = serializers.PrimaryKeyRelatedField(queryset=EstimateRun.objects.all())
    projection = serializers.SerializerMethodField(
        help_text="Per year low/central/high for the region ('total') and for each municipality (CBS code)."
    )

    class Meta:
        model = Scenario
        fields = [
            "id",
            "run",
            "name",
            "method",
            "growth_low",
            "growth_central",
            "growth_high",
            "horizon",
            "basis",
            "created_at",
            "projection",
        ]
        read_only_fields = ["horizon", "basis", "created_at", "projection"]
        validators = []

    def get_projection(self, scenario) -> dict:
        from aanjager.estimates import selectors

        cache = self.context.setdefault("projections", {})
        if scenario.pk not in cache:
            # In a list, the projections of the whole page at once: two queries, not two per scenario.
            page = getattr(self.parent, "instance", None)
            scenarios = page if isinstance(page, list | tuple) and scenario in page else [scenario]
            request = self.context.get("request")
            cache.update(selectors.projections(scenarios=scenarios, user=getattr(request, "user", None)))
        return cache[scenario.pk]["years"]
