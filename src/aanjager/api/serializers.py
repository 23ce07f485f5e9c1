from rest_framework import serializers

from aanjager.geo.models import Municipality, Province, Region
from aanjager.organisations.models import Organisation


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
