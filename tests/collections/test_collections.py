"""Collections on the site: make one, fill and order it, who sees it, and attackers' tries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wenku.collections import services
from wenku.collections.models import Collection, CollectionItem
from wenku.library import signals
from wenku.library.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing_events():
    seen = []

    def receiver(**kwargs):
        seen.append(kwargs)

    signals.listing_changed.connect(receiver)
    yield seen
    signals.listing_changed.disconnect(receiver)


def titles(client, collection) -> list[str]:
    page = client.get(reverse("collections:detail", args=[collection.pk]))
    assert page.status_code == 200
    return [i.document.title for i in page.context["items"]]


def test_build_order_and_view(client, reader, make_doc):
    a, b, c = (make_doc(title=t) for t in ("甲文档", "乙文档", "丙文档"))
    client.force_login(reader)
    response = client.post(
        reverse("collections:create"),
        {"title": "<script>alert(1)</script>备考资料", "description": "三份", "is_public": "on"},
    )
    collection = Collection.objects.get()
    assert response.status_code == 302 and collection.owner == reader
    for doc in (a, b, c):
        client.post(
            reverse("collections:add_item"), {"collection": collection.pk, "document": doc.pk}
        )
    assert titles(client, collection) == ["甲文档", "乙文档", "丙文档"]
    client.post(
        reverse("collections:item_action", args=[collection.pk]), {"document": c.pk, "action": "up"}
    )
    assert titles(client, collection) == ["甲文档", "丙文档", "乙文档"]
    client.post(
        reverse("collections:item_action", args=[collection.pk]),
        {"document": a.pk, "action": "remove"},
    )
    assert titles(client, collection) == ["丙文档", "乙文档"]
    html = client.get(collection.get_absolute_url()).content.decode()
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;备考资料" in html and "<script>alert(1)" not in html
    )


def test_hidden_document_drops_out_for_others(client, reader, author, make_doc, listing_events):
    shown, hidden = make_doc(title="公开文档"), make_doc(title="将被隐藏的文档")
    collection = services.create(reader, title="合集", is_public=True)
    services.add(reader, collection, shown.pk)
    services.add(reader, collection, hidden.pk)
    Document.objects.filter(pk=hidden.pk).update(visibility=Document.Visibility.HIDDEN)
    assert titles(client, collection) == ["公开文档"]  # anonymous
    html = client.get(collection.get_absolute_url()).content.decode()
    assert "将被隐藏的文档" not in html  # not even its title
    api_items = client.get(f"/api/v1/collections/{collection.pk}/items").json()["results"]
    assert [i["title"] for i in api_items] == ["公开文档"]
    client.force_login(reader)
    assert titles(client, collection) == ["公开文档"]  # the curator may not see it either
    client.force_login(author)
    assert titles(client, collection) == ["公开文档", "将被隐藏的文档"]  # its owner may


def test_private_collection_is_404_for_others(client, reader, author, make_doc):
    collection = services.create(reader, title="私人收藏", is_public=False)
    url = reverse("collections:detail", args=[collection.pk])
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 404
    unknown = reverse("collections:detail", args=[collection.pk + 100])
    assert client.get(unknown).status_code == 404
    assert client.post(reverse("collections:favourite", args=[collection.pk])).status_code == 404
    client.force_login(reader)
    assert client.get(url).status_code == 200


def test_another_member_cannot_edit(client, reader, author, make_doc):
    doc = make_doc()
    collection = services.create(reader, title="我的合集", is_public=True)
    client.force_login(author)
    edit = reverse("collections:edit", args=[collection.pk])
    assert client.post(edit, {"title": "被改了", "is_public": "on"}).status_code == 403
    assert client.post(edit, {"delete": "1"}).status_code == 403
    items = reverse("collections:item_action", args=[collection.pk])
    assert client.post(items, {"document": doc.pk, "action": "remove"}).status_code == 403
    client.post(reverse("collections:add_item"), {"collection": collection.pk, "document": doc.pk})
    collection.refresh_from_db()
    assert collection.title == "我的合集" and not collection.items.exists()


def test_hidden_or_unknown_document_cannot_be_added(reader, author, make_doc):
    hidden = make_doc(visibility=Document.Visibility.HIDDEN)
    collection = services.create(reader, title="合集")
    for raw in (hidden.pk, hidden.pk + 1000, "abc", None, True, "-1"):
        with pytest.raises(services.CollectionError) as info:
            services.add(reader, collection, raw)
        assert info.value.status == 404
    assert not CollectionItem.objects.exists()


def test_empty_title_is_refused(client, reader):
    client.force_login(reader)
    response = client.post(reverse("collections:create"), {"title": "  \x00 ", "description": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Collection.objects.exists()


def test_listing_changed_follows_public_changes_only(
    reader, make_doc, listing_events, django_capture_on_commit_callbacks
):
    doc = make_doc()
    with django_capture_on_commit_callbacks(execute=True):
        private = services.create(reader, title="私人")
        services.add(reader, private, doc.pk)
    assert listing_events == []
    with django_capture_on_commit_callbacks(execute=True):
        services.update(reader, private, is_public=True)
    assert len(listing_events) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(reader, private, doc.pk)
        services.update(reader, private, is_public=False)  # going private is a change too
    assert len(listing_events) == 3


def test_search_and_author_page_show_public_collections(client, reader, make_doc):
    doc = make_doc()
    public = services.create(reader, title="职业教育资料合集", is_public=True)
    services.add(reader, public, doc.pk)
    secret = services.create(reader, title="职业教育私藏", is_public=False)
    services.add(reader, secret, doc.pk)
    page = client.get(reverse("search:results"), {"q": "职业"}).content.decode()
    assert "职业教育资料合集" in page and "职业教育私藏" not in page
    profile = client.get(reverse("web:profile", args=[reader.username])).content.decode()
    assert "职业教育资料合集" in profile and "职业教育私藏" not in profile


def test_author_page_figures(client, author, make_doc):
    make_doc().__class__.objects.update(downloads=7)
    make_doc(visibility=Document.Visibility.HIDDEN)
    page = client.get(reverse("web:profile", args=[author.username]))
    assert page.context["stats"] == {
        "documents": 1,
        "downloads": 7,
        "rating_count": 0,
        "rating_average": None,  # shown as "not rated yet"
    }
    assert '<dd id="author-rating">暂无评分</dd>' in page.content.decode()  # zh-hans default


def test_document_page_box_only_for_members(client, reader, make_doc):
    doc = make_doc()
    services.create(reader, title="我的合集")
    anon = client.get(doc.get_absolute_url()).content.decode()
    assert "add-to-collection" not in anon and "我的合集" not in anon
    client.force_login(reader)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "add-to-collection" in page and "我的合集" in page


def test_favourites(reader, author):
    collection = services.create(author, title="合集", is_public=True)
    assert services.favourite(reader, collection)[1] is True
    assert services.favourite(reader, collection)[1] is False  # double click
    assert [f.collection for f in services.favourites_of(reader)] == [collection]
    services.update(author, collection, is_public=False)
    assert list(services.favourites_of(reader)) == []  # made private: gone for others
