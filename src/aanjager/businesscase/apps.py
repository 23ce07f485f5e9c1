from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessCaseConfig(AppConfig):
    name = "aanjager.businesscase"
    verbose_name = _("Business cases")
