"""Conversion throughput: documents per minute on the embedded default (SQLite + filesystem
queue) against PostgreSQL + Redis with 1 and 2 worker processes, in one run.

Each setup gets a fresh data directory (and a fresh PostgreSQL database / Redis db), the same
N Chinese DOCX files imported with `wenku import`, then timed from the first worker start to
the last document ready. Worker start-up (LibreOffice warm-up) is included once per worker;
`--docs` larger makes it matter less.

    .venv/bin/python bench/throughput.py [--docs 24]
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.samples import make_docx  # noqa: E402

PG = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("WENKU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
WENKU = [sys.executable, "-m", "wenku"]


def count_done(env: dict) -> int:
    url = env.get("WENKU_DATABASE_URL")
    query = "SELECT count(*) FROM library_document WHERE status IN ('ready', 'failed')"
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(query).fetchone()[0]
    with sqlite3.connect(Path(env["WENKU_DATA_DIR"]) / "wenku.sqlite3", timeout=10) as conn:
        return conn.execute(query).fetchone()[0]


def run_setup(label: str, files: Path, docs: int, workers: int, scale_out: bool) -> float:
    env = {
        **os.environ,
        "WENKU_DATA_DIR": tempfile.mkdtemp(prefix="wenku-tp-"),
        "WENKU_DEMO": "0",
        "WENKU_WORKER_CONCURRENCY": "1",
    }
    database = None
    if scale_out:
        import psycopg
        import redis

        database = f"wenku_tp_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["WENKU_DATABASE_URL"] = PG.rsplit("/", 1)[0] + "/" + database
        env["WENKU_BROKER_URL"] = f"{REDIS}/12"
        redis.Redis.from_url(env["WENKU_BROKER_URL"]).flushdb()
    subprocess.run([*WENKU, "manage", "migrate", "-v0"], env=env, check=True)
    subprocess.run([*WENKU, "import", str(files)], env=env, check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*WENKU, "worker", "--concurrency", "1", "--loglevel", "WARNING"],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while count_done(env) < docs:
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
        if database:
            import psycopg

            with psycopg.connect(PG, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    rate = docs / elapsed * 60
    print(f"  {label:<34} {elapsed:7.1f} s  {rate:6.1f} documents/min", flush=True)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=24)
    args = parser.parse_args()
    files = Path(tempfile.mkdtemp(prefix="wenku-tp-in-"))
    for index in range(args.docs):
        make_docx(files / f"文档{index:03d}.docx", pages=5 + index % 6, seed=index)
    print(f"{args.docs} DOCX files of 5-10 pages, {os.cpu_count()} cores")
    base = run_setup("embedded (SQLite + filesystem), 1 worker", files, args.docs, 1, False)
    one = run_setup("PostgreSQL + Redis, 1 worker", files, args.docs, 1, True)
    two = run_setup("PostgreSQL + Redis, 2 workers", files, args.docs, 2, True)
    print(
        f"ratios against the embedded default: 1 worker {one / base:.2f}, "
        f"2 workers {two / base:.2f}"
    )


if __name__ == "__main__":
    main()
