"""The couplings between sibling apps, one layer up so that neither imports the other:
moderation's ports (money, text fingerprints, reported comments), the wallet's spending holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import QuerySet, Sum

from wenku.library.models import Document
from wenku.moderation import ports
from wenku.moderation.services import held_points
from wenku.quality.index import document_text
from wenku.quality.models import Fingerprint, Report
from wenku.quality.normalize import normalized_text
from wenku.quality.normalize import text_sha256 as sha_of_text
from wenku.reviews import services as reviews
from wenku.wallet import services as wallet
from wenku.wallet.models import Download, DownloadFailure, LedgerTransaction, Purchase
from wenku.wallet.rewards import reverse_upload_reward


def author_earnings(doc_pk: int) -> int:
    earned = Purchase.objects.filter(document_id=doc_pk).aggregate(s=Sum("author_share"))["s"]
    return int(earned or 0)


def paid_purchases(doc_pk: int) -> QuerySet[Purchase]:
    return Purchase.objects.filter(document_id=doc_pk, price__gt=0).select_related("buyer")


def live_purchase_of(buyer_pk: int, doc_pk: int) -> Purchase | None:
    return Purchase.objects.filter(buyer_id=buyer_pk, document_id=doc_pk, refunded_at=None).first()


def ever_bought(buyer_pk: int, doc_pk: int) -> bool:
    return Purchase.objects.filter(buyer_id=buyer_pk, document_id=doc_pk).exists()


def delivery_failed(purchase: Purchase) -> bool:
    return DownloadFailure.objects.filter(purchase=purchase).exists()


def refund_transactions(since: dt.datetime) -> QuerySet[LedgerTransaction]:
    return LedgerTransaction.objects.filter(
        reason=LedgerTransaction.Reason.REFUND, created_at__gte=since
    )


def download_records(purchase: Any) -> list[tuple[str, dt.datetime]]:
    rows = list(
        Download.objects.filter(user_id=purchase.buyer_id, document_id=purchase.document_id)
    )
    failures = DownloadFailure.objects.filter(purchase=purchase)
    return [("ok" if r.ok else "not delivered", r.created_at) for r in rows] + [
        (f.error, f.created_at) for f in failures
    ]


def text_sha256(doc: Document) -> str:
    """The normalised-text hash the quality checks use (NFKC, case, punctuation and spacing
    folded), so a PDF exported from a blocked DOCX is recognised too: stored, else computed."""
    stored = Fingerprint.objects.filter(document_id=doc.pk).values_list("text_sha256", flat=True)
    if stored and stored[0]:
        return stored[0]
    return sha_of_text(document_text(doc.pk))


def record_approval(doc: Document, staff: Any, at: dt.datetime) -> None:
    Report.objects.filter(document=doc, decision="").update(
        decision=Report.Decision.APPROVED, reviewed_by=staff, reviewed_at=at
    )


def reward_text_key(doc: Document) -> str:
    """What "the same text" means for the upload reward: the quality checks' normalised-text
    SHA-256 (stored with the document's fingerprint, or computed the same way for a short
    text), or the file's SHA-256 for a document without any text."""
    stored = Fingerprint.objects.filter(document_id=doc.pk).values_list("text_sha256", flat=True)
    if stored and stored[0]:
        return stored[0]
    norm = normalized_text(document_text(doc.pk))
    if norm:
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()
    return f"file:{doc.file_sha256 or doc.pk}"


def published_first_by_other(doc: Document, key: str) -> bool:
    """Another member's earlier document has the same file or text (even if never claimed:
    documents from before the claims existed, or published while rewards were off)."""
    earlier = Document.objects.filter(pk__lt=doc.pk).exclude(owner_id=doc.owner_id)
    if doc.file_sha256 and earlier.filter(file_sha256=doc.file_sha256).exists():
        return True
    return Fingerprint.objects.filter(text_sha256=key, document__in=earlier.values("pk")).exists()


def reward_upload(doc: Document) -> LedgerTransaction | None:
    """The wallet's upload reward, with the quality checks' idea of "the same text"."""
    return wallet.reward_upload(
        doc, text_key=reward_text_key, earlier_copy=published_first_by_other
    )


def follow_visibility(doc: Document) -> None:
    """The upload reward follows a visibility change: a held document that staff publish
    earns it then (still once per text); one removed for cause gives it back."""
    if doc.visibility == Document.Visibility.REMOVED:
        reverse_upload_reward(doc)
    else:
        reward_upload(doc)


def hide_comment(comment_pk: int, staff: Any, reason: str, complaint: Any) -> bool:
    """A reported comment's case upheld: the comment hidden (audited with the case)."""
    return reviews.hide(staff, comment_pk, reason, complaint)


def connect() -> None:
    ports.provide(
        author_earnings=author_earnings,
        paid_purchases=paid_purchases,
        refund_purchase=wallet.refund_purchase,
        live_purchase_of=live_purchase_of,
        ever_bought=ever_bought,
        delivery_failed=delivery_failed,
        refund_transactions=refund_transactions,
        download_records=download_records,
        text_sha256=text_sha256,
        record_approval=record_approval,
        comment_summary=reviews.summary,
        hide_comment=hide_comment,
    )
    wallet.register_spending_hold(held_points)
