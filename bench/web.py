"""Web throughput: requests per second and p99 latency of the home page, a document page and
a search, under 16 concurrent keep-alive clients, against gunicorn on PostgreSQL, beside a
static file served by the same server in the same run (so the ratio says what Django costs).

Creates a throw-away PostgreSQL database (WENKU_TEST_POSTGRES_URL's server, default
postgres://postgres@127.0.0.1:5432/test), seeds --docs documents with Chinese page text,
starts gunicorn on loopback, loads each URL for --seconds (and at most --max-requests), then
stops the server and drops the database. The load generator is Python threads over
http.client: it shares the CPU with the server, so absolute numbers are a floor.

    .venv/bin/python bench/web.py [--docs 200] [--clients 16] [--seconds 8] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
WORDS = ["职业教育", "会议", "数学", "工作总结", "安全"]


def create_database() -> tuple[str, str]:
    import psycopg
    from psycopg import sql

    name = f"wenku_bench_web_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name, urlunsplit(urlsplit(PG_URL)._replace(path=f"/{name}"))


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def seed(docs: int) -> int:
    """Migrate and create listed documents with page text, indexed; returns one document id."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from wenku.library.models import Category, Document, Page
    from wenku.search.indexing import sync_document

    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench-author")
    category = Category.objects.first()
    first = 0
    for n in range(docs):
        word = WORDS[n % len(WORDS)]
        doc = Document.objects.create(
            owner=owner,
            title=f"{word}材料第{n}号",
            description=f"关于{word}的文档。",
            category=category,
            original="originals/bench/x.pdf",
            original_name="x.pdf",
            file_size=20000,
            format="pdf",
            status=Document.Status.READY,
            page_count=5,
        )
        Page.objects.bulk_create(
            Page(document=doc, number=p, text=f"第{p}页：{word}的正文内容。" * 30, rendered=False)
            for p in range(1, 6)
        )
        sync_document(doc)
        first = first or doc.pk
    return first


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/robots.txt")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """Each client thread: one keep-alive connection, requests in a loop until time or count."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    budget = [max_requests]

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        i = index
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "errors": errors[0],
        "rps": count / elapsed if elapsed else 0.0,
        "p50": latencies[count // 2] * 1000 if count else 0.0,
        "p99": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="wenku-bench-web-")
    name, url = create_database()
    env = {
        **os.environ,
        "WENKU_DATA_DIR": data_dir,
        "WENKU_DATABASE_URL": url,
        "WENKU_DATABASE_CONN_MAX_AGE": "60",  # persistent connections, as in production
        "WENKU_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghij",
        "WENKU_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "wenku.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = None
    try:
        doc_id = seed(args.docs)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "wenku.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--keep-alive", "30", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        wait_up(port)
        targets = {
            "static file": ["/static/web/wenku.css"],
            "home page": ["/"],
            "document page": [f"/d/{doc_id + n}/" for n in range(20)],
            "search": [f"/search/?q={quote(w)}" for w in WORDS],
        }
        for paths in targets.values():  # warm every worker's caches and connections
            load(port, paths, args.clients, 1.0, 400)
        results = {
            label: load(port, paths, args.clients, args.seconds, args.max_requests)
            for label, paths in targets.items()
        }
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        drop_database(name)
    static = results["static file"]["rps"] or 1.0
    print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.seconds:.0f}s each, "
          f"{os.cpu_count()} CPUs, PostgreSQL, {args.docs} documents")  # fmt: skip
    print(f"{'target':<15}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs static':>11}")
    for label, r in results.items():
        print(
            f"{label:<15}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}"
            f"{r['rps'] / static:>10.2f}x"
        )


if __name__ == "__main__":
    main()
