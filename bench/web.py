"""Web throughput: requests per second, p50 and p99 of the anonymous home, category, document
and search pages (the shared page cache warm), a logged-in member's document page, and a
buyer reading page 40 of a 300-page document for the first time (the worker renders it; the
web process only queues), under 16 concurrent keep-alive clients, against gunicorn on
PostgreSQL, each beside a static file served by the same server in the same run (so the ratio
says what Django costs). Last, the static file's rate while --buyers buyers read page 40 at
once, beside its rate alone.

Creates a throw-away PostgreSQL database (WENKU_TEST_POSTGRES_URL's server, default
postgres://postgres@127.0.0.1:5432/test), seeds --docs documents with Chinese page text,
starts gunicorn on loopback, loads each URL for --seconds (and at most --max-requests), then
stops the server and drops the database. The load generator is Python threads over
http.client: it shares the CPU with the server, so absolute numbers are a floor.

Rate limits are off (WENKU_RATELIMIT=0): 429 answers would measure the limiter.

    .venv/bin/python bench/web.py [--docs 200] [--clients 16] [--seconds 8] [--workers 4]
                                  [--buyers 4]
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
WORDS = ["职业教育", "会议", "数学", "工作总结", "安全"]
PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


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


def load(
    port: int,
    paths: list[str],
    clients: int,
    seconds: float,
    max_requests: int,
    cookie: str = "",
) -> dict:
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
                conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
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


def first_read(port: int, cookie: str, doc_id: int, timeout: float = 120) -> dict:
    """A buyer opens the document and scrolls to page 40: the document page, the placeholders'
    poll (pages.json from 40) and the image, asked again every 0.25 s until it is there."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie}
    latencies = []
    started = time.perf_counter()

    def get(path: str) -> int:
        t = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        latencies.append(time.perf_counter() - t)
        return response.status

    get(f"/d/{doc_id}/")
    get(f"/d/{doc_id}/pages.json?from=40&to=45")
    while get(f"/d/{doc_id}/page/40-1000.webp") != 200:
        if time.perf_counter() - started > timeout:
            raise RuntimeError("page 40 was never rendered")
        time.sleep(0.25)
    conn.close()
    return {"seen_after": time.perf_counter() - started, "latencies": latencies}


def buyers_beside_static(port: int, args, buyers: list[tuple[str, int]]) -> tuple[dict, dict]:
    """The static file's rate while every buyer reads page 40 for the first time."""
    reads: list[dict] = []
    threads = [
        threading.Thread(target=lambda c=c, d=d: reads.append(first_read(port, c, d)))
        for c, d in buyers
    ]
    for t in threads:
        t.start()
    static = load(port, ["/static/web/wenku.css"], args.clients, args.seconds, args.max_requests)
    for t in threads:
        t.join()
    latencies = sorted(x for r in reads for x in r["latencies"])
    count = len(latencies)
    summary = {
        "requests": count,
        "errors": len(buyers) - len(reads),
        "rps": 0.0,
        "p50": latencies[count // 2] * 1000 if count else 0.0,
        "p99": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else 0.0,
        "seen": max((r["seen_after"] for r in reads), default=0.0),
    }
    return static, summary


def main() -> None:  # long: one run from database to printed table, in order
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--buyers", type=int, default=4)
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
        "WENKU_RATELIMIT": "0",
        "DJANGO_SETTINGS_MODULE": "wenku.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    from bench.web_seed import seed

    server = worker = None
    try:
        seeded = seed(args.docs, args.buyers)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "wenku.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--keep-alive", "30", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "wenku", "worker", "--concurrency", "1",
             "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        wait_up(port)
        docs = [f"/d/{seeded.first_doc + n}/" for n in range(20)]
        targets = {
            "home page": ["/"],
            "category": [f"/c/{seeded.category_slug}/", f"/c/{seeded.category_slug}/?page=2"],
            "document page": docs,
            "search": [f"/search/?q={quote(w)}" for w in WORDS],
            "member document": docs,
        }
        results: dict[str, dict] = {}
        for label, paths in targets.items():
            cookie = seeded.member_cookie if label == "member document" else ""
            load(port, paths, args.clients, 1.0, 400, cookie)  # warm caches and connections
            results[label] = load(port, paths, args.clients, args.seconds, args.max_requests,
                                  cookie)  # fmt: skip
            # The static file right after each page: the machine is shared and noisy.
            results[label]["static"] = load(
                port, ["/static/web/wenku.css"], args.clients, args.seconds, args.max_requests
            )
        static_alone = load(
            port, ["/static/web/wenku.css"], args.clients, args.seconds, args.max_requests
        )
        static_busy, buyers = buyers_beside_static(port, args, seeded.buyers)
    finally:
        for proc in (server, worker):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
        drop_database(name)
    print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.seconds:.0f}s each, "
          f"{os.cpu_count()} CPUs, PostgreSQL, {args.docs} documents; shared page cache on "
          f"the file cache")  # fmt: skip
    print(f"{'target':<17}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'static':>9}{'vs static':>11}")  # fmt: skip
    for label, r in results.items():
        static = r["static"]["rps"] or 1.0
        print(
            f"{label:<17}{r['rps']:>8.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}"
            f"{static:>9.0f}{r['rps'] / static:>10.2f}x"
        )
    print(
        f"buyer page 40    {args.buyers} buyers at once, first time: page 40 shown after "
        f"{buyers['seen']:.1f}s at most; their web requests p50 {buyers['p50']:.1f} ms, "
        f"p99 {buyers['p99']:.1f} ms, {buyers['errors']} failed"
    )
    ratio = static_busy["rps"] / (static_alone["rps"] or 1.0)
    print(
        f"static file      alone {static_alone['rps']:.0f} req/s (p99 {static_alone['p99']:.1f}"
        f" ms); while buyers render {static_busy['rps']:.0f} req/s (p99 "
        f"{static_busy['p99']:.1f} ms): {ratio:.2f}x"
    )


if __name__ == "__main__":
    main()
