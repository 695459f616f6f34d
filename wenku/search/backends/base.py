"""The interface every search backend implements, and what they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from wenku.search.text import Query

SORTS = ("relevance", "newest", "downloads", "rating")
# Orderings that need no scores: the same SQL on both backends.
ORDER_BY = {
    "newest": "d.created_at DESC, d.id DESC",
    "downloads": "d.downloads DESC, d.id DESC",
    # Best rated: the damped average (wenku.reviews.services.sort_score; 0 when unrated).
    "rating": "d.rating_score DESC, d.rating_count DESC, d.id DESC",
}


@dataclass(frozen=True)
class Entry:
    """A document as the index sees it: squeezed text (see text.py) per weighted field."""

    document_id: int
    title: str
    meta: str  # tags and category path
    description: str
    body: str  # every page, in order

    @property
    def fields(self) -> tuple[str, str, str, str]:
        return (self.title, self.meta, self.description, self.body)


@dataclass
class Hits:
    count: int = 0
    ids: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)  # higher is better


@dataclass(frozen=True)
class DocSet:
    """The SQL of a set of documents (always a subset of the listed ones), joined as `d`.

    Filters are written once, as ORM lookups (services.filter_documents), and the live
    status/visibility is checked on every query: a document hidden without a re-index is
    still never returned. Compiled once per filter combination (services caches it), since
    compiling a queryset costs more than a typical FTS5 lookup.
    """

    sql: str
    params: tuple
    unfiltered: bool = False  # exactly the listed documents, i.e. what the index holds

    @classmethod
    def of(cls, docs: QuerySet | DocSet, unfiltered: bool = False) -> DocSet:
        if isinstance(docs, DocSet):
            return docs
        query = docs.order_by().values(
            "id", "created_at", "downloads", "rating_score", "rating_count"
        )
        query = query.query
        sql, params = query.sql_with_params()
        return cls(sql, tuple(params), unfiltered)


Docs = DocSet | QuerySet  # backends accept either; a DocSet is compiled already


class Backend(ABC):
    """Full-text search over documents. All methods run on Django's default connection,
    inside the caller's transaction, so the index changes commit with the library's."""

    vendor = ""
    # Relevance ranking scores only the newest `rank_limit` matches plus the best older title
    # matches: ranking costs grow with the number of rows scored, a common bigram matches 40%
    # of a large library, and results are only reachable up to services.MAX_RESULTS (1000).
    rank_limit = 1000

    @abstractmethod
    def add(self, entries: list[Entry]) -> None: ...

    @abstractmethod
    def remove(self, entries: list[Entry]) -> None:
        """Remove documents given the entries they were indexed with."""

    @abstractmethod
    def clear(self) -> None: ...

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """After a full rebuild: merge index segments."""

    @abstractmethod
    def search(self, query: Query, docs: Docs, sort: str, offset: int, limit: int) -> Hits: ...

    @abstractmethod
    def matching_ids(self, query: Query, docs: Docs) -> set[int]:
        """Every match, unranked (tests, the benchmark's recall check)."""

    @abstractmethod
    def suggest(self, query: Query, docs: Docs, limit: int) -> list[int]:
        """Documents whose title contains the query."""

    @abstractmethod
    def similar(
        self, title_terms: list[str], text_terms: list[str], docs: Docs, limit: int
    ) -> list[int]:
        """Candidates for "related": documents whose title or tags share title bigrams, and
        documents sharing the (rarest of the) text bigrams; up to `limit` of each."""

    def check(self) -> str:
        """An error message if this backend cannot run on the configured database."""
        if connection.vendor != self.vendor:
            return (
                f"search backend needs a {self.vendor} database, "
                f"but the default database is {connection.vendor}"
            )
        return ""
