"""Progress reports (voortgangsrapportage): immutable snapshots of live data on a reference date."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanjager.geo.models import Region


class ProgressReport(models.Model):
    """Figures frozen when generated; only publication changes afterwards. Region empty: national."""

    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_reports",
        verbose_name=_("region"),
    )
    reference_date = models.DateField(_("reference date"))
    title = models.CharField(_("title"), max_length=200)
    snapshot = models.JSONField()
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("compared with")
    )
    pdf = models.BinaryField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-reference_date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("agreements:report", args=[self.pk])
