"""Readers in threads against a real gunicorn (3 workers, PostgreSQL, the shared file cache)
while staff take a document down: once the takedown's response has returned, no response to a
request started after it shows the document (home, category, search, sitemap, its own page,
the related blocks of others), though every page was served from the cache before."""

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
def test_no_stale_page_after_a_takedown_returns():
    with fresh_database("wenku_takedown") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "WENKU_DATABASE_URL": url,
            "WENKU_DATABASE_CONN_MAX_AGE": "60",
            "WENKU_DATA_DIR": data_dir,
            "WENKU_RATELIMIT": "0",
            "WENKU_TASKS_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "wenku.settings",
            "PYTHONPATH": str(ROOT),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "tests.web.takedown_scenario"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["takedown_status"] == 200
    # The pages showed the document before, on every URL, and were read after too.
    assert set(result["before_shown_urls"]) == set(result["urls"]), result
    assert set(result["after_urls"]) == set(result["urls"])
    assert result["stale"] == 0, result
    print(result)
