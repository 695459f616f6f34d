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
