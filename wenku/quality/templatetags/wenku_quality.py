"""{% quality_notice doc %} for the author (and staff), {% quality_panel doc %} for staff.

Template tags rather than view context, so the document page and "My documents" show the
checks' findings without their views knowing about the quality app.
"""

from __future__ import annotations

from django import template

from wenku.library.models import Document
from wenku.quality.services import notice, panel

register = template.Library()


@register.inclusion_tag("quality/_notice.html")
def quality_notice(doc: Document) -> dict:
    # Only documents the checks can have held or rejected cost a query.
    if doc.visibility != Document.Visibility.HELD and doc.failure_code != "duplicate":
        return {"notice": None}
    return {"notice": notice(doc), "doc": doc}


@register.inclusion_tag("quality/_panel.html", takes_context=True)
def quality_panel(context: template.Context, doc: Document) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user is not None and user.is_authenticated and user.is_staff):
        return {"panel": None}
    return {"panel": panel(doc), "doc": doc, "request": request}
