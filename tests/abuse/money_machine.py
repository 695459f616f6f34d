"""A stateful, property-based test of the money (Hypothesis RuleBasedStateMachine).

Random sequences of sign-up, top-up, upload, viewing a price, a price change, buying (the
site form, with the price shown), downloading (delivered, or failing for real: the stored
file is deleted), complaining, staff refunds, takedown, restore, removal and deletion, by
several members. After every step: the ledger balances and sums to zero, no balance is
negative, every cached balance equals its ledger, every live purchase is one the model
expects (refunds happen only where the server failed or staff refunded), nobody reads beyond
the preview without a live purchase (owner and staff excepted), and each (buyer, document)
is charged at most once net, never more than the price shown.

Run by test_money_stateful.py on SQLite (in the suite's database) and on PostgreSQL (a child
process, `python -m tests.abuse.money_machine`, on a fresh database).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis import event as _event
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)


def event(text: str) -> None:
    """Hypothesis statistics; MONEY_DEBUG=1 prints them (what the runs reach)."""
    _event(text)
    if os.environ.get("MONEY_DEBUG"):
        print("EVENT", text)


MAX_MEMBERS, MAX_DOCS, PAGES, FREE = 4, 6, 3, 1
TEXTS = [
    "Annual budget of the household, income and spending by month.",
    "Lesson plan for spring, reading the essay aloud in class.",
    "Rental contract template between landlord and tenant.",
]
SETTINGS = {
    "WENKU_PREVIEW_PAGES": FREE,
    "WENKU_PREVIEW_WIDTHS": [500],
    "WENKU_SERVE_MODE": "django",
    "WENKU_SIGNUP_BONUS": 20,
    "WENKU_UPLOAD_REWARD": 5,
    "WENKU_COMMISSION_PERCENT": 10,
    "WENKU_DOWNLOADS_PER_DAY": 0,
    "WENKU_DOWNLOADS_PER_IP_PER_DAY": 0,
    "WENKU_PAYMENT_GATEWAY": "sandbox",
    "WENKU_PREPUBLICATION_REVIEW": False,
    "WENKU_TOPUP_PACKAGES": [100, 500],
}
RUN = settings(
    max_examples=int(os.environ.get("WENKU_MONEY_EXAMPLES", "15")),
    stateful_step_count=20,
    deadline=None,
    derandomize=True,  # the same sequences on SQLite and PostgreSQL, and in CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def configure(django_settings, media_root: str) -> None:
    django_settings.MEDIA_ROOT = media_root
    for name, value in SETTINGS.items():
        setattr(django_settings, name, value)


class MoneyMachine(RuleBasedStateMachine):
    docs = Bundle("docs")

    def __init__(self) -> None:
        super().__init__()
        from django.contrib.auth import get_user_model
        from django.db import transaction

        self._atomic = transaction.atomic()  # each example is rolled back at teardown
        self._atomic.__enter__()
        self.User = get_user_model()
        self.staff = self.User.objects.create_user(f"staff{id(self)}", is_staff=True)
        self.members: list = []
        self.live: dict[tuple[int, int], int] = {}  # (buyer, doc) -> purchase pk (model)
        self.shown: dict[tuple[int, int], int] = {}  # the price a member last saw
        self.doc_ids: list[int] = []
        self.originals: dict[int, bytes] = {}
        self.counter = 0

    def teardown(self) -> None:
        from django.db import transaction

        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers -----------------------------------------------------------------------

    def _client(self, user):
        from django.test import Client

        client = Client()
        client.force_login(user)
        return client

    def _doc(self, pk: int):
        from wenku.library.models import Document

        return Document.objects.filter(pk=pk).first()

    def _member(self, index: int):
        return self.members[index % len(self.members)]

    def _balance(self, user) -> int:
        from wenku.wallet import ledger

        return ledger.balance_of(user)

    # --- members and points ------------------------------------------------------------

    @initialize(target=docs, price=st.sampled_from([3, 10]))
    def two_members_and_a_paid_document(self, price: int):
        """Start where money can move: an author with a paid document and a reader."""
        self.sign_up()
        self.sign_up()
        return self.upload(0, 0, price)

    @precondition(lambda self: len(self.members) < MAX_MEMBERS)
    @rule()
    def sign_up(self) -> None:
        self.counter += 1
        user = self.User.objects.create_user(f"m{self.counter}x{id(self)}")  # force_login: no hash
        assert self._balance(user) == SETTINGS["WENKU_SIGNUP_BONUS"]
        self.members.append(user)

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), points=st.sampled_from([100, 500]), paid=st.booleans())
    def top_up(self, who: int, points: int, paid: bool) -> None:
        from wenku.wallet import topup

        user = self._member(who)
        before = self._balance(user)
        order = topup.create_order(user, points, "sandbox")
        for _ in range(2):  # the gateway's callback, replayed
            topup.complete_order(str(order.pk), paid=paid, gateway_name="sandbox", gateway_ref="r")
        assert self._balance(user) == before + (points if paid else 0)

    @precondition(lambda self: self.members and len(self.doc_ids) < MAX_DOCS)
    @rule(
        target=docs,
        who=st.integers(0, 9),
        text=st.integers(0, 2),
        price=st.sampled_from([0, 3, 10, 40]),
    )
    def upload(self, who: int, text: int, price: int):
        """A converted document (made ready directly, with a real small PDF as its original),
        then the real publishing step: quality checks, moderation, upload reward."""
        from django.core.files.base import ContentFile
        from django.db import transaction

        from tests.abuse.money_fixtures import pdf_bytes
        from wenku.library.models import Document, Page
        from wenku.publishing import ready as publishing

        owner = self._member(who)
        pages = [f"{TEXTS[text]} Page {n}." for n in range(1, PAGES + 1)]
        data = pdf_bytes(pages)
        doc = Document.objects.create(
            owner=owner,
            title=f"doc{text}",
            format="pdf",
            status=Document.Status.READY,
            page_count=PAGES,
            price=price,
            file_size=len(data),
        )
        doc.original.save("upload", ContentFile(data), save=True)
        Page.objects.bulk_create(
            [Page(document=doc, number=n, text=t, rendered=False) for n, t in enumerate(pages, 1)]
        )
        with transaction.atomic():
            publishing.on_ready(doc)
        self.doc_ids.append(doc.pk)
        self.originals[doc.pk] = data
        return doc.pk

    # --- buying ------------------------------------------------------------------------

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), pk=docs)
    def view_price(self, who: int, pk: int) -> None:
        doc = self._doc(pk)
        if doc is not None:
            self.shown[(self._member(who).pk, pk)] = doc.price

    @rule(pk=docs, price=st.sampled_from([0, 3, 10, 40, 80]))
    def author_changes_price(self, pk: int, price: int) -> None:
        from wenku.library.models import Document

        Document.objects.filter(pk=pk).update(price=price)

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), pk=docs)
    def buy(self, who: int, pk: int) -> None:
        from django.urls import reverse

        from wenku.wallet.models import Purchase

        user, doc = self._member(who), self._doc(pk)
        if doc is None:
            return
        shown = self.shown.get((user.pk, pk), doc.price)
        before = self._balance(user)
        response = self._client(user).post(
            reverse("wallet:buy", args=[pk]),
            {"idempotency_key": f"k{self.counter}-{user.pk}-{pk}", "expected_price": shown},
        )
        self.counter += 1
        event(f"buy answered {response.status_code}")
        assert response.status_code in (200, 302, 404), response.status_code
        paid = before - self._balance(user)
        assert 0 <= paid <= shown  # never more than the price shown
        live = Purchase.objects.filter(buyer=user, document_id=pk, refunded_at=None).first()
        if live is not None:
            previous = self.live.get((user.pk, pk))
            assert previous in (None, live.pk)  # a second tab finds the first purchase
            assert paid == (live.price if previous is None else 0)
            self.live[(user.pk, pk)] = live.pk
        else:
            assert paid == 0

    # --- downloading and complaining ---------------------------------------------------

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), pk=docs, storage_fails=st.booleans())
    def download(self, who: int, pk: int, storage_fails: bool) -> None:
        from django.core.files.storage import default_storage
        from django.urls import reverse

        user, doc = self._member(who), self._doc(pk)
        if doc is None:
            return
        client = self._client(user)
        before = self._balance(user)
        issued = client.get(reverse("api:document_download", args=[pk]))
        event(f"download link {issued.status_code}, storage fails: {storage_fails}")
        if issued.status_code != 200:
            assert issued.status_code in (403, 404)
            assert self.live.get((user.pk, pk)) is None or not doc.is_listed
            return
        path = default_storage.path(doc.original.name)
        if storage_fails:
            os.remove(path)  # the stored file is really gone
        try:
            got = client.get(issued.json()["url"].replace("http://testserver", ""))
            content = b"".join(got.streaming_content) if got.streaming else got.content
        finally:
            if storage_fails:
                with open(path, "wb") as fh:
                    fh.write(self.originals[pk])
        if not storage_fails:
            assert got.status_code == 200 and content == self.originals[pk]
            assert self._balance(user) == before
            return
        assert got.status_code == 503 and self.originals[pk] not in content
        purchase = self.live.pop((user.pk, pk), None)
        from wenku.wallet.models import Purchase

        if purchase is not None:
            row = Purchase.objects.get(pk=purchase)
            if row.price:
                assert row.refunded_at is not None
                assert self._balance(user) == before + row.price
            else:  # a free copy: nothing to refund, the copy stays
                self.live[(user.pk, pk)] = purchase
        else:
            assert self._balance(user) == before  # owner or staff: nothing to refund

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), pk=docs, storage_fails=st.booleans(), again=st.booleans())
    def buy_and_download(self, who: int, pk: int, storage_fails: bool, again: bool) -> None:
        """The common path in one step (so short runs reach it often), sometimes followed by
        buying again after a refund. The buyer is a member other than the author."""
        doc = self._doc(pk)
        if doc is None:
            return
        readers = [i for i, m in enumerate(self.members) if m.pk != doc.owner_id]
        if not readers:
            return
        who = readers[who % len(readers)]
        self.buy(who, pk)
        self.download(who, pk, storage_fails)
        if again:
            self.buy(who, pk)

    @precondition(lambda self: self.members)
    @rule(who=st.integers(0, 9), pk=docs)
    def complain(self, who: int, pk: int) -> None:
        """A "download failed" complaint: never moves points unless the server recorded a
        failed delivery that was not refunded (it always refunds at once here)."""
        from django.urls import reverse

        user = self._member(who)
        if self._doc(pk) is None:
            return
        before = self._balance(user)
        response = self._client(user).post(
            reverse("api:complaints"),
            json.dumps({"kind": "download", "document": pk, "details": "坏了"}),
            content_type="application/json",
        )
        assert response.status_code in (200, 201, 400, 403, 404, 409), response.content
        assert self._balance(user) == before

    # --- staff -------------------------------------------------------------------------

    @rule(pk=docs)
    def staff_refunds(self, pk: int) -> None:
        from wenku.moderation.services import act
        from wenku.wallet.models import Purchase

        doc = self._doc(pk)
        if doc is None:
            return
        act(self.staff, "refund", document=doc, reason="staff refund")
        for key, purchase in list(self.live.items()):
            if key[1] == pk and Purchase.objects.get(pk=purchase).price > 0:
                del self.live[key]

    @rule(pk=docs, action=st.sampled_from(["hide", "restore", "remove"]))
    def moderate(self, pk: int, action: str) -> None:
        from wenku.moderation.services import ComplaintError, act

        doc = self._doc(pk)
        if doc is None:
            return
        try:
            act(self.staff, action, document=doc, reason="test")
        except ComplaintError:
            pass

    @rule(pk=consumes(docs))
    def owner_deletes(self, pk: int) -> None:
        from wenku.library.services import delete_document

        doc = self._doc(pk)
        if doc is None:
            return
        delete_document(doc)
        self.doc_ids.remove(pk)
        for key in [k for k in self.live if k[1] == pk]:
            del self.live[key]  # the purchase row stays in the books, without a document

    # --- invariants --------------------------------------------------------------------

    @invariant()
    def books_balance(self) -> None:
        from django.db.models import Sum

        from wenku.wallet import ledger
        from wenku.wallet.models import Account, Entry

        report = ledger.audit()
        assert report.ok, report.problems
        assert (Entry.objects.aggregate(s=Sum("amount"))["s"] or 0) == 0
        assert not Account.objects.filter(user__isnull=False, balance__lt=0).exists()

    @invariant()
    def purchases_are_the_expected_ones(self) -> None:
        from wenku.wallet.models import Purchase

        live = Purchase.objects.filter(refunded_at=None, document__isnull=False)
        rows = {(p.buyer_id, p.document_id): p.pk for p in live}
        assert rows == self.live

    @invariant()
    def charged_at_most_once_net(self) -> None:
        from django.db.models import Q, Sum

        from wenku.wallet.models import Entry, Purchase

        for purchase in Purchase.objects.filter(price__gt=0):
            refs = Q(transaction__purchase=purchase) | Q(
                transaction__reason="refund", transaction__reference=f"purchase{purchase.pk}"
            )
            net = Entry.objects.filter(refs, account__user_id=purchase.buyer_id).aggregate(
                s=Sum("amount")
            )["s"]
            assert net == (0 if purchase.refunded_at else -purchase.price)
        pairs = Purchase.objects.filter(refunded_at=None).values_list("buyer_id", "document_id")
        pairs = [p for p in pairs if p[1] is not None]
        assert len(pairs) == len(set(pairs))

    @invariant()
    def nobody_reads_beyond_the_preview_without_a_live_purchase(self) -> None:
        from wenku.library import access
        from wenku.library.models import Document

        for doc in Document.objects.filter(pk__in=self.doc_ids):
            for user in self.members:
                manager = user.pk == doc.owner_id
                allowed = manager or (doc.is_listed and (user.pk, doc.pk) in self.live)
                assert access.can_read_page(user, doc, FREE + 1) == allowed
                assert access.can_download(user, doc) == allowed

    @precondition(lambda self: self.members and self.doc_ids)
    @rule(who=st.integers(0, 9), which=st.integers(0, MAX_DOCS))
    def read_beyond_the_preview(self, who: int, which: int) -> None:
        """The same through the real API page endpoint."""
        from django.urls import reverse

        user = self._member(who)
        pk = self.doc_ids[which % len(self.doc_ids)]
        doc = self._doc(pk)
        response = self._client(user).get(reverse("api:document_page", args=[pk, FREE + 1]))
        allowed = user.pk == doc.owner_id or (doc.is_listed and (user.pk, pk) in self.live)
        assert (response.status_code == 200) == allowed, (response.status_code, allowed)
        if not allowed:
            assert f"Page {FREE + 1}.".encode() not in response.content


def run() -> None:
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(MoneyMachine, settings=RUN)


def main() -> int:
    """The PostgreSQL run: migrate the fresh database named by WENKU_DATABASE_URL, run."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.conf import settings as django_settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print(f"not on PostgreSQL but {connection.vendor}")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    with tempfile.TemporaryDirectory() as media:
        configure(django_settings, media)
        run()
    print("MONEY MACHINE OK on", connection.vendor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
