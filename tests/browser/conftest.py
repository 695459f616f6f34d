"""A real site (`wenku run`: gunicorn + Celery worker + warm LibreOffice) and Debian chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WENKU_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site():
    """Base URL of a freshly started `wenku run` with its own data directory."""
    yield from run_site()


def run_site():
    """Start `wenku run` on a fresh data directory; yields its base URL, then stops it."""
    data_dir = tempfile.mkdtemp(prefix="wenku-browser-")
    port = _free_port()
    env = {
        **os.environ,
        "WENKU_DATA_DIR": data_dir,
        "WENKU_DEMO": "0",
        "WENKU_WORKER_CONCURRENCY": "1",
        "WENKU_OFFICE_BASE_PORT": str(_free_port()),
    }
    log = Path(data_dir) / "site.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "wenku", "run", "--port", str(port), "--no-demo"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"wenku run did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
    yield base
    os.killpg(proc.pid, 15)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
