from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "wenku.web"

    def ready(self) -> None:
        from . import invalidation  # models are loaded only now

        invalidation.connect()
