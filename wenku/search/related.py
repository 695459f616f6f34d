"""Related documents by text similarity (not by category).

Candidates come from two cheap queries (backend.similar): titles/tags sharing the document's
title bigrams, and texts sharing its characteristic content bigrams; they are re-ranked by the
overlap of their indexed text with this document's; too few are topped up from the same
category. The ids are cached for an hour; whether each is still listed is checked on every
call.
"""

from __future__ import annotations

import math
from collections import Counter

from django.core.cache import cache

from wenku.library.models import Document

from .backends import Entry, get_backend
from .indexing import listed, stored_entry
from .models import IndexedDocument
from .text import bigrams, squeeze

CACHE_SECONDS = 3600
CANDIDATES = 40
BODY_TERMS = 24  # the backend keeps the rarest dozen
BODY_SAMPLE = 6000  # characters of body compared; enough to tell topics apart
# Function characters: bigrams containing them say little about a topic.
STOP_CHARS = set(
    "的了是在和有他不我人也为就这上年中你说一到都等着对来与地还要个们之以其而于被把那她它及或"
)


def _terms(entry: Entry) -> tuple[list[str], list[str]]:
    """Title bigrams, and the most frequent content bigrams without function characters."""
    title = list(dict.fromkeys(bigrams(entry.title)))[:20]
    text = entry.description + entry.body[:BODY_SAMPLE]
    counts = Counter(g for g in bigrams(text) if len(g) == 2 and not set(g) & STOP_CHARS)
    return title, [g for g, _ in counts.most_common(BODY_TERMS)]


def _profile(entry: Entry) -> tuple[set[str], set[str]]:
    return (
        set(bigrams(entry.title + entry.meta)),
        set(bigrams(entry.description + entry.body[:BODY_SAMPLE])),
    )


def _cosine(a: set[str], b: set[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def related_ids(document: Document, limit: int) -> list[int]:
    # An unindexed document (not listed, or not yet synced) is described by its title and
    # description alone: no page, tag or category queries on the document page.
    entry = stored_entry(document.pk) or Entry(
        document.pk, squeeze(document.title), "", squeeze(document.description), ""
    )
    others = listed().exclude(pk=document.pk)
    candidates = get_backend().similar(*_terms(entry), others, CANDIDATES)
    title, body = _profile(entry)
    scored = []
    for stored in IndexedDocument.objects.filter(pk__in=candidates) if candidates else []:
        other_title, other_body = _profile(Entry(stored.document_id, *stored.unpack()))
        score = 2 * _cosine(title, other_title) + _cosine(body, other_body)
        scored.append((score, stored.document_id))
    scored.sort(reverse=True)
    ids = [pk for score, pk in scored[:limit] if score > 0]
    if len(ids) < limit and document.category_id:
        # Too little shared text (short or unindexed documents): fill from the category.
        more = others.filter(category_id=document.category_id).exclude(pk__in=ids)
        ids += list(
            more.order_by("-downloads", "-id").values_list("id", flat=True)[: limit - len(ids)]
        )
    return ids


def related_documents(document: Document, limit: int = 6) -> list[Document]:
    """Up to `limit` listed documents most similar in text to this one (never itself)."""
    stamp = document.updated_at.timestamp() if document.updated_at else 0
    key = f"wenku:search:related:{document.pk}:{stamp}:{limit}"
    ids = cache.get(key)
    if ids is None:
        ids = related_ids(document, limit)
        cache.set(key, ids, CACHE_SECONDS)
    found = listed().select_related("owner", "category").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
