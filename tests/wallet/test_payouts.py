"""Payouts: an author withdraws earned points; staff approve or reject; the books stay whole.

Every refusal leaves the ledger, the balance and the payout table exactly as they were."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from wenku.library.models import Document
from wenku.moderation.models import Complaint, RevenueHold
from wenku.wallet import ledger, payouts, services
from wenku.wallet.errors import WalletError
from wenku.wallet.models import Account, Entry, LedgerTransaction, Payout, PayoutEvent


@pytest.fixture(autouse=True)
def _payout_settings(settings):
    settings.WENKU_PAYOUT_MIN = 50
    settings.WENKU_PAYOUT_FEE = 5


@pytest.fixture
def earner(author, buyer, fund, make_doc):
    """The author sold documents for 300 points; the buyer paid them."""
    fund(buyer, 1000)
    for price in (100, 200):
        doc = make_doc(price=price, pages=2)
        services.purchase_document(buyer, doc.pk)
    return author


def books() -> tuple[int, int, int]:
    return LedgerTransaction.objects.count(), Entry.objects.count(), Payout.objects.count()


def refused(user, raw, code: str) -> WalletError:
    before, balance = books(), ledger.balance_of(user)
    with pytest.raises(WalletError) as info:
        payouts.request_payout(user, raw)
    assert info.value.code == code
    assert books() == before and ledger.balance_of(user) == balance
    return info.value


def test_request_reserves_the_points_and_approval_pays_them_out(earner, staff):
    payout = payouts.request_payout(earner, "120")
    assert ledger.balance_of(earner) == 180  # reserved at once
    assert payouts.withdrawable(earner).amount == 180
    payouts.approve(staff, payout.pk)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.APPROVED and payout.net == 115
    assert ledger.balance_of(earner) == 180
    assert ledger.ledger_balance(ledger.platform_account(Account.PAYOUTS)) == 115
    assert ledger.ledger_balance(ledger.platform_account(Account.PAYOUT_FEES)) == 5
    assert ledger.ledger_balance(ledger.platform_account(Account.PAYOUT_RESERVE)) == 0
    kinds = list(payout.events.values_list("kind", "actor__username"))
    assert kinds == [("requested", "author"), ("approved", "staffer")]
    assert ledger.audit().ok


def test_reserved_points_cannot_be_spent(earner, make_user, make_doc):
    payouts.request_payout(earner, 300)
    doc = make_doc(owner=make_user("seller"), price=10)
    with pytest.raises(WalletError) as info:
        services.purchase_document(earner, doc.pk)
    assert info.value.code == "insufficient_balance"


def test_rejection_gives_the_points_back_with_the_reason(earner, staff):
    payout = payouts.request_payout(earner, 300)
    with pytest.raises(WalletError) as info:
        payouts.reject(staff, payout.pk, "   ")
    assert info.value.code == "invalid"
    payouts.reject(staff, payout.pk, "银行账户信息不完整")
    payout.refresh_from_db()
    assert payout.status == Payout.Status.REJECTED and payout.reason == "银行账户信息不完整"
    assert ledger.balance_of(earner) == 300
    assert payouts.withdrawable(earner).amount == 300  # may ask again
    assert ledger.audit().ok


@pytest.mark.parametrize(
    "raw",
    ["1.5", "-100", "abc", "", None, True, 1.5, "1e3", "100; DROP", "0", 0, -5],
)
def test_odd_amounts_are_refused_and_nothing_moves(earner, raw):
    error = refused(earner, raw, "invalid")
    assert error.field == "points"


def test_below_minimum_and_above_withdrawable(earner):
    refused(earner, 49, "payout_below_minimum")
    refused(earner, 301, "payout_above_withdrawable")
    assert payouts.request_payout(earner, "３００").points == 300  # full-width digits


def test_points_not_earned_from_sales_are_not_withdrawable(author, fund):
    fund(author, 5000)  # a grant (or a top-up, a bonus) is spent, never cashed out
    refused(author, 100, "payout_above_withdrawable")


def test_held_revenue_is_never_paid_out(earner, buyer):
    complaint = Complaint.objects.create(kind=Complaint.Kind.COPYRIGHT, reporter=buyer)
    RevenueHold.objects.create(complaint=complaint, document_pk=1, author=earner, points=200)
    assert payouts.withdrawable(earner).amount == 100
    refused(earner, 101, "payout_above_withdrawable")
    payouts.request_payout(earner, 100)
    assert ledger.balance_of(earner) == 200  # the held part stays in the account


def test_double_click_leaves_one_request(earner):
    payouts.request_payout(earner, 100)
    refused(earner, 100, "payout_pending")
    assert Payout.objects.filter(author=earner).count() == 1


def test_staff_decide_once_and_never_their_own(earner, staff, make_user, fund, make_doc):
    payout = payouts.request_payout(earner, 100)
    payouts.approve(staff, payout.pk)
    before = books()
    for act in (
        lambda: payouts.approve(staff, payout.pk),
        lambda: payouts.reject(staff, payout.pk, "x"),
    ):
        with pytest.raises(WalletError) as info:
            act()
        assert info.value.code == "payout_decided"
    assert books() == before
    # A staff member who earns too: another staff member must decide.
    seller = make_user("staff_seller", is_staff=True)
    buyer2 = make_user("buyer2")
    fund(buyer2, 100)
    services.purchase_document(buyer2, make_doc(owner=seller, price=100).pk)
    own = payouts.request_payout(seller, 100)
    with pytest.raises(WalletError) as info:
        payouts.approve(seller, own.pk)
    assert info.value.code == "staff_only"


def test_members_cannot_decide(earner, other):
    payout = payouts.request_payout(earner, 100)
    for act in (
        lambda: payouts.approve(other, payout.pk),
        lambda: payouts.reject(other, payout.pk, "no"),
    ):
        with pytest.raises(WalletError) as info:
            act()
        assert info.value.code == "staff_only"
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PENDING


def test_my_payouts_page_and_staff_pages(client, earner, staff):
    client.force_login(earner)
    url = reverse("wallet:payouts")
    assert client.post(url, {"points": "12.5"}).status_code == 400
    assert not Payout.objects.exists()
    response = client.post(url, {"points": "120"})
    assert response.status_code == 302
    payout = Payout.objects.get()
    assert client.get(reverse("wallet:staff_payouts")).status_code == 403
    client.post(reverse("wallet:staff_payout_decide", args=[payout.pk]), {"decision": "approve"})
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PENDING  # a member's POST decides nothing

    client.force_login(staff)
    page = client.get(reverse("wallet:staff_payouts")).content.decode()
    assert f'id="payout-{payout.pk}"' in page
    decide = reverse("wallet:staff_payout_decide", args=[payout.pk])
    client.post(decide, {"decision": "reject", "reason": "<script>alert(1)</script>请补充收款信息"})
    client.force_login(earner)
    page = client.get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;请补充收款信息" in page
    assert "<script>alert(1)" not in page


def test_csv_export_lists_approved_payouts_and_is_audited(client, earner, staff, django_user_model):
    earner.username = "=HYPERLINK(evil)"
    earner.save()
    payout = payouts.request_payout(earner, 100)
    payouts.approve(staff, payout.pk)
    client.force_login(staff)
    response = client.get(reverse("wallet:staff_payouts_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == payouts.CSV_HEADER
    assert rows[1][0] == str(payout.pk) and rows[1][3:6] == ["100", "5", "95"]
    assert rows[1][1] == "'=HYPERLINK(evil)"  # never a formula in the operator's spreadsheet
    assert payout.events.filter(kind=PayoutEvent.Kind.EXPORTED, actor=staff).exists()
    client.force_login(earner)
    assert client.get(reverse("wallet:staff_payouts_export")).status_code == 403


def test_hidden_document_sales_still_count(earner):
    Document.objects.filter(owner=earner).update(visibility=Document.Visibility.HIDDEN)
    assert payouts.withdrawable(earner).amount == 300
