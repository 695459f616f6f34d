"""Attack: an open redirect through `next=` (a link on a trusted site that lands on
evil.com, e.g. a phishing copy of the sign-in page). Every redirect target outside the wallet
goes through security.redirects.safe_next."""

from __future__ import annotations

import pytest
from django.test import Client

from wenku.library.models import Document

pytestmark = pytest.mark.django_db
HOSTILE = [
    "/\\evil.com",
    "//evil.com",
    "\\\\evil.com",
    "https://evil.com/",
    "http:evil.com",
    "javascript:alert(1)",
    "/\\/evil.com",
    " //evil.com",
    "https://testserver.evil.com/",
]


def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.mark.parametrize("target", HOSTILE)
def test_quality_decision_never_redirects_off_site(make_doc, staff, target):
    doc = make_doc(visibility=Document.Visibility.HELD)
    response = staff_client(staff).post(
        f"/quality/{doc.pk}/decide/", {"action": "approve", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == doc.get_absolute_url()


def test_quality_decision_follows_a_local_next(make_doc, staff):
    doc = make_doc(visibility=Document.Visibility.HELD)
    response = staff_client(staff).post(
        f"/quality/{doc.pk}/decide/", {"action": "approve", "next": "/quality/review/"}
    )
    assert response["Location"] == "/quality/review/"


@pytest.mark.parametrize("target", HOSTILE)
def test_retry_and_register_never_redirect_off_site(make_doc, author, target):
    doc = make_doc(status=Document.Status.FAILED)
    owner = Client()
    owner.force_login(author)
    response = owner.post(f"/d/{doc.pk}/retry/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/me/documents/"
    signed_in = owner.get("/accounts/register/", {"next": target})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"
    login = Client().post(
        "/accounts/login/", {"username": "author", "password": "Zhong-wen-2026!", "next": target}
    )
    assert login.status_code == 302 and "evil.com" not in login["Location"]
