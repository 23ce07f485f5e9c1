from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality, Region


class RegionForm(forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.filter(valid_to__isnull=True).order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or Cmd) to select several municipalities."),
        required=False,
    )

    class Meta:
        model = Region
        fields = ["name", "region_type", "description", "valid_from", "valid_to", "municipalities"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    province = forms.CharField(label=_("Province"), required=False)
