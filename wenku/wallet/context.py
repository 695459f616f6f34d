"""What the document page's buy/download box shows for this visitor (wallet/_buy_box.html)."""

from __future__ import annotations

import uuid

from wenku.library import access
from wenku.library.models import Document

from . import ledger
from .gateways import active_gateway


def buy_box(
    user, doc: Document, rights: access.Rights | None = None, balance: int | None = None
) -> dict:
    """state: "login" (anonymous), "download" (owner, staff or buyer), "buy", or "unavailable"
    (not listed). A fresh idempotency key per page view: a double click or a retried POST of
    this page charges once; two tabs get two keys and the second finds the first purchase.
    rights (access.rights(user, doc)) and balance: what the page has read already, if it
    has (each saves a query)."""
    box: dict = {"price": doc.price, "state": "unavailable"}
    if not user.is_authenticated:
        box["state"] = "login" if doc.is_listed else "unavailable"
        return box
    if rights is None:
        rights = access.rights(user, doc)
    if rights.download:
        box["state"] = "download"
        box["owner"] = rights.manage
        return box
    if not doc.is_listed:
        return box
    if balance is None:
        balance = ledger.balance_of(user)
    box.update(
        state="buy",
        balance=balance,
        enough=balance >= doc.price,
        idempotency_key=uuid.uuid4().hex,
        can_top_up=active_gateway() is not None,
    )
    return box
