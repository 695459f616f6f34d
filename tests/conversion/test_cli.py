"""`wenku convert FILE [--out DIR] [--json]`, run as a subprocess like a user would."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

from wenku.conversion import tools

from . import samples as S

ROOT = Path(__file__).resolve().parents[2]
RUN = (
    "import sys; from wenku.cli import _django_setup; _django_setup(); "
    "from wenku.conversion.command import main; sys.exit(main(sys.argv[1:]))"
)


def wenku_convert(*args, cwd: Path = ROOT, timeout: float = 120):
    env = dict(os.environ)
    result = tools.run(
        [sys.executable, "-c", RUN, *map(str, args)], timeout=timeout, env=env, cwd=cwd
    )
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.fixture(scope="module")
def cli_files(samples, tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    files = {
        "docx": shutil.copyfile(samples["docx"], d / "<script>.docx"),
        "png_as_pdf": S.make_png(d / "x.pdf"),
        "encrypted": shutil.copyfile(samples["encrypted.docx"], d / "locked.docx"),
    }
    return {k: Path(v) for k, v in files.items()}


def test_json_ready_and_out_dir(cli_files, tmp_path):
    out = tmp_path / "out"
    parent_before = set(tmp_path.iterdir())
    code, stdout, stderr = wenku_convert(cli_files["docx"], "--out", out, "--json")
    assert code == 0, stderr
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["status"] == "ready"
    assert report["format"] == "docx"
    assert report["pages"] == 3 and report["preview_pages"] == 3
    assert report["text_chars"] > 30 and report["seconds"] > 0
    assert "reason" not in report
    assert (out / "document.pdf").is_file()
    assert (out / "cover.webp").is_file()
    for number in (1, 2, 3):
        text = (out / f"page-{number:05d}.txt").read_text(encoding="utf-8")
        assert S.SENTENCES[number - 1] in text
        for width in (500, 1000):
            with Image.open(out / f"page-{number:05d}-{width}.webp") as img:
                assert img.width == width
    assert set(tmp_path.iterdir()) == parent_before | {out}  # nothing beside --out


def test_json_failure_has_reasons_in_both_languages(cli_files):
    code, stdout, _ = wenku_convert(cli_files["png_as_pdf"], "--json")
    assert code == 1
    report = json.loads(stdout)
    assert report["status"] == "failed" and report["code"] == "unsupported"
    assert report["reason"].startswith("This file type is not supported")
    assert report["reason_zh"] and report["reason_zh"] != report["reason"]
    assert {"format", "pages", "preview_pages", "text_chars", "seconds"} <= set(report)


def test_json_encrypted(cli_files):
    code, stdout, _ = wenku_convert(cli_files["encrypted"], "--json")
    assert code == 1
    report = json.loads(stdout)
    assert report["code"] == "encrypted" and report["format"] == "docx"
    assert "password" in report["reason"].lower()


def test_human_summary_and_relative_hostile_path(cli_files, tmp_path):
    # The file is reached through "../": nothing is written next to it or in the cwd.
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    target = tmp_path / "x.pdf"
    shutil.copyfile(cli_files["docx"], target)
    before = set(tmp_path.rglob("*"))
    code, stdout, stderr = wenku_convert("../../x.pdf", cwd=work)
    assert code == 0, stderr
    assert stdout.startswith("ready: docx, 3 pages")
    assert set(tmp_path.rglob("*")) == before


def test_missing_file_is_a_usage_error(tmp_path):
    code, stdout, _ = wenku_convert(tmp_path / "nope.pdf", "--json")
    assert code == 2 and json.loads(stdout)["status"] == "failed"
