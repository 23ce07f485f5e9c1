from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Region
from aanjager.organisations.models import Organisation


class User(AbstractUser):
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    POLICY_ADVISOR = "policy_advisor", _("Policy advisor")
    INSPECTOR = "inspector", _("Inspector")
    HOUSING_PROVIDER = "housing_provider", _("Housing provider")
    EMPLOYER = "employer", _("Employer")
    READER = "reader", _("Reader")


class Membership(models.Model):
    """A user works for an organisation in a role. The role and the organisation's area set what they may do."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("region"),
        help_text=_("Required for a regional coordinator: the region they coordinate."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["user__username", "organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique",
                violation_error_message=_("This user already has this role in this organisation."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        if self.role == Role.REGIONAL_COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("A regional coordinator needs a region.")})
        if self.role != Role.REGIONAL_COORDINATOR and self.region_id:
            raise ValidationError({"region": _("Only a regional coordinator is tied to a region.")})
