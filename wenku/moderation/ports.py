"""What moderation needs from its siblings, the wallet and the quality checks.

Moderation may not import them (docs/architecture.md: quality, moderation, search and wallet
are independent); wenku.publishing.bridges supplies these functions at start-up. A port that
nobody supplied is a configuration error, never a silent "nothing to refund".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from wenku.library.models import Document

_provided: dict[str, Callable[..., Any]] = {}


def provide(**functions: Callable[..., Any]) -> None:
    _provided.update(functions)


def _port(name: str) -> Callable[..., Any]:
    try:
        return _provided[name]
    except KeyError:
        message = f"moderation port {name!r}: wenku.publishing supplies it"
        raise ImproperlyConfigured(message) from None


def author_earnings(doc_pk: int) -> int:
    """What the author earned from the document's sales (the wallet credited it at sale)."""
    return int(_port("author_earnings")(doc_pk))


def paid_purchases(doc_pk: int) -> Iterable[Any]:
    """The document's paid purchases, with their buyers."""
    return _port("paid_purchases")(doc_pk)


def refund_purchase(purchase: Any, memo: str) -> Any:
    """Refund one purchase exactly once: the ledger transaction, or None if nothing moved."""
    return _port("refund_purchase")(purchase, memo=memo)


def live_purchase_of(buyer_pk: int, doc_pk: int) -> Any:
    """The member's purchase of the document that was not refunded (a refund ends it)."""
    return _port("live_purchase_of")(buyer_pk, doc_pk)


def ever_bought(buyer_pk: int, doc_pk: int) -> bool:
    """Whether the member ever bought the document (refunded purchases included)."""
    return bool(_port("ever_bought")(buyer_pk, doc_pk))


def delivery_failed(purchase: Any) -> bool:
    """Whether the server recorded a failed delivery of this purchase (its own storage)."""
    return bool(_port("delivery_failed")(purchase))


def refund_transactions(since: dt.datetime) -> Any:
    """The ledger's refund transactions since a time (a queryset with `created_at`)."""
    return _port("refund_transactions")(since)


def download_records(purchase: Any) -> list[tuple[str, dt.datetime]]:
    """The buyer's download records of the purchased document, for a failed-download case."""
    return _port("download_records")(purchase)


def text_sha256(doc: Document) -> str:
    """The quality checks' normalised-text hash of the document ('' for little text)."""
    return str(_port("text_sha256")(doc))


def record_approval(doc: Document, staff: Any, at: dt.datetime) -> None:
    """Staff approved a held document: the quality checks keep that decision too."""
    _port("record_approval")(doc, staff, at)


def comment_summary(comment_pk: int) -> dict[str, Any] | None:
    """A reported comment for the case page (author, text, hidden or not), None if gone."""
    return _port("comment_summary")(comment_pk)


def hide_comment(comment_pk: int, staff: Any, reason: str, complaint: Any) -> bool:
    """Hide a reported comment (audited by the reviews app); False if it was hidden already."""
    return bool(_port("hide_comment")(comment_pk, staff, reason, complaint))
