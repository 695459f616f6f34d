"""Format detection from content: fast, header-only, extension only as a tie-break."""

from __future__ import annotations

import shutil
import time
import zipfile

import pytest

from wenku.conversion.sniff import detect_format, extension
from wenku.library.failures import ConversionError

from . import samples as S


def test_extension_helper():
    assert extension("报告.DOCX") == "docx"
    assert extension("a/b/c.docm") == "docx"
    assert extension("../../x.pdf") == "pdf"
    assert extension("noext") == ""


@pytest.mark.parametrize(
    "name,expected",
    [
        ("pdf", "pdf"),
        ("docx", "docx"),
        ("pptx", "pptx"),
        ("xlsx", "xlsx"),
        ("doc", "doc"),
        ("xls", "xls"),
        ("ppt", "ppt"),
        ("odt", "odt"),
        ("odp", "odp"),
        ("ods", "ods"),
        ("rtf", "rtf"),
        ("wps", "wps"),
        ("et", "et"),
        ("dps", "dps"),
        ("txt_utf8", "txt"),
        ("txt_gbk", "txt"),
        ("txt_utf16le", "txt"),
        ("txt_utf16be", "txt"),
    ],
)
def test_samples(name, expected, samples):
    assert detect_format(samples[name], samples[name].name) == expected


def test_content_wins_over_extension(samples, tmp_path):
    cases = {"docx": "x.pdf", "pdf": "x.docx", "xls": "x.doc", "odt": "x.xlsx", "doc": "x.txt"}
    for sample, name in cases.items():
        path = shutil.copyfile(samples[sample], tmp_path / name)
        assert detect_format(path, name) == sample


def test_ole_extension_breaks_the_tie(samples):
    assert detect_format(samples["doc"], "a.wps") == "wps"
    assert detect_format(samples["doc"], "a.doc") == "doc"
    assert detect_format(samples["doc"], "") == "doc"
    assert detect_format(samples["xls"], "a.et") == "et"
    assert detect_format(samples["ppt"], "a.dps") == "dps"


def test_encrypted_ooxml_is_accepted_as_its_extension(samples):
    # OLE2 with EncryptionInfo: the upload is accepted, conversion says "encrypted".
    assert detect_format(samples["encrypted.docx"], "a.docx") == "docx"
    assert detect_format(samples["encrypted.docx"], "a.xlsx") == "xlsx"


@pytest.mark.parametrize(
    "content,name,code",
    [
        (b"", "a.pdf", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a.pdf", "unsupported"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 200, "a.docx", "unsupported"),
        (b"MZ\x90\x00" + b"\0" * 200, "a.doc", "unsupported"),
        (b"<html><body>hi</body></html>", "a.html", "unsupported"),
        (b"GIF89a" + b"\0" * 50, "a.txt", "unsupported"),
    ],
)
def test_refused(content, name, code, tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(content)
    with pytest.raises(ConversionError) as info:
        detect_format(path, name)
    assert info.value.code == code


def test_plain_zip_is_not_a_document(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ConversionError):
        detect_format(path, "a.zip")
    # …but under a document name its damage is the converter's business ("corrupt")
    with pytest.raises(ConversionError):
        detect_format(path, "a.docx")


def test_text_under_a_document_extension_is_text(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("名称\t数量\n苹果\t3\n", encoding="gbk")
    assert detect_format(path, path.name) == "txt"


def test_is_fast_on_big_files(samples, tmp_path, settings):
    big = S.make_zip_bomb(samples["docx"], tmp_path / "big.docx", megabytes=16)
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as fh:
        fh.write("中文".encode() * 1000)
        fh.truncate(150 * 1024 * 1024)
    started = time.monotonic()
    for _ in range(10):
        detect_format(big, big.name)
        detect_format(samples["doc"], "x.doc")
    with pytest.raises(ConversionError):
        detect_format(sparse, sparse.name)  # NULs after the text: binary, decided on 64 KB
    assert time.monotonic() - started < 1.0
