from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "aanjager.core"
    label = "core"
