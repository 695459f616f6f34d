from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "wenku.quality"
