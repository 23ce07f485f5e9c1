from rest_framework import serializers

from aanjager.accounts.models import Membership, User
from aanjager.audit.models import AuditEntry
from aanjager.geo.models import Municipality, Province, Region
from aanjager.organisations.models import ContactPerson, Organisation


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
