"""Repeat infringers: a taken-down file (or its text) cannot be uploaded again; strikes up to
the limit, and a staff ban, stop a member's uploads with a reason the author can read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import login, notice_data
from wenku.library.failures import ConversionError, reason_text
from wenku.library.models import Document, Page
from wenku.moderation import review
from wenku.moderation.models import AuditEntry, Complaint, Strike
from wenku.publishing import uploads

pytestmark = pytest.mark.django_db
COPYRIGHT_URL = reverse("moderation:file", args=["copyright"])
TEXT = "朱自清《春》教学设计。盼望着，盼望着，东风来了，春天的脚步近了。" * 20


def upload(owner, tmp_path, name="春.txt", text=TEXT):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return uploads.create_document(owner, path, filename=name, enqueue=False)


def take_down(client, claimant, doc):
    login(client, claimant)
    assert client.post(COPYRIGHT_URL, notice_data([doc.pk])).status_code == 302
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN


def test_a_taken_down_file_cannot_be_uploaded_again(
    client, claimant, uploader, make_user, tmp_path
):
    doc = upload(uploader, tmp_path)
    # Converted and public: a claimant can only name a document the public can see.
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.READY)
    take_down(client, claimant, doc)
    for member in (uploader, make_user("copycat")):
        with pytest.raises(ConversionError) as refused:
            upload(member, tmp_path)
        assert refused.value.code == "blocked_copyright"
    assert "版权" in reason_text("blocked_copyright")
    assert Document.objects.count() == 1
    assert AuditEntry.objects.filter(action="upload_refused").count() == 2
    # Through the upload page the author reads the reason.
    page = login(Client(), uploader).post(
        reverse("web:upload"),
        {"files": [open(tmp_path / "春.txt", "rb")], "title": "", "description": ""},
    )
    assert "不能再次上传" in page.content.decode()
    # A different file uploads fine.
    assert upload(uploader, tmp_path, "秋.txt", TEXT.replace("春", "秋")).pk


def test_the_same_text_in_another_file_fails_after_conversion(
    client, claimant, uploader, make_user, make_doc, settings
):
    original = make_doc()
    take_down(client, claimant, original)
    # A "new" file (other bytes) whose extracted text equals the blocked one, modulo spacing.
    copy = Document.objects.create(
        owner=make_user("copycat"),
        title="换了个名字",
        file_sha256="0" * 64,
        status=Document.Status.READY,
        page_count=2,
    )
    for page in original.pages.all():
        Page.objects.create(document=copy, number=page.number, text=" ".join(page.text))
    review.on_ready(copy)
    copy.refresh_from_db()
    assert copy.status == Document.Status.FAILED and copy.failure_code == "blocked_copyright"
    assert not copy.is_listed


def test_strikes_reach_the_limit_and_uploads_stop(
    client, claimant, uploader, staff, make_doc, tmp_path, settings
):
    settings.WENKU_STRIKE_LIMIT = 2
    admin = login(Client(), staff)
    for marker in ("一", "二"):
        doc = make_doc(marker=marker)
        take_down(client, claimant, doc)
        notice = Complaint.objects.latest("id")
        admin.post(
            reverse("moderation:case_action", args=[notice.pk]),
            {"action": "approve", "reason": "侵权成立"},
        )
    assert Strike.objects.filter(member=uploader).count() == 2
    with pytest.raises(ConversionError) as refused:
        upload(uploader, tmp_path, "新文档.txt", "全新的内容" * 50)
    assert refused.value.code == "upload_banned"
    assert "暂停上传" in reason_text("upload_banned")
    settings.WENKU_STRIKE_LIMIT = 0  # 0: strikes never block
    assert upload(uploader, tmp_path, "新文档.txt", "全新的内容" * 50).pk


def test_a_manual_strike_and_a_ban(staff, uploader, make_doc, tmp_path, settings):
    settings.WENKU_STRIKE_LIMIT = 1
    doc = make_doc()
    admin = login(Client(), staff)
    url = reverse("moderation:document_action", args=[doc.pk])
    admin.post(url, {"action": "strike"})  # no reason: refused
    assert not Strike.objects.exists()
    admin.post(url, {"action": "strike", "reason": "多次上传他人作品"})
    assert Strike.objects.get().reason == "多次上传他人作品"
    with pytest.raises(ConversionError):
        upload(uploader, tmp_path)

    settings.WENKU_STRIKE_LIMIT = 3
    upload(uploader, tmp_path)  # under the limit again
    admin.post(url, {"action": "ban", "reason": "恶意刷单"})
    uploader.refresh_from_db()
    assert not uploader.is_active
    with pytest.raises(ConversionError) as refused:
        upload(uploader, tmp_path, "x.txt", "别的内容" * 50)
    assert refused.value.code == "upload_banned"
    assert AuditEntry.objects.filter(action="member_banned", member_pk=uploader.pk).exists()
    # Staff are never banned here.
    response = admin.post(
        reverse("moderation:document_action", args=[make_doc(owner=staff, marker="戊").pk]),
        {"action": "ban", "reason": "x"},
        follow=True,
    )
    staff.refresh_from_db()
    assert staff.is_active and "不能在此封禁" in response.content.decode()
