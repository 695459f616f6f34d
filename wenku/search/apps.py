from django.apps import AppConfig
from django.core import checks


class SearchConfig(AppConfig):
    name = "wenku.search"
    verbose_name = "search"

    def ready(self) -> None:
        checks.register(check_backend)


def check_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """WENKU_SEARCH_BACKEND must name a backend that runs on the configured database."""
    from django.core.exceptions import ImproperlyConfigured

    from .backends import get_backend

    try:
        problem = get_backend().check()
    except ImproperlyConfigured as exc:
        problem = str(exc)
    if problem:
        return [
            checks.Error(
                problem,
                hint="Set WENKU_SEARCH_BACKEND to match WENKU_DATABASE_URL, or leave it empty.",
                id="wenku.search.E001",
            )
        ]
    return []
