"""What the site header shows a signed-in member (points, unread messages), read in one query
once per request: the document page's buy box uses the same balance."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import OuterRef
from django.http import HttpRequest

from wenku.moderation.services import unread_expression
from wenku.wallet.ledger import balance_expression

EMPTY = {"points": 0, "unread": 0}


def header(request: HttpRequest | None) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return EMPTY
    memo = getattr(request, "wenku_member_header", None)
    if memo is None:
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                points=balance_expression(OuterRef("pk")), unread=unread_expression(OuterRef("pk"))
            )
            .values("points", "unread")
            .first()
        ) or {}
        memo = {"points": int(row.get("points") or 0), "unread": int(row.get("unread") or 0)}
        request.wenku_member_header = memo  # type: ignore[union-attr]
    return memo
