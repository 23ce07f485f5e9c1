import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality, Region
from aanjager.organisations.models import Organisation


class EstimateRun(models.Model):
    """One estimation run: its definition, parameters, input fingerprints, who ran it, and its status.

    The microdata themselves are never stored; only the aggregates in EstimateRow.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        MICRODATA = "microdata", _("Microdata: persons and jobs")
        AGGREGATES = "aggregates", _("Aggregated table (CBS-style counts)")

    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(Region, models.PROTECT, related_name="estimate_runs", verbose_name=_("region"))
    organisation = models.ForeignKey(
        Organisation,
        models.SET_NULL,
        related_name="estimate_runs",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("reference year"))
    definition_code = models.CharField(_("definition"), max_length=30)
    source = models.CharField(_("input"), max_length=12, choices=Source.choices, default=Source.MICRODATA)
    definition = models.JSONField(_("definition used"), default=dict, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    inputs = models.JSONField(_("input files"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(_("progress"), default=0.0)
    step = models.CharField(_("step"), max_length=30, blank=True)
    cancel_requested = models.BooleanField(default=False)
    # The process that runs (or will run) the job: host|boot|pid namespace|pid|start (runner.worker_id), so that a run whose
    # process was killed or restarted is seen as interrupted at once instead of after the stale timeout.
    worker = models.CharField(max_length=200, blank=True, editable=False)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    problem_total = models.PositiveIntegerField(default=0)
    in_scope = models.PositiveIntegerField(_("persons in scope"), null=True, blank=True)
    persons_read = models.PositiveIntegerField(null=True, blank=True)
    job_rows_read = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    is_published = models.BooleanField(_("published to the region"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("estimate run")
        verbose_name_plural = _("estimate runs")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("estimates:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class EstimateRow(models.Model):
    """The counts of one run for one municipality (see docs/methodology-estimates.md)."""

    run = models.ForeignKey(EstimateRun, models.CASCADE, related_name="rows")
    municipality = models.ForeignKey(Municipality, models.PROTECT, related_name="+")
    workers = models.PositiveIntegerField()
    # Empty when an aggregated table gives polis workers only as a total, without stay classes.
    workers_short = models.PositiveIntegerField(null=True, blank=True)
    workers_mid = models.PositiveIntegerField(null=True, blank=True)
    workers_long = models.PositiveIntegerField(null=True, blank=True)
    residents_brp = models.PositiveIntegerField()
    residents_rni_assigned = models.FloatField()
    estimate_low = models.PositiveIntegerField()
    estimate_central = models.PositiveIntegerField()
    estimate_high = models.PositiveIntegerField()

    class Meta:
        ordering = ["municipality__name"]
        constraints = [models.UniqueConstraint(fields=["run", "municipality"], name="estimate_row_unique")]

    def __str__(self):
        return f"{self.run} – {self.municipality}"


class Scenario(models.Model):
    """A named forecast on top of a finished run: yearly growth paths for +10 years (values are derived)."""

    class Method(models.TextChoices):
        PERCENTAGE = "percentage", _("A percentage per year")
        TREND = "trend", _("The trend of earlier runs")

    run = models.ForeignKey(EstimateRun, models.CASCADE, related_name="scenarios", verbose_name=_("estimate"))
    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("method"), max_length=12, choices=Method.choices, default=Method.PERCENTAGE)
    growth_low = models.FloatField(_("growth per year, low (%)"), default=0.0)
    growth_central = models.FloatField(_("growth per year, central (%)"), default=2.0)
    growth_high = models.FloatField(_("growth per year, high (%)"), default=4.0)
    horizon = models.PositiveSmallIntegerField(_("years ahead"), default=10)
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    organisation = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["run", "name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "name"],
                name="scenario_name_unique_per_run",
                violation_error_message=_("This estimate already has a scenario with this name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.run})"
