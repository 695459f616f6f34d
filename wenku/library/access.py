"""Who may see what (DESIGN §3). Every view, API endpoint and search result asks here.

Pages beyond the free preview, their text and the original are for the owner, staff and
buyers (members with a wallet purchase of the document) only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from .models import Document

# Who bought what is the wallet's knowledge: it registers its check here at start-up
# (wenku.wallet.apps), so the library never imports the wallet. None registered: nobody bought.
_purchase_checks: list[Callable[[Any, Document], bool]] = []


def register_purchase_check(check: Callable[[Any, Document], bool]) -> None:
    if check not in _purchase_checks:
        _purchase_checks.append(check)


def can_manage(user: Any, doc: Document) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.pk == doc.owner_id)


def can_view(user: Any, doc: Document) -> bool:
    return doc.is_listed or can_manage(user, doc)


def has_bought(user: Any, doc: Document) -> bool:
    """The member bought (or took the free copy of) the document in the wallet."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return any(check(user, doc) for check in _purchase_checks)


def readable_pages(user: Any, doc: Document) -> int:
    """How many leading pages this user may read: all for owner/staff and for buyers of a
    listed document, the preview otherwise."""
    if can_manage(user, doc):
        return doc.page_count
    if not doc.is_listed:
        return 0
    if has_bought(user, doc):
        return doc.page_count
    return doc.free_pages


def can_download(user: Any, doc: Document) -> bool:
    """The original: owner and staff always, buyers while the document is listed."""
    return can_manage(user, doc) or (doc.is_listed and has_bought(user, doc))


@dataclass(frozen=True)
class Rights:
    """What one reader may do with one document, worked out with one purchase lookup (the
    document page needs all three: readable_pages and can_download would each look)."""

    manage: bool
    readable: int
    download: bool


def rights(user: Any, doc: Document) -> Rights:
    if can_manage(user, doc):
        return Rights(manage=True, readable=doc.page_count, download=True)
    if not doc.is_listed:
        return Rights(manage=False, readable=0, download=False)
    bought = has_bought(user, doc)
    return Rights(
        manage=False, readable=doc.page_count if bought else doc.free_pages, download=bought
    )


def can_read_page(user: Any, doc: Document, number: int) -> bool:
    return 1 <= number <= readable_pages(user, doc)
