"""A regional programme (seed 004): programme → spearheads → measure packages → measures, phases, and per measure
and municipality a participation: opted in or out (with a reason), its own pace and its progress."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality, Region


class Programme(models.Model):
    region = models.ForeignKey(Region, models.PROTECT, related_name="programmes", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:detail", args=[self.pk])


class Phase(models.Model):
    """E.g. the quartermaster phase (making measures ready) and the structural phase (seed 004)."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="phase_number_unique",
                violation_error_message=_("This programme already has a phase with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot lie before the start.")})


class Spearhead(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="spearheads")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("spearhead")
        verbose_name_plural = _("spearheads")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="spearhead_number_unique",
                violation_error_message=_("This programme already has a spearhead with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class MeasurePackage(models.Model):
    spearhead = models.ForeignKey(Spearhead, models.CASCADE, related_name="packages")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        ordering = ["spearhead", "code"]
        verbose_name = _("measure package")
        verbose_name_plural = _("measure packages")
        constraints = [
            models.UniqueConstraint(
                fields=["spearhead", "code"],
                name="package_code_unique",
                violation_error_message=_("This spearhead already has a package with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def programme(self) -> Programme:
        return self.spearhead.programme


class Measure(models.Model):
    package = models.ForeignKey(MeasurePackage, models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    phase = models.ForeignKey(
        Phase, models.SET_NULL, null=True, blank=True, related_name="measures", verbose_name=_("phase")
    )
    is_optional = models.BooleanField(
        _("municipalities choose"),
        default=True,
        help_text=_("Off: the measure applies to every municipality of the region; no opt-out."),
    )

    class Meta:
        ordering = ["package", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "code"],
                name="measure_code_unique",
                violation_error_message=_("This package already has a measure with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("programme:measure", args=[self.pk])

    @property
    def programme(self) -> Programme:
        return self.package.spearhead.programme

    def clean(self):
        if (
            self.phase_id
            and self.package_id
            and self.phase.programme_id != self.package.spearhead.programme_id
        ):
            raise ValidationError({"phase": _("Choose a phase of this programme.")})


class Participation(models.Model):
    """One municipality and one measure: in or out, at which pace, how far."""

    class Decision(models.TextChoices):
        UNDECIDED = "undecided", _("Not decided yet")
        OPTED_IN = "in", _("Takes part")
        OPTED_OUT = "out", _("Does not take part")

    measure = models.ForeignKey(Measure, models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="programme_participations", verbose_name=_("municipality")
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.UNDECIDED
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned completion"), null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    progress_note = models.TextField(_("state of affairs"), blank=True, max_length=2000)
    updated_on = models.DateField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["measure", "municipality__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "municipality"],
                name="participation_once_per_municipality",
                violation_error_message=_("This municipality already has a decision on this measure."),
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.measure}"

    def clean(self):
        errors = {}
        if self.measure_id and self.municipality_id:
            region = self.measure.programme.region
            if not region.municipalities.filter(pk=self.municipality_id).exists():
                errors["municipality"] = _("This municipality is not part of the programme's region.")
            if self.decision == self.Decision.OPTED_OUT and not self.measure.is_optional:
                errors["decision"] = _("This measure applies to every municipality of the region.")
        if self.decision == self.Decision.OPTED_OUT and not self.reason.strip():
            errors["reason"] = _("Give the reason for not taking part.")
        if self.decision != self.Decision.OPTED_IN and self.progress_percent:
            errors["progress_percent"] = _("Only a municipality that takes part can report progress.")
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned completion cannot lie before the planned start.")
        if errors:
            raise ValidationError(errors)
