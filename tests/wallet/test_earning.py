"""Earning points: sign-up bonus, daily sign-in, upload reward, staff grants, sandbox top-up."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.urls import reverse

from wenku.library import services as library_services
from wenku.library.models import Document
from wenku.publishing import ready as publishing
from wenku.wallet import ledger, services
from wenku.wallet.models import LedgerTransaction, TopUpOrder

pytestmark = pytest.mark.django_db
Reason = LedgerTransaction.Reason


def txns(reason: str, user=None) -> int:
    qs = LedgerTransaction.objects.filter(reason=reason)
    if user is not None:
        qs = qs.filter(entries__account__user=user)
    return qs.count()


def test_signup_bonus_is_paid_once(client, settings, django_user_model):
    settings.WENKU_SIGNUP_BONUS = 20
    response = client.post(
        reverse("accounts:register"),
        {"username": "newbie", "password1": "a-Long-pass-123", "password2": "a-Long-pass-123"},
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(username="newbie")
    assert ledger.balance_of(user) == 20
    assert services.signup_bonus(user) is None  # asked again: nothing more
    user.save()  # later saves of the user are not sign-ups
    assert ledger.balance_of(user) == 20
    assert txns(Reason.SIGNUP_BONUS, user) == 1
    assert ledger.audit().ok


def test_signup_bonus_zero_means_none(make_user):
    user = make_user()
    assert ledger.balance_of(user) == 0
    assert txns(Reason.SIGNUP_BONUS) == 0


def test_daily_signin_once_per_day(client, buyer):
    client.force_login(buyer)
    url = reverse("wallet:signin")
    # The site's day is pinned: dt.date.today() is the machine's (UTC) day, a day behind
    # Asia/Shanghai after 16:00 UTC, and a real midnight may fall between two requests.
    today = dt.date(2026, 6, 1)
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 302  # the same day again
        assert ledger.balance_of(buyer) == 2
        page = client.get(reverse("wallet:home")).content.decode()
        assert url not in page  # the button is gone for today
    tomorrow = today + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        client.post(url)
        client.post(url)
    assert ledger.balance_of(buyer) == 4
    assert txns(Reason.SIGNIN, buyer) == 2
    assert client.get(url).status_code == 405  # sign-in is a POST


def _ready(doc: Document) -> Document:
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.READY, page_count=3)
    doc.refresh_from_db()
    return doc


def test_upload_reward_once_when_published(make_doc, author):
    doc = _ready(make_doc(status=Document.Status.CONVERTING, price=0))
    publishing.on_ready(doc)
    publishing.on_ready(doc)  # converted again, or a duplicate task: paid once
    library_services.update_document(
        doc, title="新标题", description="", category=None, tags=[], preview_limit=None
    )
    assert ledger.balance_of(author) == 5
    assert txns(Reason.UPLOAD_REWARD, author) == 1


def test_no_upload_reward_when_held_until_staff_publish(make_doc, author):
    doc = make_doc(status=Document.Status.CONVERTING, price=0)
    Document.objects.filter(pk=doc.pk).update(visibility=Document.Visibility.HELD)
    doc = _ready(doc)
    publishing.on_ready(doc)  # the quality checks held it as a duplicate
    assert ledger.balance_of(author) == 0
    library_services.set_visibility(doc, Document.Visibility.HIDDEN)
    assert ledger.balance_of(author) == 0
    library_services.set_visibility(doc, Document.Visibility.PUBLIC)  # staff approve it
    library_services.set_visibility(doc, Document.Visibility.PUBLIC)
    assert ledger.balance_of(author) == 5
    assert txns(Reason.UPLOAD_REWARD) == 1


def test_no_upload_reward_for_a_failed_document(make_doc, author):
    doc = make_doc(status=Document.Status.FAILED)
    publishing.on_ready(doc)
    assert ledger.balance_of(author) == 0


def test_staff_grant_page(client, staff, buyer, other):
    url = reverse("wallet:staff_grant")
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert client.post(url, {"username": "buyer", "points": 50, "memo": "x"}).status_code == 403
    assert ledger.balance_of(buyer) == 0
    client.force_login(staff)
    assert client.get(url).status_code == 200
    response = client.post(url, {"username": "buyer", "points": 50, "memo": "活动奖励"})
    assert response.status_code == 302
    assert ledger.balance_of(buyer) == 50
    # A correction may not take the balance below zero.
    response = client.post(url, {"username": "buyer", "points": -60, "memo": "更正"})
    assert response.status_code == 200 and response.context["form"].errors
    assert ledger.balance_of(buyer) == 50
    client.post(url, {"username": "buyer", "points": -20, "memo": "更正"})
    assert ledger.balance_of(buyer) == 30
    grant = LedgerTransaction.objects.filter(reason=Reason.GRANT).first()
    assert grant.actor == staff
    assert ledger.audit().ok


def _sandbox_payloads(client, points: int = 100) -> tuple[TopUpOrder, str, str]:
    response = client.post(reverse("wallet:topup"), {"points": points})
    assert response.status_code == 302
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "SANDBOX — no real money" in content
    confirm, cancel = re.findall(r'name="payload" value="([^"]+)"', content)
    return TopUpOrder.objects.get(), confirm, cancel


def test_sandbox_topup_credits_once_even_when_replayed(client, buyer):
    client.force_login(buyer)
    order, confirm, _ = _sandbox_payloads(client)
    callback = reverse("wallet:topup_callback", args=["sandbox"])
    first = client.post(callback, {"payload": confirm})
    assert first.status_code == 302 and first["Location"].endswith(f"/topup/{order.pk}/")
    assert ledger.balance_of(buyer) == 100
    for _ in range(3):  # the gateway retries, or someone replays the request
        client.post(callback, {"payload": confirm})
    assert ledger.balance_of(buyer) == 100
    order.refresh_from_db()
    assert order.status == TopUpOrder.Status.PAID and order.transaction_id
    assert txns(Reason.TOPUP, buyer) == 1
    assert order.amount_cents == 1000  # 10 points per yuan
    assert ledger.audit().ok


def test_sandbox_cancel_and_forged_callback(client, buyer):
    client.force_login(buyer)
    order, confirm, cancel = _sandbox_payloads(client)
    callback = reverse("wallet:topup_callback", args=["sandbox"])
    client.post(callback, {"payload": cancel})
    order.refresh_from_db()
    assert order.status == TopUpOrder.Status.CANCELLED
    assert ledger.balance_of(buyer) == 0
    forged = confirm[:-3] + ("aaa" if not confirm.endswith("aaa") else "bbb")
    assert client.post(callback, {"payload": forged}).status_code == 400
    assert client.post(callback, {"payload": ""}).status_code == 400
    assert ledger.balance_of(buyer) == 0


def test_topup_refuses_amounts_not_offered(client, buyer):
    client.force_login(buyer)
    response = client.post(reverse("wallet:topup"), {"points": 777})
    assert response.status_code == 200 and response.context["form"].errors
    assert not TopUpOrder.objects.exists()


def test_sandbox_is_off_without_debug_unless_asked(client, settings, buyer):
    del settings.WENKU_PAYMENT_GATEWAY
    settings.DEBUG = False
    client.force_login(buyer)
    client.post(reverse("wallet:topup"), {"points": 100})
    assert not TopUpOrder.objects.exists()
