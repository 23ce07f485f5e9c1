import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

municipality_code_validator = RegexValidator(r"^GM\d{4}$", _("A municipality code looks like GM0123."))
province_code_validator = RegexValidator(r"^PV\d{2}$", _("A province code looks like PV26."))


class Province(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True, validators=[province_code_validator])
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def active_on(self, date: dt.date):
        return self.filter(valid_from__lte=date).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=date)
        )


class Municipality(models.Model):
    """A municipality as CBS codes it. Merged municipalities are ended (valid_to), never deleted."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[municipality_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(
        Province, models.PROTECT, related_name="municipalities", verbose_name=_("province")
    )
    corop_code = models.CharField(_("COROP code"), max_length=4, blank=True)
    corop_name = models.CharField(_("COROP region"), max_length=100, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), default=dt.date(2025, 1, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merged into"),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_active(self) -> bool:
        return self.valid_to is None


class Region(models.Model):
    """A named grouping of municipalities, such as Regio Rivierenland or a labour-market region."""

    class Type(models.TextChoices):
        LABOUR_MARKET = "labour_market", _("Labour-market region")
        HOUSING_MARKET = "housing_market", _("Housing-market region")
        COOPERATION = "cooperation", _("Cooperation region")
        CUSTOM = "custom", _("Custom region")

    name = models.CharField(_("name"), max_length=200)
    region_type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.COOPERATION)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    valid_from = models.DateField(_("valid from"), default=dt.date.today)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", verbose_name=_("municipalities")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="region_name_unique_ci",
                violation_error_message=_("A region with this name already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="region_valid_to_after_valid_from",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The database constraints hold the line; these checks give the same rules a field to point at.
        errors = {}
        if self.name and Region.objects.filter(name__iexact=self.name.strip()).exclude(pk=self.pk).exists():
            errors["name"] = _("A region with this name already exists.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude={*(exclude or ()), "name", "valid_from", "valid_to"})
