"""Backend selection and its system check."""

from __future__ import annotations

from django.db import connection

from wenku.search.apps import check_backend
from wenku.search.backends import backend_name


def test_backend_follows_the_database(settings):
    settings.WENKU_SEARCH_BACKEND = ""
    assert backend_name() == {"sqlite": "sqlite_fts5", "postgresql": "postgres"}[connection.vendor]
    assert check_backend() == []


def test_check_reports_a_backend_for_another_database(settings):
    settings.WENKU_SEARCH_BACKEND = "postgres" if connection.vendor == "sqlite" else "sqlite_fts5"
    assert [e.id for e in check_backend()] == ["wenku.search.E001"]
    settings.WENKU_SEARCH_BACKEND = "elastic"
    assert [e.id for e in check_backend()] == ["wenku.search.E001"]
