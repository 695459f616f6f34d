"""What the document page's ratings and comments box (reviews/_reviews.html) shows one
viewer: wenku.reviews.services decide. For anonymous readers the whole page is shared
(wenku.web.pagecache), so it shows them no form and nothing of anybody's own."""

from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from wenku.library.models import Document

from . import services
from .models import Rating


def values(user: Any, doc: Document, params: Any) -> dict[str, Any]:
    """The box's values. Without comments on the page they are plain (numbers, strings,
    lists): the same for every viewer in the same position, so the rendering may be shared."""
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
    shown = {"count": page.count, "order": page.order, "page": page.page,
             "num_pages": page.num_pages}  # fmt: skip
    can_rate = member and doc.is_listed and doc.owner_id != user.pk
    return {
        "visible": True,
        "page": {**shown, "threads": page.threads, "voted": sorted(page.voted)},
        "open": doc.is_listed,
        "member": member,
        "staff": member and user.is_staff,
        "can_rate": can_rate,
        "mine_stars": mine.stars if mine else 0,  # 0: not rated by this viewer
        "buyer_ratings": buyer_ratings,
        "ratings": ratings,
        "max_length": services.MAX_COMMENT,
        "stars": [(n, _star_label(n)) for n in range(1, 6)] if can_rate else [],
    }


def _star_label(n: int) -> str:
    # In Python, not a {% blocktranslate count %} per star: the form is on every member's page.
    return ngettext("%(counter)s star", "%(counter)s stars", n) % {"counter": n}
