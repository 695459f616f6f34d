"""SQLite FTS5 backend (the embedded default).

Two contentless FTS5 tables (created by migration 0001 on SQLite only), both keyed by the
document id and filled with space-separated bigrams (text.py), tokenised by FTS5's `ascii`
tokenizer, which keeps every non-ASCII character inside its token:

- search_fts(title, meta, description, body): everything, ranked with bm25 weights below;
- search_title(title, meta): titles only, small, for suggestions, related documents and to
  rank the best old title matches when the candidates are bounded;
- search_fts_vocab: FTS5's vocabulary of search_fts (document frequencies, for "related").
"""

from __future__ import annotations

from django.db import connection

from wenku.search.text import Query, fts5_phrase, tokens

from .base import ORDER_BY, Backend, Docs, DocSet, Entry, Hits

# Table names, not aliases: FTS5's MATCH column and bm25() need the table's own name.
FTS, TITLES, VOCAB = "search_fts", "search_title", "search_fts_vocab"
SOURCES = "search_indexeddocument"
WEIGHTS = "10.0, 4.0, 2.0, 1.0"  # title, tags/category, description, body
TITLE_WEIGHTS = "4.0, 1.0"
TITLE_CANDIDATES = 200  # older title matches ranked beside the newest body matches


def match_expr(query: Query) -> str:
    return " AND ".join(fts5_phrase(t) for t in query.terms)


def _qmark(sql: str) -> str:
    return sql.replace("%s", "?")


def _read(sql: str, params: list) -> list[tuple]:
    """Run a read on Django's own sqlite3 connection (same transaction), without the
    cursor wrapper's per-call placeholder rewriting: searches are sub-millisecond."""
    connection.ensure_connection()
    return connection.connection.execute(_qmark(sql), params).fetchall()


class SqliteFts5Backend(Backend):
    vendor = "sqlite"

    def add(self, entries: list[Entry]) -> None:
        rows = [(e.document_id, *(tokens(f) for f in e.fields)) for e in entries]
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_fts(rowid, title, meta, description, body)"
                " VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
            cur.executemany(
                "INSERT INTO search_title(rowid, title, meta) VALUES (%s, %s, %s)",
                [r[:3] for r in rows],
            )

    def remove(self, entries: list[Entry]) -> None:
        # Contentless tables forget their text: a delete must repeat the exact tokens.
        rows = [(e.document_id, *(tokens(f) for f in e.fields)) for e in entries]
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_fts(search_fts, rowid, title, meta, description, body)"
                " VALUES ('delete', %s, %s, %s, %s, %s)",
                rows,
            )
            cur.executemany(
                "INSERT INTO search_title(search_title, rowid, title, meta)"
                " VALUES ('delete', %s, %s, %s)",
                [r[:3] for r in rows],
            )

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cur.execute("INSERT INTO search_title(search_title) VALUES ('delete-all')")

    def optimize(self) -> None:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cur.execute("INSERT INTO search_title(search_title) VALUES ('optimize')")

    def _from(self, docs: Docs, query: Query) -> tuple[str, list]:
        """FROM/WHERE of every match among the filtered documents.

        CROSS JOIN makes SQLite walk the FTS matches and look each document up by primary
        key; left free, the planner prefers the (status, visibility) index and runs one
        FTS query per listed document, hundreds of times slower.
        """
        docs = DocSet.of(docs)
        sql = f"FROM {FTS} CROSS JOIN ({docs.sql}) d ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s"
        return sql, [*docs.params, match_expr(query)]

    def search(self, query: Query, docs: Docs, sort: str, offset: int, limit: int) -> Hits:
        docs = DocSet.of(docs)
        base, params = self._from(docs, query)
        count: int | None
        if docs.unfiltered:
            # Only listed documents are indexed, so without filters the FTS count is the
            # count of a large result (1.5 ms instead of 17 ms for a bigram in half of 100k
            # documents). A small one is counted exactly, on the live documents, by the
            # window count(*) of the query that fetches the page: one pass, not two.
            count = _read(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s", params[-1:])[0][0]
            if count <= self.rank_limit:
                count = None if count else 0
        else:
            count = _read(f"SELECT count(*) {base}", params)[0][0]
        if count == 0 or (count is not None and offset >= count):
            return Hits(count=count)
        if sort in ORDER_BY:
            sql = f"SELECT {FTS}.rowid, count(*) OVER () {base} ORDER BY {ORDER_BY[sort]}"
            return self._page(sql, params, count, (base, params), offset, limit)
        return self._ranked(query, base, params, count, offset, limit)

    def _page(self, sql: str, params: list, count, counter: tuple, offset, limit) -> Hits:
        """Run a page query whose 2nd column is the window count and 3rd (if any) a score;
        `counter` is the (FROM, params) to count with when the page is past the end."""
        rows = _read(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])
        if count is None:
            count = rows[0][1] if rows else 0
            if not rows and offset:
                count = _read(f"SELECT count(*) {counter[0]}", counter[1])[0][0]
        scores = {r[0]: -float(r[2]) for r in rows} if rows and len(rows[0]) > 2 else {}
        return Hits(count=count, ids=[r[0] for r in rows], scores=scores)

    def _ranked(self, query: Query, base: str, params: list, count, offset, limit) -> Hits:
        tier, tier_params = "0", []
        if len(query.terms) > 1:
            # The whole query as one phrase ranks first ("数学 期末" → "数学期末").
            tier = (
                f"CASE WHEN {FTS}.rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
                " THEN 0 ELSE 1 END"
            )
            tier_params = [fts5_phrase(query.exact)]
        select = f"SELECT {FTS}.rowid AS id, bm25({FTS}, {WEIGHTS}) AS score, {tier} AS tier"
        arms, arm_params = [f"{select} {base}"], [*tier_params, *params]
        if count is not None and count > self.rank_limit:
            # Rank the newest rank_limit matches (FTS5 walks its doclist in rowid order, and
            # takes the rowid bound itself, so the rest are never scored)...
            rows = _read(
                f"SELECT {FTS}.rowid {base} ORDER BY {FTS}.rowid DESC LIMIT 1 OFFSET %s",
                [*params, self.rank_limit - 1],
            )
            floor = rows[0][0] if rows else 0
            arms[0] += f" AND {FTS}.rowid >= %s"
            arm_params.append(floor)
            # ...and the best older title/tag matches, found in the small titles table.
            old = _read(
                f"SELECT rowid FROM {TITLES} WHERE {TITLES} MATCH %s AND rowid < %s"
                f" ORDER BY bm25({TITLES}, {TITLE_WEIGHTS}) LIMIT %s",
                [params[-1], floor, TITLE_CANDIDATES],
            )
            if old:
                # "+" keeps the list out of FTS5's hands: given `rowid IN (...)` it would
                # restart the whole MATCH once per id (700 ms for a common phrase); as a
                # plain filter on the walk below the floor it costs a few milliseconds.
                marks = ", ".join(["%s"] * len(old))
                arms.append(f"{select} {base} AND {FTS}.rowid < %s AND +{FTS}.rowid IN ({marks})")
                arm_params += [*tier_params, *params, floor, *(r[0] for r in old)]
        sql = (
            f"SELECT id, count(*) OVER (), score FROM ({' UNION ALL '.join(arms)})"
            " ORDER BY tier, score, id DESC"
        )
        return self._page(sql, arm_params, count, (base, params), offset, limit)

    def matching_ids(self, query: Query, docs: Docs) -> set[int]:
        base, params = self._from(docs, query)
        return {r[0] for r in _read(f"SELECT {FTS}.rowid {base}", params)}

    def suggest(self, query: Query, docs: Docs, limit: int) -> list[int]:
        return self._titles("{title} : (" + match_expr(query) + ")", docs, limit)

    def similar(
        self, title_terms: list[str], text_terms: list[str], docs: Docs, limit: int
    ) -> list[int]:
        docs = DocSet.of(docs)
        found = []
        if title_terms:
            found = self._titles(" OR ".join(fts5_phrase(t) for t in title_terms), docs, limit)
        rare = self._rare(text_terms)
        if rare:
            # Rare shared bigrams keep the OR small: ranking a union of common ones would
            # score a good part of the library.
            rows = _read(
                f"SELECT {FTS}.rowid FROM {FTS} CROSS JOIN ({docs.sql}) d"
                f" ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s"
                f" ORDER BY bm25({FTS}, {WEIGHTS}) LIMIT %s",
                [*docs.params, " OR ".join(fts5_phrase(t) for t in rare), limit],
            )
            found += [r[0] for r in rows if r[0] not in found]
        return found

    def _rare(self, terms: list[str], keep: int = 12) -> list[str]:
        """The terms in the fewest documents, but in at least one other than this one."""
        if not terms:
            return []
        total = _read(f"SELECT count(*) FROM {SOURCES}", [])[0][0] or 1
        marks = ", ".join(["%s"] * len(terms))
        rows = _read(f"SELECT term, doc FROM {VOCAB} WHERE term IN ({marks})", terms)
        usable = [(df, t) for t, df in rows if 2 <= df <= max(50, total // 50)]
        return [t for _, t in sorted(usable)[:keep]]

    def _titles(self, expr: str, docs: Docs, limit: int) -> list[int]:
        docs = DocSet.of(docs)
        rows = _read(
            f"SELECT {TITLES}.rowid FROM {TITLES} CROSS JOIN ({docs.sql}) d"
            f" ON d.id = {TITLES}.rowid WHERE {TITLES} MATCH %s"
            f" ORDER BY bm25({TITLES}, {TITLE_WEIGHTS}), d.downloads DESC LIMIT %s",
            [*docs.params, expr, limit],
        )
        return [r[0] for r in rows]
