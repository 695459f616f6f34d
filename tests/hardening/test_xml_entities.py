"""OOXML with a "billion laughs" entity expansion (or any DTD) fails cleanly and fast, in
preflight, before LibreOffice parses it; `wenku convert --json` reports it (exit 1)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conversion.samples import make_docx
from wenku.conversion.preflight import preflight
from wenku.library.failures import ConversionError

LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _with_document_xml(src: Path, dst: Path, xml: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = xml if info.filename == "word/document.xml" else zin.read(info)
            zout.writestr(info, data)
    return dst


@pytest.fixture
def laughs_docx(tmp_path) -> Path:
    seed = make_docx(tmp_path / "seed.docx", pages=1)
    return _with_document_xml(seed, tmp_path / "laughs.docx", LAUGHS.encode())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_preflight_refuses_entities(tmp_path, encoding):
    seed = make_docx(tmp_path / "seed.docx", pages=1)
    xml = LAUGHS.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    bomb = _with_document_xml(seed, tmp_path / "x.docx", xml)
    with pytest.raises(ConversionError) as info:
        preflight(bomb, "docx")
    assert info.value.code == "corrupt" and "DTD" in info.value.detail


def test_plain_docx_passes_preflight(tmp_path):
    preflight(make_docx(tmp_path / "ok.docx", pages=1), "docx")


def test_convert_command_fails_cleanly(laughs_docx):
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "wenku", "convert", "--json", str(laughs_docx)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    report = json.loads(run.stdout)
    assert report["status"] == "failed" and report["code"] == "corrupt" and report["reason"]
    assert time.monotonic() - started < 60
