"""API: collections (CRUD, items, order, favourite), author pages, payouts — and attempts."""

from __future__ import annotations

import pytest

from tests.api.conftest import token_client
from wenku.collections import services as collections
from wenku.library.models import Document
from wenku.wallet import ledger, services
from wenku.wallet.models import Entry, Payout

pytestmark = pytest.mark.django_db


def test_build_a_collection(reader, make_doc, anon):
    api = token_client(reader)
    a, b = make_doc(title="甲"), make_doc(title="乙")
    made = api.post(
        "/api/v1/collections",
        {"title": "<b>备考</b>", "description": "两份", "is_public": True},
        format="json",
    )
    assert made.status_code == 201 and made.json()["title"] == "<b>备考</b>"
    pk = made.json()["id"]
    assert (
        api.post(f"/api/v1/collections/{pk}/items", {"document": a.pk}, format="json").status_code
        == 201
    )
    assert (
        api.post(f"/api/v1/collections/{pk}/items", {"document": b.pk}, format="json").status_code
        == 201
    )
    assert (
        api.post(f"/api/v1/collections/{pk}/items", {"document": b.pk}, format="json").status_code
        == 200
    )
    assert (
        api.put(
            f"/api/v1/collections/{pk}/order", {"documents": [b.pk, a.pk]}, format="json"
        ).status_code
        == 204
    )
    listed = anon.get(f"/api/v1/collections/{pk}/items").json()["results"]
    assert [i["title"] for i in listed] == ["乙", "甲"]
    assert api.delete(f"/api/v1/collections/{pk}/items/{b.pk}").status_code == 204
    assert [i["title"] for i in anon.get(f"/api/v1/collections/{pk}/items").json()["results"]] == [
        "甲"
    ]
    assert anon.get("/api/v1/collections").json()["results"][0]["id"] == pk


def test_private_collection_is_404_by_api(reader, author, make_doc, anon):
    secret = collections.create(reader, title="私人")
    other = token_client(author)
    for client in (anon, other):
        assert client.get(f"/api/v1/collections/{secret.pk}").status_code == 404
        assert client.get(f"/api/v1/collections/{secret.pk}/items").status_code == 404
    assert other.put(f"/api/v1/collections/{secret.pk}/favourite").status_code == 404
    assert (
        other.patch(f"/api/v1/collections/{secret.pk}", {"title": "x"}, format="json").status_code
        == 404
    )
    assert secret.pk not in [c["id"] for c in other.get("/api/v1/collections").json()["results"]]


def test_others_cannot_edit_and_hidden_documents_cannot_be_added(reader, author, make_doc):
    public = collections.create(reader, title="公开", is_public=True)
    other = token_client(author)
    response = other.patch(f"/api/v1/collections/{public.pk}", {"title": "改"}, format="json")
    assert response.status_code == 403 and response.json()["error"] == "not_your_collection"
    assert other.delete(f"/api/v1/collections/{public.pk}").status_code == 403
    hidden = make_doc(owner=author, visibility=Document.Visibility.HIDDEN)
    api = token_client(reader)
    added = api.post(
        f"/api/v1/collections/{public.pk}/items", {"document": hidden.pk}, format="json"
    )
    assert added.status_code == 404
    bad = api.put(
        f"/api/v1/collections/{public.pk}/order", {"documents": [hidden.pk]}, format="json"
    )
    assert bad.status_code == 400
    assert not public.items.exists()
    empty = api.post("/api/v1/collections", {"title": "   "}, format="json")
    assert empty.status_code == 400 and empty.json()["error"] == "invalid"


def test_author_page(author, make_doc, anon):
    make_doc()
    Document.objects.update(downloads=4)
    collections.create(author, title="公开合集", is_public=True)
    collections.create(author, title="私人合集")
    data = anon.get(f"/api/v1/authors/{author.username}").json()
    assert data["documents"] == 1 and data["downloads"] == 4
    assert [c["title"] for c in data["collections"]] == ["公开合集"]
    assert anon.get("/api/v1/authors/nobody").status_code == 404


@pytest.fixture
def earner(author, reader, staff, make_doc, settings):
    settings.WENKU_PAYOUT_MIN = 10
    settings.WENKU_PAYOUT_FEE = 1
    services.grant(staff, reader, 500, "funds")
    services.purchase_document(reader, make_doc(price=100).pk)
    return author


def test_payout_request_and_staff_decision(earner, staff, reader):
    api = token_client(earner)
    assert api.get("/api/v1/me/withdrawable").json()["amount"] == 100
    made = api.post("/api/v1/me/payouts", {"points": 60}, format="json")
    assert made.status_code == 201
    pk = made.json()["id"]
    again = api.post("/api/v1/me/payouts", {"points": 10}, format="json")
    assert again.status_code == 409 and again.json()["error"] == "payout_pending"
    # A member (even the author) cannot decide.
    assert api.post(f"/api/v1/staff/payouts/{pk}/approve", {}, format="json").status_code == 403
    assert (
        token_client(reader)
        .post(f"/api/v1/staff/payouts/{pk}/reject", {"reason": "x"}, format="json")
        .status_code
        == 403
    )
    boss = token_client(staff)
    assert boss.post(f"/api/v1/staff/payouts/{pk}/approve", {}, format="json").status_code == 200
    twice = boss.post(f"/api/v1/staff/payouts/{pk}/approve", {}, format="json")
    assert twice.status_code == 409 and twice.json()["error"] == "payout_decided"
    csv_text = boss.get("/api/v1/staff/payouts/export").content.decode()
    assert f"{pk},author," in csv_text
    mine = api.get("/api/v1/me/payouts").json()["results"][0]
    assert mine["status"] == "approved" and [e["kind"] for e in mine["events"]] == [
        "requested",
        "approved",
        "exported",
    ]
    assert ledger.audit().ok


@pytest.mark.parametrize(
    "points, code",
    [
        (1.5, "invalid"),
        (-20, "invalid"),
        ("12abc", "invalid"),
        (True, "invalid"),
        (None, "invalid"),
        (9, "payout_below_minimum"),
        (101, "payout_above_withdrawable"),
    ],
)
def test_payout_bad_input_moves_nothing(earner, points, code):
    before = (Entry.objects.count(), ledger.balance_of(earner))
    response = token_client(earner).post("/api/v1/me/payouts", {"points": points}, format="json")
    assert response.status_code in (400, 409) and response.json()["error"] == code
    assert (Entry.objects.count(), ledger.balance_of(earner)) == before
    assert not Payout.objects.exists()
