from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "aanjager.demo"
    label = "demo"
