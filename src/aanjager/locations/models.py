"""Housing locations and their history (issue 4). See docs/glossary.md for the Dutch terms."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.core.files import private_storage
from aanjager.geo.models import Municipality
from aanjager.locations import workflow
from aanjager.locations.norms import CAPACITY_KINDS, HOUSING_FORMS, Kind, LocationFacts, Rule
from aanjager.organisations.models import Organisation

POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")


def normalise_postcode(value: str) -> str:
    """'1234ab' → '1234 AB'; anything else unchanged (the validator names it)."""
    match = POSTCODE.match((value or "").strip())
    return f"{match.group(1)} {match.group(2).upper()}" if match else (value or "").strip()


def validate_postcode(value: str) -> None:
    if not POSTCODE.match(value or ""):
        raise ValidationError(_("Enter a Dutch postcode like 1234 AB."), code="postcode")


TARGET_GROUPS = {
    "labour_migrants": _("Labour migrants"),
    "status_holders": _("Status holders"),
    "starters": _("Starters"),
    "students": _("Students"),
    "ukrainians": _("Displaced persons from Ukraine"),
}


class RentPayment(models.TextChoices):
    WAGE_DEDUCTION = "wage_deduction", _("Deduction from the wage")
    INVOICE = "invoice", _("Invoice (separate from the wage)")


class Location(models.Model):
    class HousingForm(models.TextChoices):
        REGULAR_DWELLING = "regular_dwelling", _("Regular dwelling")
        ROOM_IN_FAMILY_HOME = "room_in_family_home", _("Room let in a family home")
        HOTEL_PENSION = "hotel_pension", _("Hotel or pension")
        BUILDING_UNITS = "building_units", _("Units in a building complex")
        MODULAR_UNITS = "modular_units", _("Modular units")
        RECREATION_SITE = "recreation_site", _("Recreation site")
        SEASONAL_FARM = "seasonal_farm", _("Seasonal housing on a farm")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IDEA = workflow.IDEA, _("Idea")
        PLANNED = workflow.PLANNED, _("Planned")
        PERMIT_APPLIED = workflow.PERMIT_APPLIED, _("Permit applied for")
        PERMITTED = workflow.PERMITTED, _("Permitted")
        UNDER_CONSTRUCTION = workflow.UNDER_CONSTRUCTION, _("Under construction")
        IN_USE = workflow.IN_USE, _("In use")
        PHASING_OUT = workflow.PHASING_OUT, _("Phasing out")
        CLOSED = workflow.CLOSED, _("Closed")
        REJECTED = workflow.REJECTED, _("Rejected")

    class Permit(models.TextChoices):
        NONE = "none", _("No permit (yet)")
        PERMANENT = "permanent", _("Permanent")
        TEMPORARY = "temporary", _("Temporary")

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street"), max_length=200)
    house_number = models.PositiveIntegerField(_("house number"))
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    place = models.CharField(_("place"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="locations", verbose_name=_("municipality")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    housing_form = models.CharField(_("housing form"), max_length=24, choices=HousingForm.choices)
    serves_short_stay = models.BooleanField(_("short stay"), default=False)
    serves_mid_stay = models.BooleanField(_("mid stay"), default=False)
    serves_long_stay = models.BooleanField(_("long stay"), default=False)
    beds = models.PositiveIntegerField(_("beds"))
    bedrooms = models.PositiveIntegerField(_("bedrooms"), null=True, blank=True)
    max_persons_per_bedroom = models.PositiveSmallIntegerField(
        _("most persons in one bedroom"), null=True, blank=True
    )
    floor_area_gbo = models.DecimalField(
        _("floor area (GBO, m²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    bedroom_area = models.DecimalField(
        _("bedroom floor area, all bedrooms (m²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    toilets = models.PositiveSmallIntegerField(_("toilets"), null=True, blank=True)
    showers = models.PositiveSmallIntegerField(_("showers"), null=True, blank=True)
    bunk_beds = models.BooleanField(_("bunk beds"), null=True, blank=True)
    under_one_roof = models.BooleanField(
        _("sleeping, sanitary, kitchen and living under one roof"), null=True, blank=True
    )
    new_build = models.BooleanField(_("new build"), null=True, blank=True)
    operator = models.ForeignKey(
        Organisation, models.PROTECT, related_name="operated_locations", verbose_name=_("operator")
    )
    owner = models.ForeignKey(
        Organisation,
        models.PROTECT,
        related_name="owned_locations",
        verbose_name=_("owner"),
        null=True,
        blank=True,
    )
    employers = models.ManyToManyField(
        Organisation,
        related_name="housed_at_locations",
        blank=True,
        verbose_name=_("employers of the residents"),
    )
    target_groups = models.JSONField(
        _("target groups"), default=list, blank=True, help_text=_("When the location is mixed.")
    )
    permit = models.CharField(_("permit"), max_length=10, choices=Permit.choices, default=Permit.NONE)
    permit_start = models.DateField(_("permit from"), null=True, blank=True)
    permit_end = models.DateField(_("permit until"), null=True, blank=True)
    permit_reference = models.CharField(_("permit reference"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_USE)
    expected_delivery = models.DateField(_("expected delivery"), null=True, blank=True)
    # Tenancy terms, for the double-dependency indicators (locations/dependency.py).
    separate_rental_contract = models.BooleanField(_("separate rental contract"), null=True, blank=True)
    notice_days_after_job_loss = models.PositiveSmallIntegerField(
        _("notice period after job loss (days)"),
        null=True,
        blank=True,
        help_text=_("How long residents may stay after losing their job."),
    )
    rent_payment = models.CharField(_("rent paid by"), max_length=16, choices=RentPayment.choices, blank=True)
    rent_per_bed_week = models.DecimalField(
        _("rent per bed per week (EUR)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    is_confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("The address is left out of the public register."),
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("locations:detail", args=[self.pk])

    def norm_facts(self) -> LocationFacts:
        """What the norm evaluation needs to know of this location."""

        def number(value):
            return float(value) if value is not None else None

        return LocationFacts(
            housing_form=self.housing_form,
            beds=self.beds,
            bedrooms=self.bedrooms,
            max_persons_in_a_bedroom=self.max_persons_per_bedroom,
            floor_area_gbo=number(self.floor_area_gbo),
            bedroom_area=number(self.bedroom_area),
            toilets=self.toilets,
            showers=self.showers,
            bunk_beds=self.bunk_beds,
            under_one_roof=self.under_one_roof,
            new_build=self.new_build,
        )

    def landlord_is_employer(self) -> bool | None:
        """Does the operator also employ the residents? An employer or temp agency that houses people, or an
        operator named among the residents' employers: yes. Other operators with employers named: no. Else unknown."""
        if self.operator.org_type in ("employer", "temp_agency"):
            return True
        employer_ids = {e.pk for e in self.employers.all()}
        if self.operator_id in employer_ids:
            return True
        return False if employer_ids else None

    @property
    def address(self) -> str:
        number = f"{self.house_number}{self.house_number_addition}"
        return f"{self.street} {number}, {self.postcode} {self.place}"

    def clean_fields(self, exclude=None):
        self.postcode = normalise_postcode(self.postcode)  # before the field validators look at it
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if (
            self.beds is not None
            and self.bedrooms
            and self.max_persons_per_bedroom
            and self.beds > self.bedrooms * self.max_persons_per_bedroom
        ):
            errors["beds"] = _(
                "%(beds)s beds do not fit in %(rooms)s bedrooms with at most %(per)s persons each."
            ) % {"beds": self.beds, "rooms": self.bedrooms, "per": self.max_persons_per_bedroom}
        if self.permit == self.Permit.TEMPORARY and not self.permit_end:
            errors["permit_end"] = _("A temporary permit has an end date.")
        if self.permit_start and self.permit_end and self.permit_end <= self.permit_start:
            errors["permit_end"] = _("The permit must end after it starts.")
        if (
            self.latitude is not None
            and self.longitude is not None
            and not (50.7 <= self.latitude <= 53.6 and 3.3 <= self.longitude <= 7.3)
        ):
            errors["latitude"] = _("These coordinates lie outside the Netherlands.")
        if (
            self.floor_area_gbo is not None
            and self.bedroom_area is not None
            and self.bedroom_area > self.floor_area_gbo
        ):
            errors["bedroom_area"] = _("The bedrooms cannot be larger than the whole floor area.")
        unknown = [g for g in self.target_groups or [] if g not in TARGET_GROUPS]
        if unknown:
            errors["target_groups"] = _("Unknown target group: %(groups)s.") % {
                "groups": ", ".join(map(str, unknown))
            }
        if errors:
            raise ValidationError(errors)


# The fields whose past values the register must answer for ("how many beds were in use here on date D").
TRACKED_FIELDS = ("status", "beds", "municipality_id", "operator_id", "housing_form")


class LocationVersion(models.Model):
    """The tracked state of a location during [valid_from, valid_to): one row per change, never edited later."""

    location = models.ForeignKey(Location, models.CASCADE, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)  # first day of the next version; open = current
    status = models.CharField(max_length=20, choices=Location.Status.choices)
    beds = models.PositiveIntegerField()
    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="+")
    operator = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    housing_form = models.CharField(max_length=24, choices=Location.HousingForm.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["location", "valid_from", "id"]
        indexes = [models.Index(fields=["municipality", "status", "valid_from"])]

    def __str__(self):
        return f"{self.location} {self.valid_from}–{self.valid_to or ''}"


assert set(HOUSING_FORMS) == set(
    Location.HousingForm.values
)  # one list of housing forms for norms and register


class Certificate(models.Model):
    """An SNF or AKF certificate: a location counts as certified only on the days a valid certificate covers it."""

    class Scheme(models.TextChoices):
        SNF = "snf", _("SNF (Stichting Normering Flexwonen)")
        AKF = "akf", _("AKF (Agrarisch Keurmerk Flexwonen)")

    scheme = models.CharField(_("scheme"), max_length=3, choices=Scheme.choices)
    number = models.CharField(_("certificate number"), max_length=50)
    holder = models.ForeignKey(
        Organisation, models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), help_text=_("The last day the certificate is valid."))
    locations = models.ManyToManyField(
        Location, related_name="certificates", verbose_name=_("locations covered")
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_to", "number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "number"],
                name="certificate_number_unique_per_scheme",
                violation_error_message=_("A certificate with this number already exists for this scheme."),
            )
        ]

    def __str__(self):
        return f"{self.get_scheme_display()} {self.number}"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A certificate cannot end before it starts.")})

    def valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to


class Inspection(models.Model):
    """A visit by the municipality: what was found, per norm rule, and what must follow."""

    class Finding(models.TextChoices):
        PASS = "pass", _("complies")
        FAIL = "fail", _("does not comply")
        NOT_CHECKED = "not_checked", _("not checked")

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="inspections", verbose_name=_("location")
    )
    visited_on = models.DateField(_("visited on"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inspector"),
    )
    organisation = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="inspections"
    )
    found_occupancy = models.PositiveIntegerField(_("persons found living there"), null=True, blank=True)
    overcrowded = models.BooleanField(_("overcrowded"), default=False)
    fire_safety_remarks = models.TextField(_("fire safety"), blank=True)
    notes = models.TextField(_("other findings"), blank=True)
    # Per norm rule code (locations.norm_presets): pass, fail or not_checked.
    rule_findings = models.JSONField(_("findings per norm rule"), default=dict, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        # The newest inspections of an area come first (API list, a location's history): with this index the
        # database walks them in order instead of sorting every inspection of the area (100,000 nationally).
        indexes = [models.Index(fields=["-visited_on", "-id"], name="inspection_newest_first")]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.location} {self.visited_on:%d-%m-%Y}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("locations:inspection", args=[self.pk])

    def clean(self):
        from django.utils import timezone

        errors = {}
        if self.visited_on and self.visited_on > timezone.localdate():
            errors["visited_on"] = _("An inspection cannot lie in the future.")
        bad = [code for code, value in (self.rule_findings or {}).items() if value not in self.Finding.values]
        if bad:
            errors["rule_findings"] = _("Unknown finding for: %(rules)s.") % {"rules": ", ".join(bad)}
        if errors:
            raise ValidationError(errors)


class FollowUp(models.Model):
    """An action after an inspection, with a deadline; open past its deadline means overdue."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        ORDER_WITH_PENALTY = "order_with_penalty", _("Order with penalty (last onder dwangsom)")
        REINSPECTION = "reinspection", _("Re-inspection")
        CLOSURE = "closure", _("Closure")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("action"), max_length=20, choices=Kind.choices)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    penalty_amount = models.DecimalField(
        _("penalty (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.inspection})"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.ORDER_WITH_PENALTY and not self.penalty_amount:
            errors["penalty_amount"] = _("An order with penalty names the penalty.")
        if self.inspection_id and self.deadline and self.deadline < self.inspection.visited_on:
            errors["deadline"] = _("The deadline cannot lie before the inspection.")
        if errors:
            raise ValidationError(errors)


class BedPlan(models.Model):
    """A bed-voor-bed plan of one provider in one municipality: old beds leave as new beds come (domain.md §7)."""

    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        Organisation, models.PROTECT, related_name="bed_plans", verbose_name=_("housing provider")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="bed_plans", verbose_name=_("municipality")
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("bed-for-bed plan")
        verbose_name_plural = _("bed-for-bed plans")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("locations:bed_plan", args=[self.pk])


class BedPlanStep(models.Model):
    """One pair of the plan: beds out of an old location on a date, beds into a new location on a date."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(BedPlan, models.CASCADE, related_name="steps")
    old_location = models.ForeignKey(
        Location,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="bed_plan_steps_out",
        verbose_name=_("old location"),
    )
    beds_out = models.PositiveIntegerField(_("beds out"), default=0)
    out_on = models.DateField(_("out on"), null=True, blank=True)
    new_location = models.ForeignKey(
        Location,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="bed_plan_steps_in",
        verbose_name=_("new location"),
    )
    beds_in = models.PositiveIntegerField(_("beds in"), default=0)
    in_on = models.DateField(_("in on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        ordering = ["out_on", "in_on", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.plan}: −{self.beds_out} / +{self.beds_in}"

    def clean(self):
        errors = {}
        has_out = bool(self.old_location_id or self.beds_out or self.out_on)
        has_in = bool(self.new_location_id or self.beds_in or self.in_on)
        if not has_out and not has_in:
            errors["old_location"] = _("A step takes beds out of a location, brings beds into one, or both.")
        for present, location, beds, day, names in (
            (
                has_out,
                self.old_location_id,
                self.beds_out,
                self.out_on,
                ("old_location", "beds_out", "out_on"),
            ),
            (has_in, self.new_location_id, self.beds_in, self.in_on, ("new_location", "beds_in", "in_on")),
        ):
            if not present:
                continue
            if not location:
                errors[names[0]] = _("Choose the location.")
            if not beds:
                errors[names[1]] = _("Give a number of beds above 0.")
            if not day:
                errors[names[2]] = _("Give the date.")
        if self.old_location_id and self.old_location_id == self.new_location_id:
            errors["new_location"] = _("The new location must differ from the old one.")
        if self.plan_id:
            for field in ("old_location", "new_location"):
                location = getattr(self, field) if getattr(self, f"{field}_id") else None
                if location is not None and location.operator_id != self.plan.provider_id:
                    errors.setdefault(
                        field,
                        _("This location is not run by %(provider)s.") % {"provider": self.plan.provider},
                    )
        if errors:
            raise ValidationError(errors)


class LocationImport(models.Model):
    """A spreadsheet of locations between preview and apply: its rows as read (text cells), who sent it and what
    became of it. Applying judges every row again, all or nothing."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name


class LocalNormRule(models.Model):
    """A rule a municipality asks on top of the preset norm sets, for the locations within its borders."""

    class RuleKind(models.TextChoices):
        AREA_PER_PERSON = Kind.AREA_PER_PERSON, _("Floor area (GBO) per person, at least (m²)")
        BEDROOM_AREA_PER_PERSON = Kind.BEDROOM_AREA_PER_PERSON, _("Bedroom floor per person, at least (m²)")
        PERSONS_PER_BEDROOM = Kind.PERSONS_PER_BEDROOM, _("Persons in one bedroom, at most")
        PERSONS_PER_TOILET = Kind.PERSONS_PER_TOILET, _("Persons per toilet, at most")
        PERSONS_PER_SHOWER = Kind.PERSONS_PER_SHOWER, _("Persons per shower, at most")
        NO_BUNK_BEDS = Kind.NO_BUNK_BEDS, _("No bunk beds")
        UNDER_ONE_ROOF = Kind.UNDER_ONE_ROOF, _("Sleeping, sanitary, kitchen and living under one roof")

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="local_norm_rules", verbose_name=_("municipality")
    )
    label = models.CharField(_("rule"), max_length=200)
    kind = models.CharField(_("what it measures"), max_length=30, choices=RuleKind.choices)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The number for the measures with 'at least' or 'at most'."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The first day the rule no longer applies.")
    )
    housing_forms = models.JSONField(
        _("housing forms"), default=list, blank=True, help_text=_("Empty: every housing form.")
    )
    new_build_only = models.BooleanField(_("only for new build"), default=False)
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("The decision or regulation, e.g. Huisvestingsverordening 2025, art. 3."),
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "valid_from", "id"]
        verbose_name = _("local norm rule")
        verbose_name_plural = _("local norm rules")

    def __str__(self):
        return f"{self.label} ({self.municipality})"

    @property
    def code(self) -> str:
        """How inspections refer to the rule in their findings."""
        return f"lokaal-{self.pk}"

    def clean(self):
        errors = {}
        capacity = self.kind in {k.value for k in CAPACITY_KINDS}
        if capacity and (self.threshold is None or self.threshold <= 0):
            errors["threshold"] = _("This rule needs a number above 0.")
        if not capacity and self.threshold is not None:
            errors["threshold"] = _("This rule has no number; leave it empty.")
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            errors["valid_to"] = _("The rule must end after it starts.")
        unknown = [f for f in self.housing_forms or [] if f not in HOUSING_FORMS]
        if unknown:
            errors["housing_forms"] = _("Unknown housing form: %(forms)s.") % {
                "forms": ", ".join(map(str, unknown))
            }
        if errors:
            raise ValidationError(errors)

    def to_rule(self) -> Rule:
        return Rule(
            code=self.code,
            label=self.label,
            kind=Kind(self.kind),
            threshold=float(self.threshold) if self.threshold is not None else None,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            housing_forms=frozenset(self.housing_forms) if self.housing_forms else None,
            new_build_only=self.new_build_only,
            source=f"{self.municipality.name}: {self.source}",
        )


def _photo_path(photo, filename: str) -> str:
    return f"inspections/{photo.inspection_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class InspectionPhoto(models.Model):
    """A photo taken at an inspection; stored privately and shown only to those who may see the inspection."""

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_path, storage=private_storage, max_length=200)
    caption = models.CharField(_("caption"), max_length=200)
    content_type = models.CharField(max_length=30)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption
