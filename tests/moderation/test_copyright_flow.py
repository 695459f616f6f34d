"""Notice → takedown → uploader notified → counter-notice → restore after the waiting period,
all through the web forms, with the moderation clock moved instead of waiting 15 days."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import counter_data, login, notice_data
from wenku.library.models import Document
from wenku.moderation import clock, services
from wenku.moderation.models import (
    AuditEntry,
    BlockedFingerprint,
    Complaint,
    ComplaintItem,
    Message,
    RevenueHold,
)

pytestmark = pytest.mark.django_db
COPYRIGHT_URL = reverse("moderation:file", args=["copyright"])


def file_notice(client, doc_ids, **extra):
    return client.post(COPYRIGHT_URL, notice_data(doc_ids, **extra))


def later(days: float):
    """Patch the moderation clock `days` ahead of now."""
    return mock.patch.object(clock, "now", return_value=clock.now() + dt.timedelta(days=days))


def test_notice_takedown_counter_notice_and_restore(
    client, claimant, uploader, buyer, make_doc, buy
):
    doc = make_doc(price=10)
    buy(buyer, doc)
    other = make_doc(title="另一份材料", marker="乙")
    page = client.get(doc.get_absolute_url())
    assert COPYRIGHT_URL + f"?doc={doc.pk}" in page.content.decode()

    # 1. The claimant files a complete notice naming the document by its address.
    login(client, claimant)
    form = client.get(COPYRIGHT_URL + f"?doc={doc.pk}")
    assert form.status_code == 200 and f"\n{doc.pk}</textarea>" in form.content.decode()
    response = file_notice(client, [f"http://testserver/d/{doc.pk}/"])
    notice = Complaint.objects.get(kind="copyright")
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:complaint", args=[notice.pk])

    # 2. Taken down at once: hidden, out of public view, revenue held, fingerprints blocked.
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN and not doc.is_listed
    assert Client().get(doc.get_absolute_url()).status_code == 404
    other.refresh_from_db()
    assert other.visibility == Document.Visibility.PUBLIC  # only the named document
    assert notice.status == Complaint.Status.TAKEN_DOWN
    hold = RevenueHold.objects.get(complaint=notice)
    assert (hold.points, hold.author, hold.state) == (10, uploader, "held")
    assert services.held_points(uploader) == 10
    kinds = set(BlockedFingerprint.objects.filter(lifted_at=None).values_list("kind", flat=True))
    assert kinds == {"file", "text"}

    # 3. The uploader is told, in the site and by e-mail, with the notice itself.
    message = Message.objects.get(recipient=uploader)
    assert "王小明" in message.body and "职业教育工作会议交流材料" in message.body
    assert reverse("moderation:counter_notice", args=[notice.pk]) in message.body
    assert any(uploader.email in m.to for m in mail.outbox)
    up = login(Client(), uploader)
    assert '<strong class="badge unread-count">1</strong>' in up.get("/").content.decode()
    up.get(reverse("moderation:message", args=[message.pk]))
    assert services.unread_count(uploader) == 0

    # 4. Counter-notice through the form: forwarded to the claimant, restore scheduled.
    response = up.post(reverse("moderation:counter_notice", args=[notice.pk]), counter_data())
    assert response.status_code == 302
    counter = Complaint.objects.get(kind="counter")
    notice.refresh_from_db()
    assert notice.status == Complaint.Status.COUNTERED
    forwarded = Message.objects.filter(recipient=claimant, complaint=notice).latest("id")
    assert "李上传" in forwarded.body and "上海市浦东新区" in forwarded.body
    item = ComplaintItem.objects.get(complaint=notice)
    assert item.counter_notice == counter
    due = item.restore_due_at
    assert dt.timedelta(days=14.9) < due - clock.now() <= dt.timedelta(days=15)

    # 5. Before the waiting period ends nothing comes back; after it, the tick restores.
    with later(14):
        assert services.tick() == 0
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN
    with later(15.01):
        call_command("moderation_tick", stdout=open("/dev/null", "w"))
        assert services.tick() == 0  # idempotent
    doc.refresh_from_db()
    notice.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC and doc.is_listed
    assert notice.status == Complaint.Status.RESTORED
    assert Client().get(doc.get_absolute_url()).status_code == 200
    assert not BlockedFingerprint.objects.filter(lifted_at=None).exists()
    assert services.held_points(uploader) == 0
    assert Message.objects.filter(recipient=claimant, subject__contains="恢复").exists()

    # 6. The audit log holds every step, in order.
    actions = list(
        AuditEntry.objects.filter(complaint__in=[notice, counter])
        .exclude(action="notified")
        .values_list("action", flat=True)
    )
    assert actions == [
        "complaint_filed",
        "takedown",
        "revenue_held",
        "fingerprint_blocked",
        "status_changed",  # open → taken down
        "complaint_filed",  # the counter-notice
        "restore_scheduled",
        "status_changed",  # counter-notice forwarded
        "status_changed",  # notice: countered
        "block_lifted",
        "revenue_released",
        "restored",
        "status_changed",  # notice: restored
    ]
    restored = AuditEntry.objects.get(action="restored")
    assert restored.actor_name == "system" and "等待期已过" in restored.reason
    assert restored.data == {"from": "hidden", "to": "public"}

    # 7. The same claimant may not notify the restored document again without staff …
    response = file_notice(client, [doc.pk], work="同一作品的另一种描述")
    assert response.status_code == 409
    assert "counter-notice" in response.content.decode() or "反通知" in response.content.decode()
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC
    # … another claimant's notice goes to review without a takedown.
    from django.contrib.auth import get_user_model

    second = get_user_model().objects.create_user("claimant2", password="x-Secret-123")
    login(Client(), second).post(COPYRIGHT_URL, notice_data([doc.pk]))
    latest = Complaint.objects.filter(kind="copyright").latest("id")
    assert latest.reporter == second and latest.status == Complaint.Status.OPEN
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC


def test_legal_action_keeps_the_document_down(client, claimant, uploader, make_doc):
    doc = make_doc()
    login(client, claimant)
    file_notice(client, [doc.pk])
    notice = Complaint.objects.get()
    up = login(Client(), uploader)
    up.post(reverse("moderation:counter_notice", args=[notice.pk]), counter_data())

    page = reverse("moderation:complaint", args=[notice.pk])
    assert client.post(page, {"note": ""}).status_code == 400
    response = client.post(page, {"note": "北京互联网法院 (2026)京0491民初1号"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Complaint.Status.LEGAL_ACTION and notice.legal_action_at
    with later(30):
        assert services.tick() == 0
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN
    assert AuditEntry.objects.filter(action="legal_action_recorded", complaint=notice).exists()
    # The uploader cannot record it; a stranger cannot even see the case.
    assert up.post(page, {"note": "x"}).status_code == 404
    stranger = login(Client(), buyer_like(notice))
    assert stranger.get(page).status_code == 404


def buyer_like(notice):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("stranger", password="x-Secret-123")


def test_staff_upholds_a_notice_remove_strike_and_forfeit(
    client, claimant, uploader, staff, make_doc
):
    doc = make_doc()
    login(client, claimant)
    file_notice(client, [doc.pk])
    notice = Complaint.objects.get()
    admin = login(Client(), staff)
    url = reverse("moderation:case_action", args=[notice.pk])
    admin.post(url, {"action": "approve", "reason": "权属证明充分"})
    doc.refresh_from_db()
    notice.refresh_from_db()
    assert doc.visibility == Document.Visibility.REMOVED
    assert notice.status == Complaint.Status.UPHELD and notice.decision_reason == "权属证明充分"
    assert uploader.strikes.count() == 1
    assert RevenueHold.objects.get(complaint=notice).state == "forfeited"
    # Deciding twice is refused; the case page says so.
    response = admin.post(url, {"action": "reject", "reason": "再议"}, follow=True)
    assert "已" in response.content.decode() or "already" in response.content.decode()
    assert Complaint.objects.get(pk=notice.pk).status == Complaint.Status.UPHELD


def test_rejected_notice_restores_at_once(client, claimant, staff, make_doc):
    doc = make_doc()
    login(client, claimant)
    file_notice(client, [doc.pk])
    notice = Complaint.objects.get()
    admin = login(Client(), staff)
    url = reverse("moderation:case_action", args=[notice.pk])
    admin.post(url, {"action": "reject"})  # a reason is required
    assert Complaint.objects.get(pk=notice.pk).status == Complaint.Status.TAKEN_DOWN
    admin.post(url, {"action": "reject", "reason": "通知人无法证明权属"})
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC
    assert Complaint.objects.get(pk=notice.pk).status == Complaint.Status.REJECTED
    assert not BlockedFingerprint.objects.filter(lifted_at=None).exists()


def test_two_notices_on_one_document_restore_only_when_both_end(
    client, claimant, uploader, staff, make_doc
):
    doc = make_doc()
    login(client, claimant)
    file_notice(client, [doc.pk])
    from django.contrib.auth import get_user_model

    second = get_user_model().objects.create_user("c2", password="x-Secret-123")
    login(Client(), second).post(COPYRIGHT_URL, notice_data([doc.pk], work="另一部作品"))
    first, other = Complaint.objects.order_by("id")
    admin = login(Client(), staff)
    admin.post(
        reverse("moderation:case_action", args=[first.pk]), {"action": "reject", "reason": "无据"}
    )
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN  # the second notice still stands
    admin.post(
        reverse("moderation:case_action", args=[other.pk]), {"action": "reject", "reason": "无据"}
    )
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC


def test_revenue_held_by_a_notice_cannot_be_spent(
    client, claimant, uploader, buyer, make_doc, buy, make_user
):
    from wenku.wallet import ledger
    from wenku.wallet import services as wallet
    from wenku.wallet.errors import InsufficientBalance

    noticed = make_doc(price=10)
    buy(buyer, noticed)  # the uploader earns 10 points
    seller = make_user("author2")
    elsewhere = make_doc(owner=seller, title="别人的文档", price=10, marker="丙")
    login(client, claimant)
    file_notice(client, [noticed.pk])
    assert services.held_points(uploader) == 10
    assert ledger.balance_of(uploader) == 10
    with pytest.raises(InsufficientBalance):
        wallet.purchase_document(uploader, elsewhere.pk)
