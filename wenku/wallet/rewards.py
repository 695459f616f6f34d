"""The upload reward: paid once per text, for ever, to the member who published it first;
taken back when the document is removed for cause (docs/decisions.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Sum

from wenku.library.models import Document

from . import conf, ledger
from .ledger import platform_account
from .models import Account, LedgerTransaction, TextClaim

Reason = LedgerTransaction.Reason


TextKey = Callable[[Document], str]
EarlierCopy = Callable[[Document, str], bool]


def reward_upload(
    doc: Document, *, text_key: TextKey, earlier_copy: EarlierCopy
) -> LedgerTransaction | None:
    """WENKU_UPLOAD_REWARD to the first member who publishes a text, once, for ever.

    What "the same text" is belongs to the quality checks, which the wallet may not import:
    `text_key(doc)` names the text, `earlier_copy(doc, key)` says another member published
    the same file or text earlier (wenku.publishing.bridges supplies both).

    Re-reads the document: only a listed one (ready and public, i.e. not held by the quality
    checks, not hidden) earns it. The text is claimed (TextClaim, unique) for the first
    publisher even when no reward is paid, and the claim outlives the document: deleting and
    uploading again, a second copy, or another member's copy of a published text earn nothing.
    """
    fresh = Document.objects.select_related("owner").filter(pk=doc.pk).first()
    if fresh is None or not fresh.is_listed:
        return None
    if ledger.already_posted(Reason.UPLOAD_REWARD, f"doc{fresh.pk}"):
        return None  # rewarded before text claims existed
    key = text_key(fresh)
    if TextClaim.objects.filter(text_sha256=key).exists():
        return None
    if earlier_copy(fresh, key):
        return None
    try:
        with transaction.atomic():
            TextClaim.objects.create(text_sha256=key, user_id=fresh.owner_id, document_pk=fresh.pk)
    except IntegrityError:  # claimed concurrently (two copies published at once)
        return None
    amount = conf.int_setting("WENKU_UPLOAD_REWARD")
    from .services import _credit_once  # services re-exports this module (a cycle at load)

    return _credit_once(
        fresh.owner,
        amount,
        Reason.UPLOAD_REWARD,
        f"upload:{key}",
        Account.REWARDS,
        memo=fresh.title,
    )


def reverse_upload_reward(doc: Document) -> LedgerTransaction | None:
    """A document removed for cause (staff, a copyright notice upheld, the quality review)
    gives its upload reward back, once: a ledger row from the member to the rewards account.
    The text stays claimed, so a re-upload earns nothing. If the member spent the points,
    what is left is taken back (a balance never goes negative) and the memo says so."""
    claim = TextClaim.objects.filter(document_pk=doc.pk).first()
    if claim is None:
        return None
    reward = LedgerTransaction.objects.filter(
        reason=Reason.UPLOAD_REWARD, reference=f"upload:{claim.text_sha256}"
    ).first()
    if reward is None:
        return None
    amount = reward.entries.filter(account__user_id=claim.user_id).aggregate(s=Sum("amount"))["s"]
    account = Account.objects.filter(user_id=claim.user_id).first()
    if not amount or account is None:
        return None
    reference = f"reward{reward.pk}"
    try:
        with transaction.atomic():
            locked = ledger.lock_accounts([account])[account.pk]
            if ledger.already_posted(Reason.REWARD_REVERSAL, reference):
                return None
            taken = min(int(amount), int(locked.balance or 0))
            memo = doc.title if taken == amount else f"{doc.title} ({taken}/{amount})"
            if taken <= 0:
                return None
            legs = [(account, -taken), (platform_account(Account.REWARDS), taken)]
            return ledger.post(Reason.REWARD_REVERSAL, reference, legs, memo=memo)
    except IntegrityError:
        return None
