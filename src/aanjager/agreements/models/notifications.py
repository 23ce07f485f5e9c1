"""In-app notifications, also sent by e-mail (at once or as a daily digest), after the change is committed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        AT_RISK = "at_risk", _("Commitment at risk")
        OVERDUE = "overdue", _("Commitment overdue")
        UPDATE_DUE = "update_due", _("Progress update due")
        ESCALATION = "escalation", _("Escalation")
        REVIEW = "review", _("Update to review")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    # One notification per event and user: the daily check may run twice without repeating itself.
    event_key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="notification_once_per_event")
        ]

    def __str__(self):
        return self.subject


class NotificationPreference(models.Model):
    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("A daily digest")
        NONE = "none", _("No e-mail, only in the application")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField(_("e-mail"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE)

    def __str__(self):
        return f"{self.user}: {self.email}"
