from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanjager.core.widgets import LongSelect
from aanjager.geo.models import Municipality
from aanjager.locations.models import (
    TARGET_GROUPS,
    BedPlan,
    BedPlanStep,
    Certificate,
    FollowUp,
    Inspection,
    LocalNormRule,
    Location,
)
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
    "separate_rental_contract",
    "notice_days_after_job_loss",
    "rent_payment",
    "rent_per_bed_week",
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
            "operator": LongSelect,
            "owner": LongSelect,
            **{
                name: forms.Select(choices=YES_NO_UNKNOWN)
                for name in ("bunk_beds", "under_one_roof", "new_build", "separate_rental_contract")
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
            "holder": LongSelect,
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actor, location, **kwargs):
        super().__init__(*args, **kwargs)
        # Every organisation the user may see, thousands nationally: names only, without their municipality.
        self.fields["holder"].queryset = organisation_selectors.organisations(user=actor).select_related(None)
        self.fields["holder"].initial = location.operator_id
        self.prefix = "certificaat"


class InspectionForm(forms.ModelForm):
    """The visit, with one choice per norm rule that applies to the location (SNF preset on the visit date)."""

    class Meta:
        model = Inspection
        fields = ["visited_on", "found_occupancy", "overcrowded", "fire_safety_remarks", "notes"]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fire_safety_remarks": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.locations.norms import applies

        day = self.instance.visited_on or timezone.localdate()
        self.fields["visited_on"].initial = day
        facts = location.norm_facts()
        from aanjager.locations.selectors import norm_set_for

        norm_set = norm_set_for(location=location, code="snf", day=day)
        self.rules = [r for r in norm_set.rules if applies(r, facts, day)]
        found = self.instance.rule_findings or {}
        for rule in self.rules:
            self.fields[f"rule_{rule.code}"] = forms.ChoiceField(
                label=rule.label,
                choices=Inspection.Finding.choices,
                initial=found.get(rule.code, Inspection.Finding.NOT_CHECKED),
                help_text=rule.source,
                required=False,  # not given = not checked
            )

    def service_arguments(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("rule_")}
        data["rule_findings"] = {
            r.code: self.cleaned_data.get(f"rule_{r.code}") or Inspection.Finding.NOT_CHECKED
            for r in self.rules
        }
        return data


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["kind", "deadline", "penalty_amount", "notes"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = "actie"


DATE_WIDGET = {"type": "date"}


class BedPlanForm(forms.ModelForm):
    class Meta:
        model = BedPlan
        fields = ["name", "provider", "municipality", "agreed_on", "notes"]
        widgets = {
            "agreed_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "provider": LongSelect,
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["municipality"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by(
            "name"
        )


class BedPlanStepForm(forms.ModelForm):
    """One pair: the old location's beds out and the new location's beds in; the provider's locations only."""

    class Meta:
        model = BedPlanStep
        fields = ["old_location", "beds_out", "out_on", "new_location", "beds_in", "in_on", "status", "notes"]
        widgets = {
            "out_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "in_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actor, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.locations import selectors

        own = selectors.locations(user=actor).filter(operator=plan.provider).order_by("name")
        self.fields["old_location"].queryset = own
        self.fields["new_location"].queryset = own
        self.fields["beds_out"].required = False
        self.fields["beds_in"].required = False
        self.prefix = "stap"

    def clean_beds_out(self):
        return self.cleaned_data.get("beds_out") or 0

    def clean_beds_in(self):
        return self.cleaned_data.get("beds_in") or 0


class LocalNormRuleForm(forms.ModelForm):
    housing_forms = forms.MultipleChoiceField(
        label=_("Housing forms"),
        choices=Location.HousingForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every housing form."),
    )

    class Meta:
        model = LocalNormRule
        fields = [
            "municipality",
            "label",
            "kind",
            "threshold",
            "valid_from",
            "valid_to",
            "housing_forms",
            "new_build_only",
            "source",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.accounts import scoping

        allowed = [
            m.pk
            for m in Municipality.objects.filter(valid_to__isnull=True)
            if scoping.allows(actor, "norm_rule", "create", LocalNormRule(municipality=m))
        ]
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=allowed).order_by("name")
