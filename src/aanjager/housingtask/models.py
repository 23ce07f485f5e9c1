"""Company plans (seed 003): a company that arrives or expands, and the beds its workers will need."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality, Region
from aanjager.housingtask.company import SECTORS

# Allowed status changes, one explicit table: a rejected plan can be explored again; a confirmed one can be
# rejected or taken back to exploration.
TRANSITIONS = {
    "exploration": {"confirmed", "rejected"},
    "confirmed": {"exploration", "rejected"},
    "rejected": {"exploration"},
}


class CompanyPlan(models.Model):
    class Status(models.TextChoices):
        EXPLORATION = "exploration", _("Exploration")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    class Distribution(models.TextChoices):
        OWN_MUNICIPALITY = "own_municipality", _("All in the company's municipality")
        RESIDENTS = "residents", _("In proportion to the labour migrants living in each municipality")
        DISTANCE = "distance", _("Nearer municipalities house more (distance)")

    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_plans",
        verbose_name=_("company (if registered)"),
    )
    sector = models.CharField(
        _("sector"), max_length=30, choices=[(code, label) for code, (label, _l, _h) in SECTORS.items()]
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="company_plans", verbose_name=_("municipality of the site")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="company_plans", verbose_name=_("region that houses the workers")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.EXPLORATION)
    distribution = models.CharField(
        _("where the workers live"),
        max_length=20,
        choices=Distribution.choices,
        default=Distribution.DISTANCE,
    )
    headcount_per_fte = models.DecimalField(
        _("persons per FTE"), max_digits=4, decimal_places=2, default=Decimal("1.2")
    )
    shift_factor = models.DecimalField(
        _("shift factor"), max_digits=4, decimal_places=2, default=Decimal("1.0")
    )
    share_operational = models.DecimalField(
        _("share of operational jobs"), max_digits=4, decimal_places=3, default=Decimal("0.8")
    )
    share_migrants = models.DecimalField(
        _("share of labour migrants"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Empty: the sector's default."),
    )
    already_housed = models.PositiveIntegerField(_("already housed in the region"), default=0)
    seasonal_peak = models.DecimalField(
        _("seasonal peak factor"), max_digits=4, decimal_places=2, default=Decimal("1.0")
    )
    share_long_regular = models.DecimalField(
        _("share of long stay in regular housing"), max_digits=4, decimal_places=3, default=Decimal("0.3")
    )
    target_occupancy = models.DecimalField(
        _("target occupancy"), max_digits=4, decimal_places=3, default=Decimal("0.9")
    )
    split_short = models.DecimalField(
        _("short stay share"), max_digits=4, decimal_places=3, default=Decimal("0.3")
    )
    split_mid = models.DecimalField(
        _("mid stay share"), max_digits=4, decimal_places=3, default=Decimal("0.4")
    )
    split_long = models.DecimalField(
        _("long stay share"), max_digits=4, decimal_places=3, default=Decimal("0.3")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("company plan")
        verbose_name_plural = _("company plans")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("housingtask:company", args=[self.pk])

    def assumptions(self):
        from aanjager.housingtask.company import Assumptions

        return Assumptions(
            headcount_per_fte=float(self.headcount_per_fte),
            shift_factor=float(self.shift_factor),
            share_operational=float(self.share_operational),
            share_migrants=float(self.share_migrants) if self.share_migrants is not None else None,
            already_housed=float(self.already_housed),
            seasonal_peak=float(self.seasonal_peak),
            share_long_regular=float(self.share_long_regular),
            target_occupancy=float(self.target_occupancy),
            stay_split={
                "short": float(self.split_short),
                "mid": float(self.split_mid),
                "long": float(self.split_long),
            },
        )

    def clean(self):
        errors = {}
        for name in ("share_operational", "share_migrants", "share_long_regular", "split_short", "split_mid",
                     "split_long"):  # fmt: skip
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                errors[name] = _("A share lies from 0 to 1.")
        if self.target_occupancy is not None and not 0 < self.target_occupancy <= 1:
            errors["target_occupancy"] = _("The occupancy lies above 0 and at most 1.")
        for name in ("headcount_per_fte", "shift_factor", "seasonal_peak"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                errors[name] = _("This factor is above 0.")
        splits = (self.split_short, self.split_mid, self.split_long)
        if None not in splits and abs(sum(splits) - 1) > 0.001 and not errors:
            errors["split_long"] = _("The stay shares add up to 1.")
        if (
            self.municipality_id
            and self.region_id
            and not self.region.municipalities.filter(pk=self.municipality_id).exists()
        ):
            errors["region"] = _("The company's municipality lies outside this region.")
        if errors:
            raise ValidationError(errors)


class CompanyPlanPhase(models.Model):
    class Unit(models.TextChoices):
        FTE = "fte", _("FTE")
        JOBS = "jobs", _("jobs (persons)")

    plan = models.ForeignKey(CompanyPlan, models.CASCADE, related_name="phases")
    starts_on = models.DateField(_("from"))
    amount = models.DecimalField(_("added"), max_digits=8, decimal_places=1)
    unit = models.CharField(_("unit"), max_length=4, choices=Unit.choices, default=Unit.FTE)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return f"{self.plan}: +{self.amount} {self.unit} ({self.starts_on})"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("A phase adds more than 0.")})


class Allocation(models.Model):
    """A way to share a scenario's regional gap over the member municipalities; the chosen one is the programme
    target per municipality and year that agreements refer to."""

    class Method(models.TextChoices):
        KEY = "key", _("Distribution key")
        OPTIMISER = "optimiser", _("Optimiser (shortest home–work distance)")

    scenario = models.ForeignKey(
        "estimates.Scenario", models.CASCADE, related_name="allocations", verbose_name=_("scenario")
    )
    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    variant = models.CharField(_("variant"), max_length=8, default="central")
    year = models.PositiveSmallIntegerField(_("year distributed"))
    gap = models.FloatField(_("regional gap"))
    weights = models.JSONField(default=dict, blank=True)  # key method: basis → weight
    bounds = models.JSONField(
        default=dict, blank=True
    )  # code → {"min": share, "max": share, "capacity": beds}
    beds = models.JSONField(default=dict)  # code → beds in the distributed year
    km = models.FloatField(_("total home–work distance (bed-km)"), null=True, blank=True)
    explanations = models.JSONField(default=list, blank=True)
    targets = models.JSONField(default=dict)  # year → code → beds: the shares applied to each year's gap
    is_chosen = models.BooleanField(_("programme target"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scenario", "-is_chosen", "created_at"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "name"],
                name="allocation_name_unique_per_scenario",
                violation_error_message=_("This scenario already has an allocation with this name."),
            )
        ]

    def __str__(self):
        return self.name
