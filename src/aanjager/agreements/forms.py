"""Forms of the agreements app. Choices offer only what the acting user may see; services check again."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from aanjager.agreements import planning
from aanjager.agreements.models import (
    TEAM_ROLES,
    ActionItem,
    Agreement,
    AgreementParty,
    Commitment,
    Escalation,
    Meeting,
    NotificationPreference,
    PartyContact,
    ProgressUpdate,
    Team,
    TeamMember,
)
from aanjager.core.widgets import LongSelect
from aanjager.geo.models import Municipality, Region
from aanjager.organisations import selectors as organisation_selectors

DATE = {"type": "date"}


def _date(**kwargs):
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d", **kwargs)


def _regions(actor, object_type: str, action: str):
    """Regions in which the actor may make this kind of object."""
    from aanjager.accounts import scoping

    allowed = [
        r.pk
        for r in Region.objects.all()
        if scoping.allows(actor, object_type, action, _probe(object_type, r))
    ]
    return Region.objects.filter(pk__in=allowed).order_by("name")


def _probe(object_type, region):
    return {"agreement": Agreement, "team": Team, "meeting": Meeting}[object_type](region=region)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "agreement_type",
            "region",
            "municipalities",
            "signed_on",
            "description",
            "at_risk_margin",
            "update_interval_days",
        ]
        widgets = {"signed_on": _date(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(
            actor, "agreement", "change" if self.instance.pk else "create"
        )
        self.fields["municipalities"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by(
            "name"
        )
        self.fields["municipalities"].widget.attrs["size"] = 8


class PartyForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "corner", "signed_on"]
        widgets = {"signed_on": _date(), "organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        # Every organisation the user may see, thousands nationally: names only, without their municipality.
        self.fields["organisation"].queryset = organisation_selectors.organisations(
            user=actor
        ).select_related(None)
        self.fields["corner"].help_text = _("Empty: the organisation's own corner.")
        self.prefix = "partij"


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel, OpenDocument or an image; at most 20 MB.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = "document"


class CommitmentForm(forms.ModelForm):
    lead_permit_applied = forms.IntegerField(
        label=_("Days from permit application to permit"), min_value=0, max_value=3650, required=False
    )
    lead_permit_granted = forms.IntegerField(
        label=_("Days from permit to start of construction"), min_value=0, max_value=3650, required=False
    )
    lead_construction_started = forms.IntegerField(
        label=_("Days from start of construction to beds in use"), min_value=0, max_value=3650, required=False
    )

    class Meta:
        model = Commitment
        fields = [
            "organisation",
            "kind",
            "stay_class",
            "description",
            "target",
            "municipality",
            "location",
            "starts_on",
            "due_on",
            "scenario",
            "notes",
        ]
        widgets = {
            "starts_on": _date(),
            "due_on": _date(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "organisation": LongSelect,
        }

    def __init__(self, *args, actor, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.estimates import selectors as estimate_selectors
        from aanjager.estimates.models import Scenario
        from aanjager.locations import selectors as location_selectors

        self.fields["organisation"].queryset = organisation_selectors.organisations(user=actor).filter(
            agreement_parties__agreement=agreement
        )
        self.fields["organisation"].help_text = _(
            "A party to the agreement; add parties on the agreement page."
        )
        covered = agreement.covered_municipality_ids()
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=covered).order_by("name")
        self.fields["location"].queryset = location_selectors.locations(user=actor).filter(
            municipality_id__in=covered
        )
        self.fields["scenario"].queryset = Scenario.objects.filter(
            run__in=estimate_selectors.runs(user=actor).values("pk")
        )
        self.fields["starts_on"].required = False
        self.fields["starts_on"].help_text = _("Empty: the signing date of the agreement.")
        self.fields["target"].min_value = 1
        leads = (self.instance.lead_days or {}) if self.instance.pk else {}
        for key in planning.DEFAULT_LEAD_DAYS:
            field = self.fields[f"lead_{key}"]
            field.initial = leads.get(key)
            field.help_text = _("Default: %(days)d") % {"days": planning.DEFAULT_LEAD_DAYS[key]}

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["lead_days"] = {
            key: self.cleaned_data[f"lead_{key}"]
            for key in planning.DEFAULT_LEAD_DAYS
            if self.cleaned_data.get(f"lead_{key}") is not None
        }
        return data


class ProgressUpdateForm(forms.ModelForm):
    evidence_file = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("For example a photo or a delivery report."),
    )

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "delivered", "narrative"]
        widgets = {"reported_on": _date(), "narrative": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"delivered": _("The total delivered up to now, not just since the last update.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = "voortgang"


class ReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Review"),
        choices=[
            (ProgressUpdate.Review.ACCEPTED, _("Accept")),
            (ProgressUpdate.Review.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(forms.Form):
    key = forms.ChoiceField(label=_("Milestone"))
    achieved_on = forms.DateField(label=_("Reached on"), required=False, widget=_date())

    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(key, labels[key]) for key in planning.MILESTONES]
        self.fields["achieved_on"].help_text = _("Empty: not reached (clears a date).")
        self.prefix = "mijlpaal"


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["region", "name", "target_date", "notes"]
        widgets = {"target_date": _date(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(
            actor, "team", "create" if not self.instance.pk else "change"
        )


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["name", "job_title", "organisation", "corner"]
        widgets = {"organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_selectors.organisations(user=actor)
        self.prefix = "lid"


class RolesForm(forms.Form):
    roles_done = forms.MultipleChoiceField(
        label=_("Roles the team has taken up"),
        choices=TEAM_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ContactForm(forms.ModelForm):
    class Meta:
        model = PartyContact
        fields = ["organisation", "contacted_on", "channel", "summary", "next_step", "next_step_on", "owner"]
        widgets = {
            "contacted_on": _date(),
            "next_step_on": _date(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "organisation": LongSelect,
        }

    def __init__(self, *args, actor, team, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["owner"].queryset = team.members.all()
        self.prefix = "contact"


class EscalationForm(forms.ModelForm):
    class Meta:
        model = Escalation
        fields = ["organisation", "level", "reason", "escalated_on"]
        widgets = {
            "escalated_on": _date(),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "organisation": LongSelect,
        }

    def __init__(self, *args, actor, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.prefix = "escalatie"


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "region",
            "kind",
            "title",
            "held_on",
            "place",
            "participants",
            "attendees",
            "agenda",
            "decisions",
        ]
        widgets = {
            "held_on": _date(),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _regions(
            actor, "meeting", "create" if not self.instance.pk else "change"
        )
        self.fields["participants"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["participants"].widget.attrs["size"] = 8


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "owner_name", "due_on", "commitment"]
        widgets = {"due_on": _date(), "owner": LongSelect}

    def __init__(self, *args, actor, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from aanjager.agreements import selectors

        self.fields["owner"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["commitment"].queryset = selectors.commitments(user=actor).filter(
            agreement__region_id=meeting.region_id
        )
        self.prefix = "actie"


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)


class PlanningForm(forms.Form):
    """The backward-planning calculator: a target date and lead times (GET, nothing is saved)."""

    target_date = forms.DateField(
        label=_("Beds in use by"),
        widget=_date(),
        validators=[MinValueValidator(dt.date(2000, 1, 1)), MaxValueValidator(dt.date(2100, 12, 31))],
    )
    beds = forms.IntegerField(label=_("Number of beds"), min_value=1, required=False)
    lead_permit_applied = forms.IntegerField(
        label=_("Days from permit application to permit"), min_value=0, max_value=3650, required=False
    )
    lead_permit_granted = forms.IntegerField(
        label=_("Days from permit to start of construction"), min_value=0, max_value=3650, required=False
    )
    lead_construction_started = forms.IntegerField(
        label=_("Days from start of construction to beds in use"), min_value=0, max_value=3650, required=False
    )

    def leads(self) -> dict:
        return {
            key: self.cleaned_data[f"lead_{key}"]
            for key in planning.DEFAULT_LEAD_DAYS
            if self.cleaned_data.get(f"lead_{key}") is not None
        }


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email"]
        widgets = {"email": forms.RadioSelect}
