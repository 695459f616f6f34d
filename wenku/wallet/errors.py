"""Refusals the wallet gives, each with a stable code, an HTTP status and a readable detail.

Views and the API show them; nothing is moved when one is raised.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wenku.library.refusals import Refusal, Text


class WalletError(Refusal):
    code = "error"
    status = 400
    default_detail: Text = _("The request could not be completed.")

    def __init__(self, detail: Text | None = None, **extra: Any) -> None:
        super().__init__(detail if detail is not None else self.default_detail, **extra)
        self.detail = str(self.message)


class LoginRequired(WalletError):
    code, status = "login_required", 401
    default_detail = _("Log in first.")


class NotAvailable(WalletError):
    code, status = "not_found", 404
    default_detail = _("This document does not exist or is not available.")


class OwnDocument(WalletError):
    code, status = "own_document", 403
    default_detail = _("This is your own document: you can download it free of charge.")


class NoPurchaseNeeded(WalletError):
    code, status = "no_purchase_needed", 403
    default_detail = _("Staff download every document free of charge.")


class InsufficientBalance(WalletError):
    code, status = "insufficient_balance", 402
    default_detail = _("Your points balance is too low for this document. Top up to buy it.")


class IdempotencyKeyReused(WalletError):
    code, status = "idempotency_key_reused", 409
    default_detail = _("This idempotency key was already used for another document.")


class PriceChanged(WalletError):
    code, status = "price_changed", 409
    default_detail = _("The price of this document has changed. Check the new price and try again.")


class AlreadyPurchased(WalletError):
    code, status = "already_purchased", 409
    default_detail = _("You already bought this document. You can download it again for free.")


class NotPurchased(WalletError):
    code, status = "not_purchased", 403
    default_detail = _("Buy this document to download it.")


class DownloadLimit(WalletError):
    code, status = "download_limit", 429
    default_detail = _("You have reached today's download limit. Please try again tomorrow.")


class InvalidRequest(WalletError):
    code, status = "invalid", 400


class LinkInvalid(WalletError):
    code, status = "invalid_link", 403
    default_detail = _("This download link is not valid.")


class LinkExpired(WalletError):
    code, status = "link_expired", 410
    default_detail = _("This download link has expired. Go back to the document for a new one.")


class LinkUsed(WalletError):
    code, status = "link_used", 410
    default_detail = _(
        "This download link was already used. Go back to the document for a new one."
    )


class LinkNotYours(WalletError):
    code, status = "link_not_yours", 403
    default_detail = _("This download link was made for another member.")


class DeliveryFailed(WalletError):
    code, status = "delivery_failed", 503
    default_detail = _(
        "The file could not be delivered. The failure was recorded for the site's staff."
    )


class StaffOnly(WalletError):
    code, status = "staff_only", 403
    default_detail = _("Only staff may do this.")


class PayoutBelowMinimum(WalletError):
    code, status, field = "payout_below_minimum", 400, "points"
    default_detail = _("A payout must be at least the minimum amount.")


class PayoutAboveWithdrawable(WalletError):
    code, status, field = "payout_above_withdrawable", 400, "points"
    default_detail = _("You cannot withdraw more than your withdrawable earnings.")


class PayoutPending(WalletError):
    code, status = "payout_pending", 409
    default_detail = _(
        "You already have a payout request waiting for review. Wait for the decision first."
    )


class PayoutDecided(WalletError):
    code, status = "payout_decided", 409
    default_detail = _("This payout was already decided.")


class PayoutNotFound(WalletError):
    code, status = "not_found", 404
    default_detail = _("This payout request does not exist.")
