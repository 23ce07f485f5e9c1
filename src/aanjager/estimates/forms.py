import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanjager.accounts import scoping
from aanjager.estimates.engine import DEFINITIONS
from aanjager.estimates.engine.definitions import STAY_DEFAULTS
from aanjager.estimates.models import EstimateRun
from aanjager.geo import selectors as geo_selectors


class RunForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example: Rivierenland 2025, polis and BRP.")
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)
    year = forms.IntegerField(label=_("Reference year"), min_value=2000)
    definition_code = forms.ChoiceField(
        label=_("Definition"),
        choices=[(d.code, d.label) for d in DEFINITIONS.values()],
        help_text=_("Which nationalities count as labour migrants."),
    )
    source = forms.ChoiceField(
        label=_("Input"),
        widget=forms.RadioSelect,
        choices=EstimateRun.Source.choices,
        initial=EstimateRun.Source.MICRODATA,
        required=False,  # microdata when not given
    )
    persons_file = forms.FileField(label=_("Persons file (CSV or Parquet)"), required=False)
    jobs_file = forms.FileField(label=_("Jobs file (CSV or Parquet)"), required=False)
    aggregates_file = forms.FileField(
        label=_("Aggregated table (CSV)"),
        required=False,
        help_text=_(
            "Columns municipality_code, year, source (brp, rni or polis), nationality_group, count and "
            "optionally stay_class. Only rows of the reference year and the definition's group count."
        ),
    )
    stay_family = forms.ChoiceField(
        label=_("Stay classes by"),
        widget=forms.RadioSelect,
        choices=[
            ("year", _("Months worked in the reference year (1–3, 4–11, 12)")),
            ("multi-year", _("Time economically active in NL, over several years (< 1, 1–5, > 5 years)")),
        ],
        initial="year",
        required=False,  # the year when not given
        help_text=_(
            "Over several years the jobs file holds the earlier years too; the duration runs from the first "
            "job-month in the file to the last one in the reference year."
        ),
    )
    short_max = forms.IntegerField(
        label=_("Short stay: up to and including (months)"), initial=3, min_value=1, max_value=600
    )
    mid_max = forms.IntegerField(
        label=_("Mid stay: up to and including (months)"), initial=11, min_value=2, max_value=600
    )
    registration_rate_low = forms.FloatField(
        label=_("Registration rate, low (gives the high estimate)"), initial=0.33, min_value=0.01, max_value=1
    )
    registration_rate_central = forms.FloatField(
        label=_("Registration rate, central"), initial=0.40, min_value=0.01, max_value=1
    )
    registration_rate_high = forms.FloatField(
        label=_("Registration rate, high (gives the low estimate)"), initial=0.50, min_value=0.01, max_value=1
    )
    rni_assignment = forms.ChoiceField(
        label=_("Where do RNI workers live?"),
        choices=[
            ("work", _("Where they work")),
            ("commute", _("As BRP workers of the same work municipality")),
        ],
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions = _regions_for(actor)
        if len(regions) == 1:
            self.fields["region"].initial = regions[0].pk
        self.fields["year"].initial = timezone.now().year - 1
        self.fields["year"].max_value = timezone.now().year + 1
        for name in ("persons_file", "jobs_file"):
            self.fields[name].widget.attrs["accept"] = ".csv,.parquet,text/csv"
        self.fields["aggregates_file"].widget.attrs["accept"] = ".csv,text/csv"
        # run-form.js puts the family's default thresholds in when the family changes.
        self.fields["stay_family"].widget.attrs["data-stay-defaults"] = json.dumps(STAY_DEFAULTS)
        for name in ("persons_file", "jobs_file", "aggregates_file"):
            # Required for one choice of input only: not marked optional, shown for that choice (run-form.js).
            self.fields[name].conditional = True
            self.fields[name].widget.attrs["data-source"] = (
                "aggregates" if name == "aggregates_file" else "microdata"
            )

    def clean(self):
        data = super().clean()
        # Only the files of the chosen input count; a file left in the other part of the form is ignored.
        data["source"] = data.get("source") or EstimateRun.Source.MICRODATA
        wanted = ("aggregates_file",) if data["source"] == "aggregates" else ("persons_file", "jobs_file")
        for name in ("persons_file", "jobs_file", "aggregates_file"):
            if name not in wanted:
                data[name] = None
            elif not data.get(name) and name not in self.errors:
                self.add_error(name, _("This file is required."))
        data["stay_family"] = data.get("stay_family") or "year"
        if data.get("short_max") and data.get("mid_max") and data["short_max"] >= data["mid_max"]:
            self.add_error("mid_max", _("Mid stay must end after short stay."))
        elif data["stay_family"] == "year" and (data.get("mid_max") or 0) > 11:
            self.add_error(
                "mid_max", _("Within one year mid stay ends at 11 months at most: 12 is long stay.")
            )
        rates = [data.get(f"registration_rate_{k}") for k in ("low", "central", "high")]
        if all(r is not None for r in rates) and not rates[0] <= rates[1] <= rates[2]:
            self.add_error("registration_rate_central", _("Use low ≤ central ≤ high."))
        return data

    def service_arguments(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "region": d["region"],
            "year": d["year"],
            "definition_code": d["definition_code"],
            "persons_file": d["persons_file"],
            "jobs_file": d["jobs_file"],
            "aggregates_file": d["aggregates_file"],
            "short_max": d["short_max"],
            "mid_max": d["mid_max"],
            "stay_family": d["stay_family"],
            "parameters": {
                "registration_rate_low": d["registration_rate_low"],
                "registration_rate_central": d["registration_rate_central"],
                "registration_rate_high": d["registration_rate_high"],
                "rni_assignment": d["rni_assignment"],
            },
        }


def _regions_for(actor):
    """Regions in which the actor may start a run."""
    regions = geo_selectors.regions(user=actor)
    allowed = [
        r.pk for r in regions if scoping.allows(actor, "estimate_run", "create", EstimateRun(region=r))
    ]
    return regions.filter(pk__in=allowed)


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example: Beleidsarm or Groei logistiek.")
    )
    method = forms.ChoiceField(
        label=_("Growth"),
        widget=forms.RadioSelect,
        choices=[("percentage", _("A percentage per year")), ("trend", _("The trend of earlier runs"))],
        initial="percentage",
    )
    growth_low = forms.FloatField(
        label=_("Growth per year, low (%)"), initial=0.0, min_value=-50, max_value=50
    )
    growth_central = forms.FloatField(
        label=_("Growth per year, central (%)"), initial=2.0, min_value=-50, max_value=50
    )
    growth_high = forms.FloatField(
        label=_("Growth per year, high (%)"), initial=4.0, min_value=-50, max_value=50
    )
