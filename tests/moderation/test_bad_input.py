"""Bad input: incomplete notices, unknown documents, hostile attachments, duplicates, and a
counter-notice by someone who is not the uploader. Each is refused clearly; nothing is hidden."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.moderation.conftest import counter_data, login, notice_data
from wenku.library.models import Document
from wenku.moderation.models import AuditEntry, Complaint, Evidence

pytestmark = pytest.mark.django_db
COPYRIGHT_URL = reverse("moderation:file", args=["copyright"])


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_bomb() -> bytes:
    """A DOCX-looking ZIP whose one member expands from ~100 KB to 100 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (100 * 1024 * 1024))
    return out.getvalue()


def assert_nothing_hidden(doc) -> None:
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "missing",
    ["name", "email", "address", "work", "documents", "good_faith", "accuracy"],
)
def test_incomplete_notice_says_what_is_missing(client, claimant, make_doc, missing):
    doc = make_doc()
    login(client, claimant)
    data = notice_data([doc.pk])
    del data[missing]
    response = client.post(COPYRIGHT_URL, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [missing]
    assert 'role="alert"' in response.content.decode()
    assert_nothing_hidden(doc)


def test_notice_naming_documents_that_do_not_exist(client, claimant, make_doc):
    doc = make_doc()
    removed = make_doc(visibility=Document.Visibility.REMOVED, marker="丙")
    login(client, claimant)
    response = client.post(COPYRIGHT_URL, notice_data([doc.pk, 99999, removed.pk]))
    assert response.status_code == 400
    message = response.context["form"].errors["documents"][0]
    assert "99999" in message and str(removed.pk) in message and str(doc.pk) not in message
    response = client.post(COPYRIGHT_URL, notice_data(["http://example.com/nothing"]))
    assert "http://example.com/nothing" in response.context["form"].errors["documents"][0]
    assert_nothing_hidden(doc)


def test_own_document_and_anonymous(client, uploader, make_doc):
    doc = make_doc()
    response = client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    login(client, uploader)
    response = client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    assert response.status_code == 400
    assert_nothing_hidden(doc)


@pytest.mark.parametrize(
    "name,content",
    [
        ("evidence.exe", b"MZ\x90\x00\x03" + b"\0" * 2000),
        ("evidence.pdf", b"MZ\x90\x00\x03" + b"\0" * 2000),  # an executable named .pdf
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("archive.zip", None),  # a plain ZIP archive
        ("contract.docx", "bomb"),
        ("notes.txt", "版权证明：本人是作者。".encode()),
        ("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ],
)
def test_hostile_attachments_are_refused(client, claimant, make_doc, name, content):
    if content is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("a.txt", "hello")
        content = out.getvalue()
    elif content == "bomb":
        content = zip_bomb()
    doc = make_doc()
    login(client, claimant)
    data = notice_data([doc.pk], evidence=upload(name, content))
    response = client.post(COPYRIGHT_URL, data)
    assert response.status_code == 400
    errors = response.context["form"].errors["evidence"]
    assert name in errors[0] or "PDF" in errors[0]
    assert_nothing_hidden(doc)
    assert not Evidence.objects.exists()


def test_huge_attachment_is_refused(client, claimant, make_doc, settings):
    settings.WENKU_EVIDENCE_MAX_MB = 1
    doc = make_doc()
    login(client, claimant)
    big = PDF + b"0" * (1024 * 1024 + 1)
    response = client.post(COPYRIGHT_URL, notice_data([doc.pk], evidence=upload("big.pdf", big)))
    assert response.status_code == 400
    assert "1 MB" in response.context["form"].errors["evidence"][0]
    assert_nothing_hidden(doc)


def test_good_attachments_are_stored_under_our_names_and_never_public(
    client, claimant, staff, make_doc
):
    doc = make_doc()
    login(client, claimant)
    files = [upload("../../etc/授权书.pdf", PDF), upload("截图.png", png_bytes())]
    response = client.post(COPYRIGHT_URL, notice_data([doc.pk], evidence=files))
    assert response.status_code == 302
    rows = list(Evidence.objects.order_by("id"))
    assert [r.format for r in rows] == ["pdf", "png"]
    assert [r.original_name for r in rows] == ["授权书.pdf", "截图.png"]
    for row in rows:
        assert row.file.name.startswith("moderation/evidence/")
        assert "授权书" not in row.file.name and ".." not in row.file.name
        assert default_storage.exists(row.file.name)
        # Not served from /media/, not to the claimant, only to staff as a download.
        assert Client().get("/media/" + row.file.name).status_code == 404
        url = reverse("moderation:evidence", args=[row.pk])
        assert client.get(url).status_code == 404
        response = login(Client(), staff).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_same_notice_twice_is_a_duplicate(client, claimant, make_doc):
    doc = make_doc()
    login(client, claimant)
    first = client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    # Same documents in another order and spelling, same work: the same notice.
    again = client.post(
        COPYRIGHT_URL,
        notice_data([f"/d/{doc.pk}/"], work=" 《职业教育工作会议交流材料》，王小明著，2024年出版 "),
        follow=True,
    )
    assert Complaint.objects.count() == 1
    assert first["Location"] == again.redirect_chain[0][0]
    assert "之前已提交过" in again.content.decode()
    assert AuditEntry.objects.filter(action="duplicate_received").count() == 1


def test_counter_notice_by_someone_else_is_refused(client, claimant, make_doc, make_user):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    notice = Complaint.objects.get()
    url = reverse("moderation:counter_notice", args=[notice.pk])
    stranger = login(Client(), make_user("stranger"))
    assert stranger.get(url).status_code == 403
    response = stranger.post(url, counter_data())
    assert response.status_code == 403
    assert "上传者" in response.content.decode()
    assert client.post(url, counter_data()).status_code == 403  # the claimant neither
    assert Complaint.objects.count() == 1
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN


def test_incomplete_counter_notice(client, claimant, uploader, make_doc):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    notice = Complaint.objects.get()
    up = login(Client(), uploader)
    url = reverse("moderation:counter_notice", args=[notice.pk])
    data = counter_data()
    del data["not_infringing"]
    response = up.post(url, data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["not_infringing"]
    notice.refresh_from_db()
    assert notice.status == Complaint.Status.TAKEN_DOWN
    assert up.post(url, counter_data()).status_code == 302
    assert up.post(url, counter_data()).status_code == 302  # again: the same counter-notice
    assert Complaint.objects.filter(kind="counter").count() == 1


def test_unknown_complaint_type_is_404(client, claimant):
    login(client, claimant)
    assert client.get(reverse("moderation:file", args=["nonsense"])).status_code == 404
