"""Scanned PDFs made here: known Chinese text rendered with Noto Serif CJK SC at 300 dpi."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.samples import make_scan_pdf
from tests.quality.samples import paragraphs

if shutil.which("tesseract") is None:  # pragma: no cover - scripts/setup.sh installs it
    pytest.fail("tesseract is not installed (scripts/setup.sh installs tesseract-ocr)")


def known_pages() -> list[str]:
    """Four pages of one real-looking report (the quality evaluation corpus: one topic, or
    the stuffing check flags the odd one out), ~240 characters each."""
    paras = paragraphs("report", "egov")
    pages, current = [], ""
    for para in paras:
        if current and len(current) + len(para) > 250:
            pages.append(current)
            current = ""
        current = f"{current}\n{para}" if current else para
    pages.append(current)
    assert len(pages) >= 4, pages
    return pages[:4]


@pytest.fixture(scope="session")
def pages() -> list[str]:
    return known_pages()


@pytest.fixture(scope="session")
def scan(tmp_path_factory, pages) -> Path:
    return make_scan_pdf(tmp_path_factory.mktemp("scan") / "扫描件.pdf", pages)


def accuracy(recognised: str, truth: str) -> float:
    """1 - (Levenshtein distance / length of the truth), whitespace ignored."""
    a, b = "".join(recognised.split()), "".join(truth.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1 - previous[-1] / max(1, len(b))


def garbled_scan_pdf(path: Path, text: str) -> Path:
    """A scanned page (a 300-dpi image of `text`) with an invisible text layer whose font's
    ToUnicode map sends every glyph to a private-use code point: what PDFs made by some
    scanners and broken font subsets extract as. Written by hand, object by object."""
    import zlib

    from bench.samples import render_scan_page

    img = render_scan_page(text)
    data = zlib.compress(img.tobytes())
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <20> <7E> <E000> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = (
        b"q 595 0 0 842 0 0 cm /Im1 Do Q\n"
        b"BT 3 Tr /F1 12 Tf 72 770 Td (Scanned page text layer garbage) Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (img.width, img.height, len(data))
        + data
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
