"""What the site header shows a signed-in member (points, unread messages): one query per
request, which the document page's buy box shares. It runs on every page a member opens, so
it is one plain SQL statement (the ORM's compilation of the same two subqueries costs twenty
times the query itself); table and column names come from the models."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest

from wenku.moderation.models import Message
from wenku.wallet.models import Account

EMPTY = {"points": 0, "unread": 0}


def _sql() -> str:
    account, message = Account._meta, Message._meta
    q = connection.ops.quote_name
    balance = q(account.get_field("balance").column)
    owner = q(account.get_field("user").column)
    recipient = q(message.get_field("recipient").column)
    read_at = q(message.get_field("read_at").column)
    return (
        f"SELECT (SELECT {balance} FROM {q(account.db_table)} WHERE {owner} = %s LIMIT 1), "
        f"(SELECT COUNT(*) FROM {q(message.db_table)} WHERE {recipient} = %s "
        f"AND {read_at} IS NULL)"
    )


def header(request: HttpRequest | None) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return EMPTY
    memo = getattr(request, "wenku_member_header", None)
    if memo is None:
        with connection.cursor() as cursor:
            cursor.execute(_sql(), [user.pk, user.pk])
            points, unread = cursor.fetchone()
        memo = {"points": int(points or 0), "unread": int(unread or 0)}
        request.wenku_member_header = memo  # type: ignore[union-attr]
    return memo
