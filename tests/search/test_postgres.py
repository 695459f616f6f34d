"""The whole search suite again on PostgreSQL, in a child pytest.

The search tests are engine-independent; this runs them with WENKU_DATABASE_URL pointing at
WENKU_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), so the postgres
backend is tested whenever the suite runs. PostgreSQL being unreachable is a failure, not a
skip. The child's test database gets its own name, so parallel runs do not collide.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.search.conftest import PG_CHILD

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


@pytest.mark.postgres
@pytest.mark.skipif(PG_CHILD, reason="this is the PostgreSQL run itself")
def test_search_suite_on_postgres():
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.fail(f"PostgreSQL is unreachable at {PG_URL} (WENKU_TEST_POSTGRES_URL): {exc}")
    # Django names the test database "test_" + NAME: a unique NAME keeps runs apart.
    parts = urlsplit(PG_URL)
    url = urlunsplit(parts._replace(path=f"/wenku_search_{os.getpid()}"))
    env = {
        **os.environ,
        "WENKU_DATABASE_URL": url,
        "WENKU_SEARCH_BACKEND": "",
        "WENKU_SEARCH_PG_CHILD": "1",
    }
    env.pop("WENKU_DATA_DIR", None)  # the child gets its own fresh data directory
    cmd = [sys.executable, "-m", "pytest", "tests/search", "-q", "-p", "no:cacheprovider"]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    report = proc.stdout[-6000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, report
    assert " passed" in proc.stdout, report
