"""Sample documents the tests make: real files with Chinese text and a known page count."""

from __future__ import annotations

from pathlib import Path


def _sentences(topic: str) -> list[str]:
    """Distinct sentences on one subject of the work-report corpus (school, rural, elderly,
    safety, egov). Distinct, because the quality check holds documents whose text repeats
    (stuffing); a different topic per uploader, because it holds another member's copy."""
    from wenku.quality.evalset.compose import sentences
    from wenku.quality.evalset.corpus_reports import TOPICS

    return [s for paragraph in TOPICS[topic] for s in sentences(paragraph)]


def page_marker(number: int) -> str:
    """A phrase that appears on exactly one page, to check where text comes from."""
    return f"第{number}页独有标记甲乙丙{number * 7919}"


def chinese_docx():
    """A new python-docx Document whose body text is 宋体 and marked Chinese (zh-CN)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    style.element.rPr.append(lang)
    return doc


def make_docx(
    path: Path, pages: int, title: str = "职业教育工作会议交流材料", topic: str = "school"
) -> Path:
    """A DOCX of exactly `pages` pages (hard page breaks), each with a unique marker."""
    from docx.enum.text import WD_BREAK

    doc = chinese_docx()
    doc.add_heading(title, level=1)
    pool = _sentences(topic)
    per_page = max(1, min(3, len(pool) // pages))
    for number in range(1, pages + 1):
        para = doc.add_paragraph(page_marker(number) + "。")
        for offset in range(per_page):
            doc.add_paragraph(pool[((number - 1) * per_page + offset) % len(pool)])
        if number < pages:
            para = doc.add_paragraph()
            para.add_run().add_break(WD_BREAK.PAGE)
    doc.save(path)
    return path
