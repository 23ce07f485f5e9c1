import django_filters

from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Corner, Organisation, OrganisationType


class MunicipalityFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province__code", help_text="Province code, e.g. PV25")
    active = django_filters.BooleanFilter(
        field_name="valid_to", lookup_expr="isnull", help_text="Only municipalities that exist today"
    )
    region = django_filters.NumberFilter(field_name="regions", help_text="Region id")

    class Meta:
        model = Municipality
        fields = ["province", "active", "region"]


class RegionFilter(django_filters.FilterSet):
    region_type = django_filters.ChoiceFilter(choices=Region.Type.choices)
    municipality = django_filters.CharFilter(field_name="municipalities__code", help_text="CBS code")

    class Meta:
        model = Region
        fields = ["region_type", "municipality"]


class OrganisationFilter(django_filters.FilterSet):
    org_type = django_filters.ChoiceFilter(choices=OrganisationType.choices)
    corner = django_filters.ChoiceFilter(choices=Corner.choices)
    seat_municipality = django_filters.CharFilter(field_name="seat_municipality__code", help_text="CBS code")
    region = django_filters.NumberFilter(field_name="seat_municipality__regions", help_text="Region id")

    class Meta:
        model = Organisation
        fields = ["org_type", "corner", "seat_municipality", "region"]
