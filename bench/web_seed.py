"""Seed data of bench/web.py: listed documents with Chinese text, a member's session, and
300-page documents bought by buyers who have not opened them yet (pages past the preview not
rendered: the worker renders them when the buyer reads)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import import_module

WORDS = ["职业教育", "会议", "数学", "工作总结", "安全"]
LONG_PAGES = 300


@dataclass
class Seeded:
    first_doc: int
    member_cookie: str
    category_slug: str
    buyers: list[tuple[str, int]] = field(default_factory=list)  # (session cookie, document)


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # as a sign-in records
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def long_pdf(pages: int) -> bytes:
    """A real PDF of `pages` text-like image pages (PIL writes it; PDFium renders it)."""
    from PIL import Image, ImageDraw

    images = []
    for n in range(pages):
        image = Image.new("L", (595, 842), 255)
        draw = ImageDraw.Draw(image)
        for line in range(40):
            draw.line((60, 60 + line * 18, 535 - (n + line) % 7 * 30, 60 + line * 18), 0, 2)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return out.getvalue()


def _long_documents(owner, category, buyers: int) -> list[tuple[str, int]]:
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from wenku.library import storage_layout
    from wenku.library.models import Document, Page
    from wenku.wallet import services as wallet

    staff = get_user_model().objects.create_user("bench-staff", is_staff=True)
    pdf = long_pdf(LONG_PAGES)
    out = []
    for n in range(buyers):
        doc = Document.objects.create(
            owner=owner, title=f"三百页的长文档第{n}号", category=category,
            original="originals/bench/long.pdf", original_name="long.pdf", file_size=len(pdf),
            format="pdf", status=Document.Status.READY, page_count=LONG_PAGES, price=10,
            converted_at=timezone.now(),
        )  # fmt: skip
        default_storage.save(storage_layout.pdf_name(doc.pk), ContentFile(pdf))
        Page.objects.bulk_create(
            Page(document=doc, number=p, text=f"第{p}页", width_pt=595, height_pt=842)
            for p in range(1, LONG_PAGES + 1)
        )
        buyer = get_user_model().objects.create_user(f"bench-buyer-{n}")
        wallet.grant(staff, buyer, 100, "bench")
        wallet.purchase_document(buyer, doc.pk)
        out.append((session_for(buyer), doc.pk))
    return out


def seed(docs: int, buyers: int) -> Seeded:
    """Migrate, create listed documents with page text (indexed), a member, the buyers."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from wenku.library.models import Category, Document, Page
    from wenku.search.indexing import sync_document

    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench-author")
    category = Category.objects.first() or Category.objects.create(name="文档", slug="docs")
    first = 0
    for n in range(docs):
        word = WORDS[n % len(WORDS)]
        doc = Document.objects.create(
            owner=owner,
            title=f"{word}材料第{n}号",
            description=f"关于{word}的文档。",
            category=category,
            original="originals/bench/x.pdf",
            original_name="x.pdf",
            file_size=20000,
            format="pdf",
            status=Document.Status.READY,
            page_count=5,
        )
        Page.objects.bulk_create(
            Page(document=doc, number=p, text=f"第{p}页：{word}的正文内容。" * 30, rendered=True)
            for p in range(1, 6)
        )
        sync_document(doc)
        first = first or doc.pk
    member = get_user_model().objects.create_user("bench-member", first_name="读者")
    seeded = Seeded(first, session_for(member), category.slug)
    seeded.buyers = _long_documents(owner, category, buyers)
    return seeded
