from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality
from aanjager.locations.models import TARGET_GROUPS, Certificate, Location
from aanjager.organisations import selectors as organisation_selectors

FORM_FIELDS = [
    "name",
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "place",
    "municipality",
    "latitude",
    "longitude",
    "housing_form",
    "serves_short_stay",
    "serves_mid_stay",
    "serves_long_stay",
    "beds",
    "bedrooms",
    "max_persons_per_bedroom",
    "floor_area_gbo",
    "bedroom_area",
    "toilets",
    "showers",
    "bunk_beds",
    "under_one_roof",
    "new_build",
    "operator",
    "owner",
    "employers",
    "target_groups",
    "permit",
    "permit_start",
    "permit_end",
    "permit_reference",
    "expected_delivery",
    "is_confidential",
]
YES_NO_UNKNOWN = [("", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]


class LocationForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=Location.Status.choices, initial=Location.Status.IN_USE
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups (when mixed)"),
        choices=list(TARGET_GROUPS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    effective = forms.DateField(
        label=_("Takes effect on"),
        help_text=_("From which date the status, beds, municipality or operator count (for the history)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Location
        fields = FORM_FIELDS
        widgets = {
            "permit_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "permit_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expected_delivery": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "employers": forms.SelectMultiple(attrs={"size": 6}),
            **{
                name: forms.Select(choices=YES_NO_UNKNOWN)
                for name in ("bunk_beds", "under_one_roof", "new_build")
            },
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        visible = organisation_selectors.organisations(user=actor)
        self.fields["operator"].queryset = visible
        self.fields["owner"].queryset = visible
        self.fields["employers"].queryset = visible.filter(org_type__in=["employer", "temp_agency"])
        self.fields["municipality"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by(
            "name"
        )
        self.fields["effective"].initial = timezone.localdate()
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code", "placeholder": "1234 AB"})
        if self.instance.pk:
            del self.fields["status"]  # the status changes through the lifecycle form

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("effective", None)
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Location.Status.choices)
    effective = forms.DateField(
        label=_("Takes effect on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.locations import workflow

        allowed = workflow.TRANSITIONS[location.status]
        self.fields["status"].choices = [(v, label) for v, label in Location.Status.choices if v in allowed]
        self.fields["effective"].initial = timezone.localdate()


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["scheme", "number", "holder", "valid_from", "valid_to"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actor, location, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["holder"].initial = location.operator_id
        self.prefix = "certificaat"
