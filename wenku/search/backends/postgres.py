"""PostgreSQL backend: tsvector + GIN over the same bigrams as the SQLite backend.

The vectors are built here, not by to_tsvector(), so no text-search parser or locale can
re-split a bigram. A tsvector keeps positions only up to 16383 and 256 per lexeme, so a
document is stored as chunks (table search_chunk, created by migration 0001 on PostgreSQL):
part 0 holds title (weight A), tags/category (B) and description (C); parts 1.. hold the body
(D) in pieces that overlap by a maximum-length term, so no phrase is cut at a seam.
"""

from __future__ import annotations

from django.db import connection

from wenku.search.text import MAX_TERM_CHARS, Query, bigrams

from .base import ORDER_BY, Backend, Docs, DocSet, Entry, Hits

CHUNK_CHARS = 4000
OVERLAP = MAX_TERM_CHARS - 1
MAX_POSITIONS = 256  # per lexeme and vector, PostgreSQL's own limit
FIELD_GAP = 8  # positions between fields, so no phrase spans title and tags
WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"  # D body, C description, B tags/category, A title
# Suggestions and related-document candidates rank at most rank_limit of the newest chunks
# matching: ts_rank detoasts every vector it scores.
BOUNDED = (
    "SELECT document_id, tsv FROM search_chunk WHERE tsv @@ %s::tsquery{part}"
    " ORDER BY document_id DESC LIMIT %s"
)


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(fields: list[tuple[str, str]]) -> str:
    """A tsvector literal from (squeezed text, weight letter) pairs."""
    positions: dict[str, list[str]] = {}
    pos = 1
    for text, weight in fields:
        for gram in bigrams(text):
            if pos > 16383:
                break
            slots = positions.setdefault(gram, [])
            if len(slots) < MAX_POSITIONS:
                slots.append(f"{pos}{weight}")
            pos += 1
        pos += FIELD_GAP
    return " ".join(f"{_quote(g)}:{','.join(p)}" for g, p in positions.items())


def phrase(term: str, weights: str = "") -> str:
    suffix = f":{weights}" if weights else ""
    return "(" + " <-> ".join(_quote(g) + suffix for g in bigrams(term)) + ")"


def chunks(entry: Entry) -> list[tuple[int, str]]:
    head = [(entry.title, "A"), (entry.meta, "B"), (entry.description[:10000], "C")]
    parts = [(0, tsvector(head))]
    body, start, part = entry.body, 0, 1
    while start < len(body):
        parts.append((part, tsvector([(body[start : start + CHUNK_CHARS], "D")])))
        start += CHUNK_CHARS - OVERLAP
        part += 1
    return parts


class PostgresBackend(Backend):
    vendor = "postgresql"

    def add(self, entries: list[Entry]) -> None:
        rows = [(e.document_id, part, vec) for e in entries for part, vec in chunks(e)]
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_chunk (document_id, part, tsv) VALUES (%s, %s, %s::tsvector)",
                rows,
            )

    def remove(self, entries: list[Entry]) -> None:
        with connection.cursor() as cur:
            cur.execute(
                "DELETE FROM search_chunk WHERE document_id = ANY(%s)",
                [[e.document_id for e in entries]],
            )

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute("TRUNCATE search_chunk")

    def optimize(self) -> None:
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_chunk")

    def _matches(self, query: Query, dsql: str) -> tuple[str, list]:
        """Documents with every term in some chunk (terms may sit in different chunks)."""
        any_q = " | ".join(phrase(t) for t in query.terms)
        sql = (
            f"SELECT c.document_id FROM search_chunk c JOIN ({dsql}) d ON d.id = c.document_id"
            " WHERE c.tsv @@ %s::tsquery GROUP BY c.document_id"
        )
        if len(query.terms) == 1:
            return sql, [any_q]
        having = " AND ".join("bool_or(c.tsv @@ %s::tsquery)" for _ in query.terms)
        return f"{sql} HAVING {having}", [any_q, *(phrase(t) for t in query.terms)]

    def matching_ids(self, query: Query, docs: Docs) -> set[int]:
        dset = DocSet.of(docs)
        dsql, dparams = dset.sql, list(dset.params)
        sql, params = self._matches(query, dsql)
        with connection.cursor() as cur:
            cur.execute(sql, [*dparams, *params])
            return {r[0] for r in cur.fetchall()}

    def search(self, query: Query, docs: Docs, sort: str, offset: int, limit: int) -> Hits:
        dset = DocSet.of(docs)
        dsql, dparams = dset.sql, list(dset.params)
        msql, mparams = self._matches(query, dsql)
        with connection.cursor() as cur:
            cur.execute(f"{msql} ORDER BY c.document_id DESC", [*dparams, *mparams])
            matched = [r[0] for r in cur.fetchall()]
            if offset >= len(matched):
                return Hits(count=len(matched))
            if sort in ORDER_BY:
                cur.execute(
                    f"SELECT d.id FROM ({dsql}) d WHERE d.id = ANY(%s)"
                    f" ORDER BY {ORDER_BY[sort]} LIMIT %s OFFSET %s",
                    [*dparams, matched, limit, offset],
                )
                return Hits(count=len(matched), ids=[r[0] for r in cur.fetchall()])
            candidates = matched
            if len(matched) > self.rank_limit:
                title_q = " & ".join(phrase(t, "AB") for t in query.terms)
                cur.execute(
                    "SELECT document_id FROM search_chunk WHERE part = 0 AND tsv @@ %s::tsquery"
                    " AND document_id = ANY(%s) ORDER BY document_id DESC LIMIT %s",
                    [title_q, matched, self.rank_limit],
                )
                candidates = sorted(set(matched[: self.rank_limit]) | {r[0] for r in cur})
            any_q = " | ".join(phrase(t) for t in query.terms)
            exact = phrase(query.exact) if len(query.terms) > 1 else any_q
            cur.execute(
                f"SELECT c.document_id, sum(ts_rank({WEIGHTS}, c.tsv, %s::tsquery, 1)) AS score,"
                " bool_or(c.tsv @@ %s::tsquery) AS exact FROM search_chunk c"
                " WHERE c.document_id = ANY(%s) AND c.tsv @@ %s::tsquery"
                " GROUP BY c.document_id ORDER BY exact DESC, score DESC, c.document_id DESC"
                " LIMIT %s OFFSET %s",
                [any_q, exact, candidates, any_q, limit, offset],
            )
            rows = cur.fetchall()
        return Hits(count=len(matched), ids=[r[0] for r in rows], scores={r[0]: r[1] for r in rows})

    def suggest(self, query: Query, docs: Docs, limit: int) -> list[int]:
        return self._heads(" & ".join(phrase(t, "A") for t in query.terms), docs, limit)

    def similar(
        self, title_terms: list[str], text_terms: list[str], docs: Docs, limit: int
    ) -> list[int]:
        found = []
        if title_terms:
            found = self._heads(" | ".join(phrase(t, "AB") for t in title_terms), docs, limit)
        if text_terms:
            dset = DocSet.of(docs)
            tsquery = " | ".join(phrase(t) for t in text_terms[:12])
            with connection.cursor() as cur:
                cur.execute(
                    f"SELECT c.document_id FROM ({BOUNDED.format(part='')}) c JOIN ({dset.sql}) d"
                    " ON d.id = c.document_id GROUP BY c.document_id"
                    f" ORDER BY max(ts_rank({WEIGHTS}, c.tsv, %s::tsquery)) DESC LIMIT %s",
                    [tsquery, self.rank_limit, *dset.params, tsquery, limit],
                )
                found += [r[0] for r in cur.fetchall() if r[0] not in found]
        return found

    def _heads(self, tsquery: str, docs: Docs, limit: int) -> list[int]:
        dset = DocSet.of(docs)
        dsql, dparams = dset.sql, list(dset.params)
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT c.document_id FROM ({BOUNDED.format(part=' AND part = 0')}) c"
                f" JOIN ({dsql}) d"
                " ON d.id = c.document_id"
                f" ORDER BY ts_rank({WEIGHTS}, c.tsv, %s::tsquery) DESC, d.downloads DESC"
                " LIMIT %s",
                [tsquery, self.rank_limit, *dparams, tsquery, limit],
            )
            return [r[0] for r in cur.fetchall()]
