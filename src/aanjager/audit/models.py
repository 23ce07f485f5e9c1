from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One create, update or delete done through a service, written in the same transaction as the change."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_label = models.CharField(_("organisation"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=10)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"


class PersonalDataView(models.Model):
    """One page or API response that showed personal data: names, e-mail addresses or telephone numbers of people
    (accounts, contact persons, team members, scan participants, owners of action items). Kept so that an
    organisation can say who saw someone's data and when (AVG art. 5(2), BIO logging); its items say whose."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("viewer"),
    )
    actor_label = models.CharField(_("viewer"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10)
    path = models.CharField(_("address"), max_length=300)
    count = models.PositiveIntegerField(_("people shown"))

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("view of personal data")
        verbose_name_plural = _("views of personal data")

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.path}"


class PersonalDataViewItem(models.Model):
    view = models.ForeignKey(PersonalDataView, models.CASCADE, related_name="items")
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("person"), max_length=300)

    class Meta:
        ordering = ["object_type", "object_id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.object_type} #{self.object_id}"
