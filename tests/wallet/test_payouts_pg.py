"""Payout requests racing purchases and staff decisions on PostgreSQL (pg_payout_scenario.py):
no balance below zero, held revenue never paid out, the ledger sums to zero, one open request
per author, each request decided once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

from tests.wallet.test_concurrency_pg import ROOT, fresh_database


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_payouts_on_postgres():
    with fresh_database("wenku_payouts") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.wallet.pg_payout_scenario"],
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
    outcomes = found["outcomes"]
    assert not [k for k in outcomes if k.startswith("crash")], outcomes
    assert found["audit_problems"] == []
    assert found["ledger_sum"] == 0
    assert found["min_member_balance"] >= 0
    assert found["over_paid"] == []  # never more than earned minus held
    assert found["held_spent"] == []  # held revenue stays in the account
    assert found["open_twice"] == []
    assert found["decided_twice"] == []
    # The races happened and were refused cleanly, not avoided.
    assert outcomes.get("payout:payout_pending", 0) > 0
    assert outcomes.get("payout:ok", 0) >= 10
    assert outcomes.get("approve:payout_decided", 0) + outcomes.get("reject:payout_decided", 0) > 0
    assert found["approved"] > 0 and found["rejected"] > 0
    assert found["payout_account"] == found["approved_net"]
