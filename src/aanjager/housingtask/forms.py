from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.core.widgets import LongSelect
from aanjager.geo.models import Municipality, Region
from aanjager.housingtask.models import CompanyPlan, CompanyPlanPhase
from aanjager.housingtask.services import PLAN_FIELDS
from aanjager.organisations import selectors as organisation_selectors

DATE = {"type": "date"}
PLAN_FORM_FIELDS = [
    "name",
    "organisation",
    "sector",
    "municipality",
    "region",
    "distribution",
    "headcount_per_fte",
    "shift_factor",
    "share_operational",
    "share_migrants",
    "already_housed",
    "seasonal_peak",
    "share_long_regular",
    "target_occupancy",
    "split_short",
    "split_mid",
    "split_long",
    "notes",
]
assert set(PLAN_FORM_FIELDS) == PLAN_FIELDS


class CompanyPlanForm(forms.ModelForm):
    """The plan with its assumptions; a new plan also gives its first phase."""

    first_starts_on = forms.DateField(
        label=_("First phase: from"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    first_amount = forms.DecimalField(
        label=_("First phase: added"), min_value=0.1, max_digits=8, decimal_places=1
    )
    first_unit = forms.ChoiceField(label=_("First phase: unit"), choices=CompanyPlanPhase.Unit.choices)

    class Meta:
        model = CompanyPlan
        fields = PLAN_FORM_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.geo import selectors as geo_selectors

        self.fields["organisation"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["municipality"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by(
            "name"
        )
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=geo_selectors.regions(user=actor).values("pk")
        ).order_by("name")
        if self.instance.pk:
            for name in ("first_starts_on", "first_amount", "first_unit"):
                del self.fields[name]

    def service_arguments(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("first_")}
        if "first_starts_on" in self.cleaned_data:
            data["phases"] = [
                {
                    "starts_on": self.cleaned_data["first_starts_on"],
                    "amount": self.cleaned_data["first_amount"],
                    "unit": self.cleaned_data["first_unit"],
                }
            ]
        return data


class PhaseForm(forms.ModelForm):
    class Meta:
        model = CompanyPlanPhase
        fields = ["starts_on", "amount", "unit", "description"]
        widgets = {"starts_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = "fase"
