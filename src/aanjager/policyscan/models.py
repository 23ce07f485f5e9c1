"""A policy scan: a municipality's answers (maturity 0–3 and a comment) to a versioned question set, the people and
departments that took part, and the recommendations that came out of it."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality
from aanjager.organisations.models import Organisation

MAX_SCORE = 3


class QuestionSet(models.Model):
    """One version of the questionnaire. `content` holds scale and domains exactly as the JSON file has them."""

    code = models.SlugField(_("code"), max_length=80)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    content = models.JSONField(_("scale and domains"))

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="question_set_code_version_unique")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def domains(self) -> list[dict]:
        return self.content["domains"]

    @property
    def scale(self) -> list[dict]:
        return self.content["scale"]

    def domain_titles(self) -> dict[str, str]:
        return {d["code"]: d["title"] for d in self.domains}

    def statements(self) -> dict[str, tuple[str, str]]:
        """statement code → (domain code, text), in questionnaire order."""
        return {s["code"]: (d["code"], s["text"]) for d in self.domains for s in d["statements"]}


class Scan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being filled in")
        COMPLETED = "completed", _("Completed")

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="policy_scans", verbose_name=_("municipality")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="policy_scans", verbose_name=_("held by")
    )
    question_set = models.ForeignKey(
        QuestionSet, models.PROTECT, related_name="scans", verbose_name=_("question set")
    )
    held_on = models.DateField(_("held on"))
    facilitator = models.CharField(_("facilitated by"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "-held_on"]
        verbose_name = _("policy scan")
        verbose_name_plural = _("policy scans")

    def __str__(self):
        return f"{self.municipality} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("policyscan:detail", args=[self.pk])


class Participant(models.Model):
    """Who took part: the department matters most (seed 002: every discipline at the table)."""

    scan = models.ForeignKey(Scan, models.CASCADE, related_name="participants")
    department = models.CharField(_("department"), max_length=120)
    name = models.CharField(_("name"), max_length=120, blank=True)
    function = models.CharField(_("function"), max_length=120, blank=True)

    class Meta:
        ordering = ["department", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return f"{self.name} ({self.department})" if self.name else self.department


class Answer(models.Model):
    scan = models.ForeignKey(Scan, models.CASCADE, related_name="answers")
    statement_code = models.CharField(_("statement"), max_length=40)
    score = models.PositiveSmallIntegerField(
        _("maturity"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        ordering = ["scan", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["scan", "statement_code"], name="answer_once_per_statement")
        ]

    def __str__(self):
        return f"{self.statement_code}: {self.score}"

    def clean(self):
        if self.scan_id and self.statement_code not in self.scan.question_set.statements():
            raise ValidationError({"statement_code": _("This statement is not in the scan's question set.")})


# Allowed status changes of a recommendation, as one table.
RECOMMENDATION_TRANSITIONS = {
    "open": {"in_progress", "done", "dropped"},
    "in_progress": {"open", "done", "dropped"},
    "done": {"in_progress"},
    "dropped": {"open"},
}


class Recommendation(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    scan = models.ForeignKey(Scan, models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"), max_length=2000)
    domain_code = models.CharField(_("domain"), max_length=40)
    owner = models.CharField(_("owner"), max_length=200)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    measure = models.ForeignKey(
        "programme.Measure",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("programme measure"),
    )

    class Meta:
        ordering = ["scan", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        errors = {}
        if self.scan_id and self.domain_code not in self.scan.question_set.domain_titles():
            errors["domain_code"] = _("Choose a domain of the scan's question set.")
        if self.due_on and self.scan_id and self.due_on < self.scan.held_on:
            errors["due_on"] = _("The due date cannot lie before the scan was held.")
        if errors:
            raise ValidationError(errors)
