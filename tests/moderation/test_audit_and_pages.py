"""The audit log cannot be edited or deleted (model, queryset, admin); staff pages are for
staff only; the inbox, the transparency report and the e-mails."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import counter_data, login, notice_data
from wenku.moderation import audit, clock, services
from wenku.moderation.models import AuditEntry, AuditError, Complaint, Message

pytestmark = pytest.mark.django_db
COPYRIGHT_URL = reverse("moderation:file", args=["copyright"])


def test_audit_rows_are_never_edited_or_deleted(staff):
    row = audit.log("hidden", actor=staff, document_pk=1, reason="测试")
    assert (row.actor_name, row.actor_pk) == ("moderator", staff.pk)
    row.reason = "改过"
    with pytest.raises(AuditError):
        row.save()
    with pytest.raises(AuditError):
        row.delete()
    with pytest.raises(AuditError):
        AuditEntry.objects.filter(pk=row.pk).update(reason="x")
    with pytest.raises(AuditError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=row.pk).reason == "测试"
    with pytest.raises(ValueError):
        audit.log("made_up_action")


def test_admin_is_read_only(client, staff):
    staff.is_superuser = True
    staff.save()
    audit.log("hidden", actor=staff, document_pk=1, reason="r")
    login(client, staff)
    changelist = client.get(reverse("admin:moderation_auditentry_changelist"))
    assert changelist.status_code == 200
    row = AuditEntry.objects.get()
    assert client.get(reverse("admin:moderation_auditentry_add")).status_code == 403
    delete = reverse("admin:moderation_auditentry_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:moderation_auditentry_change", args=[row.pk])
    client.post(change, {"reason": "changed"})
    assert AuditEntry.objects.get().reason == "r"


def test_staff_pages_are_404_for_members(client, claimant, make_doc):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    case = Complaint.objects.get()
    for url in (
        reverse("moderation:queue"),
        reverse("moderation:case", args=[case.pk]),
        reverse("moderation:document", args=[doc.pk]),
        reverse("moderation:audit"),
    ):
        assert client.get(url).status_code == 404
    action = reverse("moderation:case_action", args=[case.pk])
    assert client.post(action, {"action": "reject", "reason": "x"}).status_code == 404
    assert Complaint.objects.get().status == Complaint.Status.TAKEN_DOWN


def test_queue_case_and_document_pages_for_staff(client, claimant, staff, make_doc):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    case = Complaint.objects.get()
    admin = login(Client(), staff)
    queue = admin.get(reverse("moderation:queue")).content.decode()
    assert f'href="{reverse("moderation:case", args=[case.pk])}"' in queue
    page = admin.get(reverse("moderation:case", args=[case.pk])).content.decode()
    assert "王小明" in page and "北京市海淀区" in page  # the notice in full
    assert 'data-action="takedown"' in page  # the history
    assert 'value="approve"' in page and 'value="ban"' in page  # the actions
    doc_page = admin.get(reverse("moderation:document", args=[doc.pk])).content.decode()
    assert 'data-visibility="hidden"' in doc_page
    assert admin.get(reverse("moderation:audit") + "?action=takedown").status_code == 200
    assert 'class="queue-link"' in admin.get("/").content.decode()


def test_inbox_and_emails(client, claimant, uploader, make_doc):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    up = login(Client(), uploader)
    inbox = up.get(reverse("moderation:inbox")).content.decode()
    message = Message.objects.get(recipient=uploader)
    assert message.subject in inbox and 'class="unread"' in inbox
    assert up.get(reverse("moderation:message", args=[message.pk])).status_code == 200
    assert client.get(reverse("moderation:message", args=[message.pk])).status_code == 404
    assert "unread" not in up.get(reverse("moderation:inbox")).content.decode().split("<main")[1]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "下架" in subjects["uploader@example.com"]
    assert "收到" in subjects["claimant@example.com"]


def test_transparency_counts_per_month(client, claimant, uploader, make_doc):
    doc = make_doc()
    login(client, claimant)
    client.post(COPYRIGHT_URL, notice_data([doc.pk]))
    notice = Complaint.objects.get()
    login(Client(), uploader).post(
        reverse("moderation:counter_notice", args=[notice.pk]), counter_data()
    )
    with mock.patch.object(clock, "now", return_value=clock.now() + dt.timedelta(days=16)):
        services.tick()
    rows = services.transparency()
    assert sum(r["notices"] for r in rows) == 1
    assert sum(r["takedowns"] for r in rows) == 1
    assert sum(r["restores"] for r in rows) == 1
    assert sum(r["refunds"] for r in rows) == 0
    page = Client().get(reverse("moderation:transparency"))
    body = page.content.decode()
    assert page.status_code == 200 and "透明度报告" in body
    assert "王小明" not in body and doc.title not in body  # anonymised
