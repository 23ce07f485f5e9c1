from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "aanjager.api"
    label = "api"
