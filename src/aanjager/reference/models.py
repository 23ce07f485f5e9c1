from django.db import models
from django.utils.translation import gettext_lazy as _


class MinimumWage(models.Model):
    """The gross statutory minimum wage (WML) per hour for workers aged 21 and over, from a date on."""

    valid_from = models.DateField(_("valid from"), unique=True)
    hourly_gross = models.DecimalField(_("gross per hour (EUR)"), max_digits=6, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")

    def __str__(self):
        return f"WML {self.hourly_gross} ({self.valid_from:%d-%m-%Y})"


class Population(models.Model):
    """Inhabitants of a municipality on 1 January of a year (CBS StatLine 03759ned), imported from a CSV file."""

    municipality = models.ForeignKey(
        "geo.Municipality", models.CASCADE, related_name="population", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["municipality__name", "-year"]
        verbose_name = _("population")
        verbose_name_plural = _("population")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="population_unique_year")
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"


class Distance(models.Model):
    """Travel distance between two municipalities (e.g. by road, from a route planner), for the optimiser; without
    it the optimiser uses the straight line between centroids."""

    origin = models.ForeignKey("geo.Municipality", models.CASCADE, related_name="+")
    destination = models.ForeignKey("geo.Municipality", models.CASCADE, related_name="+")
    km = models.FloatField(_("km"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("distance")
        verbose_name_plural = _("distances")
        constraints = [models.UniqueConstraint(fields=["origin", "destination"], name="distance_unique_pair")]

    def __str__(self):
        return f"{self.origin} → {self.destination}: {self.km} km"
