"""Fixtures of the attack tests: members, staff, funded buyers and ready documents (page rows,
preview images and a stored original, made without the conversion pipeline)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from wenku.library import storage_layout
from wenku.library.models import Document, Page

PASSWORD = "Zhong-wen-2026!"
SECRET_TITLE = "绝密未公开的内部材料"


@pytest.fixture(autouse=True)
def _abuse_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WENKU_PREVIEW_PAGES = 5
    settings.WENKU_PREVIEW_WIDTHS = [500, 1000]
    settings.WENKU_SERVE_MODE = "django"
    settings.WENKU_SIGNUP_BONUS = 0
    settings.WENKU_UPLOAD_REWARD = 0
    settings.WENKU_COMMISSION_PERCENT = 0
    settings.WENKU_PREPUBLICATION_REVIEW = "off"
    settings.WENKU_RATELIMIT = False
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def make_user(django_user_model) -> Callable[..., object]:
    def make(name: str, **extra):
        extra.setdefault("email", f"{name}@example.com")
        return django_user_model.objects.create_user(name, password=PASSWORD, **extra)

    return make


@pytest.fixture
def author(make_user):
    return make_user("author")


@pytest.fixture
def prober(make_user):
    return make_user("prober")


@pytest.fixture
def staff(make_user):
    return make_user("moderator", is_staff=True)


def webp_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 28), "white").save(out, "WEBP")
    return out.getvalue()


def page_text(number: int) -> str:
    return f"第{number}页：职业教育是国民教育体系和人力资源开发的重要组成部分。"


@pytest.fixture
def make_doc(db, author) -> Callable[..., Document]:
    def make(
        *,
        owner=None,
        title: str = SECRET_TITLE,
        pages: int = 8,
        status: str = Document.Status.READY,
        visibility: str = Document.Visibility.PUBLIC,
        price: int = 10,
        rendered: int | None = None,  # pages 1..rendered have images (default: all)
        text: Callable[[int], str] = page_text,
    ) -> Document:
        content = ("%PDF-1.4\n" + "".join(text(n) for n in range(1, pages + 1))).encode()
        doc = Document.objects.create(
            owner=owner or author,
            title=title,
            original_name="original.pdf",
            file_size=len(content),
            format="pdf",
            status=status,
            visibility=visibility,
            page_count=pages if status == Document.Status.READY else 0,
            price=price,
        )
        doc.original.save("upload", ContentFile(content), save=True)
        if status != Document.Status.READY:
            return doc
        upto = pages if rendered is None else rendered
        image = webp_bytes()
        for number in range(1, pages + 1):
            Page.objects.create(
                document=doc, number=number, text=text(number), width_pt=595, height_pt=842,
                rendered=number <= upto,
            )  # fmt: skip
            if number <= upto:
                for width in (500, 1000):
                    name = storage_layout.page_image_name(doc.pk, number, width)
                    default_storage.save(name, ContentFile(image))
        default_storage.save(storage_layout.cover_name(doc.pk), ContentFile(image))
        return doc

    return make


@pytest.fixture
def buy(staff) -> Callable[..., object]:
    from wenku.wallet import services as wallet

    def purchase(user, doc, points: int = 100):
        wallet.grant(staff, user, points, "test funds")
        return wallet.purchase_document(user, doc.pk).purchase

    return purchase


def notice_data(doc_ids, **extra) -> dict:
    data = {
        "name": "王小明",
        "email": "rights@example.com",
        "phone": "010-12345678",
        "address": "北京市海淀区中关村大街1号",
        "work": "《职业教育工作会议交流材料》，王小明著，2024年出版",
        "documents": "\n".join(str(i) for i in doc_ids),
        "details": "全文照搬。",
        "good_faith": "on",
        "accuracy": "on",
    }
    data.update(extra)
    return data


def _normalised(response) -> tuple[int, str]:
    import re

    body = response.content.decode(errors="replace")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    body = re.sub(r'nonce="[^"]*"', "", body)
    return response.status_code, body


def answer_as_if_missing(doc: Document, ask: Callable[[int], object]) -> tuple[int, str]:
    """Ask about `doc`, then delete it and ask again: the two answers must be the same (a
    document one may not see is indistinguishable from an id that does not exist)."""
    from wenku.library.services import delete_document

    pk = doc.pk
    seen = _normalised(ask(pk))
    if SECRET_TITLE in seen[1]:
        raise AssertionError(f"the title was sent: {seen[1][:2000]}")
    delete_document(doc)
    missing = _normalised(ask(pk))
    assert seen == missing, f"answers differ:\n{seen}\n---\n{missing}"
    return seen
