"""Fixtures of the API tests: members, an API client per member, documents without conversion."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wenku.library.models import Category, Document, Page, Tag


@pytest.fixture(autouse=True)
def _api_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WENKU_PREVIEW_PAGES = 3
    settings.WENKU_PREVIEW_WIDTHS = [500, 1000]
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user("author", password="pw-author-123")


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="pw-reader-123")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("staffer", password="pw-staff-123", is_staff=True)


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + Token.objects.get_or_create(user=user)[0].key)
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def category(db):
    root = Category.objects.create(name="教育", slug="edu")
    return Category.objects.create(name="职业教育", slug="vocational", parent=root)


@pytest.fixture
def make_doc(db, author) -> Callable[..., Document]:
    def make(
        *,
        owner=None,
        title: str = "职业教育工作会议交流材料",
        pages: int = 6,
        visibility: str = Document.Visibility.PUBLIC,
        status: str = Document.Status.READY,
        category: Category | None = None,
        description: str = "",
        tags: tuple[str, ...] = (),
        price: int = 0,
        fmt: str = "pdf",
    ) -> Document:
        doc = Document.objects.create(
            owner=owner or author,
            title=title,
            description=description,
            category=category,
            original="originals/xx/test.pdf",
            original_name="test.pdf",
            file_size=1234,
            format=fmt,
            status=status,
            visibility=visibility,
            page_count=pages,
            price=price,
        )
        doc.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
        for number in range(1, pages + 1):
            Page.objects.create(
                document=doc, number=number, text=f"第{number}页正文", width_pt=595, height_pt=842
            )
        return doc

    return make


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "schemathesis: property-based run of the OpenAPI schema against the app"
    )
