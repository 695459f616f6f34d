"""Tokens, favourites, the wrapped wallet endpoints and the staff endpoints."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wenku.library.models import Document

from .conftest import token_client

pytestmark = pytest.mark.django_db


def test_token_from_password_then_used_and_revoked(author, anon):
    bad = anon.post("/api/v1/auth/token", {"username": "author", "password": "wrong"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid"
    got = anon.post("/api/v1/auth/token", {"username": "author", "password": "pw-author-123"})
    key = got.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/balance").json()["user"] == "author"
    assert client.delete("/api/v1/auth/token").status_code == 204
    refused = client.get("/api/v1/me/balance")
    assert refused.status_code == 401 and refused.json()["error"] == "login_required"


def test_token_management_command(author):
    call_command("drf_create_token", "author")
    assert Token.objects.filter(user=author).exists()


def test_anonymous_is_401_with_the_wallet_shape(anon):
    response = anon.get("/api/v1/me/favourites")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    assert set(response.json()) == {"error", "detail"}


def test_favourites(make_doc, reader):
    doc = make_doc()
    hidden = make_doc(visibility=Document.Visibility.HIDDEN)
    client = token_client(reader)
    assert client.put(f"/api/v1/documents/{doc.pk}/favourite").status_code == 201
    assert client.put(f"/api/v1/documents/{doc.pk}/favourite").status_code == 200
    assert client.put(f"/api/v1/documents/{hidden.pk}/favourite").status_code == 404
    listed = client.get("/api/v1/me/favourites").json()
    assert listed["count"] == 1 and listed["results"][0]["document"]["title"] == doc.title
    doc.visibility = Document.Visibility.HIDDEN
    doc.save()
    after = client.get("/api/v1/me/favourites").json()["results"][0]["document"]
    assert after == {"id": doc.pk, "available": False}  # no title of a hidden document
    doc.visibility = Document.Visibility.PUBLIC
    doc.save()
    assert client.delete(f"/api/v1/documents/{doc.pk}/favourite").status_code == 204
    assert client.get("/api/v1/me/favourites").json()["count"] == 0


def test_purchase_and_download_with_a_token_need_no_csrf(make_doc, reader):
    doc = make_doc(price=0)
    client = token_client(reader)
    shown = {"expected_price": 0}  # the price the client was shown
    bought = client.post(f"/api/v1/documents/{doc.pk}/purchase", shown, format="json")
    assert bought.status_code == 201, bought.content
    link = client.get(f"/api/v1/documents/{doc.pk}/download").json()
    assert "/wallet/file/" in link["url"] and link["expires_at"]


def test_session_purchase_still_needs_csrf(make_doc, reader):
    doc = make_doc(price=0)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reader)
    refused = client.post(f"/api/v1/documents/{doc.pk}/purchase", {}, format="json")
    assert refused.status_code == 403 and refused.json()["error"] == "csrf_failed"


def test_staff_endpoints(make_doc, staff, reader, anon):
    doc = make_doc(visibility=Document.Visibility.HELD)
    assert anon.get("/api/v1/staff/documents").status_code == 401
    assert token_client(reader).get("/api/v1/staff/documents").status_code == 403
    client = token_client(staff)
    held = client.get("/api/v1/staff/documents", {"visibility": "held"}).json()
    assert [r["id"] for r in held["results"]] == [doc.pk]
    changed = client.post(
        f"/api/v1/staff/documents/{doc.pk}/visibility", {"visibility": "public"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["visibility"] == "public"
    bad = client.post(
        f"/api/v1/staff/documents/{doc.pk}/visibility", {"visibility": "gone"}, format="json"
    )
    assert bad.status_code == 400 and "visibility" in bad.json()["fields"]


def test_token_post_is_a_login_not_a_session_write(author):
    """A signed-in browser session does not make the token endpoint demand a CSRF token."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(author)
    got = client.post("/api/v1/auth/token", {"username": "author", "password": "pw-author-123"})
    assert got.status_code == 200 and got.json()["token"]
