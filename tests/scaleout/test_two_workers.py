"""Scale-out: PostgreSQL + Redis + two real worker processes, one killed with SIGKILL.

30 documents are queued; in the middle one worker is SIGKILLed (with its LibreOffice);
every document must end ready, or failed with a reason — none stuck converting.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.samples import make_docx

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def statuses(database_url: str) -> dict[int, tuple[str, str]]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT id, status, failure_code FROM library_document").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def test_thirty_documents_two_workers_one_killed(tmp_path, pg_database_url, redis_url):
    env = {
        **os.environ,
        "WENKU_DATA_DIR": str(tmp_path / "shared"),  # media shared by both workers
        "WENKU_DATABASE_URL": pg_database_url,
        "WENKU_BROKER_URL": redis_url,
        "WENKU_CACHE_URL": redis_url,
        "WENKU_CONVERSION_STALE_SECONDS": "3",
        "WENKU_RECOVER_EVERY_SECONDS": "2",
        "WENKU_DEMO": "0",
    }
    wenku = [sys.executable, "-m", "wenku"]
    subprocess.run([*wenku, "manage", "migrate", "-v0"], env=env, check=True, timeout=180)
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(27):
        make_docx(folder / f"报告{index:02d}.docx", pages=4 + index % 6)
    for index in range(3):  # damaged files: they must fail with a reason, not hang
        (folder / f"损坏{index}.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    out = subprocess.run(
        [*wenku, "import", str(folder), "--json"],
        env=env,
        check=True,
        timeout=180,
        capture_output=True,
        text=True,
    ).stdout
    assert len([json.loads(line) for line in out.splitlines()]) == 30

    logs = [(tmp_path / f"worker{n}.log").open("wb") for n in (1, 2)]
    victim = subprocess.Popen(
        [*wenku, "worker", "--concurrency", "1"],
        env=env,
        stdout=logs[0],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    survivor = subprocess.Popen(
        [*wenku, "worker", "--concurrency", "1", "--beat"],
        env=env,
        stdout=logs[1],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while sum(s == "ready" for s, _ in statuses(pg_database_url).values()) < 8:
            assert time.monotonic() < deadline, statuses(pg_database_url)
            assert victim.poll() is None and survivor.poll() is None
            time.sleep(0.05)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)

        deadline = time.monotonic() + 300
        while True:
            current = statuses(pg_database_url)
            if all(s in ("ready", "failed") for s, _ in current.values()):
                break
            assert time.monotonic() < deadline, current
            time.sleep(0.5)
    finally:
        for proc in (victim, survivor):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(60)
    failed = {doc_id: code for doc_id, (s, code) in current.items() if s == "failed"}
    assert sorted(failed.values()) == ["corrupt"] * 3
    assert sum(s == "ready" for s, _ in current.values()) == 27
