"""The document page's per-viewer boxes (buy, add to collection, ratings and comments) are
rendered once per position and shared (wenku.web.boxes): each member still gets their own
CSRF token and a fresh idempotency key, sees only their own collections, and their forms work
with their own session (the token is checked for real: enforce_csrf_checks)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from wenku.collections import services as collections
from wenku.reviews import services as reviews
from wenku.reviews.models import Rating

pytestmark = pytest.mark.django_db


def member_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def form_fields(page: str, action: str) -> dict[str, str]:
    form = page[page.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))


def test_two_members_share_a_box_but_not_its_token_key_or_collections(
    make_doc, member, other, django_user_model
):
    doc = make_doc(owner=django_user_model.objects.create_user("uploader"), price=0)
    collections.create(member, title="甲的私人收藏")
    first, second = member_client(member), member_client(other)
    pages = [c.get(doc.get_absolute_url()).content.decode() for c in (first, second, first)]
    rate = reverse("reviews:rate", args=[doc.pk])
    buy = reverse("wallet:buy", args=[doc.pk])
    tokens = [form_fields(p, rate)["csrfmiddlewaretoken"] for p in pages]
    keys = [form_fields(p, buy)["idempotency_key"] for p in pages]
    assert len(set(keys)) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", k) for k in keys)
    assert all(re.fullmatch(r"[A-Za-z0-9]{64}", t) for t in tokens)
    assert "甲的私人收藏" in pages[0] and "甲的私人收藏" not in pages[1]
    assert "甲的私人收藏" in pages[2]
    # Each member's token works for their own session only.
    for client, page, stars in ((first, pages[2], "4"), (second, pages[1], "5")):
        token = form_fields(page, rate)["csrfmiddlewaretoken"]
        assert client.post(rate, {"stars": stars, "csrfmiddlewaretoken": token}).status_code == 302
    assert sorted(Rating.objects.values_list("stars", flat=True)) == [4, 5]
    stranger = Client(enforce_csrf_checks=True)
    stranger.force_login(django_user_model.objects.create_user("third"))
    token = form_fields(pages[1], rate)["csrfmiddlewaretoken"]
    assert stranger.post(rate, {"stars": "1", "csrfmiddlewaretoken": token}).status_code == 403


def test_the_box_follows_the_members_own_rating(make_doc, member, other, django_user_model):
    doc = make_doc(owner=django_user_model.objects.create_user("uploader"), price=0)
    first, second = member_client(member), member_client(other)
    for client in (first, second):
        client.get(doc.get_absolute_url())
    reviews.rate(member, doc.pk, 3)
    mine = first.get(doc.get_absolute_url()).content.decode()
    theirs = second.get(doc.get_absolute_url()).content.decode()
    assert re.search(r'value="3" required checked', mine)
    assert "checked" not in theirs[theirs.index('class="rate-form"') :].split("</form>")[0]


def test_a_hostile_query_string_is_escaped_in_a_shared_box(client, make_doc, member, other):
    """The buy box's sign-in link and the boxes' `next` carry the path the client chose; the
    rendering kept for one client is escaped, and another client's path is its own."""
    doc = make_doc(price=3)
    hostile = doc.get_absolute_url() + '?x="><script>alert(1)</script>'
    page = client.get(hostile).content.decode()
    assert "<script>alert(1)" not in page and "alert%281%29" in page
    signed = member_client(other)
    assert "<script>alert(1)" not in signed.get(hostile).content.decode()
    plain = client.get(doc.get_absolute_url() + "?x=plain").content.decode()
    assert "alert" not in plain and "x%3Dplain" in plain
