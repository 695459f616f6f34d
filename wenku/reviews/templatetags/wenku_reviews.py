"""{% reviews_for doc as reviews %}: what the document page's ratings and comments box shows
this viewer (wenku.reviews.services decide). The box is rendered outside the page's cached
fragments; for anonymous readers the whole page is shared (wenku.web.pagecache), so it shows
them no form, no token and nothing of anybody's own."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import ngettext

from wenku.library.models import Document

from .. import services
from ..models import Rating

register = template.Library()


@register.simple_tag(takes_context=True)
def reviews_for(context: template.Context, doc: Document) -> dict[str, Any]:
    request = context.get("request")
    user: Any = getattr(request, "user", None)
    params: Any = request.GET if request is not None else {}
    if not services.may_see(user, doc):
        return {"visible": False}
    page = services.comments_page(user, doc, params.get("corder", "newest"), params.get("cpage", 1))
    member = services.is_member(user)
    authors = {c.author_id for t in page.threads for c in (t.comment, *t.replies) if c.author_id}
    ratings: dict[int, tuple[int, bool]] = {}
    if authors:
        rows = Rating.objects.filter(document=doc, member_id__in=authors)
        for member_id, stars, buyer in rows.values_list("member_id", "stars", "buyer"):
            ratings[member_id] = (stars, buyer)
    mine = services.rating_of(user, doc) if member and doc.rating_count else None
    buyer_ratings = 0
    if doc.rating_count:
        buyer_ratings = Rating.objects.filter(document=doc, buyer=True).count()
    return {
        "visible": True,
        "page": page,
        "open": doc.is_listed,
        "member": member,
        "staff": member and user.is_staff,
        "can_rate": member and doc.is_listed and doc.owner_id != user.pk,
        "mine": mine,
        "mine_stars": mine.stars if mine else 0,
        "buyer_ratings": buyer_ratings,
        "ratings": ratings,
        "max_length": services.MAX_COMMENT,
        "stars": [(n, _star_label(n)) for n in range(1, 6)] if member else [],
    }


def _star_label(n: int) -> str:
    # In Python, not a {% blocktranslate count %} per star: the form is on every member's page.
    return ngettext("%(counter)s star", "%(counter)s stars", n) % {"counter": n}


@register.filter
def author_of(comment: Any) -> str:
    return services.author_name(comment)


@register.filter
def lookup(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None
