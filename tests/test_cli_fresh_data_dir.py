"""Commands on a fresh, empty WENKU_DATA_DIR: each creates the database or says what to run,
never a "no such table" traceback."""

import json
import os
import subprocess
import sys


def wenku(data_dir, *args, timeout=120):
    env = {**os.environ, "WENKU_DATA_DIR": str(data_dir), "WENKU_DEMO": "0"}
    return subprocess.run(
        [sys.executable, "-m", "wenku", *args],
        env=env, capture_output=True, text=True, timeout=timeout,
    )


def sample(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于召开年度工作会议的通知\n\n各部门：定于下周一上午召开会议。\n", "utf-8")
    return path


def test_import_on_empty_data_dir_creates_the_library(tmp_path):
    result = wenku(tmp_path / "data", "import", str(sample(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no such table" not in result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["status"] == "uploaded" and line["id"]


def test_quality_on_empty_data_dir_checks_the_file(tmp_path):
    result = wenku(tmp_path / "data", "quality", str(sample(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1])["stuffed"] is False


def test_worker_on_unmigrated_database_says_what_to_run(tmp_path):
    result = wenku(tmp_path / "data", "worker", timeout=60)
    assert result.returncode == 2
    assert "wenku manage migrate" in result.stderr
    assert "Traceback" not in result.stderr
