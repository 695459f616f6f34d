"""Each page type's queries stay flat as rows grow: the same count at 10 and at 1,000 rows
(documents listed, a member's documents, purchases and messages). Measured with the shared
page cache off (what a render costs) and, for the anonymous pages, on (a hit costs none)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wenku.library.models import Document, Page
from wenku.moderation.models import Message
from wenku.search.services import sync_document
from wenku.wallet.models import Purchase

pytestmark = pytest.mark.django_db

SEARCH = "/search/?q=%E8%81%8C%E4%B8%9A"


def add_documents(owner, category, count: int, *, index: bool) -> list[Document]:
    docs = Document.objects.bulk_create(
        Document(
            owner=owner, title=f"职业教育材料{n}", category=category, format="pdf",
            original="originals/x/x.pdf", status=Document.Status.READY, page_count=3, price=5,
        )
        for n in range(count)
    )  # fmt: skip
    Page.objects.bulk_create(
        Page(document=d, number=p, text=f"职业教育第{p}页", rendered=True)
        for d in docs
        for p in range(1, 4)
    )
    if index:
        for doc in docs[:30]:  # enough to fill result pages; the rest found by title
            sync_document(doc)
    return docs


def add_purchases(buyer, docs: list[Document]) -> None:
    Purchase.objects.bulk_create(
        Purchase(buyer=buyer, document=d, document_title=d.title, author=d.owner, price=5)
        for d in docs
    )


def add_messages(member, count: int) -> None:
    Message.objects.bulk_create(
        Message(recipient=member, subject=f"通知{n}", body="正文") for n in range(count)
    )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture
def grow(make_doc, member, other, category, settings) -> Callable[[int], dict[str, int]]:
    """Bring every kind of row to `total` and measure each page (members: `other` reads)."""
    settings.WENKU_PAGE_CACHE = False
    target = make_doc(title="职业教育目标文档", category=category, price=5)
    sync_document(target)
    reader = Client()
    reader.force_login(other)
    owner = Client()
    owner.force_login(member)
    made = {"docs": 0, "mine": 0, "messages": 0}

    def to(total: int) -> dict[str, int]:
        listed = add_documents(member, category, total - made["docs"], index=True)
        mine = add_documents(other, category, total - made["mine"], index=False)
        add_purchases(other, listed)
        add_messages(other, total - made["messages"])
        made.update(docs=total, mine=total, messages=total)
        anonymous = Client()
        doc_url = target.get_absolute_url()
        pages = {
            "home": (anonymous, "/"),
            "category": (anonymous, category.get_absolute_url()),
            "search": (anonymous, SEARCH),
            "document": (anonymous, doc_url),
            "member document": (reader, doc_url),
            "owner document": (owner, doc_url),
            "bought document": (reader, mine[0].get_absolute_url()),
            "my documents": (reader, "/me/documents/"),
            "wallet": (reader, "/wallet/"),
            "purchases": (reader, "/wallet/purchases/"),
            "messages": (reader, "/moderation/inbox/"),
        }
        for client, url in pages.values():
            client.get(url)  # warm: related ids, first-visit work
        return {name: count(client, url) for name, (client, url) in pages.items()}

    return to


def test_query_counts_are_flat_from_10_to_1000_rows(grow):
    small = grow(10)
    large = grow(1000)
    assert large == small, (small, large)
    # And they are few: a member's document page does its work in a handful of queries.
    assert small["member document"] <= 10, small
    assert small["document"] <= 8, small
    print(small)


def test_anonymous_pages_from_the_cache_cost_no_query(make_doc, category, settings):
    target = make_doc(title="职业教育目标文档", category=category)
    sync_document(target)
    add_documents(target.owner, category, 1000, index=False)
    client = Client()
    for url in ["/", category.get_absolute_url(), SEARCH, target.get_absolute_url()]:
        for _ in range(2):
            client.get(url)
        assert count(client, url) == 0, url
