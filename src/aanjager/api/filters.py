import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import ModelMultipleChoiceField

from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Corner, Organisation, OrganisationType


class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number in 64 bits, checked before the query. Through a relation SQLite cannot take a
    larger number and crashed (500); a wrong id is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -(2**63))
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class MunicipalityFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province__code", help_text="Province code, e.g. PV25")
    active = django_filters.BooleanFilter(
        field_name="valid_to", lookup_expr="isnull", help_text="Only municipalities that exist today"
    )
    region = IdFilter(field_name="regions", help_text="Region id")

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
    region = IdFilter(field_name="seat_municipality__regions", help_text="Region id")

    class Meta:
        model = Organisation
        fields = ["org_type", "corner", "seat_municipality", "region"]


class IdsField(ModelMultipleChoiceField):
    """Ids are checked to be 64-bit integers before the query: SQLite cannot take a larger number in `IN (…)` and
    crashed (500) where a wrong id is a 400."""

    def _check_values(self, value):
        for pk in value:
            try:
                in_range = -(2**63) <= int(str(pk)) < 2**63
            except ValueError:
                in_range = False
            if not in_range:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class IdsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = IdsField
