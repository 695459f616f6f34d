"""The money machine (money_machine.py) on SQLite, in the suite's database, and on
PostgreSQL, in a child process on a freshly created, uniquely named database."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from tests.abuse import money_machine
from tests.wallet.test_concurrency_pg import ROOT, fresh_database


@pytest.mark.django_db
def test_money_machine_on_sqlite(settings, tmp_path):
    from django.db import connection

    assert connection.vendor == "sqlite"
    money_machine.configure(settings, str(tmp_path / "media"))
    money_machine.run()


@pytest.mark.postgres
@pytest.mark.slow
def test_money_machine_on_postgres():
    with fresh_database("wenku_money") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.abuse.money_machine"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    output = proc.stdout[-6000:] + proc.stderr[-6000:]
    assert proc.returncode == 0, output
    assert "MONEY MACHINE OK on postgresql" in proc.stdout, output
