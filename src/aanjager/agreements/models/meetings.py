"""Meetings of the region (administrative meetings, network days, workshops) and their action items."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Region
from aanjager.organisations.models import Organisation

# Allowed status changes of an action item, as one table (like Signalen's workflow.py).
ACTION_TRANSITIONS = {
    "open": {"in_progress", "done", "cancelled"},
    "in_progress": {"open", "done", "cancelled"},
    "done": {"in_progress"},
    "cancelled": {"open"},
}


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Administrative meeting")
        NETWORK = "network", _("Network meeting")
        WORKSHOP = "workshop", _("Workshop")

    region = models.ForeignKey(Region, models.PROTECT, related_name="meetings", verbose_name=_("region"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Organisation, blank=True, related_name="meetings", verbose_name=_("participating organisations")
    )
    attendees = models.TextField(
        _("attendees"), blank=True, help_text=_("Names and functions, one per line.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:meeting", args=[self.pk])


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="action_items")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        Organisation, models.PROTECT, related_name="action_items", verbose_name=_("owner (organisation)")
    )
    owner_name = models.CharField(_("owner (person)"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    commitment = models.ForeignKey(
        "agreements.Commitment",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("commitment"),
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.description

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.meeting_id and self.due_on and self.due_on < self.meeting.held_on:
            raise ValidationError(
                {"due_on": _("An action cannot be due before the meeting where it was agreed.")}
            )
