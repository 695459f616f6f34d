"""Each post-ready step runs in its own savepoint (wenku.publishing.ready): a step that hits a
real PostgreSQL error is rolled back alone and the document is held for staff with a reason,
instead of failing as "internal" because PostgreSQL aborted the whole publishing transaction.

The scenario (pg_ready_scenario.py) runs in a child process against a freshly created,
uniquely named PostgreSQL database, with the real settings, migrations, conversion and
publishing; PostgreSQL being unreachable fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

from tests.wallet.test_concurrency_pg import ROOT, fresh_database


def _run(step: str) -> dict:
    with fresh_database("wenku_ready") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        env.pop("WENKU_PREPUBLICATION_REVIEW", None)
        proc = subprocess.run(
            [sys.executable, "-m", "tests.flow.pg_ready_scenario", step],
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
    return json.loads(line.removeprefix("FINDINGS "))


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.parametrize("step", ["quality", "moderation"])
def test_a_step_with_a_database_error_holds_the_document_for_review(step):
    found = _run(step)
    # The conversion stands: ready, with its pages; not an "internal" failure.
    assert found["convert_returned"] == "ready", found
    assert found["status"] == "ready"
    assert found["page_count"] >= 1 and found["pages"] == found["page_count"]
    # Only the failing step was rolled back: its duplicate page is not there.
    assert found["twice_pages"] == 0
    if step == "quality":
        assert found["quality_reports"] == 0  # the check's own rows went with its savepoint
    # Held for staff with a reason the author can read; the detail names the step for staff.
    assert found["visibility"] == "held"
    assert found["failure_code"] == "check_failed"
    assert found["reason"] and "internal" not in found["reason"]
    assert step in found["failure_detail"] and "IntegrityError" in found["failure_detail"]
    # Not public, so not paid and not searchable, until staff publish it.
    assert found["rewards_before_approval"] == 0
    assert found["found_before_approval"] == 0
    assert found["rewards_after_approval"] == 1
    assert found["found_after_approval"] == 1
