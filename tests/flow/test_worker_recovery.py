"""A real worker on the embedded filesystem queue, killed with SIGKILL mid-conversion.

The queue message of the killed conversion is gone with this transport; the document's
status brings it back: a restarted worker finishes every document, none stays stuck.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.samples import make_docx

pytestmark = pytest.mark.slow


def statuses(db: Path) -> dict[int, str]:
    with sqlite3.connect(db, timeout=10) as conn:
        return dict(conn.execute("SELECT id, status FROM library_document"))


def office_processes(data_dir: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if str(data_dir) in cmdline and "soffice" in cmdline:
                found.append(int(entry.name))
    return found


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "wenku", "worker", "--concurrency", "1", "--beat"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_killed_worker_loses_no_document(tmp_path):
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
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        make_docx(folder / f"材料{index}.docx", pages=30)
    out = subprocess.run(
        [*wenku, "import", str(folder), "--json"],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["status"] for line in lines] == ["uploaded"] * 4

    db, log = data / "wenku.sqlite3", tmp_path / "worker.log"
    worker = start_worker(env, log)
    deadline = time.monotonic() + 120
    while "converting" not in statuses(db).values():
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        assert worker.poll() is None, log.read_text()[-3000:]
        time.sleep(0.01)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(10)
    time.sleep(1)
    # LibreOffice dies with its worker (no orphan growing to 480 MB per crash).
    assert office_processes(data) == []
    assert "converting" in statuses(db).values()

    worker = start_worker(env, log)
    try:
        deadline = time.monotonic() + 180
        while set(statuses(db).values()) - {"ready", "failed"}:
            assert time.monotonic() < deadline, (statuses(db), log.read_text()[-3000:])
            time.sleep(0.2)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)
    assert set(statuses(db).values()) == {"ready"}
