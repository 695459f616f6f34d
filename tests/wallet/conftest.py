"""Fixtures of the wallet tests: members, funded accounts, and ready documents with stored
originals and page images (made without the conversion pipeline)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from wenku.library import storage_layout, textlayers
from wenku.library.models import Document, Page
from wenku.wallet import services


@pytest.fixture(autouse=True)
def _wallet_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WENKU_PREVIEW_PAGES = 5
    settings.WENKU_PREVIEW_WIDTHS = [500, 1000]
    settings.WENKU_SERVE_MODE = "django"
    settings.LANGUAGE_CODE = "zh-hans"
    settings.WENKU_SIGNUP_BONUS = 0  # tests that want it switch it on
    settings.WENKU_SIGNIN_POINTS = 2
    settings.WENKU_UPLOAD_REWARD = 5
    settings.WENKU_COMMISSION_PERCENT = 0
    settings.WENKU_PRICE_MAX = 1000
    settings.WENKU_DOWNLOAD_URL_SECONDS = 60
    settings.WENKU_DOWNLOADS_PER_DAY = 50
    settings.WENKU_DOWNLOADS_PER_IP_PER_DAY = 200
    settings.WENKU_PAYMENT_GATEWAY = "sandbox"


def page_image(number: int) -> bytes:
    """A WebP that differs per page, so a response body tells which page it is."""
    out = io.BytesIO()
    Image.new("RGB", (20 + number, 28), (number * 20 % 256, 90, 160)).save(out, "WEBP")
    return out.getvalue()


def original_bytes(doc_id: int) -> bytes:
    return b"%PDF-1.4\n% ORIGINAL-FILE-MARKER-" + str(doc_id).encode() + b"\n" + b"x" * 2000


def beyond_marker(number: int) -> str:
    return f"付费正文独有标记{number}ZQX"


def page_text(number: int) -> str:
    if number > 5:
        return f"第{number}页正文。{beyond_marker(number)}。"
    return f"第{number}页正文：职业技术教育第{number}段内容。"


@pytest.fixture
def make_user(django_user_model) -> Callable[..., object]:
    counter = iter(range(1, 10_000))

    def make(name: str = "", **extra):
        name = name or f"member{next(counter)}"
        return django_user_model.objects.create_user(name, password=f"pw-{name}-123", **extra)

    return make


@pytest.fixture
def author(make_user):
    return make_user("author")


@pytest.fixture
def buyer(make_user):
    return make_user("buyer")


@pytest.fixture
def other(make_user):
    return make_user("other")


@pytest.fixture
def staff(make_user):
    return make_user("staffer", is_staff=True)


@pytest.fixture
def fund(staff) -> Callable[[object, int], None]:
    def give(user, points: int) -> None:
        services.grant(staff, user, points, "test funds")

    return give


@pytest.fixture
def make_doc(db, author) -> Callable[..., Document]:
    def make(
        *,
        owner=None,
        title: str = "全市职业教育工作会议交流材料",
        pages: int = 10,
        price: int = 10,
        status: str = Document.Status.READY,
        visibility: str = Document.Visibility.PUBLIC,
        store_original: bool = True,
    ) -> Document:
        doc = Document.objects.create(
            owner=owner or author,
            title=title,
            original_name="stored-name-should-not-leak.pdf",
            file_size=2048,
            format="pdf",
            status=status,
            visibility=visibility,
            page_count=pages if status == Document.Status.READY else 0,
            price=price,
        )
        if store_original:
            doc.original.save("upload", ContentFile(original_bytes(doc.pk)), save=True)
        else:
            doc.original.name = "originals/zz/missing.pdf"
            doc.save(update_fields=["original"])
        if status != Document.Status.READY:
            return doc
        Document.objects.filter(pk=doc.pk).update(text_layer=1)
        doc.text_layer = 1
        for number in range(1, pages + 1):
            # The text layer carries the page's text (and its marker) like the page text.
            textlayers.save(doc.pk, number, [[page_text(number), 1200, 1000 + number, 7000, 150]])
            Page.objects.create(
                document=doc,
                number=number,
                text=page_text(number),
                width_pt=595.0,
                height_pt=842.0,
                rendered=True,
            )
            for width in (500, 1000):
                name = storage_layout.page_image_name(doc.pk, number, width)
                default_storage.save(name, ContentFile(page_image(number)))
        default_storage.save(storage_layout.cover_name(doc.pk), ContentFile(page_image(1)))
        return doc

    return make
