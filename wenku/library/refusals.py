"""One refusal type for the whole site: a stable `code` for programs, an HTTP `status`, and a
`message` for people (a lazy translation: the response picks the reader's language; `texts()`
gives both English and Chinese, e.g. for logs and command-line JSON).

Raised by the services (wallet, moderation, uploads…); turned into a response in one place
for the API (wenku.api.errors.exception_handler: {"error": code, "detail": message, …}) and
one for the site (wenku.web.middleware.RefusalMiddleware: a readable page with the status).
Views only catch one where they show it somewhere else (beside a form field, as a message).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise


class Refusal(Exception):
    code: str = "error"
    status: int = 400
    default_message: Text = _("The request could not be completed.")
    field: str | None = None  # the form field the refusal belongs beside, if any

    def __init__(
        self,
        message: Text | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        field: str | None = None,
        **extra: Any,
    ) -> None:
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        if field is not None:
            self.field = field
        self.message: Text = message if message is not None else self.default_message
        self.extra = extra
        super().__init__(str(self.message))

    def texts(self) -> dict[str, str]:
        """The message in English and Chinese."""
        out = {}
        for key, language in (("en", "en"), ("zh", "zh-hans")):
            with translation.override(language):
                out[key] = str(self.message)
        return out

    def as_json(self) -> dict[str, Any]:
        """The API's error shape: {"error", "detail"[, "field"], **extra}."""
        data: dict[str, Any] = {"error": self.code, "detail": str(self.message)}
        if self.field:
            data["field"] = self.field
        return {**data, **self.extra}
