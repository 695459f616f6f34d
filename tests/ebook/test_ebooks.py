"""Ebooks through the real calibre: Chinese text converts with CJK glyphs; DRM and damaged
books fail with a reason in Chinese and English; the types are sniffed from content."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.ebook.books import CHAPTER, TITLE, damaged, write_chm, write_fb2
from tests.ocr.conftest import accuracy
from wenku.conversion.ocr import recognise
from wenku.conversion.pipeline import convert_file
from wenku.conversion.sniff import detect_format
from wenku.library.failures import ConversionError, reasons_en_zh

if shutil.which("ebook-convert") is None:  # pragma: no cover - scripts/setup.sh installs it
    pytest.fail("calibre is not installed (scripts/setup.sh installs it)")
if shutil.which("chmcmd") is None:  # pragma: no cover - WENKU_SETUP_TEST=1 scripts/setup.sh
    pytest.fail("chmcmd (Debian fp-utils) is not installed: WENKU_SETUP_TEST=1 scripts/setup.sh")


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""
OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>春</dc:title>
<dc:language>zh-CN</dc:language><dc:identifier id="id">wenku-test-1</dc:identifier></metadata>
<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/></spine></package>"""
XHTML = f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-CN"><head><title>春</title></head>
<body><h1>{TITLE}</h1><p>{CHAPTER}</p></body></html>"""
ENCRYPTION = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<enc:CipherData><enc:CipherReference URI="c1.xhtml"/></enc:CipherData>
</enc:EncryptedData></encryption>"""


def write_epub(path: Path, *, encrypted: bool = False) -> Path:
    """A minimal EPUB 2: the stored `mimetype` entry first, then the container and content."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/container.xml", CONTAINER)
        zf.writestr("content.opf", OPF)
        zf.writestr("c1.xhtml", XHTML)
        if encrypted:
            zf.writestr("META-INF/encryption.xml", ENCRYPTION)
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("books")
    epub = write_epub(d / "春.epub")
    mobi = d / "春.mobi"
    home = d / "home"
    home.mkdir()
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["ebook-convert", str(epub), str(mobi)],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    azw3 = d / "春.azw3"
    subprocess.run(
        ["ebook-convert", str(epub), str(azw3)],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    chm = write_chm(d / "春.chm", "gb18030")
    return {"epub": epub, "mobi": mobi, "azw3": azw3, "chm": chm}


def _fonts(pdf: Path) -> set[str]:
    return {m.decode() for m in re.findall(rb"/FontName\s*/([^\s/<>\[\]]+)", pdf.read_bytes())}


@pytest.mark.parametrize("fmt", ["epub", "mobi", "azw3", "chm"])
def test_ebook_converts_with_chinese_text_and_cjk_fonts(books, fmt, tmp_path):
    src = books[fmt]
    assert detect_format(src, src.name) == fmt
    result = convert_file(src, tmp_path / "out", filename=src.name)
    assert result.format == fmt
    text = "".join(page.text for page in result.pages)
    assert CHAPTER in "".join(text.split())
    assert "".join(TITLE.split()) in "".join(text.split())
    fonts = _fonts(result.pdf_path)
    assert fonts and all("CJK" in name for name in fonts), fonts  # not a fallback: no boxes
    page = result.pages[0]
    assert round(page.width_pt) == 595 and round(page.height_pt) == 842  # A4
    assert result.pages[0].images  # previews rendered
    assert result.ocr_needed == []  # it has a text layer
    # What a reader sees: the page as drawn, read back by Tesseract, is the chapter (boxes or
    # a wrong font's glyphs would read as nothing like it, whatever the text layer says;
    # Tesseract itself misreads a few characters at the line's end: 0.84 measured).
    drawn = recognise(result.pdf_path, [1], tmp_path / "ocr")[0]["text"]
    assert CHAPTER[:20] in "".join(drawn.split()), drawn
    assert accuracy(drawn, TITLE + CHAPTER) >= 0.75, drawn


def test_drm_protected_epub_fails_with_a_reason_in_both_languages(tmp_path):
    book = write_epub(tmp_path / "locked.epub", encrypted=True)
    with pytest.raises(ConversionError) as caught:
        convert_file(book, tmp_path / "out", filename=book.name)
    assert caught.value.code == "drm"
    english, chinese = reasons_en_zh("drm")
    assert "DRM" in english and "DRM" in chinese and "无法转换" in chinese


def test_drm_protected_mobi_fails_cleanly(books, tmp_path):
    data = bytearray(books["mobi"].read_bytes())
    first = int.from_bytes(data[78:82], "big")
    data[first + 12 : first + 14] = (2).to_bytes(2, "big")  # Mobipocket encryption
    locked = tmp_path / "locked.mobi"
    locked.write_bytes(bytes(data))
    with pytest.raises(ConversionError) as caught:
        convert_file(locked, tmp_path / "out", filename=locked.name)
    assert caught.value.code == "drm"


def test_damaged_ebook_fails_with_a_readable_reason(books, tmp_path):
    data = books["mobi"].read_bytes()
    broken = tmp_path / "broken.mobi"
    broken.write_bytes(data[:100] + b"\0" * 400)  # header kept, records gone
    with pytest.raises(ConversionError) as caught:
        convert_file(broken, tmp_path / "out", filename=broken.name)
    assert caught.value.code in {"corrupt", "ebook_failed"}
    english, chinese = reasons_en_zh(caught.value.code)
    assert english and chinese and english != chinese


def test_utf8_chm_converts_too(tmp_path):
    chm = write_chm(tmp_path / "utf8.chm", "utf-8")
    result = convert_file(chm, tmp_path / "out", filename="帮助.chm")
    assert CHAPTER in "".join("".join(p.text for p in result.pages).split())
    assert all("CJK" in name for name in _fonts(result.pdf_path))


@pytest.mark.parametrize(
    "damage",
    [
        {"cut": slice(0, 2000)},  # truncated download
        {"junk": slice(120, 124)},  # the directory's ITSP header overwritten
        {"junk": slice(200, 4000)},  # the directory's listing chunks overwritten
        {"cut": slice(0, 60)},  # not even a whole ITSF header
    ],
)
def test_corrupt_chm_fails_with_a_readable_reason(books, tmp_path, damage):
    broken = damaged(books["chm"], tmp_path / "broken.chm", **damage)
    assert detect_format(broken, "x.bin") == "chm"  # still an ITSF file: refused by the converter
    with pytest.raises(ConversionError) as caught:
        convert_file(broken, tmp_path / "out", filename=broken.name)
    assert caught.value.code in {"corrupt", "ebook_failed"}
    english, chinese = reasons_en_zh(caught.value.code)
    assert "damaged" in english and "损坏" in chinese
    assert "Traceback" not in english + chinese


def test_sniffing_by_content(tmp_path, books):
    assert detect_format(books["chm"], "help.bin") == "chm"
    assert detect_format(books["chm"], "") == "chm"
    assert detect_format(books["epub"], "whatever.zip") == "epub"
    assert detect_format(books["mobi"], "noext") == "mobi"
    assert detect_format(books["azw3"], "book.azw3") == "azw3"
    chm = tmp_path / "help.bin"
    chm.write_bytes(b"ITSF\x03\x00\x00\x00" + b"\0" * 200)
    assert detect_format(chm, "help.bin") == "chm"
    fb2 = tmp_path / "book.xml"
    fb2.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<FictionBook xmlns="http://www.gribuser.ru/'
        'xml/fictionbook/2.0"><body><section><p>春天</p></section></body></FictionBook>',
        encoding="utf-8",
    )
    assert detect_format(fb2, "book.xml") == "fb2"
    # A ZIP that only claims the extension is not an ebook.
    fake = tmp_path / "fake.epub"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ConversionError):
        detect_format(fake, "fake.epub")


def test_fb2_converts(tmp_path):
    fb2 = write_fb2(tmp_path / "春.fb2")
    assert detect_format(fb2, "upload") == "fb2"  # the XML root, not the name
    result = convert_file(fb2, tmp_path / "out", filename="upload")
    assert result.format == "fb2"
    assert CHAPTER in "".join("".join(p.text for p in result.pages).split())
    assert all("CJK" in name for name in _fonts(result.pdf_path))


def test_ebooks_have_the_same_size_and_page_limits(books, tmp_path, settings):
    from wenku.publishing.uploads import create_document

    src = books["epub"]
    pages = convert_file(src, tmp_path / "all", filename=src.name).page_count
    assert pages >= 1
    with pytest.raises(ConversionError) as caught:
        convert_file(src, tmp_path / "out", filename=src.name, max_pages=pages - 1)
    assert caught.value.code == "too_many_pages"
    settings.WENKU_MAX_UPLOAD_MB = 0  # the upload and the converter refuse it before calibre
    with pytest.raises(ConversionError) as caught:
        convert_file(src, tmp_path / "big", filename=src.name)
    assert caught.value.code == "too_large"
    with pytest.raises(ConversionError) as caught:
        create_document(None, src, filename=src.name, enqueue=False)  # type: ignore[arg-type]
    assert caught.value.code == "too_large"
