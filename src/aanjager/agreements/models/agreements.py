"""Agreements of the driehoek and what comes of them (seeds 000, 001, 004).

An agreement binds parties (organisations, each in a corner of the driehoek) and holds commitments; a committed
party reports progress, the coordinator reviews it, and the status is computed (agreements/progress.py)."""

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.core.files import private_storage
from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Corner, Organisation


class AgreementType(models.TextChoices):
    NATIONAL_DECLARATION = "national_declaration", _("National declaration")
    REGIONAL_COVENANT = "regional_covenant", _("Regional covenant")
    ADMINISTRATIVE_AGREEMENT = "administrative_agreement", _("Administrative agreement")
    PERFORMANCE_AGREEMENT = "performance_agreement", _("Performance agreement (prestatieafspraak)")
    BED_FOR_BED = "bed_for_bed", _("Bed-voor-bed agreement")


class Agreement(models.Model):
    title = models.CharField(_("title"), max_length=200)
    agreement_type = models.CharField(_("type"), max_length=30, choices=AgreementType.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("region"),
        help_text=_(
            "The region the agreement covers; leave empty for an agreement between single municipalities."
        ),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="agreements",
        verbose_name=_("municipalities"),
        help_text=_("The municipalities it covers, when it is not a whole region."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    at_risk_margin = models.DecimalField(
        _("margin for 'at risk' (percentage points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "A commitment is at risk when its share delivered lags the share of time elapsed by more."
        ),
    )
    update_interval_days = models.PositiveSmallIntegerField(
        _("update expected every (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:agreement", args=[self.pk])

    def covered_municipality_ids(self) -> set[int]:
        if self.region_id:
            return set(self.region.municipalities.values_list("pk", flat=True))
        if self.pk:
            return set(self.municipalities.values_list("pk", flat=True))
        return set()


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="agreement_parties", verbose_name=_("organisation")
    )
    corner = models.CharField(_("corner of the driehoek"), max_length=20, choices=Corner.choices, blank=True)
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Empty while the party has not signed.")
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="agreement_party_unique",
                violation_error_message=_("This organisation is already a party to the agreement."),
            )
        ]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if not self.corner and self.organisation_id:
            self.corner = self.organisation.corner or Corner.NONE


def _document_path(instance, filename):
    return f"agreements/{uuid.uuid4().hex}.{instance.extension}"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_document_path, storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=80)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class CommitmentKind(models.TextChoices):
    BEDS = "beds", _("Beds")
    LOCATION = "location", _("A location")
    MEASURE = "measure", _("A measure")
    POLICY_STEP = "policy_step", _("A policy step")


class StayClass(models.TextChoices):
    SHORT = "short", _("Short stay")
    MID = "mid", _("Mid stay")
    LONG = "long", _("Long stay")


class Commitment(models.Model):
    """Who promised what, how many, where, by when."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="commitments")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="commitments", verbose_name=_("committed party")
    )
    kind = models.CharField(
        _("what"), max_length=20, choices=CommitmentKind.choices, default=CommitmentKind.BEDS
    )
    stay_class = models.CharField(_("stay class"), max_length=10, choices=StayClass.choices, blank=True)
    description = models.CharField(_("description"), max_length=300)
    target = models.PositiveIntegerField(
        _("how many"),
        validators=[MinValueValidator(1)],
        help_text=_("Beds, locations or steps; 1 for a single measure."),
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("municipality"),
    )
    location = models.ForeignKey(
        "locations.Location",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("location"),
    )
    starts_on = models.DateField(_("counts from"), help_text=_("Usually the signing date of the agreement."))
    due_on = models.DateField(_("due on"))
    scenario = models.ForeignKey(
        "estimates.Scenario",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("contributes to (housing-task scenario)"),
    )
    lead_days = models.JSONField(
        _("lead times (days)"),
        default=dict,
        blank=True,
        help_text=_("For backward planning; empty means the defaults."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:commitment", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind == CommitmentKind.BEDS and not self.stay_class:
            errors["stay_class"] = _("A commitment of beds names the stay class.")
        if self.kind != CommitmentKind.BEDS and self.stay_class:
            errors["stay_class"] = _("Only a commitment of beds has a stay class.")
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            errors["due_on"] = _("The due date cannot lie before the date it counts from.")
        agreement = self.agreement if self.agreement_id else None
        if agreement is not None:
            if agreement.signed_on and self.due_on and self.due_on < agreement.signed_on:
                errors["due_on"] = _("The due date cannot lie before the agreement was signed.")
            if agreement.signed_on and self.starts_on and self.starts_on < agreement.signed_on:
                errors["starts_on"] = _("A commitment counts from the signing date or later.")
            if (
                self.organisation_id
                and agreement.pk
                and not agreement.parties.filter(organisation_id=self.organisation_id).exists()
            ):
                errors["organisation"] = _("The committed party must be a party to the agreement.")
            covered = agreement.covered_municipality_ids() if agreement.pk else set()
            if self.municipality_id and covered and self.municipality_id not in covered:
                errors["municipality"] = _("This municipality is not covered by the agreement.")
        if (
            self.location_id
            and self.municipality_id
            and self.location.municipality_id != self.municipality_id
        ):
            errors["location"] = _("The location lies in another municipality.")
        if errors:
            raise ValidationError(errors)


def _evidence_path(instance, filename):
    return f"evidence/{uuid.uuid4().hex}.{instance.evidence_extension}"


class ProgressUpdate(models.Model):
    """A committed party reports the running total delivered; the coordinator accepts or rejects it."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("date"))
    delivered = models.PositiveIntegerField(_("delivered so far"))
    narrative = models.TextField(_("explanation"), blank=True)
    evidence = models.FileField(upload_to=_evidence_path, storage=private_storage, max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=80, blank=True)
    evidence_extension = models.CharField(max_length=8, blank=True)
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.commitment}: {self.delivered} ({self.reported_on})"

    def clean(self):
        errors = {}
        if self.reported_on and self.reported_on > dt.date.today():
            errors["reported_on"] = _("An update cannot be dated in the future.")
        commitment = self.commitment if self.commitment_id else None
        if commitment is not None:
            if self.organisation_id and self.organisation_id != commitment.organisation_id:
                errors["organisation"] = _("Only the committed party reports progress on this commitment.")
            signed = commitment.agreement.signed_on
            if self.reported_on and signed and self.reported_on < signed:
                errors["reported_on"] = _("An update cannot lie before the agreement was signed.")
        if errors:
            raise ValidationError(errors)


class CommitmentMilestone(models.Model):
    """A milestone of the backward planning that was reached, with its date."""

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="milestones")
    key = models.CharField(_("milestone"), max_length=30)
    achieved_on = models.DateField(_("reached on"))

    class Meta:
        ordering = ["achieved_on"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "key"], name="commitment_milestone_unique")
        ]

    def __str__(self):
        return f"{self.key}: {self.achieved_on}"
