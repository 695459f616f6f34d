"""Search benchmark: our layer against the bare FTS5 query, on one generated library.

    .venv/bin/python bench/search.py --docs 100000

Builds a throw-away SQLite library of N realistic Chinese documents (~700 characters,
~2 KB of UTF-8 each, spread over 1-10 pages; see tests/search/corpus.py), indexes it with
`reindex_all`, then runs a fixed mix of 2-8 character queries (random substrings of the
documents) three ways on the same index in the same process:

- raw:     SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(...) LIMIT 10
- backend: count + bounded ranking, joined with the live filtered documents (our index layer)
- service: services.search(): the above + documents, preview snippets and highlights

and checks recall against a brute-force substring scan of every document.
Targets (embedded backend, 100k docs, 2 cores): recall 1.0; backend/raw ≤ 1.5;
service p50 ≤ 20 ms, p95 ≤ 100 ms.

--database-url postgres://... runs the same on an empty PostgreSQL database (raw = a GIN
match ordered by ts_rank); --data-dir DIR keeps the library, --reuse queries it again.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(data_dir: str, database_url: str = "") -> None:
    os.environ["WENKU_DATA_DIR"] = data_dir
    os.environ.setdefault("WENKU_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghij")
    os.environ.pop("WENKU_DATABASE_URL", None)
    os.environ.pop("WENKU_SEARCH_BACKEND", None)
    if database_url:  # e.g. an empty PostgreSQL database: the scale-out backend
        os.environ["WENKU_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "wenku.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int, seed: int) -> list[tuple[str, str, list[str]]]:
    from tests.search.corpus import Corpus

    corpus, rng = Corpus(seed), random.Random(seed)
    docs = []
    for _ in range(n):
        text = corpus.text(rng.randint(500, 900))
        pages = rng.randint(1, 10)
        size = -(-len(text) // pages)
        chunks = [text[i : i + size] for i in range(0, len(text), size)]
        docs.append((corpus.title(), corpus.text(rng.randint(0, 60)), chunks))
    return docs


def load(docs, seed: int) -> list[int]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from wenku.library.models import Category, Document, Page

    rng = random.Random(seed)
    owner = get_user_model().objects.create_user("bench", password="x")
    cats = list(Category.objects.values_list("id", flat=True)) or [None]
    formats = ["pdf", "docx", "doc", "pptx", "xlsx", "txt"]
    ids: list[int] = []
    for start in range(0, len(docs), 2000):
        batch = docs[start : start + 2000]
        with transaction.atomic():
            objs = Document.objects.bulk_create(
                [
                    Document(
                        owner=owner,
                        title=title,
                        description=desc,
                        category_id=rng.choice(cats),
                        original=f"originals/b{start + i}.pdf",
                        format=rng.choice(formats),
                        file_size=rng.randint(10_000, 5_000_000),
                        status="ready",
                        visibility="public",
                        page_count=len(pages),
                        price=rng.choice([0, 0, 0, 2, 5, 10]),
                        downloads=rng.randint(0, 5000),
                    )
                    for i, (title, desc, pages) in enumerate(batch)
                ]
            )
            Page.objects.bulk_create(
                [
                    Page(document_id=obj.pk, number=no, text=text)
                    for obj, (_, _, pages) in zip(objs, batch, strict=True)
                    for no, text in enumerate(pages, start=1)
                ]
            )
        ids.extend(obj.pk for obj in objs)
    return ids


def reload() -> tuple[list[int], list[tuple[str, str, list[str]]]]:
    from wenku.library.models import Document, Page

    pages: dict[int, list[str]] = {}
    for doc_id, text in Page.objects.order_by("document_id", "number").values_list(
        "document_id", "text"
    ):
        pages.setdefault(doc_id, []).append(text)
    rows = Document.objects.order_by("id").values_list("id", "title", "description")
    return [r[0] for r in rows], [(t, d, pages.get(pk, [])) for pk, t, d in rows]


def make_queries(docs, count: int, seed: int) -> list[str]:
    from wenku.search.text import squeeze

    rng = random.Random(seed + 1)
    out: list[str] = []
    while len(out) < count:
        size = 2 + len(out) % 7  # an even mix of 2..8 characters
        text = "".join(rng.choice(docs)[2])
        start = rng.randrange(max(1, len(text) - size))
        sub = text[start : start + size]
        if len(squeeze(sub)) >= 2:
            out.append(sub)
    return out


def sizes(connection) -> tuple[int, int, int]:
    """Bytes of the whole index, of its kept sources, and of the pages table."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(
                "SELECT sum(CASE WHEN name LIKE 'search%' THEN pgsize END),"
                " sum(CASE WHEN name LIKE 'search_indexeddocument%' THEN pgsize END),"
                " sum(CASE WHEN name LIKE 'library_page%' THEN pgsize END) FROM dbstat"
            )
        else:
            cur.execute(
                "SELECT pg_total_relation_size('search_chunk')"
                " + pg_total_relation_size('search_indexeddocument'),"
                " pg_total_relation_size('search_indexeddocument'),"
                " pg_total_relation_size('library_page')"
            )
        return tuple(v or 0 for v in cur.fetchone())


def raw_query(connection):
    """The bare engine query for a top-10 by relevance, on the same index and connection."""
    from wenku.search.text import parse_query

    if connection.vendor == "sqlite":
        from wenku.search.backends.sqlite_fts5 import WEIGHTS, match_expr

        connection.ensure_connection()
        raw = connection.connection  # Django's own sqlite3 connection: same page cache
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
            f" ORDER BY bm25(search_fts, {WEIGHTS}) LIMIT 10"
        )
        return lambda q: raw.execute(sql, (match_expr(parse_query(q)),)).fetchall()
    from wenku.search.backends.postgres import WEIGHTS, phrase

    def run(q: str):
        tsquery = " & ".join(phrase(t) for t in parse_query(q).terms)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT document_id FROM search_chunk WHERE tsv @@ %s::tsquery"
                f" ORDER BY ts_rank({WEIGHTS}, tsv, %s::tsquery) DESC LIMIT 10",
                [tsquery, tsquery],
            )
            return cur.fetchall()

    return run


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=210)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", help="keep the library here (default: a temp dir)")
    parser.add_argument(
        "--reuse", action="store_true", help="query the library already in --data-dir"
    )
    parser.add_argument(
        "--database-url", default="", help="an empty PostgreSQL database (default: SQLite)"
    )
    args = parser.parse_args()

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="wenku-bench-")
    setup_django(data_dir, args.database_url)
    from django.db import connection

    from wenku.search.backends import get_backend
    from wenku.search.indexing import listed, reindex_all
    from wenku.search.services import Filters, document_set, search
    from wenku.search.text import parse_query, squeeze

    print(f"library: {data_dir} ({connection.vendor})  docs: {args.docs}  queries: {args.queries}")
    if args.reuse:
        ids, docs = reload()
        args.docs = len(docs)
        chars = sum(len(t) + len(d) + sum(map(len, p)) for t, d, p in docs)
        print(f"reusing {len(docs)} indexed docs")
    else:
        t, docs = timed(generate, args.docs, args.seed)
        chars = sum(len(t) + len(d) + sum(map(len, p)) for t, d, p in docs)
        print(
            f"generated {args.docs} docs, {chars / args.docs:.0f} chars each, in {t / 1000:.1f} s"
        )
        t, ids = timed(load, docs, args.seed)
        print(f"loaded into the library in {t / 1000:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")  # what autovacuum does on a settled database
        t, n = timed(reindex_all, 1000)
        print(
            f"index build: {n} docs in {t / 1000:.1f} s = {n / (t / 1000):.0f} docs/s,"
            f" {chars / (t / 1000) / 1e6:.2f} M chars/s"
        )
    index, source, pages = sizes(connection)
    print(
        f"index size: {index / 2**20:.0f} MiB ({source / 2**20:.0f} MiB of it kept sources),"
        f" pages table {pages / 2**20:.0f} MiB, {index / chars:.1f} bytes/char"
    )

    queries = make_queries(docs, args.queries, args.seed)
    backend = get_backend()
    run_raw = raw_query(connection)

    def run_backend(q: str):
        return backend.search(parse_query(q), document_set(Filters()), "relevance", 0, 10)

    for q in queries[:20]:  # warm the page cache
        run_raw(q), run_backend(q), search(q)
    times: dict[str, list[float]] = {"raw": [], "backend": [], "service": []}
    counts = []
    for q in queries:
        times["raw"].append(timed(run_raw, q)[0])
        ms, hits = timed(run_backend, q)
        times["backend"].append(ms)
        counts.append(hits.count)
        times["service"].append(timed(search, q)[0])

    print(
        f"queries: {len(queries)}, 2-8 chars;"
        f" matches per query: median {statistics.median(counts):.0f},"
        f" max {max(counts)} ({max(counts) / args.docs:.0%} of docs)"
    )
    print(f"{'latency ms':<12}{'p50':>8}{'p95':>8}{'max':>8}{'mean':>8}")
    for name, values in times.items():
        print(
            f"{name:<12}{pct(values, 50):8.2f}{pct(values, 95):8.2f}"
            f"{max(values):8.2f}{statistics.fmean(values):8.2f}"
        )
    for name in ("backend", "service"):
        print(
            f"ratio {name}/raw: p50 {pct(times[name], 50) / pct(times['raw'], 50):.2f},"
            f" p95 {pct(times[name], 95) / pct(times['raw'], 95):.2f},"
            f" mean {statistics.fmean(times[name]) / statistics.fmean(times['raw']):.2f}"
        )
    heavy = [i for i, c in enumerate(counts) if c >= 0.3 * args.docs]
    if heavy:
        print(
            f"queries matching ≥30% of docs ({len(heavy)}): raw p50"
            f" {pct([times['raw'][i] for i in heavy], 50):.1f} ms, backend p50"
            f" {pct([times['backend'][i] for i in heavy], 50):.1f} ms"
        )

    # Title suggestions and related documents (uncached), on the same library.
    from wenku.library.models import Category, Document
    from wenku.search.related import related_ids
    from wenku.search.services import suggest

    rng = random.Random(args.seed + 2)
    picks = [rng.choice(docs)[0] for _ in range(50)]
    sug = [timed(suggest, title[: rng.randint(2, 4)])[0] for title in picks]
    sample = Document.objects.filter(pk__in=rng.sample(ids, 30))
    rel = [timed(related_ids, doc, 6)[0] for doc in sample]
    print(
        f"suggest p50 {pct(sug, 50):.2f} ms, p95 {pct(sug, 95):.2f} ms;"
        f" related (uncached) p50 {pct(rel, 50):.1f} ms, p95 {pct(rel, 95):.1f} ms"
    )

    # Recall: every document whose text contains the query (letters and digits) is found.
    # The index also holds each document's category path (and tags; none here).
    cats = {c.pk: c for c in Category.objects.all()}
    doc_cats = dict(Document.objects.values_list("id", "category_id"))

    def meta(pk: int) -> str:
        cat = cats.get(doc_cats[pk])
        return squeeze(" ".join(c.name for c in cat.ancestors())) if cat else ""

    fields = [
        (squeeze(t), squeeze(d), squeeze("\n".join(p)), meta(pk))
        for pk, (t, d, p) in zip(ids, docs, strict=True)
    ]
    expected_total = found_total = extra_total = 0
    started = time.perf_counter()
    for q in queries:
        needle = squeeze(q)
        expected = {ids[i] for i, fs in enumerate(fields) if any(needle in f for f in fs)}
        found = backend.matching_ids(parse_query(q), listed())
        expected_total += len(expected)
        found_total += len(expected & found)
        extra_total += len(found - expected)
    print(
        f"recall vs brute-force substring scan: {found_total / max(1, expected_total):.4f}"
        f" ({found_total}/{expected_total}), false hits: {extra_total}"
        f" (scan took {time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
