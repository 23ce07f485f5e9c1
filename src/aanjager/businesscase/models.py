"""A business case for a housing location: variants with their finance inputs and a broad trade-off (seed 003).

Percentages are stored as percentages (what people type); `Variant.inputs()` turns them into the shares the pure
finance core (businesscase/finance.py) works with."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.businesscase import finance
from aanjager.geo.models import Municipality
from aanjager.organisations.models import Organisation

# The broad trade-off next to the money (issue 7 item 6); scores 1 (poor) to 5 (good).
CRITERIA = (
    ("distance_to_work", _("Distance to work")),
    ("quality", _("Quality against the norm set")),
    ("neighbourhood", _("Impact on the neighbourhood")),
    ("support", _("Support (draagvlak)")),
    ("permit_risk", _("Permit risk (5 = low risk)")),
)
CRITERION_KEYS = tuple(key for key, _label in CRITERIA)

ZERO = Decimal("0")
PERCENT = [MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))]
RATE = [MinValueValidator(Decimal("-99")), MaxValueValidator(Decimal("100"))]
MONEY = [MinValueValidator(ZERO)]


def _whole_in(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


class BusinessCase(models.Model):
    name = models.CharField(_("site"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="business_cases", verbose_name=_("municipality")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="business_cases", verbose_name=_("drawn up by")
    )
    location = models.ForeignKey(
        "locations.Location",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
        verbose_name=_("planned location in the register"),
    )
    measure_package = models.ForeignKey(
        "programme.MeasurePackage",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
        verbose_name=_("measure package in the regional programme"),
    )
    weights = models.JSONField(_("weights of the criteria"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("businesscase:detail", args=[self.pk])

    def weight_of(self, key: str) -> int:
        return int(self.weights.get(key, 1))

    def clean(self):
        if (
            self.location_id
            and self.municipality_id
            and self.location.municipality_id != self.municipality_id
        ):
            raise ValidationError({"location": _("The location lies in another municipality.")})
        if (
            self.measure_package_id
            and self.municipality_id
            and not self.measure_package.programme.region.municipalities.filter(
                pk=self.municipality_id
            ).exists()
        ):
            raise ValidationError(
                {"measure_package": _("The measure package belongs to a programme of another region.")}
            )
        weights = self.weights if isinstance(self.weights, dict) else {"?": None}
        bad = [k for k, v in weights.items() if k not in CRITERION_KEYS or not _whole_in(v, 0, 10)]
        if bad:
            raise ValidationError(
                {"weights": _("Weights are whole numbers from 0 to 10 for the known criteria.")}
            )


class Variant(models.Model):
    class HousingForm(models.TextChoices):
        MODULAR = "modular", _("New-build modular")
        TRANSFORMATION = "transformation", _("Transformation of an existing building")
        HOTEL = "hotel", _("Hotel conversion")
        PERMANENT = "permanent", _("Permanent complex")
        OTHER = "other", _("Other")

    case = models.ForeignKey(BusinessCase, models.CASCADE, related_name="variants")
    name = models.CharField(_("variant"), max_length=120)
    housing_form = models.CharField(_("housing form"), max_length=20, choices=HousingForm.choices)
    beds = models.PositiveIntegerField(_("beds"), validators=[MinValueValidator(1)])
    floor_area_per_bed = models.DecimalField(
        _("floor area per bed (m²)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    capex_per_bed = models.DecimalField(
        _("investment per bed (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=MONEY,
    )
    capex_per_m2 = models.DecimalField(
        _("investment per m² (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=MONEY
    )
    land_lease_per_year = models.DecimalField(
        _("land lease per year (EUR)"), max_digits=12, decimal_places=2, default=ZERO, validators=MONEY
    )
    permit_term_years = models.PositiveSmallIntegerField(
        _("permit term (years)"), validators=[MinValueValidator(1), MaxValueValidator(finance.MAX_TERM_YEARS)]
    )
    residual_percent = models.DecimalField(
        _("residual value (percentage of the investment)"),
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        validators=PERCENT,
    )
    rent_per_bed_per_week = models.DecimalField(
        _("rent per bed per week (EUR)"), max_digits=8, decimal_places=2, validators=MONEY
    )
    occupancy_percent = models.DecimalField(
        _("occupancy (%)"), max_digits=5, decimal_places=2, default=Decimal("90"), validators=PERCENT
    )
    opex_per_bed_per_week = models.DecimalField(
        _("operating costs per bed per week (EUR)"), max_digits=8, decimal_places=2, validators=MONEY
    )
    rent_indexation_percent = models.DecimalField(
        _("rent indexation (% per year)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=RATE,
    )
    cost_indexation_percent = models.DecimalField(
        _("cost indexation (% per year)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=RATE,
    )
    interest_percent = models.DecimalField(
        _("interest (% per year)"), max_digits=5, decimal_places=2, default=Decimal("4"), validators=RATE
    )
    loan_percent = models.DecimalField(
        _("borrowed (percentage of the investment)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=PERCENT,
    )
    discount_percent = models.DecimalField(
        _("discount rate (% per year)"), max_digits=5, decimal_places=2, default=Decimal("5"), validators=RATE
    )
    weekly_hours = models.PositiveSmallIntegerField(
        _("working hours per week (rent check)"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    scores = models.JSONField(_("scores of the trade-off"), default=dict, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "name"],
                name="variant_name_unique_per_case",
                violation_error_message=_("This business case already has a variant with this name."),
            )
        ]

    def __str__(self):
        return self.name

    def inputs(self) -> finance.Inputs:
        hundred = Decimal("100")
        return finance.Inputs(
            beds=self.beds,
            floor_area_per_bed=self.floor_area_per_bed,
            housing_form=self.housing_form,
            capex_per_bed=self.capex_per_bed,
            capex_per_m2=self.capex_per_m2,
            land_lease_per_year=self.land_lease_per_year,
            permit_term_years=self.permit_term_years,
            residual_share=self.residual_percent / hundred,
            rent_per_bed_per_week=self.rent_per_bed_per_week,
            occupancy=self.occupancy_percent / hundred,
            opex_per_bed_per_week=self.opex_per_bed_per_week,
            rent_indexation=self.rent_indexation_percent / hundred,
            cost_indexation=self.cost_indexation_percent / hundred,
            interest_rate=self.interest_percent / hundred,
            loan_share=self.loan_percent / hundred,
            discount_rate=self.discount_percent / hundred,
        )

    def weighted_score(self) -> float | None:
        """Σ weight × score / Σ weight over the scored criteria; None when nothing is scored."""
        pairs = [
            (self.case.weight_of(k), int(v)) for k, v in (self.scores or {}).items() if k in CRITERION_KEYS
        ]
        total = sum(w for w, _s in pairs)
        return sum(w * s for w, s in pairs) / total if total else None

    def clean(self):
        errors = {}
        if (self.capex_per_bed is None) == (self.capex_per_m2 is None):
            errors["capex_per_bed"] = _("Give the investment per bed or per m², one of the two.")
        scores = self.scores if isinstance(self.scores, dict) else {"?": None}
        bad = [k for k, v in scores.items() if k not in CRITERION_KEYS or not _whole_in(v, 1, 5)]
        if bad:
            errors["scores"] = _("Scores are whole numbers from 1 to 5 for the known criteria.")
        if errors:
            raise ValidationError(errors)
