from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingTaskConfig(AppConfig):
    name = "aanjager.housingtask"
    verbose_name = _("Housing task")
