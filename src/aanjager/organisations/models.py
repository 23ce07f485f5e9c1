from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Municipality
from aanjager.organisations.validators import validate_kvk_number


class Corner(models.TextChoices):
    """The three corners of the driehoek (seed 000), plus organisations that stand outside it."""

    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING_PROVIDER = "housing_provider", _("Housing provider")
    EMPLOYER = "employer", _("Employer")
    NONE = "none", _("Outside the driehoek")


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING_CORPORATION = "housing_corporation", _("Housing corporation")
    PRIVATE_HOUSING_PROVIDER = "private_housing_provider", _("Private housing provider")
    EMPLOYER = "employer", _("Employer")
    TEMP_AGENCY = "temp_agency", _("Temp agency")
    CARE_WELFARE = "care_welfare", _("Care and welfare")
    GOVERNMENT = "government", _("National or provincial government")
    OTHER = "other", _("Other")


DEFAULT_CORNER = {
    OrganisationType.MUNICIPALITY: Corner.MUNICIPALITY,
    OrganisationType.HOUSING_CORPORATION: Corner.HOUSING_PROVIDER,
    OrganisationType.PRIVATE_HOUSING_PROVIDER: Corner.HOUSING_PROVIDER,
    OrganisationType.EMPLOYER: Corner.EMPLOYER,
    OrganisationType.TEMP_AGENCY: Corner.EMPLOYER,
}


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    org_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[validate_kvk_number],
        help_text=_("8 digits; leave empty for organisations without a registration."),
    )
    seat_municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="organisations", verbose_name=_("seat municipality")
    )
    corner = models.CharField(_("corner of the driehoek"), max_length=20, choices=Corner.choices, blank=True)
    website = models.URLField(_("website"), blank=True, max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True, max_length=200)
    phone = models.CharField(_("telephone"), blank=True, max_length=30)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_kvk_unique",
                violation_error_message=_("An organisation with this KvK number already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.corner and self.org_type:
            self.corner = DEFAULT_CORNER.get(self.org_type, Corner.NONE)
        if (
            self.kvk_number
            and Organisation.objects.filter(kvk_number=self.kvk_number).exclude(pk=self.pk).exists()
        ):
            raise ValidationError({"kvk_number": _("An organisation with this KvK number already exists.")})

    def validate_constraints(self, exclude=None):
        # clean() checks KvK uniqueness with a field to point at; the database constraint still holds the line.
        super().validate_constraints(exclude={*(exclude or ()), "kvk_number"})


class ContactPerson(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True, max_length=200)
    phone = models.CharField(_("telephone"), blank=True, max_length=30)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name
