"""Fixtures for the search tests. The same tests run on SQLite here and on PostgreSQL in a
child pytest (test_postgres.py), so nothing below may depend on the database engine."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection

from wenku.library.models import Category, Document, Page, Tag
from wenku.search.services import sync_document

PG_CHILD = os.environ.get("WENKU_SEARCH_PG_CHILD") == "1"
_serial = itertools.count()


@pytest.fixture(autouse=True)
def _engine_guard():
    """The PostgreSQL child must really be on PostgreSQL (no silent fallback to SQLite)."""
    if PG_CHILD:
        assert connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        username=f"author{next(_serial)}", password="x", display_name="张老师"
    )


@pytest.fixture
def categories(db) -> dict[str, Category]:
    """root ⊃ child ⊃ grandchild, and an unrelated root."""
    n = next(_serial)
    root = Category.objects.create(name="教育考试", slug=f"s-edu-{n}")
    child = Category.objects.create(name="高考", slug=f"s-gk-{n}", parent=root)
    grand = Category.objects.create(name="高考数学", slug=f"s-gks-{n}", parent=child)
    other = Category.objects.create(name="行业资料", slug=f"s-biz-{n}")
    return {"root": root, "child": child, "grand": grand, "other": other}


@pytest.fixture
def make_doc(db, owner) -> Callable[..., Document]:
    """A document with the given page texts, synced to the index like the library does."""

    def make(
        title: str = "测试文档",
        pages: list[str] | None = None,
        *,
        description: str = "",
        category: Category | None = None,
        tags: tuple[str, ...] = (),
        format: str = "pdf",
        price: int = 0,
        status: str = Document.Status.READY,
        visibility: str = Document.Visibility.PUBLIC,
        preview_limit: int | None = None,
        downloads: int = 0,
        sync: bool = True,
    ) -> Document:
        pages = pages if pages is not None else ["正文内容。"]
        doc = Document.objects.create(
            owner=owner,
            title=title,
            description=description,
            category=category,
            original=f"originals/test{next(_serial)}.{format}",
            format=format,
            file_size=12345,
            status=status,
            visibility=visibility,
            page_count=len(pages),
            preview_limit=preview_limit,
            price=price,
            downloads=downloads,
        )
        Page.objects.bulk_create(
            [Page(document=doc, number=i, text=t) for i, t in enumerate(pages, start=1)]
        )
        for name in tags:
            doc.tags.add(Tag.objects.get_or_create(name=name)[0])
        if sync:
            sync_document(doc)
        return doc

    return make
