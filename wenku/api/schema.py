"""Shared OpenAPI pieces: every error response has the same documented body."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer

_TEXT = {
    400: "invalid input",
    401: "log in (session) or send `Authorization: Token …`",
    402: "balance too low",
    403: "not allowed",
    404: "no such thing, or not visible to you",
    405: "method not allowed",
    406: "not acceptable",
    409: "conflict",
    410: "gone",
    415: "unsupported media type",
    429: "rate limited",
    503: "temporarily unavailable",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    # 405/406/415 can answer any request whatever the view does: always documented.
    wanted = sorted(set(codes) | {405, 406, 415})
    return {code: OpenApiResponse(ErrorSerializer, description=_TEXT[code]) for code in wanted}


ERRORS = errors(400, 401, 403, 404)
