"""The attacker who wants points from nothing: the same text uploaded again (the same file,
a re-saved copy, after deleting, another member's text), and what a removal for cause does.

Uploads go through the real site form and API and the real conversion (small PDFs: the
PDF path needs no LibreOffice)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from tests.abuse.money_fixtures import *  # noqa: F403 - the wallet fixtures
from tests.abuse.money_fixtures import _wallet_settings, pdf_bytes  # noqa: F401
from wenku.library.models import Document
from wenku.publishing import tasks as conversion
from wenku.wallet import ledger
from wenku.wallet.models import LedgerTransaction

pytestmark = pytest.mark.django_db
Reason = LedgerTransaction.Reason
TEXT = [f"Vocational education meeting notes, page {n}: the school and the city." for n in (1, 2)]


def rewards() -> int:
    return LedgerTransaction.objects.filter(reason=Reason.UPLOAD_REWARD).count()


def upload(client, data: bytes, name: str = "notes.pdf"):
    files = {"files": [SimpleUploadedFile(name, data, content_type="application/pdf")]}
    return client.post(reverse("web:upload"), files)


def convert_all() -> None:
    for pk in Document.objects.filter(status=Document.Status.UPLOADED).values_list("pk", flat=True):
        assert conversion.convert(pk) == "ready"


def test_same_file_three_times_is_refused_with_a_link_and_rewarded_once(client, author):
    client.force_login(author)
    assert upload(client, pdf_bytes(TEXT)).status_code == 302
    convert_all()
    first = Document.objects.get(owner=author)
    assert first.is_listed and rewards() == 1 and ledger.balance_of(author) == 5
    for _ in range(2):
        again = upload(client, pdf_bytes(TEXT), "notes-copy.pdf")
        assert again.status_code == 200
        page = again.content.decode()
        assert first.get_absolute_url() in page and "已经上传过" in page  # Chinese by default
    assert Document.objects.filter(owner=author).count() == 1
    assert rewards() == 1 and ledger.balance_of(author) == 5
    # The same refusal in English.
    client.cookies["django_language"] = "en"
    english = upload(client, pdf_bytes(TEXT))
    assert "You have already uploaded this file" in english.content.decode()


def test_api_upload_of_an_own_copy_is_refused_with_its_url(author):
    api = APIClient()
    api.force_authenticate(author)
    url = reverse("api:documents")
    first = api.post(url, {"files": [SimpleUploadedFile("a.pdf", pdf_bytes(TEXT))]})
    assert first.status_code == 201
    doc_id = first.json()["documents"][0]["id"]
    again = api.post(url, {"files": [SimpleUploadedFile("b.pdf", pdf_bytes(TEXT))]})
    assert again.status_code == 400
    rejected = again.json()["rejected"][0]
    assert rejected["code"] == "own_duplicate" and rejected["document"] == doc_id
    assert rejected["url"].endswith(f"/d/{doc_id}/")
    assert Document.objects.filter(owner=author).count() == 1


def test_a_resaved_copy_of_the_same_text_earns_nothing(client, author):
    """Different bytes (another PDF producer, a changed layout), the same text."""
    client.force_login(author)
    upload(client, pdf_bytes(TEXT))
    convert_all()
    resaved = pdf_bytes([t.upper() + "  " for t in TEXT])  # case and spacing are folded
    assert upload(client, resaved, "resaved.pdf").status_code == 302
    convert_all()
    assert Document.objects.filter(owner=author, status="ready").count() == 2
    assert rewards() == 1 and ledger.balance_of(author) == 5


def test_delete_and_upload_again_earns_nothing(client, author):
    client.force_login(author)
    upload(client, pdf_bytes(TEXT))
    convert_all()
    doc = Document.objects.get(owner=author)
    assert client.post(reverse("web:document_delete", args=[doc.pk])).status_code == 302
    assert not Document.objects.filter(pk=doc.pk).exists()
    assert upload(client, pdf_bytes(TEXT)).status_code == 302  # allowed: nothing to link to
    convert_all()
    assert Document.objects.get(owner=author).is_listed
    assert rewards() == 1 and ledger.balance_of(author) == 5  # the claim outlived the delete


def test_another_members_text_earns_nothing_even_when_published(client, author, other, staff):
    client.force_login(author)
    upload(client, pdf_bytes(TEXT))
    convert_all()
    client.force_login(other)
    upload(client, pdf_bytes(TEXT), "mine-now.pdf")
    convert_all()
    copy = Document.objects.get(owner=other)
    assert not copy.is_listed  # held by the duplicate check
    # Even when staff publish it, and after the first uploader deleted theirs.
    Document.objects.filter(owner=author).delete()
    client.force_login(staff)
    assert client.post(f"/quality/{copy.pk}/decide/", {"action": "approve"}).status_code == 302
    copy.refresh_from_db()
    assert copy.is_listed
    assert ledger.balance_of(other) == 0 and rewards() == 1


def test_removal_for_cause_takes_the_reward_back_once(client, author, staff):
    client.force_login(author)
    upload(client, pdf_bytes(TEXT))
    convert_all()
    doc = Document.objects.get(owner=author)
    assert ledger.balance_of(author) == 5
    admin = APIClient()
    admin.force_authenticate(staff)
    url = reverse("api:moderation_document_action", args=[doc.pk])
    response = admin.post(url, {"action": "remove", "reason": "抄袭"}, format="json")
    assert response.status_code == 200, response.content
    assert ledger.balance_of(author) == 0
    assert LedgerTransaction.objects.filter(reason=Reason.REWARD_REVERSAL).count() == 1
    # Removing again, restoring and removing: taken back once; re-uploading earns nothing.
    admin.post(url, {"action": "remove", "reason": "再次"}, format="json")
    assert LedgerTransaction.objects.filter(reason=Reason.REWARD_REVERSAL).count() == 1
    client.post(reverse("web:document_delete", args=[doc.pk]))
    upload(client, pdf_bytes(TEXT))
    convert_all()
    assert ledger.balance_of(author) == 0 and rewards() == 1
    assert ledger.audit().ok
