"""A member cannot rate twice (or vote twice) by racing requests, and the totals stay exact
while many members rate at once: real views, threads, PostgreSQL (rating_race.py)."""

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
def test_racing_ratings_and_votes_on_postgres():
    with fresh_database("wenku_reviews") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.reviews.rating_race"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = proc.stdout[-4000:] + proc.stderr[-4000:]
    assert proc.returncode == 0, output
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RACE "))
    found = json.loads(line.removeprefix("RACE "))
    assert found["vendor"] == "postgresql"
    assert set(found["statuses"]) == {302}, found  # every request answered, none crashed
    assert found["racer_ratings"] == 1 and found["ratings"] == 9
    assert found["rating_count"] == 9
    assert found["rating_average"] == found["expected_average"], found
    assert found["votes"] == 1 and found["helpful_count"] == 1
