"""Fixtures of the web tests: members, and documents made without the conversion pipeline."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from PIL import Image

from wenku.library import storage_layout
from wenku.library.models import Category, Document, Page, Tag
from wenku.web import pagecache


@pytest.fixture(autouse=True)
def _web_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WENKU_PREVIEW_PAGES = 5
    settings.WENKU_PREVIEW_WIDTHS = [500, 1000]
    settings.WENKU_SERVE_MODE = "django"
    settings.SITE_URL = "https://wenku.example"
    settings.LANGUAGE_CODE = "zh-hans"
    # Ids repeat across tests (each rolls back): no page or view count of an earlier test's
    # document may carry over to this one's.
    cache.clear()
    pagecache.views.forget()
    try:
        reverse("search:results")
    except NoReverseMatch:  # the search app does not define its pages yet
        settings.ROOT_URLCONF = "tests.web.fallback_urls"


def webp_bytes(width: int = 20, height: int = 28) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "WEBP")
    return out.getvalue()


def default_text(number: int) -> str:
    return f"第{number}页正文：职业技术教育第{number}段内容。"


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("author", password="pw-author-123")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("reader", password="pw-reader-123")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("staffer", password="pw-staff-123", is_staff=True)


@pytest.fixture
def category(db):
    parent = Category.objects.create(name="测试文档", slug="test-docs")
    return Category.objects.create(name="测试材料", slug="test-material", parent=parent)


@pytest.fixture
def make_doc(db, member) -> Callable[..., Document]:
    def make(
        *,
        owner=None,
        title: str = "全市职业教育工作会议交流材料",
        pages: int = 8,
        status: str = Document.Status.READY,
        visibility: str = Document.Visibility.PUBLIC,
        category: Category | None = None,
        text: Callable[[int], str] = default_text,
        rendered: bool = True,
        description: str = "",
        tags: tuple[str, ...] = (),
        price: int = 0,
        preview_limit: int | None = None,
        file_size: int = 17315,
    ) -> Document:
        doc = Document.objects.create(
            owner=owner or member,
            title=title,
            description=description,
            category=category,
            original="originals/xx/test.pdf",
            original_name="test.pdf",
            file_size=file_size,
            format="pdf",
            status=status,
            visibility=visibility,
            page_count=pages if status == Document.Status.READY else 0,
            price=price,
            preview_limit=preview_limit,
        )
        doc.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
        if status != Document.Status.READY:
            return doc
        image = webp_bytes()
        for number in range(1, pages + 1):
            Page.objects.create(
                document=doc,
                number=number,
                text=text(number),
                width_pt=595.0,
                height_pt=842.0,
                rendered=rendered,
            )
            if rendered:
                for width in (500, 1000):
                    name = storage_layout.page_image_name(doc.pk, number, width)
                    default_storage.save(name, ContentFile(image))
        if rendered:
            default_storage.save(storage_layout.cover_name(doc.pk), ContentFile(image))
        return doc

    return make
