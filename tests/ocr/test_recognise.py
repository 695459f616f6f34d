"""OCR with the real Tesseract: which pages are read, how well, and what the CLI reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ocr.conftest import accuracy, garbled_scan_pdf
from wenku.conversion import ocr
from wenku.conversion.pipeline import convert_file


def test_scanned_pages_are_detected_and_read_at_95_percent_accuracy(scan, pages, tmp_path):
    result = convert_file(scan, tmp_path / "out", filename=scan.name)
    assert result.page_count == 4
    assert result.ocr_needed == [1, 2, 3, 4]  # no text layer on any page
    assert all(page.text == "" for page in result.pages)
    read = ocr.recognise(result.pdf_path, [1, 2, 3, 4], tmp_path / "ocr")
    assert [p["number"] for p in read] == [1, 2, 3, 4]
    # Character accuracy (edit distance, whitespace ignored) of the whole document's text;
    # no single page far below it.
    whole = accuracy("".join(p["text"] for p in read), "".join(pages))
    assert whole >= 0.95, whole
    for item in read:
        score = accuracy(item["text"], pages[item["number"] - 1])
        assert score >= 0.9, (item["number"], score, item["text"])
        assert 0 < item["confidence"] <= 100
    assert not list((tmp_path / "ocr").iterdir())  # page images and outputs are cleaned up


def test_text_layer_that_is_language_is_kept():
    assert ocr.text_is_usable("全市义务教育阶段学校全部制定了作业管理办法。")
    assert ocr.text_is_usable("The quarterly report was approved by the board.")


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "  \n ",
        "第1页",  # a page number on a scanned page
        "\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009",  # private-use glyph codes
        "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd",
        "!#$%&()*+,-./:;<=>?@[]^_{|}~!#$%&",  # a Symbol-font mapping
    ],
)
def test_empty_or_garbled_text_layer_is_not_usable(garbage):
    assert not ocr.text_is_usable(garbage)


def test_text_pdf_pages_are_not_read_again(tmp_path):
    demo = Path(__file__).resolve().parents[2] / "wenku" / "demo" / "中医四季养生常识.pdf"
    result = convert_file(demo, tmp_path / "out", filename=demo.name)
    assert result.page_count >= 1 and result.text_chars > 100
    assert result.ocr_needed == []


def test_cli_reports_ocr_pages_and_seconds(scan):
    proc = subprocess.run(
        [sys.executable, "-m", "wenku", "convert", str(scan), "--json"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["status"] == "ready" and report["pages"] == 4
    assert [item["page"] for item in report["ocr_pages"]] == [1, 2, 3, 4]
    assert all(item["chars"] > 150 and item["confidence"] > 50 for item in report["ocr_pages"])
    assert report["ocr_seconds"] > 0
    assert report["text_chars"] == sum(item["chars"] for item in report["ocr_pages"])


def test_garbled_text_layer_is_recognised_again(tmp_path, pages):
    pdf = garbled_scan_pdf(tmp_path / "garbled.pdf", pages[0])
    result = convert_file(pdf, tmp_path / "out", filename=pdf.name)
    extracted = result.pages[0].text
    assert extracted and all("\ue000" <= ch <= "\uf8ff" or ch.isspace() for ch in extracted)
    assert result.ocr_needed == [1]
    (read,) = ocr.recognise(result.pdf_path, [1], tmp_path / "ocr")
    assert accuracy(read["text"], pages[0]) >= 0.95


def test_scan_preview_fast_path_looks_like_pdfium_render(scan):
    import pypdfium2 as pdfium
    from PIL import ImageChops, ImageStat

    from wenku.conversion import pdf as pdfsteps
    from wenku.conversion.scanpage import render_scan

    doc = pdfium.PdfDocument(str(scan))
    try:
        page = doc[0]
        fast = render_scan(page, 1000, pdfsteps.WEBP_MAX_DIM)
        assert fast is not None  # one full-page JPEG: the fast path applies
        slow = pdfsteps._render(page, 1000, *page.get_size())
        assert fast.size == slow.size and fast.mode == slow.mode == "RGB"
        diff = ImageStat.Stat(ImageChops.difference(fast.convert("L"), slow.convert("L")))
        assert diff.mean[0] < 4  # same page, up to resampling (0-255 scale)
        page.close()
    finally:
        doc.close()
