from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "wenku.web"
