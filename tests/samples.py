"""Sample documents the tests make: real files with Chinese text and a known page count."""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    "职业教育是国民教育体系和人力资源开发的重要组成部分。",
    "各地要坚持面向市场、面向就业，完善现代职业教育体系。",
    "学校应当加强实训基地建设，全面提高教育质量和基础能力。",
    "推进产教对接，深化校企合作，大力发展民办职业技术教育。",
    "加强职业技能培训，积极构建面向全体劳动者的终身培训体系。",
    "优化学校布局，调整专业结构，构建技能人才成长的立交桥。",
]


def page_marker(number: int) -> str:
    """A phrase that appears on exactly one page, to check where text comes from."""
    return f"第{number}页独有标记甲乙丙{number * 7919}"


def make_docx(path: Path, pages: int, title: str = "职业教育工作会议交流材料") -> Path:
    """A DOCX of exactly `pages` pages (hard page breaks), each with a unique marker."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    style.element.rPr.append(lang)
    doc.add_heading(title, level=1)
    for number in range(1, pages + 1):
        para = doc.add_paragraph(page_marker(number) + "。")
        for offset in range(3):
            doc.add_paragraph(SENTENCES[(number + offset) % len(SENTENCES)])
        if number < pages:
            para = doc.add_paragraph()
            para.add_run().add_break(WD_BREAK.PAGE)
    doc.save(path)
    return path
