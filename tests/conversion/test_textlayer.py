"""The reader's text layer from a real PDF (LibreOffice's, from a generated Chinese DOCX):
each page's lines carry its text in reading order, with boxes inside the page that follow
the layout; the conversion returns them per page and the isolated child's output is checked."""

from __future__ import annotations

import pypdfium2 as pdfium

from wenku.conversion import textlayer
from wenku.conversion.pipeline import convert_file

from . import samples as S


def lines_of(pdf_path, index: int) -> list[list]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            return textlayer.page_lines(page, textpage)
        finally:
            textpage.close()
            page.close()
    finally:
        pdf.close()


def test_lines_follow_the_page(samples):
    lines = lines_of(samples["pdf"], 1)
    texts = [line[0] for line in lines]
    assert texts[0] == "第2页"  # the heading, first, without PDFium's inserted spaces
    assert S.SENTENCES[1] in texts
    joined = "".join(texts)
    assert S.FILLER[:30] in joined  # the filler paragraph, wrapped over lines, in order
    for text, x, y, w, h in lines:
        assert 0 <= x < 10000 and 0 <= y < 10000 and 0 < w <= 10000 and 0 < h < 600
        assert x + w <= 10000 and " " not in text.strip()
    tops = [line[2] for line in lines]
    assert tops == sorted(tops)  # top to bottom
    # The heading is set larger than the body text; body lines start at the same margin.
    assert lines[0][4] > lines[-1][4]
    assert len({line[1] for line in lines[1:]}) <= 2


def test_conversion_returns_each_page_layer(samples, tmp_path):
    result = convert_file(samples["docx"], tmp_path / "out", filename="sample.docx")
    assert result.page_count == 3
    for page in result.pages:
        assert page.lines and page.lines[0][0] == f"第{page.number}页"
        assert all(isinstance(v, int) for line in page.lines for v in line[1:])


def test_clean_lines_keeps_only_well_formed_lines():
    sent = [
        ["好", 10, 20, 30, 40],
        ["坏", "10", 20, 30, 40],
        ["溢出", -5, 20, 99999, 40],
        ["零高", 1, 2, 3, 0],
        [1, 2, 3, 4, 5],
        ["布尔", True, 2, 3, 4],
        "not a line",
        ["\x00控制\x01", 1, 2, 3, 4],
    ]
    assert textlayer.clean_lines(sent) == [
        ["好", 10, 20, 30, 40],
        ["溢出", 0, 20, 10000, 40],
        ["控制", 1, 2, 3, 4],
    ]
    assert textlayer.clean_lines({"lines": []}) == []
