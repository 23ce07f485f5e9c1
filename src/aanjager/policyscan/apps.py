from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyScanConfig(AppConfig):
    name = "aanjager.policyscan"
    verbose_name = _("Policy scans")
