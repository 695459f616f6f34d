"""Content reports and failed downloads, through the web forms and the staff case page:
mismatch upheld → hidden and every buyer refunded exactly once; a failed paid download is
refunded at once when no delivery is recorded, otherwise reviewed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import login
from wenku.library.models import Document
from wenku.moderation import services
from wenku.moderation.models import AuditEntry, Complaint, Message
from wenku.wallet import ledger
from wenku.wallet.models import Download, LedgerTransaction, Purchase

pytestmark = pytest.mark.django_db


def report(client, kind: str, doc, details: str = "内容与标题完全不符，只有几行目录。"):
    return client.post(
        reverse("moderation:file", args=[kind]), {"document": str(doc.pk), "details": details}
    )


def balance(user) -> int:
    return ledger.balance_of(user)


def refunds_of(purchase) -> int:
    return LedgerTransaction.objects.filter(
        reason="refund", reference=f"purchase{purchase.pk}"
    ).count()


def test_mismatch_upheld_hides_and_refunds_every_buyer_exactly_once(
    client, make_user, staff, make_doc, buy
):
    doc = make_doc(price=30)
    buyers = [make_user(f"buyer{i}") for i in range(3)]
    purchases = [buy(b, doc, 100) for b in buyers]
    assert [balance(b) for b in buyers] == [70, 70, 70]

    login(client, buyers[0])
    response = report(client, "mismatch", doc)
    case = Complaint.objects.get()
    assert response.status_code == 302 and case.status == Complaint.Status.OPEN
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC  # a report alone hides nothing

    admin = login(Client(), staff)
    queue = admin.get(reverse("moderation:queue") + "?kind=mismatch")
    assert f"#{case.pk}" in queue.content.decode()
    page = admin.get(reverse("moderation:case", args=[case.pk]))
    assert doc.title in page.content.decode()
    action = reverse("moderation:case_action", args=[case.pk])
    admin.post(action, {"action": "approve", "reason": "内容确与标题不符"})
    doc.refresh_from_db()
    case.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN
    assert case.status == Complaint.Status.UPHELD
    assert [balance(b) for b in buyers] == [100, 100, 100]
    assert all(refunds_of(p) == 1 for p in purchases)
    assert all(Purchase.objects.get(pk=p.pk).refunded_at for p in purchases)
    for b in buyers:
        assert Message.objects.filter(recipient=b, subject__contains="退款").exists()

    # Refunding again (staff button, a second upheld decision) never pays twice.
    admin.post(action, {"action": "refund", "reason": "再退一次"})
    admin.post(action, {"action": "approve", "reason": "again"})
    assert [balance(b) for b in buyers] == [100, 100, 100]
    assert all(refunds_of(p) == 1 for p in purchases)
    assert AuditEntry.objects.filter(action="refunded", complaint=case).count() == 3
    assert AuditEntry.objects.filter(action="refund_skipped", complaint=case).count() == 3
    assert sum(row["refunds"] for row in services.transparency()) == 3
    assert ledger.audit().ok


def test_mismatch_rejected_changes_nothing(client, buyer, staff, make_doc, buy):
    doc = make_doc()
    buy(buyer, doc)
    login(client, buyer)
    report(client, "mismatch", doc)
    case = Complaint.objects.get()
    admin = login(Client(), staff)
    admin.post(
        reverse("moderation:case_action", args=[case.pk]),
        {"action": "reject", "reason": "内容相符"},
    )
    doc.refresh_from_db()
    case.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC and case.status == Complaint.Status.REJECTED
    assert balance(buyer) == 90
    assert Message.objects.filter(recipient=buyer, body__contains="内容相符").exists()


def test_failed_download_complaint_without_a_recorded_failure_goes_to_review(
    client, buyer, make_doc, buy
):
    """A used link that delivered nothing (the buyer's own connection, say) is not a failure
    the server saw: the complaint alone moves no points, staff decide."""
    doc = make_doc(price=25)
    buy(buyer, doc, 100)
    Download.objects.create(nonce="n1", user=buyer, document=doc, ok=False)  # not delivered
    login(client, buyer)
    response = report(client, "download", doc, details="下载到一半就断了。")
    case = Complaint.objects.get()
    assert response.status_code == 302
    assert case.status == Complaint.Status.OPEN and balance(buyer) == 75


def test_failed_download_with_a_recorded_failure_is_refunded_at_once(client, buyer, make_doc, buy):
    from wenku.wallet.models import DownloadFailure

    doc = make_doc(price=25)
    purchase = buy(buyer, doc, 100)
    # The server recorded a failed delivery of this purchase (without refunding it).
    DownloadFailure.objects.create(user=buyer, document=doc, purchase=purchase, error="OSError")
    login(client, buyer)
    response = report(client, "download", doc, details="下载到一半就断了。")
    case = Complaint.objects.get()
    assert response.status_code == 302
    assert case.status == Complaint.Status.REFUNDED and case.purchase == purchase
    assert balance(buyer) == 100 and refunds_of(purchase) == 1
    # Asking again: the purchase is refunded (ended), no second refund, no second case.
    response = report(client, "download", doc)
    assert Complaint.objects.count() == 1 and refunds_of(purchase) == 1
    assert ledger.audit().ok


def test_failed_download_after_a_delivery_goes_to_review(client, buyer, staff, make_doc, buy):
    doc = make_doc(price=25)
    purchase = buy(buyer, doc, 100)
    Download.objects.create(nonce="n2", user=buyer, document=doc, ok=True)
    login(client, buyer)
    report(client, "download", doc, details="文件打不开。")
    case = Complaint.objects.get()
    assert case.status == Complaint.Status.OPEN and balance(buyer) == 75
    admin = login(Client(), staff)
    page = admin.get(reverse("moderation:case", args=[case.pk])).content.decode()
    assert "ok" in page  # the download record is on the case page
    admin.post(reverse("moderation:case_action", args=[case.pk]), {"action": "approve"})
    case.refresh_from_db()
    assert case.status == Complaint.Status.REFUNDED and balance(buyer) == 100
    assert refunds_of(purchase) == 1


def test_failed_download_of_something_not_bought(client, buyer, make_doc):
    doc = make_doc()
    login(client, buyer)
    response = report(client, "download", doc)
    assert response.status_code == 403
    assert "没有购买" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("kind", ["illegal", "spam"])
def test_illegal_and_spam_go_to_review_and_upheld_hides(
    client, buyer, uploader, staff, make_doc, kind
):
    doc = make_doc()
    login(client, buyer)
    report(client, kind, doc, details="含有违法内容" if kind == "illegal" else "灌水内容重复四次")
    case = Complaint.objects.get()
    assert case.kind == kind and case.status == Complaint.Status.OPEN
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC
    admin = login(Client(), staff)
    admin.post(
        reverse("moderation:case_action", args=[case.pk]), {"action": "approve", "reason": "确认"}
    )
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN
    assert Message.objects.filter(recipient=uploader, subject__contains="已隐藏").exists()


def test_reports_need_a_visible_document_and_a_description(client, buyer, make_doc):
    hidden = make_doc(visibility=Document.Visibility.HIDDEN)
    visible = make_doc(marker="丁")
    login(client, buyer)
    response = report(client, "mismatch", hidden)
    assert response.status_code == 400 and "不存在" in response.content.decode()
    response = report(client, "spam", visible, details="")
    assert response.status_code == 400 and list(response.context["form"].errors) == ["details"]
    assert not Complaint.objects.exists()
