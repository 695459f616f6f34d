"""A scan through a real worker on the embedded queue, killed mid-OCR and restarted: the
OCR finishes and the scan is found by a phrase of page 3 through the search service."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.ocr.test_flow import PAGE3_PHRASE

pytestmark = pytest.mark.slow


def ocr_state(db) -> tuple[str, str] | None:
    with sqlite3.connect(db, timeout=10) as conn:
        row = conn.execute("SELECT status, done_pages FROM conversion_ocrjob").fetchone()
    return row


def start_worker(env, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "wenku", "worker", "--concurrency", "1", "--beat"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_worker_reads_a_scan_after_a_crash_and_search_finds_page_three(tmp_path, scan):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "WENKU_DATA_DIR": str(data),
        "WENKU_CONVERSION_STALE_SECONDS": "3",
        "WENKU_RECOVER_EVERY_SECONDS": "2",
        "WENKU_DEMO": "0",
    }
    wenku = [sys.executable, "-m", "wenku"]
    subprocess.run([*wenku, "manage", "migrate", "-v0"], env=env, check=True, timeout=120)
    out = subprocess.run(
        [*wenku, "import", str(scan), "--json"],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    assert json.loads(out.splitlines()[0])["status"] == "uploaded"
    db, log = data / "wenku.sqlite3", tmp_path / "worker.log"
    worker = start_worker(env, log)
    deadline = time.monotonic() + 180
    while (ocr_state(db) or ("",))[0] != "running":
        assert time.monotonic() < deadline and worker.poll() is None, log.read_text()[-3000:]
        time.sleep(0.05)
    os.killpg(worker.pid, signal.SIGKILL)  # mid-OCR: the queue message is gone with it
    worker.wait(10)
    worker = start_worker(env, log)
    try:
        deadline = time.monotonic() + 300
        while (ocr_state(db) or ("",))[0] != "done":
            assert time.monotonic() < deadline, (ocr_state(db), log.read_text()[-3000:])
            time.sleep(0.2)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)
    assert json.loads(ocr_state(db)[1]) == [1, 2, 3, 4]
    found = subprocess.run(
        [
            *wenku,
            "manage",
            "shell",
            "-c",
            "from wenku.search.services import search;"
            f"print([r.document.pk for r in search({PAGE3_PHRASE!r}).results])",
        ],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    assert found.strip().splitlines()[-1] == "[1]", found
