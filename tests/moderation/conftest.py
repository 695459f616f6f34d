"""Fixtures of the moderation tests: members, staff, funded buyers and ready documents with a
stored original and page texts (made without the conversion pipeline)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from wenku.library.models import Document, Page
from wenku.wallet import services as wallet

PASSWORD = "Zhong-wen-2026!"


@pytest.fixture(autouse=True)
def _moderation_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WENKU_SIGNUP_BONUS = 0
    settings.WENKU_UPLOAD_REWARD = 0
    settings.WENKU_COMMISSION_PERCENT = 0
    settings.WENKU_COUNTER_NOTICE_WAIT_DAYS = 15
    settings.WENKU_PREPUBLICATION_REVIEW = "off"
    settings.WENKU_STRIKE_LIMIT = 3
    settings.WENKU_EVIDENCE_MAX_MB = 1
    settings.WENKU_RATELIMIT = False


@pytest.fixture
def make_user(django_user_model) -> Callable[..., object]:
    def make(name: str, **extra):
        extra.setdefault("email", f"{name}@example.com")
        return django_user_model.objects.create_user(name, password=PASSWORD, **extra)

    return make


@pytest.fixture
def uploader(make_user):
    return make_user("uploader")


@pytest.fixture
def claimant(make_user):
    return make_user("claimant")


@pytest.fixture
def buyer(make_user):
    return make_user("buyer")


@pytest.fixture
def staff(make_user):
    return make_user("moderator", is_staff=True)


def doc_text(marker: str) -> str:
    return f"{marker}：职业教育是国民教育体系和人力资源开发的重要组成部分。" * 4


@pytest.fixture
def make_doc(db, uploader) -> Callable[..., Document]:
    def make(
        *,
        owner=None,
        title: str = "全市职业教育工作会议交流材料",
        price: int = 10,
        marker: str = "甲",
        visibility: str = Document.Visibility.PUBLIC,
    ) -> Document:
        content = ("%PDF-1.4\n" + doc_text(marker)).encode()
        doc = Document.objects.create(
            owner=owner or uploader,
            title=title,
            original_name="original.pdf",
            file_size=len(content),
            file_sha256=hashlib.sha256(content).hexdigest(),
            format="pdf",
            status=Document.Status.READY,
            visibility=visibility,
            page_count=2,
            price=price,
        )
        doc.original.save("upload", ContentFile(content), save=True)
        for number in (1, 2):
            Page.objects.create(document=doc, number=number, text=doc_text(marker + str(number)))
        return doc

    return make


@pytest.fixture
def fund(staff) -> Callable[[object, int], None]:
    def give(user, points: int) -> None:
        wallet.grant(staff, user, points, "test funds")

    return give


@pytest.fixture
def buy(fund):
    def purchase(user, doc, points: int = 100):
        fund(user, points)
        return wallet.purchase_document(user, doc.pk).purchase

    return purchase


def login(client, user):
    client.force_login(user)
    return client


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


def counter_data(**extra) -> dict:
    data = {
        "name": "李上传",
        "email": "uploader@example.com",
        "phone": "",
        "address": "上海市浦东新区世纪大道100号",
        "details": "该材料是我本人撰写的会议发言稿。",
        "not_infringing": "on",
        "accuracy": "on",
    }
    data.update(extra)
    return data
