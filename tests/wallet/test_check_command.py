"""`wenku manage wallet_check` from the command line: exit 0 on sound books, 1 otherwise."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WENKU_DATA_DIR": str(data_dir)}
    env.pop("WENKU_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "wenku", "manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_wallet_check_exit_status(tmp_path):
    assert manage(tmp_path, "migrate", "-v", "0").returncode == 0
    script = (
        "from django.contrib.auth import get_user_model as g;"
        "from wenku.wallet import services as s;"
        "U=g(); st=U.objects.create_user('st', is_staff=True); m=U.objects.create_user('m');"
        "s.grant(st, m, 50, 'check')"
    )
    assert manage(tmp_path, "shell", "-c", script).returncode == 0
    ok = manage(tmp_path, "wallet_check")
    assert ok.returncode == 0, ok.stderr
    assert "ledger OK" in ok.stdout
    with sqlite3.connect(tmp_path / "wenku.sqlite3") as db:
        db.execute("UPDATE wallet_account SET balance = balance + 7 WHERE user_id IS NOT NULL")
    bad = manage(tmp_path, "wallet_check")
    assert bad.returncode != 0
    assert "cached balance" in bad.stderr
