"""Search as the rest of Wenku uses it: keep the index in step, query it, show results.

Public API: sync_document, remove_document, reindex_all (indexing.py), search, suggest,
related_documents. Views and the API call only these.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString

from wenku.library.models import Category, Document, Page

from .backends import SORTS, get_backend
from .backends.base import DocSet
from .indexing import listed, reindex_all, remove_document, sync_document
from .related import related_documents
from .snippets import highlight, snippet
from .text import Query, parse_query

__all__ = [
    "Filters",
    "SearchResults",
    "filter_documents",
    "related_documents",
    "reindex_all",
    "remove_document",
    "search",
    "suggest",
    "sync_document",
]

MAX_RESULTS = 1000  # reachable by paging; the count still says how many matched
PER_PAGE = 10


@dataclass(frozen=True)
class Filters:
    category: Category | None = None  # includes its sub-categories
    formats: tuple[str, ...] = ()  # any of these (see forms.FORMAT_FAMILIES)
    pages_min: int | None = None
    pages_max: int | None = None
    free: bool | None = None  # True: price 0; False: paid
    since: datetime | None = None  # uploaded at or after

    @property
    def active(self) -> bool:
        return any(
            v not in (None, "")
            for v in (
                self.category,
                self.formats or None,
                self.pages_min,
                self.pages_max,
                self.free,
                self.since,
            )
        )


def _key(filters: Filters) -> tuple:
    """Everything the filtered SQL depends on (sub-categories resolved now)."""
    cats = tuple(filters.category.descendant_ids()) if filters.category is not None else None
    formats = tuple(sorted({f.lower() for f in filters.formats}))
    return (cats, formats, filters.pages_min, filters.pages_max, filters.free, filters.since)


def _filtered(key: tuple) -> QuerySet[Document]:
    cats, formats, pages_min, pages_max, free, since = key
    docs = listed()
    if cats is not None:
        docs = docs.filter(category_id__in=cats)
    if formats:
        docs = docs.filter(format__in=formats)
    if pages_min is not None:
        docs = docs.filter(page_count__gte=pages_min)
    if pages_max is not None:
        docs = docs.filter(page_count__lte=pages_max)
    if free is not None:
        docs = docs.filter(price=0) if free else docs.filter(price__gt=0)
    if since is not None:
        docs = docs.filter(created_at__gte=since)
    return docs


def filter_documents(filters: Filters) -> QuerySet[Document]:
    """Listed documents passing the filters: the one definition both backends join with."""
    return _filtered(_key(filters))


@functools.lru_cache(maxsize=256)
def _compiled(key: tuple) -> DocSet:
    return DocSet.of(_filtered(key), unfiltered=key == _key(Filters()))


def document_set(filters: Filters) -> DocSet:
    """filter_documents() compiled to SQL, cached: compiling costs more than most searches."""
    return _compiled(_key(filters))


@dataclass
class Result:
    document: Document
    url: str
    title_html: SafeString
    snippet: SafeString
    score: float | None = None


@dataclass
class SearchResults:
    query: Query
    filters: Filters
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    count: int = 0
    results: list[Result] = field(default_factory=list)
    # "text": full-text; "title": one character, titles only; "browse": no query, filters
    # only; "none": nothing to search for (blank, or no letters or digits).
    mode: str = "none"

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.count, MAX_RESULTS) / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


BROWSE_ORDER = {
    "downloads": ("-downloads", "-id"),
    "rating": ("-rating_score", "-rating_count", "-id"),
}


def document_url(document: Document) -> str:
    try:
        return document.get_absolute_url()
    except NoReverseMatch:  # the web app's URLs are not installed (API-only deployments)
        return ""


def search(
    q: str = "",
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Search listed documents. Never raises on user input: any string is a valid query."""
    query, filters = parse_query(q), filters or Filters()
    sort = sort if sort in SORTS else "relevance"
    per_page = max(1, min(per_page, 50))
    page = max(1, min(page, math.ceil(MAX_RESULTS / per_page)))
    out = SearchResults(query=query, filters=filters, sort=sort, page=page, per_page=per_page)
    offset = (page - 1) * per_page
    scores: dict[int, float] = {}
    if query.terms:
        out.mode = "text"
        hits = get_backend().search(query, document_set(filters), sort, offset, per_page)
        out.count, ids, scores = hits.count, hits.ids, hits.scores
    elif query.char or (query.is_blank and filters.active):
        # One character cannot be a bigram phrase: match titles only (SQL LIKE).
        out.mode = "title" if query.char else "browse"
        docs = filter_documents(filters)
        if query.char:
            docs = docs.filter(title__icontains=query.char)
        order = BROWSE_ORDER.get(sort, ("-created_at", "-id"))
        out.count = docs.count()
        ids = list(docs.order_by(*order).values_list("id", flat=True)[offset : offset + per_page])
    else:
        return out
    out.results = _results(ids, query, scores)
    return out


def _results(ids: list[int], query: Query, scores: dict[int, float]) -> list[Result]:
    docs = Document.objects.select_related("owner", "category").in_bulk(ids)
    docs = {pk: d for pk, d in docs.items() if d.is_listed}
    # Snippets come from the free preview only (DESIGN §3): pages 1..free_pages, per document.
    limit = max((d.free_pages for d in docs.values()), default=0)
    previews: dict[int, list[str]] = {}
    if limit:
        pages = Page.objects.filter(document_id__in=list(docs), number__lte=limit)
        for doc_id, number, text in pages.order_by("document_id", "number").values_list(
            "document_id", "number", "text"
        ):
            if number <= docs[doc_id].free_pages:
                previews.setdefault(doc_id, []).append(text)
    results = []
    for pk in ids:
        doc = docs.get(pk)
        if doc is None:
            continue
        texts = [" ".join(previews.get(pk, [])), doc.description]
        results.append(
            Result(
                document=doc,
                url=document_url(doc),
                title_html=highlight(doc.title, query),
                snippet=snippet(texts, query),
                score=scores.get(pk),
            )
        )
    return results


def suggest(q: str, limit: int = 8) -> list[dict]:
    """Titles for the search box: documents whose title contains what was typed."""
    query = parse_query(q)
    if query.terms:
        ids = get_backend().suggest(query, document_set(Filters()), limit)
    elif query.char:
        ids = list(
            listed()
            .filter(title__istartswith=query.char)
            .order_by("-downloads", "-id")
            .values_list("id", flat=True)[:limit]
        )
    else:
        return []
    found = Document.objects.in_bulk(ids)
    return [
        {"id": pk, "title": found[pk].title, "url": document_url(found[pk])}
        for pk in ids
        if pk in found
    ]
