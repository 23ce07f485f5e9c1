"""Forms of the business cases. The criteria weights and scores are separate fields, stored as one JSON each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.businesscase.models import CRITERIA, BusinessCase, Variant
from aanjager.core.widgets import LongSelect
from aanjager.geo.models import Municipality
from aanjager.organisations import selectors as organisation_selectors


class CaseForm(forms.ModelForm):
    class Meta:
        model = BusinessCase
        fields = ["name", "municipality", "organisation", "location", "measure_package", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.locations import selectors as location_selectors

        self.fields["municipality"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by(
            "name"
        )
        self.fields["organisation"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["location"].queryset = location_selectors.locations(user=actor).order_by("name")
        self.fields["location"].help_text = _(
            "Optional: the planned location in the register this case is for."
        )
        from aanjager.programme import selectors as programme_selectors
        from aanjager.programme.models import MeasurePackage

        visible = programme_selectors.programmes(user=actor).values("pk")
        self.fields["measure_package"].queryset = MeasurePackage.objects.filter(
            spearhead__programme__in=visible
        ).select_related("spearhead__programme")
        self.fields["measure_package"].help_text = _(
            "Optional: the measure package of the regional programme this case belongs to."
        )
        weights = self.instance.weights if self.instance.pk else {}
        for key, label in CRITERIA:
            self.fields[f"weight_{key}"] = forms.IntegerField(
                label=_("Weight: %(criterion)s") % {"criterion": label},
                min_value=0,
                max_value=10,
                initial=weights.get(key, 1),
                help_text=_("0 (does not count) to 10."),
            )

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["weights"] = {key: self.cleaned_data[f"weight_{key}"] for key, _label in CRITERIA}
        return data


class VariantForm(forms.ModelForm):
    class Meta:
        model = Variant
        fields = [
            "name",
            "housing_form",
            "beds",
            "floor_area_per_bed",
            "capex_per_bed",
            "capex_per_m2",
            "land_lease_per_year",
            "permit_term_years",
            "residual_percent",
            "rent_per_bed_per_week",
            "occupancy_percent",
            "opex_per_bed_per_week",
            "rent_indexation_percent",
            "cost_indexation_percent",
            "interest_percent",
            "loan_percent",
            "discount_percent",
            "weekly_hours",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = self.instance.scores if self.instance.pk else {}
        self.fields["capex_per_bed"].help_text = _("Give the investment per bed or per m², one of the two.")
        for key, label in CRITERIA:
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=_("Score: %(criterion)s") % {"criterion": label},
                min_value=1,
                max_value=5,
                required=False,
                initial=scores.get(key),
                help_text=_("1 (poor) to 5 (good); empty: not scored."),
            )

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["scores"] = {
            key: self.cleaned_data[f"score_{key}"]
            for key, _label in CRITERIA
            if self.cleaned_data.get(f"score_{key}") is not None
        }
        return data
