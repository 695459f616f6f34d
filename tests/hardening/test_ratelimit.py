"""Rate limits on log-in, sign-up, upload and download: 429 with Retry-After, a readable
page for the site and the API's error shape for JSON clients."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from wenku.security import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings, monkeypatch):
    # Fixed windows: a test's requests must not straddle a window edge (they did, at random),
    # so the limiter's clock is pinned to the start of a window.
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    cache.clear()
    settings.WENKU_RATELIMIT = True
    settings.WENKU_RATE_LIMITS = {
        "login": (3, 60),
        "signup": (2, 60),
        "upload": (2, 60),
        "download": (2, 60),
    }
    yield
    cache.clear()


def test_login_attempts_are_limited_per_address(author):
    client = Client()
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "author", "password": "bad"})
        assert response.status_code == 200  # the form again, with its error
    blocked = client.post("/accounts/login/", {"username": "author", "password": "pw-author-123"})
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) >= 1
    html = blocked.content.decode()
    assert "<h1>" in html and "<html" in html  # a readable page, not a bare status
    assert client.get("/accounts/login/").status_code == 200  # looking at the form is free
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    ok = other_address.post("/accounts/login/", {"username": "author", "password": "pw-author-123"})
    assert ok.status_code == 302


def test_api_token_shares_the_login_limit(author):
    client = APIClient()
    for _ in range(3):
        client.post("/api/v1/auth/token", {"username": "author", "password": "bad"})
    blocked = client.post("/api/v1/auth/token", {"username": "author", "password": "x"})
    body = blocked.json()
    assert blocked.status_code == 429 and body["error"] == "rate_limited" and body["detail"]
    assert body["retry_after"] >= 1


def test_signup_is_limited():
    client = Client()
    for index in range(2):
        client.post("/accounts/register/", {"username": f"new{index}"})
    assert client.post("/accounts/register/", {"username": "new9"}).status_code == 429


def test_upload_is_limited_per_member(author, reader):
    client = token_client(author)

    texts = iter(range(100))

    def upload(c):  # a different file each time: an exact re-upload is refused on its own
        f = SimpleUploadedFile("a.txt", f"正文{next(texts)}".encode(), "text/plain")
        return c.post("/api/v1/documents", {"files": [f]}, format="multipart")

    assert [upload(client).status_code for _ in range(3)] == [201, 201, 429]
    web = Client()
    web.force_login(author)
    page = web.post("/upload/", {"files": [SimpleUploadedFile("b.txt", b"x", "text/plain")]})
    assert page.status_code == 429  # the site and the API share the member's counter
    assert upload(token_client(reader)).status_code == 201


def test_download_links_are_limited(make_doc, author):
    doc = make_doc()
    client = Client()
    client.force_login(author)
    codes = [client.get(f"/api/v1/documents/{doc.pk}/download").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


BAD_LOGIN = {"username": "author", "password": "bad"}


def _fail_logins(client: Client, times: int) -> int:
    for _ in range(times):
        client.post("/accounts/login/", BAD_LOGIN)
    return client.post("/accounts/login/", BAD_LOGIN).status_code


def test_behind_nginx_each_visitor_has_its_own_login_limit(settings, author):
    """Through nginx every request comes from 127.0.0.1: without WENKU_PROXY_COUNT one
    visitor's failed log-ins would lock every other visitor out."""
    settings.WENKU_PROXY_COUNT = 1
    nginx = {"REMOTE_ADDR": "127.0.0.1"}
    assert _fail_logins(Client(**nginx, HTTP_X_FORWARDED_FOR="203.0.113.5"), 3) == 429
    colleague = Client(**nginx, HTTP_X_FORWARDED_FOR="198.51.100.7")
    ok = colleague.post("/accounts/login/", {"username": "author", "password": "pw-author-123"})
    assert ok.status_code == 302
    # The blocked visitor cannot pose as the colleague: nginx appends the address it saw.
    spoof = Client(**nginx, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5")
    assert spoof.post("/accounts/login/", BAD_LOGIN).status_code == 429


def test_without_a_proxy_forwarded_for_is_ignored(settings, author):
    settings.WENKU_PROXY_COUNT = 0
    assert _fail_logins(Client(HTTP_X_FORWARDED_FOR="203.0.113.5"), 3) == 429
    other = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")  # same REMOTE_ADDR, a made-up header
    assert other.post("/accounts/login/", BAD_LOGIN).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.1.1.1, 203.0.113.5", "203.0.113.5"),
        (2, "1.1.1.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (1, "", "127.0.0.1"),  # straight to gunicorn, not through nginx
        (2, "203.0.113.5", "127.0.0.1"),  # fewer hops than proxies: not through all of them
        (1, "<script>", "127.0.0.1"),  # not an address
    ],
)
def test_client_address_from_forwarded_for(settings, proxies, forwarded, expected):
    from django.test import RequestFactory

    from wenku.security.clientip import client_ip

    settings.WENKU_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
