"""Forms of the policy scan: the scan itself, its participants, the answers (one form for every statement),
recommendations and turning a recommendation into a programme measure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanjager.accounts import scoping
from aanjager.core.widgets import LongSelect
from aanjager.geo.models import Municipality
from aanjager.organisations import selectors as organisation_selectors
from aanjager.policyscan import services
from aanjager.policyscan.models import Answer, Participant, QuestionSet, Recommendation, Scan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEASURE_NAME_MAX = 200


class ScanForm(forms.ModelForm):
    class Meta:
        model = Scan
        fields = ["municipality", "organisation", "question_set", "held_on", "facilitator", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3}), "organisation": LongSelect}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        action = "change" if self.instance.pk else "create"
        municipalities = Municipality.objects.filter(valid_to__isnull=True).order_by("name")
        allowed = [
            m.pk
            for m in municipalities.only("pk")
            if scoping.allows(actor, "policy_scan", action, Scan(municipality_id=m.pk))
        ]
        self.fields["municipality"].queryset = municipalities.filter(pk__in=allowed)
        self.fields["organisation"].queryset = organisation_selectors.organisations(user=actor)
        self.fields["organisation"].help_text = _("The organisation that holds the scan.")
        self.fields["question_set"].queryset = QuestionSet.objects.all()
        self.fields["facilitator"].help_text = _("Who led the session, for example an external facilitator.")
        if not self.instance.pk:
            self.fields["question_set"].initial = services.default_question_set()
            membership = actor.memberships.select_related("organisation").order_by("pk").first()
            if membership is not None:
                self.fields["organisation"].initial = membership.organisation_id
                self.fields["municipality"].initial = membership.organisation.seat_municipality_id
        elif self.instance.answers.exists():
            self.fields["question_set"].disabled = True
            self.fields["question_set"].help_text = _("The scan has answers: its question set stays.")

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["department", "name", "function"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].help_text = _(
            "For example Public order and safety, Housing, Civil affairs."
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AnswersForm(forms.Form):
    """For every statement of the scan's question set: a maturity (0–3, labels from the scale) and a comment."""

    def __init__(self, *args, scan: Scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.scan = scan
        scale = scan.question_set.scale
        choices = [(str(s["value"]), f"{s['value']} – {s['label']}") for s in scale]
        choices.append(("", _("Not answered yet")))
        existing = {a.statement_code: a for a in scan.answers.all()}
        self.domains = []
        comment_max = Answer._meta.get_field("comment").max_length
        for domain in scan.question_set.domains:
            statements = []
            for statement in domain["statements"]:
                code = statement["code"]
                answer = existing.get(code)
                score_name, comment_name = f"score_{code}", f"comment_{code}"
                self.fields[score_name] = forms.TypedChoiceField(
                    label=statement["text"],
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=str(answer.score) if answer else None,
                )
                self.fields[comment_name] = forms.CharField(
                    label=_("Comment"),
                    required=False,
                    max_length=comment_max,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=answer.comment if answer else "",
                )
                statements.append({"code": code, "score": self[score_name], "comment": self[comment_name]})
            self.domains.append({"code": domain["code"], "title": domain["title"], "statements": statements})

    def answers(self) -> dict:
        """{statement code: (score or None, comment)} for every statement."""
        result = {}
        for domain in self.domains:
            for statement in domain["statements"]:
                code = statement["code"]
                score = self.cleaned_data.get(f"score_{code}")
                result[code] = (
                    None if score in (None, "") else score,
                    self.cleaned_data.get(f"comment_{code}", ""),
                )
        return result

    def add_statement_errors(self, error) -> None:
        """Put the service's errors (keyed by statement code) on that statement's maturity field."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for key, messages in error.message_dict.items():
            target = f"score_{key}" if f"score_{key}" in self.fields else None
            for message in messages:
                self.add_error(target, message)


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "domain_code", "owner", "priority", "status", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}

    def __init__(self, *args, scan: Scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain_code"] = forms.ChoiceField(
            label=_("Domain"), choices=[("", "---------"), *scan.question_set.domain_titles().items()]
        )
        self.fields["owner"].help_text = _("Who sees to it: a department or a person.")
        if not self.instance.pk:
            del self.fields["status"]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class MeasureForm(forms.Form):
    package = forms.ModelChoiceField(label=_("Measure package"), queryset=None)
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example 2.3.1."))
    name = forms.CharField(label=_("Name"), max_length=MEASURE_NAME_MAX)

    def __init__(self, *args, packages, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = packages
        self.fields["package"].label_from_instance = lambda p: f"{p.spearhead.programme.name} – {p}"
        self.fields["name"].initial = recommendation.text[:MEASURE_NAME_MAX]
