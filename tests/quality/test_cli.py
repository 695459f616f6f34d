"""`python -m wenku quality FILE... --json`, run as a subprocess like a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import samples

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def wenku_quality(*args, data_dir: Path) -> tuple[int, list[dict], str]:
    env = {**os.environ, "WENKU_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "wenku", "quality", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.decode().splitlines() if line.strip()]
    return result.returncode, [json.loads(line) for line in lines], result.stderr.decode()


def test_json_one_line_per_file_without_a_library(tmp_path):
    stuffed = samples.make_docx(tmp_path / "s.docx", samples.stuffed_paragraphs("speech", "flood"))
    clean = samples.make_docx(tmp_path / "c.docx", samples.paragraphs("essay", "rain"))
    missing = tmp_path / "missing.docx"
    code, reports, stderr = wenku_quality(
        stuffed, clean, missing, "--json", data_dir=tmp_path / "data"
    )
    assert code == 3, stderr  # one file could not be checked
    assert [r["file"] for r in reports] == [str(stuffed), str(clean), str(missing)]
    bad, good, gone = reports
    assert bad["stuffed"] is True and bad["stuffing_score"] > 0.1
    assert bad["duplicates"] == [] and good["duplicates"] == []  # no library configured
    assert len(bad["stuffed_spans"]) == 4
    for span in bad["stuffed_spans"]:
        assert set(span) >= {"start", "end", "text"} and span["end"] > span["start"]
        assert "拓展训练" in span["text"]
    assert good["stuffed"] is False and good["stuffed_spans"] == []
    assert "error" in gone and "reason" in gone
    assert not (tmp_path / "data" / "wenku.sqlite3").exists()  # no database was created


def test_offsets_point_into_the_extracted_text(tmp_path):
    """The spans' offsets are into the pages' texts joined by "\\n" (as `wenku convert`
    writes them), so a caller can find the passages itself."""
    stuffed = samples.make_docx(tmp_path / "s.docx", samples.stuffed_paragraphs("report", "egov"))
    code, (report,), _ = wenku_quality(stuffed, "--json", data_dir=tmp_path / "data")
    assert code == 1
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "wenku", "convert", str(stuffed), "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "WENKU_DATA_DIR": str(tmp_path / "data")},
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("page-*.txt")))
    for span in report["stuffed_spans"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_duplicates_against_a_configured_library(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "WENKU_DATA_DIR": str(data)}
    original = samples.make_docx(tmp_path / "原件.docx", samples.paragraphs("lesson", "buoyancy"))
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([sys.executable, "-m", "wenku", "manage", "migrate", "-v", "0"], **run)
    subprocess.run([sys.executable, "-m", "wenku", "import", str(original), "--wait"], **run)
    part = samples.make_docx(tmp_path / "节选.docx", samples.paragraphs("lesson", "buoyancy")[:14])
    code, reports, stderr = wenku_quality(original, part, "--json", data_dir=data)
    assert code == 1, stderr
    same, excerpt = reports
    assert [d["kind"] for d in same["duplicates"]] == ["file"]
    assert same["duplicates"][0]["similarity"] == 1.0 and same["duplicates"][0]["id"] >= 1
    assert [d["kind"] for d in excerpt["duplicates"]] in (["part_of"], ["near"])
