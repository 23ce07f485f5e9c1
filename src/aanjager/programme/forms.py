"""Forms of the regional programmes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.geo import selectors as geo_selectors
from aanjager.programme.models import Measure, MeasurePackage, Participation, Phase, Programme, Spearhead

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgrammeForm(ServiceForm):
    class Meta:
        model = Programme
        fields = ["name", "region", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.accounts import scoping

        regions = geo_selectors.regions(user=actor)
        allowed = [r.pk for r in regions if scoping.allows(actor, "programme", "create", Programme(region=r))]
        self.fields["region"].queryset = regions.filter(pk__in=allowed)


class PhaseForm(ServiceForm):
    class Meta:
        model = Phase
        fields = ["number", "name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class SpearheadForm(ServiceForm):
    class Meta:
        model = Spearhead
        fields = ["number", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PackageForm(ServiceForm):
    class Meta:
        model = MeasurePackage
        fields = ["code", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MeasureForm(ServiceForm):
    class Meta:
        model = Measure
        fields = ["code", "name", "description", "phase", "is_optional"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = programme.phases.order_by("number")


class ParticipationForm(ServiceForm):
    class Meta:
        model = Participation
        fields = ["decision", "reason", "planned_start", "planned_end", "progress_percent", "progress_note"]
        widgets = {
            "decision": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DATE,
            "planned_end": DATE,
        }
        help_texts = {
            "reason": _("Required when the municipality does not take part."),
            "progress_percent": _("0 to 100; only when the municipality takes part."),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        if not measure.is_optional:
            self.fields["decision"].choices = [
                c for c in Participation.Decision.choices if c[0] != Participation.Decision.OPTED_OUT
            ]
