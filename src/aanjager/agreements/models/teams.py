"""Aanjaagteams (seed 000): one per region, a member from each corner of the driehoek, the team's roles as a
checklist, and the party engagement board: contact moments and escalations per organisation."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Region
from aanjager.organisations.models import Corner, Organisation

# The roles of an aanjaagteam, from seed 000 ("Rollen aanjaagteam").
TEAM_ROLES = (
    ("promote", _("Promote the project and make it known")),
    ("address_parties", _("Address parties that do not take part yet on their responsibility")),
    ("find_bottlenecks", _("Explore and signal bottlenecks, and mediate towards solutions")),
    ("sparring_partner", _("Act as sparring partner and troubleshooter")),
    ("connect_parties", _("Bring parties into contact with each other")),
    ("use_network", _("Use their (administrative) network where necessary")),
    ("escalate", _("Escalate to the portfolio holder or the ministry (BZK) if need be")),
    ("report_back", _("Report findings back at a second administrative meeting")),
)
TEAM_ROLE_KEYS = tuple(key for key, _label in TEAM_ROLES)
DRIEHOEK = (Corner.MUNICIPALITY, Corner.HOUSING_PROVIDER, Corner.EMPLOYER)


class Team(models.Model):
    region = models.OneToOneField(Region, models.PROTECT, related_name="team", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    target_date = models.DateField(
        _("agreements made by"),
        null=True,
        blank=True,
        help_text=_("When the concrete agreements must stand."),
    )
    roles_done = models.JSONField(_("roles taken up"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region__name"]
        verbose_name = _("aanjaagteam")
        verbose_name_plural = _("aanjaagteams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:team", args=[self.pk])

    def missing_corners(self) -> list[str]:
        present = {member.corner for member in self.members.all()}  # uses a prefetch when there is one
        return [c for c in DRIEHOEK if c not in present]


class TeamMember(models.Model):
    team = models.ForeignKey(Team, models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="team_memberships", verbose_name=_("organisation")
    )
    corner = models.CharField(_("corner of the driehoek"), max_length=20, choices=Corner.choices)

    class Meta:
        ordering = ["corner", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name


class PartyContact(models.Model):
    """A contact moment with an organisation on the engagement board, and the next step agreed."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Telephone")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")

    team = models.ForeignKey(Team, models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    contacted_on = models.DateField(_("date"))
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices, default=Channel.MEETING)
    summary = models.TextField(_("summary"))
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step by"), null=True, blank=True)
    owner = models.ForeignKey(
        TeamMember, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")

    def __str__(self):
        return f"{self.organisation} ({self.contacted_on})"


class Escalation(models.Model):
    class Level(models.TextChoices):
        PORTFOLIO_HOLDER = "portfolio_holder", _("Portfolio holder")
        MINISTRY = "ministry", _("Ministry (BZK)")

    team = models.ForeignKey(Team, models.CASCADE, related_name="escalations")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    level = models.CharField(_("escalated to"), max_length=20, choices=Level.choices)
    reason = models.TextField(_("reason"))
    escalated_on = models.DateField(_("date"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-escalated_on", "-id"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self):
        return f"{self.organisation} → {self.get_level_display()}"

    def clean(self):
        if self.escalated_on and self.escalated_on > dt.date.today():
            raise ValidationError({"escalated_on": _("An escalation cannot be dated in the future.")})
        if self.resolved_on and self.escalated_on and self.resolved_on < self.escalated_on:
            raise ValidationError({"resolved_on": _("An escalation cannot be resolved before it was made.")})
