"""20 buyers × 50 documents bought at once on PostgreSQL, with duplicate requests mixed in.

The suite's own database is SQLite (where IMMEDIATE transactions serialise every writer, so
races cannot show). The scenario (pg_scenario.py) therefore runs in a child process whose
WENKU_DATABASE_URL points at a fresh PostgreSQL database created here with a unique name and
dropped afterwards: the real settings, the real migrations and the real default connection,
with no second database alias that the wallet code would have to know about. PostgreSQL being
unreachable fails the test (WENKU_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """CREATE a uniquely named database on the test server, yield its URL, DROP it."""
    import psycopg
    from psycopg import sql

    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        pytest.fail(f"PostgreSQL is unreachable at {PG_URL} (WENKU_TEST_POSTGRES_URL): {exc}")
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield urlunsplit(urlsplit(PG_URL)._replace(path=f"/{name}"))
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_purchases_on_postgres():
    with fresh_database("wenku_wallet") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.wallet.pg_scenario"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    output = proc.stdout + proc.stderr[-4000:]
    assert proc.returncode == 0, output
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("FINDINGS ")), None)
    assert line, output
    found = json.loads(line.removeprefix("FINDINGS "))

    assert found["vendor"] == "postgresql"
    assert not [k for k in found["outcomes"] if k.startswith("crash")], found["outcomes"]
    assert found["audit_problems"] == []
    assert found["ledger_sum"] == 0
    # Each (buyer, document) is charged exactly once: one purchase row, one ledger charge.
    assert found["pairs_with_more_than_one_row"] == 0
    assert found["pairs_charged_twice"] == 0
    assert found["pairs_created_twice"] == 0
    assert found["charges"] == found["purchases"] == found["outcomes"]["created"]
    assert found["rich_missing"] == []  # buyers with enough points got every document
    assert found["insufficient"] > 0  # the poor buyers ran out, cleanly
    assert found["min_member_balance"] >= 0
    assert found["balance_errors"] == []
    assert found["author_errors"] == []  # credit = sales - commission, for every author
    assert found["commission_account"] == found["commission_expected"] > 0
    assert found["own_pairs_refused"] == 5 * 5  # 5 buyers × their own 5 documents
    assert found["own_pairs_bought"] == 0
    assert found["outcomes"].get("replayed", 0) + found["outcomes"].get("already", 0) > 0
    assert found["wallet_check_exit"] == 0
