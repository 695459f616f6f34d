"""Backend selection: WENKU_SEARCH_BACKEND, or "" to follow the default database's engine."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

from .base import SORTS, Backend, Entry, Hits

__all__ = ["SORTS", "Backend", "Entry", "Hits", "get_backend"]

BACKENDS = {
    "sqlite_fts5": "wenku.search.backends.sqlite_fts5.SqliteFts5Backend",
    "postgres": "wenku.search.backends.postgres.PostgresBackend",
}
BY_VENDOR = {"sqlite": "sqlite_fts5", "postgresql": "postgres"}

_cache: dict[str, Backend] = {}


def backend_name() -> str:
    name = getattr(settings, "WENKU_SEARCH_BACKEND", "") or BY_VENDOR.get(connection.vendor, "")
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"WENKU_SEARCH_BACKEND={name!r}: choose one of {', '.join(BACKENDS)} "
            f"(or leave it empty on SQLite or PostgreSQL)"
        )
    return name


def get_backend() -> Backend:
    name = backend_name()
    if name not in _cache:
        _cache[name] = import_string(BACKENDS[name])()
    return _cache[name]
