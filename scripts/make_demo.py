"""Generate the demo documents a new site starts with (wenku/demo/ and its manifest.json).

    .venv/bin/python scripts/make_demo.py [--out DIR] [--no-check]

The output is deterministic: fixed document dates, fixed ZIP entry times, and the PDF's dates
and ID rewritten to fixed values. The PDF (and the page-count check) needs LibreOffice's
`soffice` on PATH. All prose is original; names, places and figures are fictional.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "wenku" / "demo"
FONTS_CONF = ROOT / "wenku" / "conversion" / "fonts.conf"
FIXED_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)
FIXED_ZIP_TIME = (2026, 1, 5, 9, 0, 0)
AUTHOR = "文库"
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"

# (file, title, category slug, description, tags, expected pages or None)
MANIFEST = [
    (
        "全市职业教育工作会议交流材料.docx",
        "全市职业教育工作会议交流材料",
        "speeches",
        "市教育部门在全市职业教育工作会议上的交流发言，围绕布局调整、产教融合、"
        "师资建设和成长通道谈贯彻落实的思路与举措。",
        ["职业教育", "讲话稿", "产教融合", "交流材料"],
        3,
    ),
    (
        "朱自清《春》教学设计.docx",
        "朱自清《春》教学设计",
        "lesson-plans",
        "七年级上册第一单元《春》的完整教学设计，含教学目标、重难点、分环节教学过程表、"
        "板书设计与教学反思。",
        ["语文", "七年级", "朱自清", "教学设计", "散文"],
        4,
    ),
    (
        "2026年度部门工作总结.pptx",
        "2026年度部门工作总结",
        "work-summary",
        "一份8页的部门年度工作总结演示文稿，涵盖重点项目、关键指标、客户服务、团队建设、"
        "问题不足和来年工作思路。",
        ["年终总结", "工作总结", "PPT", "述职"],
        8,
    ),
    (
        "家庭月度收支预算表.xlsx",
        "家庭月度收支预算表",
        "spreadsheets",
        "家庭记账用的Excel表格：按类别列出月度收支预算与实际发生额并自动计算差额，"
        "另附全年收支汇总表。",
        ["家庭理财", "预算表", "记账", "Excel模板"],
        2,
    ),
    (
        "房屋租赁合同（范本）.txt",
        "房屋租赁合同（范本）",
        "contracts",
        "依据《民法典》编写的住宅房屋租赁合同范本，条款涵盖租金押金、费用承担、维修、"
        "转租、解约和违约责任，附房屋交接清单。",
        ["租房", "合同范本", "房屋租赁", "民法典"],
        None,
    ),
    (
        "中医四季养生常识.pdf",
        "中医四季养生常识",
        "health",
        "通俗介绍顺应四时的中医养生理念，分季节讲解起居、饮食、运动和情志调养，"
        "并附四季饮食宜忌表与常见误区提示。",
        ["中医", "养生", "四季", "健康科普", "饮食"],
        10,
    ),
    (
        "城市社区养老服务现状调查报告.odt",
        "城市社区养老服务现状调查报告",
        "research",
        "基于问卷和访谈的城市社区养老服务调查报告，分析老年人需求、服务供给与满意度，"
        "指出供需错位等问题并提出对策建议。",
        ["社区养老", "调查报告", "老龄化", "居家养老"],
        6,
    ),
    (
        "小学三年级数学期末练习.docx",
        "小学三年级数学期末练习",
        "exams",
        "小学三年级下册数学期末练习卷，含填空、判断、选择、计算、统计和解决问题六大题型，"
        "满分100分。",
        ["三年级", "数学", "期末试卷", "练习题"],
        2,
    ),
]


# --------------------------------------------------------------------------------------------
# Deterministic packaging
# --------------------------------------------------------------------------------------------

_ISO = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")


def normalize_zip(path: Path) -> None:
    """Rewrite an OOXML/ODF package with fixed entry times and fixed document dates."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w") as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{_ISO}\3", text
                )
                data = text.encode("utf-8")
            item = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            item.compress_type = info.compress_type
            item.external_attr = 0o644 << 16
            zout.writestr(item, data)


def normalize_pdf(path: Path) -> None:
    """Replace the PDF's dates and file ID by fixed values of the same length (xref stays valid)."""
    data = path.read_bytes()
    stamp = FIXED_DATE.strftime("%Y%m%d%H%M%S").encode()

    def date(match: re.Match) -> bytes:
        return match.group(1) + stamp + b"Z" + b" " * (len(match.group(2)) - 15)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14}[^)]*)", date, data)
    data = re.sub(
        rb"(<(?:xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>)([^<]*)",
        lambda m: m.group(1) + _pad(FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), m),
        data,
    )
    data = re.sub(
        rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
        lambda m: (
            m.group(0)
            .replace(m.group(1), b"0" * len(m.group(1)))
            .replace(m.group(2), b"0" * len(m.group(2)))
        ),
        data,
    )
    data = re.sub(
        rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data
    )
    data = re.sub(
        rb"(uuid:)([0-9a-fA-F-]{36})",
        lambda m: m.group(1) + b"0" * 8 + b"-0000" * 3 + b"-" + b"0" * 12,
        data,
    )
    path.write_bytes(data)


def _pad(value: bytes, match: re.Match) -> bytes:
    old = match.group(2)
    if len(value) > len(old):
        return old
    return value + b" " * (len(old) - len(value))


def _odf_text(value: object) -> str:
    return "<text:line-break/>".join(escape(part) for part in str(value).split("\n"))


def soffice(src: Path, outdir: Path, fmt: str = "pdf", timeout: int = 180) -> Path:
    """Convert with LibreOffice in a private profile (so a running office is not disturbed)."""
    profile = outdir / "lo-profile"
    cmd = [
        shutil.which("soffice") or "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        str(src),
    ]
    env = dict(os.environ)
    if FONTS_CONF.exists():  # the font mapping the site's converter uses (宋体 -> Noto Serif CJK)
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    subprocess.run(cmd, check=True, timeout=timeout, capture_output=True, env=env)
    result = outdir / (src.stem + "." + fmt)
    if not result.exists():
        raise RuntimeError(f"soffice did not convert {src.name}")
    return result


# --------------------------------------------------------------------------------------------
# Blocks: the documents' structure, rendered to DOCX or ODT
#   ("title", text) ("subtitle", text) ("h1", text) ("h2", text) ("p", text)
#   ("lp", label, text)  paragraph with a bold lead-in      ("line", text) no indent
#   ("center", text) ("right", text) ("table", rows, widths_cm, font_pt) ("pb",) page break
#   ("space", pt) empty paragraph of that height
# --------------------------------------------------------------------------------------------


def build_docx(
    path: Path,
    blocks: list[tuple],
    *,
    title: str,
    subject: str,
    body_pt: float = 12,
    line_pt: float = 22,
    keywords: str = "",
    margins_cm: tuple[float, float] = (2.54, 3.0),
) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(margins_cm[0])
    section.left_margin = section.right_margin = Cm(margins_cm[1])

    def set_fonts(rpr, east: str, latin: str = LATIN_FONT) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
        fonts.set(qn("w:eastAsia"), east)
        fonts.set(qn("w:cs"), latin)

    # Document defaults: Chinese language and body fonts.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr_default = defaults.find(qn("w:rPr"))
    set_fonts(rpr_default, BODY_FONT)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        doc.settings.element.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    normal.font.size = Pt(body_pt)
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line_pt)
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(body_pt * 2)
    pf.widow_control = True
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    heading_sizes = {"Title": 22, "Heading 1": 15, "Heading 2": 13}
    for name, size in heading_sizes.items():
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = name != "Title"
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rpr = style.element.get_or_add_rPr()
        set_fonts(rpr, HEADING_FONT, LATIN_FONT)
        for tag in ("w:spacing", "w:kern"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        spf = style.paragraph_format
        spf.first_line_indent = Pt(0)
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.line_spacing = Pt(max(line_pt, size * 1.6))
        spf.space_before = Pt(8 if name != "Title" else 0)
        spf.space_after = Pt(4 if name != "Title" else 6)
        spf.keep_with_next = True
        spf.alignment = WD_ALIGN_PARAGRAPH.CENTER if name == "Title" else WD_ALIGN_PARAGRAPH.LEFT
        # the template draws a rule under Title: remove it
        ppr = style.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)

    # page number in the footer: "- 1 -"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    number_text = OxmlElement("w:t")
    number_text.text = "1"
    number.append(number_text)
    field.append(number)
    footer._p.append(field)
    footer.add_run(" -")
    for run in footer.runs:
        run.font.size = Pt(9)

    def paragraph(text: str = "", *, indent: bool = True, align=None, style: str | None = None):
        p = doc.add_paragraph(style=style)
        if not indent:
            p.paragraph_format.first_line_indent = Pt(0)
        if align is not None:
            p.alignment = align
        if text:
            p.add_run(text)
        return p

    for block in blocks:
        kind = block[0]
        if kind == "title":
            paragraph(block[1], indent=False, style="Title")
        elif kind == "subtitle":
            p = paragraph(indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            run = p.add_run(block[1])
            run.font.size = Pt(body_pt)
            p.paragraph_format.space_after = Pt(6)
        elif kind == "h1":
            paragraph(block[1], indent=False, style="Heading 1")
        elif kind == "h2":
            paragraph(block[1], indent=False, style="Heading 2")
        elif kind == "p":
            paragraph(block[1])
        elif kind == "lp":
            p = paragraph()
            lead = p.add_run(block[1])
            lead.bold = True
            set_fonts(lead._element.get_or_add_rPr(), HEADING_FONT)
            p.add_run(block[2])
        elif kind == "line":
            paragraph(block[1], indent=False)
        elif kind == "center":
            paragraph(block[1], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "right":
            paragraph(block[1], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        elif kind == "space":
            p = paragraph(indent=False)
            p.paragraph_format.line_spacing = Pt(block[1])
        elif kind == "pb":
            p = paragraph(indent=False)
            p.paragraph_format.line_spacing = Pt(2)
            p.add_run().add_break(WD_BREAK.PAGE)
        elif kind == "table":
            rows, widths, font_pt = block[1], block[2], block[3]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.width = Cm(widths[c])
                    cp = cell.paragraphs[0]
                    cp.paragraph_format.first_line_indent = Pt(0)
                    cp.paragraph_format.line_spacing = Pt(font_pt * 1.55)
                    if r == 0 or c == 0 or len(str(value)) <= 8:
                        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    run = cp.add_run(str(value))
                    run.font.size = Pt(font_pt)
                    if r == 0:
                        run.bold = True
                        set_fonts(run._element.get_or_add_rPr(), HEADING_FONT)
                        shade = OxmlElement("w:shd")
                        shade.set(qn("w:val"), "clear")
                        shade.set(qn("w:color"), "auto")
                        shade.set(qn("w:fill"), "E7EEF7")
                        cell._tc.get_or_add_tcPr().append(shade)
            for c, width in enumerate(widths):
                table.columns[c].width = Cm(width)
            # a little room after the table
            space = paragraph(indent=False)
            space.paragraph_format.line_spacing = Pt(8)
        else:
            raise ValueError(f"unknown block {kind!r}")

    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = keywords
    props.language = "zh-CN"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    doc.save(path)
    normalize_zip(path)


def build_odt(path: Path, blocks: list[tuple], *, title: str, subject: str, keywords: str) -> None:
    """A hand-written OpenDocument text file (no dependency, byte-for-byte reproducible)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'office:version="1.3"'
    )
    fonts = (
        "<office:font-face-decls>"
        f'<style:font-face style:name="{BODY_FONT}" svg:font-family="{BODY_FONT}" '
        'style:font-family-generic="roman"/>'
        f'<style:font-face style:name="{HEADING_FONT}" svg:font-family="{HEADING_FONT}" '
        'style:font-family-generic="swiss"/>'
        f'<style:font-face style:name="{LATIN_FONT}" svg:font-family="&apos;{LATIN_FONT}&apos;" '
        'style:font-family-generic="roman"/>'
        "</office:font-face-decls>"
    )

    def text_props(font: str, size: float, bold: bool = False) -> str:
        weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
        return (
            f'<style:text-properties style:font-name="{LATIN_FONT}" fo:font-size="{size}pt" '
            f'style:font-name-asian="{font}" style:font-size-asian="{size}pt" '
            'fo:language="en" fo:country="US" style:language-asian="zh" '
            f'style:country-asian="CN"{weight}/>'
        )

    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}>{fonts}'
        "<office:styles>"
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties style:writing-mode="lr-tb" style:line-break="strict"/>'
        f"{text_props(BODY_FONT, 12)}</style:default-style>"
        '<style:style style:name="Standard" style:family="paragraph" style:class="text">'
        '<style:paragraph-properties fo:line-height="22pt" fo:text-indent="24pt" '
        'fo:text-align="justify" fo:margin-top="0pt" fo:margin-bottom="0pt" fo:orphans="2" '
        'fo:widows="2"/>'
        f"{text_props(BODY_FONT, 12)}</style:style>"
        '<style:style style:name="Title" style:family="paragraph" '
        'style:parent-style-name="Standard" style:class="chapter">'
        '<style:paragraph-properties fo:text-align="center" fo:text-indent="0pt" '
        'fo:line-height="36pt" fo:margin-bottom="4pt"/>'
        f"{text_props(HEADING_FONT, 22)}</style:style>"
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
        'style:family="paragraph" style:parent-style-name="Standard" '
        'style:default-outline-level="1" style:class="text">'
        '<style:paragraph-properties fo:text-indent="0pt" fo:line-height="26pt" '
        'fo:margin-top="8pt" fo:margin-bottom="4pt" fo:keep-with-next="always"/>'
        f"{text_props(HEADING_FONT, 15, bold=True)}</style:style>"
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" '
        'style:family="paragraph" style:parent-style-name="Standard" '
        'style:default-outline-level="2" style:class="text">'
        '<style:paragraph-properties fo:text-indent="0pt" fo:line-height="24pt" '
        'fo:margin-top="4pt" fo:margin-bottom="2pt" fo:keep-with-next="always"/>'
        f"{text_props(HEADING_FONT, 13, bold=True)}</style:style>"
        '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
        'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
        '<style:paragraph-properties fo:text-indent="0pt" fo:line-height="16pt" '
        'fo:text-align="center"/>'
        f"{text_props(BODY_FONT, 10.5)}</style:style>"
        '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" '
        'style:family="paragraph" style:parent-style-name="Table_20_Contents" '
        f'style:class="extra">{text_props(HEADING_FONT, 10.5, bold=True)}</style:style>'
        "</office:styles>"
        "<office:automatic-styles>"
        '<style:page-layout style:name="pm1"><style:page-layout-properties '
        'fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" '
        'fo:margin-top="2.54cm" fo:margin-bottom="2cm" fo:margin-left="3cm" '
        'fo:margin-right="3cm" style:writing-mode="lr-tb"/>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>'
        '<style:style style:name="MP1" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" '
        f'fo:text-indent="0pt"/>{text_props(BODY_FONT, 9)}</style:style>'
        "</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" '
        'style:page-layout-name="pm1"><style:footer><text:p text:style-name="MP1">'
        '第 <text:page-number text:select-page="current">1</text:page-number> 页'
        "</text:p></style:footer></style:master-page></office:master-styles>"
        "</office:document-styles>"
    )

    auto = [
        '<style:style style:name="PCenter" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" '
        'fo:text-indent="0pt"/></style:style>',
        '<style:style style:name="PRight" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end" '
        'fo:text-indent="0pt"/></style:style>',
        '<style:style style:name="PLine" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="0pt"/>'
        "</style:style>",
        '<style:style style:name="PBreak" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page" '
        'fo:line-height="2pt"/></style:style>',
        '<style:style style:name="PAfterTable" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:line-height="8pt"/>'
        "</style:style>",
        '<style:style style:name="TBold" style:family="text"><style:text-properties '
        f'style:font-name-asian="{HEADING_FONT}" fo:font-weight="bold" '
        'style:font-weight-asian="bold"/></style:style>',
        '<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties '
        'fo:background-color="#e7eef7" fo:padding="0.08cm" fo:border="0.5pt solid #000000"/>'
        "</style:style>",
        '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
        'fo:padding="0.08cm" fo:border="0.5pt solid #000000" style:vertical-align="middle"/>'
        "</style:style>",
    ]
    body: list[str] = []
    tables = 0
    for block in blocks:
        kind = block[0]
        if kind == "title":
            body.append(f'<text:p text:style-name="Title">{escape(block[1])}</text:p>')
        elif kind == "subtitle" or kind == "center":
            body.append(f'<text:p text:style-name="PCenter">{escape(block[1])}</text:p>')
        elif kind == "right":
            body.append(f'<text:p text:style-name="PRight">{escape(block[1])}</text:p>')
        elif kind in ("h1", "h2"):
            level = kind[1]
            body.append(
                f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                f"{escape(block[1])}</text:h>"
            )
        elif kind == "p":
            body.append(f'<text:p text:style-name="Standard">{escape(block[1])}</text:p>')
        elif kind == "lp":
            body.append(
                f'<text:p text:style-name="Standard"><text:span text:style-name="TBold">'
                f"{escape(block[1])}</text:span>{escape(block[2])}</text:p>"
            )
        elif kind == "line":
            body.append(f'<text:p text:style-name="PLine">{escape(block[1])}</text:p>')
        elif kind == "pb":
            body.append('<text:p text:style-name="PBreak"/>')
        elif kind == "table":
            rows, widths = block[1], block[2]
            tables += 1
            name = f"Table{tables}"
            total = sum(widths)
            auto.append(
                f'<style:style style:name="{name}" style:family="table">'
                f'<style:table-properties style:width="{total}cm" table:align="center"/>'
                "</style:style>"
            )
            cols = []
            for c, width in enumerate(widths):
                auto.append(
                    f'<style:style style:name="{name}.C{c}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{width}cm"/>'
                    "</style:style>"
                )
                cols.append(f'<table:table-column table:style-name="{name}.C{c}"/>')
            xml = [f'<table:table table:name="{name}" table:style-name="{name}">', *cols]
            for r, row in enumerate(rows):
                tag = "table:table-header-rows" if r == 0 else None
                cells = []
                for value in row:
                    cell_style = "CellHead" if r == 0 else "Cell"
                    para = "Table_20_Heading" if r == 0 else "Table_20_Contents"
                    cells.append(
                        f'<table:table-cell table:style-name="{cell_style}" '
                        f'office:value-type="string"><text:p text:style-name="{para}">'
                        f"{_odf_text(value)}</text:p></table:table-cell>"
                    )
                row_xml = "<table:table-row>" + "".join(cells) + "</table:table-row>"
                xml.append(f"<{tag}>{row_xml}</{tag}>" if tag else row_xml)
            xml.append("</table:table>")
            body.append("".join(xml))
            body.append('<text:p text:style-name="PAfterTable"/>')
        elif kind == "space":
            body.append('<text:p text:style-name="PLine"/>')
        else:
            raise ValueError(f"unknown block {kind!r}")

    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>{fonts}'
        f"<office:automatic-styles>{''.join(auto)}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}><office:meta>'
        f"<meta:generator>wenku make_demo</meta:generator>"
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<meta:keyword>{escape(keywords)}</meta:keyword>"
        f"<meta:initial-creator>{AUTHOR}</meta:initial-creator><dc:creator>{AUTHOR}</dc:creator>"
        f"<meta:creation-date>{FIXED_DATE.isoformat()}</meta:creation-date>"
        f"<dc:date>{FIXED_DATE.isoformat()}</dc:date><dc:language>zh-CN</dc:language>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        parts = [
            ("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("styles.xml", styles, zipfile.ZIP_DEFLATED),
            ("meta.xml", meta, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]
        for name, data, compression in parts:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Presentation and spreadsheet
# --------------------------------------------------------------------------------------------


def build_pptx(path: Path) -> None:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    navy = RGBColor(0x1F, 0x3A, 0x5F)
    accent = RGBColor(0xC8, 0x8A, 0x2E)
    grey = RGBColor(0x59, 0x59, 0x59)

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    width, height = prs.slide_width, prs.slide_height

    def style_run(run, size: float, east: str, color=None, bold: bool = False) -> None:
        font = run.font
        font.size = Pt(size)
        font.bold = bold
        font.name = "Arial"
        if color is not None:
            font.color.rgb = color
        rpr = run._r.get_or_add_rPr()
        rpr.set("lang", "zh-CN")
        rpr.set("altLang", "en-US")
        latin = rpr.find(qn("a:latin"))
        ea = rpr.find(qn("a:ea"))
        if ea is None:
            ea = rpr.makeelement(qn("a:ea"), {})
            latin.addnext(ea)
        ea.set("typeface", east)

    def rect(slide, left, top, w, h, color, back: bool = True):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, w, h)
        shape.fill.solid()
        shape.fill.fore_color.rgb = color
        shape.line.fill.background()
        shape.shadow.inherit = False
        if back:  # behind the title placeholder the layout already put on the slide
            tree = slide.shapes._spTree
            tree.remove(shape._element)
            tree.insert(2, shape._element)
        return shape

    def textbox(slide, left, top, w, h, text, size, east, color, bold=False, align=None):
        box = slide.shapes.add_textbox(left, top, w, h)
        frame = box.text_frame
        frame.word_wrap = True
        p = frame.paragraphs[0]
        if align is not None:
            p.alignment = align
        run = p.add_run()
        run.text = text
        style_run(run, size, east, color, bold)
        return box

    total = len(SLIDES)
    for number, slide_data in enumerate(SLIDES, start=1):
        if number == 1:
            slide = prs.slides.add_slide(prs.slide_layouts[6])
            rect(slide, 0, 0, width, height, navy)
            rect(slide, Inches(0.9), Inches(3.55), Inches(1.6), Emu(45720), accent)
            textbox(
                slide,
                Inches(0.9),
                Inches(2.0),
                Inches(11.5),
                Inches(1.4),
                slide_data["title"],
                44,
                HEADING_FONT,
                RGBColor(0xFF, 0xFF, 0xFF),
                bold=True,
            )
            for i, line in enumerate(slide_data["lines"]):
                textbox(
                    slide,
                    Inches(0.9),
                    Inches(3.9 + i * 0.55),
                    Inches(11.5),
                    Inches(0.5),
                    line,
                    20,
                    HEADING_FONT,
                    RGBColor(0xDD, 0xE6, 0xF0),
                )
            continue

        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        rect(slide, 0, 0, width, Inches(1.15), navy)
        rect(slide, 0, Inches(1.15), width, Emu(38100), accent)
        title = slide.shapes.title
        title.left, title.top = Inches(0.6), Inches(0.12)
        title.width, title.height = Inches(12.1), Inches(0.9)
        title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        tp = title.text_frame.paragraphs[0]
        tp.alignment = PP_ALIGN.LEFT
        run = tp.add_run()
        run.text = slide_data["title"]
        style_run(run, 30, HEADING_FONT, RGBColor(0xFF, 0xFF, 0xFF), bold=True)

        top = Inches(1.55)
        cards = slide_data.get("cards", [])
        for i, (value, label) in enumerate(cards):
            card_w = Inches(2.75)
            left = Inches(0.9) + i * (card_w + Inches(0.2))
            rect(slide, left, top, card_w, Inches(1.35), RGBColor(0xEE, 0xF2, 0xF7), back=False)
            rect(slide, left, top, Inches(0.08), Inches(1.35), accent, back=False)
            textbox(
                slide,
                left + Inches(0.25),
                top + Inches(0.12),
                card_w - Inches(0.3),
                Inches(0.7),
                value,
                32,
                HEADING_FONT,
                navy,
                bold=True,
            )
            textbox(
                slide,
                left + Inches(0.25),
                top + Inches(0.8),
                card_w - Inches(0.3),
                Inches(0.45),
                label,
                15,
                HEADING_FONT,
                grey,
            )
        if cards:
            top = top + Inches(1.75)
        if "table" in slide_data:
            rows = slide_data["table"]
            widths = [Inches(4.2), Inches(2.4), Inches(2.4), Inches(2.4)]
            shape = slide.shapes.add_table(
                len(rows),
                len(rows[0]),
                Inches(0.9),
                top,
                sum(widths, Emu(0)),
                Inches(0.48) * len(rows),
            )
            table = shape.table
            for c, w in enumerate(widths):
                table.columns[c].width = w
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                    para = cell.text_frame.paragraphs[0]
                    para.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.CENTER
                    cr = para.add_run()
                    cr.text = value
                    style_run(
                        cr,
                        16,
                        HEADING_FONT if r == 0 else BODY_FONT,
                        RGBColor(0xFF, 0xFF, 0xFF) if r == 0 else RGBColor(0x26, 0x26, 0x26),
                        bold=r == 0,
                    )
                    if r == 0:
                        cell.fill.solid()
                        cell.fill.fore_color.rgb = navy
            top = top + Inches(0.48) * len(rows) + Inches(0.35)

        bullets = slide_data.get("bullets", [])
        if bullets:
            box = slide.shapes.add_textbox(
                Inches(0.9), top, Inches(11.6), height - top - Inches(0.8)
            )
            frame = box.text_frame
            frame.word_wrap = True
            size = slide_data.get("size", 24)
            for i, item in enumerate(bullets):
                para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                para.space_after = Pt(size * 0.6)
                para.line_spacing = 1.15
                marker = para.add_run()
                marker.text = "■  "
                style_run(marker, size * 0.6, HEADING_FONT, accent)
                if "：" in item:
                    lead, rest = item.split("：", 1)
                    r1 = para.add_run()
                    r1.text = lead + "："
                    style_run(r1, size, HEADING_FONT, navy, bold=True)
                    r2 = para.add_run()
                    r2.text = rest
                    style_run(r2, size, HEADING_FONT, RGBColor(0x26, 0x26, 0x26))
                else:
                    r1 = para.add_run()
                    r1.text = item
                    style_run(r1, size, HEADING_FONT, RGBColor(0x26, 0x26, 0x26))
        textbox(
            slide,
            Inches(0.6),
            height - Inches(0.55),
            Inches(9),
            Inches(0.4),
            "2026年度部门工作总结 · 综合运营部",
            11,
            HEADING_FONT,
            grey,
        )
        textbox(
            slide,
            width - Inches(1.6),
            height - Inches(0.55),
            Inches(1.0),
            Inches(0.4),
            f"{number} / {total}",
            11,
            HEADING_FONT,
            grey,
            align=PP_ALIGN.RIGHT,
        )

    props = prs.core_properties
    props.title = "2026年度部门工作总结"
    props.subject = "部门年度工作总结"
    props.author = props.last_modified_by = AUTHOR
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = FIXED_DATE
    prs.save(path)
    normalize_zip(path)


def build_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="1F3A5F")
    sum_fill = PatternFill("solid", fgColor="E7EEF7")
    band_fill = PatternFill("solid", fgColor="F6F1E7")
    body = Font(name=BODY_FONT, size=11)
    bold = Font(name=HEADING_FONT, size=11, bold=True)
    white = Font(name=HEADING_FONT, size=11, bold=True, color="FFFFFF")
    money = "#,##0.00"
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
    right = Alignment(horizontal="right", vertical="center", indent=1)

    def page_setup(ws, landscape: bool = False) -> None:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6

    wb = Workbook()
    ws = wb.active
    ws.title = "2026年5月预算"
    headers = ["类别", "项目", "预算金额（元）", "实际金额（元）", "差额（实际−预算）", "备注"]
    ws.merge_cells("A1:F1")
    ws["A1"] = "家庭月度收支预算表（2026年5月）"
    ws["A1"].font = Font(name=HEADING_FONT, size=16, bold=True)
    ws["A1"].alignment = center
    ws.row_dimensions[1].height = 30
    ws.merge_cells("A2:F2")
    ws["A2"] = "家庭成员：夫妻二人、女儿一人（9岁）　　记账人：妈妈　　单位：元"
    ws["A2"].font = Font(name=BODY_FONT, size=10, color="595959")
    ws["A2"].alignment = center
    for c, name in enumerate(headers, start=1):
        cell = ws.cell(row=3, column=c, value=name)
        cell.font, cell.fill, cell.alignment, cell.border = white, head_fill, center, border
    ws.row_dimensions[3].height = 24

    row = 4
    section_rows: dict[str, tuple[int, int]] = {}
    for section, items in BUDGET_ITEMS:
        first = row
        for category, item, budget, actual, note in items:
            values = [category, item, budget, actual, f"=D{row}-C{row}", note]
            ws.row_dimensions[row].height = 19
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=value)
                cell.font, cell.border = body, border
                cell.alignment = left if c in (2, 6) else center
                if c in (3, 4, 5):
                    cell.number_format = money
                    cell.alignment = right
            row += 1
        section_rows[section] = (first, row - 1)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row=row, column=1, value=f"{section}合计")
        for c in range(1, 7):
            cell = ws.cell(row=row, column=c)
            cell.font, cell.fill, cell.border = bold, sum_fill, border
            cell.alignment = center
        for c, letter in ((3, "C"), (4, "D"), (5, "E")):
            cell = ws.cell(row=row, column=c, value=f"=SUM({letter}{first}:{letter}{row - 1})")
            cell.number_format = money
            cell.alignment = right
        section_rows[section + "合计"] = (row, row)
        row += 1

    income, spend = section_rows["收入合计"][0], section_rows["支出合计"][0]
    saved = row
    summary = [
        (
            "本月结余",
            f"=C{income}-C{spend}",
            f"=D{income}-D{spend}",
            "结余转入定期存款和子女教育金账户",
            money,
        ),
        ("储蓄率", f"=C{saved}/C{income}", f"=D{saved}/D{income}", "目标：不低于收入的10%", "0.0%"),
    ]
    for label, budget_formula, actual_formula, note, fmt in summary:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row=row, column=1, value=label)
        ws.cell(row=row, column=3, value=budget_formula)
        ws.cell(row=row, column=4, value=actual_formula)
        ws.cell(row=row, column=5, value=f"=D{row}-C{row}")
        ws.cell(row=row, column=6, value=note)
        for c in range(1, 7):
            cell = ws.cell(row=row, column=c)
            cell.font, cell.fill, cell.border = bold, band_fill, border
            cell.alignment = left if c == 6 else center
            if c in (3, 4, 5):
                cell.number_format = fmt
                cell.alignment = right
        row += 1
    ws.cell(
        row=row + 1,
        column=1,
        value="说明：差额为正表示收入超出预算或支出超支，为负表示收入不足或支出节约。",
    )
    ws.cell(row=row + 1, column=1).font = Font(name=BODY_FONT, size=10, color="595959")
    for col, w in zip("ABCDEF", (12, 20, 15, 15, 18, 30), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    page_setup(ws, landscape=True)

    ws2 = wb.create_sheet("2025年全年汇总")
    ws2.merge_cells("A1:H1")
    ws2["A1"] = "2025年家庭收支汇总表"
    ws2["A1"].font = Font(name=HEADING_FONT, size=16, bold=True)
    ws2["A1"].alignment = center
    ws2.row_dimensions[1].height = 30
    heads = ["月份", "总收入", "固定支出", "弹性支出", "总支出", "结余", "储蓄率", "备注"]
    for c, name in enumerate(heads, start=1):
        cell = ws2.cell(row=2, column=c, value=name)
        cell.font, cell.fill, cell.alignment, cell.border = white, head_fill, center, border
    for i, (month, income, fixed, flexible, note) in enumerate(YEAR_SUMMARY):
        r = 3 + i
        values = [month, income, fixed, flexible, f"=C{r}+D{r}", f"=B{r}-E{r}", f"=F{r}/B{r}", note]
        ws2.row_dimensions[r].height = 20
        for c, value in enumerate(values, start=1):
            cell = ws2.cell(row=r, column=c, value=value)
            cell.font, cell.border = body, border
            cell.alignment = left if c == 8 else center
            if 2 <= c <= 6:
                cell.number_format = money
                cell.alignment = right
            if c == 7:
                cell.number_format = "0.0%"
    last = 2 + len(YEAR_SUMMARY)
    r = last + 1
    totals = ["全年合计"] + [f"=SUM({col}3:{col}{last})" for col in "BCDEF"]
    totals += [f"=F{r}/B{r}", "全年结余用于提前还贷和应急储备"]
    for c, value in enumerate(totals, start=1):
        cell = ws2.cell(row=r, column=c, value=value)
        cell.font, cell.fill, cell.border = bold, sum_fill, border
        cell.alignment = left if c == 8 else center
        if 2 <= c <= 6:
            cell.number_format = money
            cell.alignment = right
        if c == 7:
            cell.number_format = "0.0%"
    r += 1
    averages = ["月均"] + [f"=AVERAGE({col}3:{col}{last})" for col in "BCDEF"] + ["", ""]
    for c, value in enumerate(averages, start=1):
        cell = ws2.cell(row=r, column=c, value=value)
        cell.font, cell.fill, cell.border = bold, band_fill, border
        cell.alignment = center
        if 2 <= c <= 6:
            cell.number_format = money
            cell.alignment = right
    for col, w in zip("ABCDEFGH", (8, 13, 13, 13, 13, 13, 9, 34), strict=True):
        ws2.column_dimensions[col].width = w
    ws2.freeze_panes = "B3"
    page_setup(ws2, landscape=True)

    wb.properties.title = "家庭月度收支预算表"
    wb.properties.creator = wb.properties.lastModifiedBy = AUTHOR
    wb.properties.language = "zh-CN"
    wb.properties.created = wb.properties.modified = FIXED_DATE
    wb.save(path)
    normalize_zip(path)


def build_contract(path: Path) -> None:
    text = CONTRACT.strip("\n") + "\n"
    text.encode("gbk")  # the file must be plain GBK (a subset of GB18030)
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))


def build_health_pdf(path: Path, work: Path) -> None:
    source = work / "中医四季养生常识.docx"
    build_docx(
        source,
        HEALTH,
        title="中医四季养生常识",
        subject="中医养生科普",
        body_pt=12,
        line_pt=24,
        keywords="中医;养生;四季",
    )
    pdf = soffice(source, work)
    shutil.copyfile(pdf, path)
    normalize_pdf(path)


# --------------------------------------------------------------------------------------------
# Content. Everything below is original text written for the demo; names, places and figures
# are fictional.
# --------------------------------------------------------------------------------------------

SPEECH = [
    ("title", "全市职业教育工作会议交流材料"),
    ("subtitle", "市教育局（2026年4月）"),
    ("space", 6),
    ("line", "各位领导，同志们："),
    (
        "p",
        "这次全市职业教育工作会议，是市委、市政府在全面推进教育强市建设的关键时期召开的一次"
        "重要会议。会议总结了近年来全市职业教育改革发展的成效，印发了《关于加快构建现代职业"
        "教育体系的实施意见》，对今后一个时期的工作作出了全面部署，市政府主要领导亲自出席并"
        "作重要讲话，充分体现了市委、市政府对职业教育的高度重视。会议明确了目标，配套了政策，"
        "不仅为职业教育，也为全市教育事业的整体发展带来了难得的机遇。下面，我结合教育部门的"
        "职责，就贯彻落实会议精神谈三点体会和打算。",
    ),
    ("h1", "一、提高站位，深刻认识加快发展职业教育的重大意义"),
    (
        "p",
        "近五年来，我市职业教育坚持“建体系、扩规模、提质量、强服务”的工作思路，办学条件明显"
        "改善，人才培养质量稳步提升。目前，全市中等职业学校和高等职业院校在校生超过12万人，"
        "累计向社会输送技术技能人才30余万人，中职、高职毕业生就业率分别保持在96%和92%以上。"
        "一批骨干专业与本地装备制造、电子信息、现代物流和康养旅游等产业实现了紧密对接，"
        "“订单班”“现代学徒制班”越办越多，职业教育服务地方发展的能力不断增强。",
    ),
    (
        "p",
        "同时也要清醒地看到，职业教育与经济社会发展的需求相比还不完全适应，与人民群众对优质"
        "教育的期盼还有不小差距：部分学校专业设置同质化，实训设备更新滞后；“双师型”教师数量"
        "不足，企业兼职教师聘用机制不够灵活；社会上“重普轻职”的观念仍然存在，职业教育的吸引力"
        "有待提高。加快发展职业教育，培养大批高素质技术技能人才，既是推动产业转型升级的迫切"
        "需要，也是促进就业创业、改善民生的重要途径。我们一定要把思想和行动统一到会议精神上来，"
        "以时不我待的紧迫感抓好各项任务的落实。",
    ),
    ("h1", "二、突出重点，扎实完成《实施意见》确定的各项任务"),
    (
        "p",
        "《实施意见》为我市职业教育发展绘制了“路线图”和“施工图”，关键在于抓好落实。我们将"
        "围绕四个方面集中发力。",
    ),
    (
        "p",
        "一是优化布局结构。按照“做强一批、整合一批、提升一批”的原则，推动办学规模小、条件薄弱"
        "的中职学校合并重组，集中资源建设8所左右的骨干学校。建立专业设置动态调整机制，每年"
        "发布一次专业与产业匹配度报告，对就业率持续偏低的专业亮“黄牌”，鼓励学校围绕新能源汽车、"
        "智能制造、养老护理等紧缺领域开设新专业。",
    ),
    (
        "p",
        "二是深化产教融合。支持每所职业院校至少与5家规模以上企业建立稳定的合作关系，共同制订"
        "人才培养方案、共建实训基地、共同开发课程。推行企业导师和学校教师“双导师”制度，让学生"
        "在真实岗位中学技能、长本领。积极培育市级产教融合型企业，对参与办学成效突出的企业，"
        "落实好各项激励政策。",
    ),
    (
        "p",
        "三是提升教师队伍素质。实施“双师型”教师培养计划，落实专业教师每五年累计不少于6个月的"
        "企业实践制度。拓宽兼职教师来源，允许学校按一定比例自主聘请能工巧匠和技术骨干任教。"
        "完善教师考核评价办法，把指导学生技能竞赛、参与技术服务等实绩纳入职称评审。",
    ),
    (
        "p",
        "四是畅通成长通道。完善中职与高职贯通培养、高职与应用型本科衔接培养的制度，扩大"
        "“职教高考”招生规模，让职业院校学生升学有路、就业有门、发展有望。同时，面向退役军人、"
        "农民工、失业人员等群体开展大规模职业技能培训，构建服务全体劳动者的终身职业培训体系。",
    ),
    ("h1", "三、改革创新，为职业教育持续健康发展提供有力保障"),
    (
        "p",
        "加快建设职业教育强市是一项系统工程，需要各方面共同努力。各区县教育部门和职业院校要"
        "进一步解放思想、更新观念，努力做到“三个更加注重”：更加注重以人为本，遵循技术技能人才"
        "成长规律办学；更加注重统筹协调，调动政府、行业、企业和社会力量共同办学；更加注重服务"
        "需求，用产业、行业和企业的标准检验办学质量，切实破除“唯分数”“唯学历”的倾向。",
    ),
    (
        "p",
        "在保障措施上，我们将着力健全四项机制。一是统筹管理机制，规范招生和办学行为，完善职业"
        "教育信息服务平台。二是经费投入机制，落实生均拨款制度，新增教育经费向职业教育倾斜。"
        "三是质量评价机制，引入行业企业和第三方机构参与评价，定期发布职业院校质量年度报告。"
        "四是督导考核机制，把职业教育发展情况纳入对区县政府履行教育职责的督导评估，确保各项"
        "政策落地见效。",
    ),
    (
        "p",
        "同志们，职业教育大有可为，也必将大有作为。我们将以这次会议为新的起点，在市委、市政府"
        "的坚强领导下，凝心聚力、真抓实干，努力开创全市职业教育改革发展的新局面，为建设现代化"
        "产业体系培养更多高素质技术技能人才、能工巧匠和大国工匠。",
    ),
    ("p", "谢谢大家！"),
]

LESSON = [
    ("title", "朱自清《春》教学设计"),
    ("subtitle", "统编版语文七年级上册第一单元　第1课　共2课时"),
    ("h1", "一、教材分析"),
    (
        "p",
        "《春》是统编版语文七年级上册第一单元的第一篇课文，作者朱自清。本单元的课文都是描绘"
        "四季美景的写景散文，单元学习重点是重视朗读，在朗读中感受汉语的声韵之美，体会作者"
        "对自然的热爱之情。《春》以诗一般的语言，描绘了春草、春花、春风、春雨和迎春五幅图画，"
        "结构清晰，层次分明：开篇“盼春”，主体“绘春”，结尾“赞春”。文中比喻、拟人、排比等修辞"
        "运用自然贴切，叠词和短句富有节奏感，是学生学习朗读、品味语言、积累写景方法的典范之作。",
    ),
    ("h1", "二、学情分析"),
    (
        "p",
        "七年级学生刚进入初中，对写景散文并不陌生，也有一定的生活体验，但多数学生的阅读停留在"
        "“读懂内容”的层面，对于如何抓住景物特点、怎样调动多种感官描写景物，还缺乏自觉的意识；"
        "朗读时往往只求流利，不善于通过重音、停连和语速表达情感。因此，本课设计以朗读贯穿始终，"
        "引导学生在反复诵读中品味语言，并尝试迁移运用到自己的写作中。",
    ),
    ("h1", "三、教学目标"),
    (
        "lp",
        "知识与能力：",
        "正确认读“酝酿、应和、黄晕、抖擞”等词语；有感情地朗读课文，背诵自己喜欢的段落。",
    ),
    (
        "lp",
        "过程与方法：",
        "通过整体感知、圈点批注、比较朗读等方式，理清文章“盼春—绘春—赞春”的思路，学习抓住"
        "景物特征、调动多种感官进行描写的方法。",
    ),
    (
        "lp",
        "情感态度与价值观：",
        "感受春天的美好与生机，体会作者热爱生活、积极向上的情怀。",
    ),
    ("h1", "四、教学重点与难点"),
    ("lp", "教学重点：", "在朗读中把握五幅春景图的特点，品味文中生动形象的语言。"),
    (
        "lp",
        "教学难点：",
        "体会比喻、拟人等修辞的表达效果，并能仿照课文写一段描写景物的文字。",
    ),
    ("h1", "五、教学方法与准备"),
    ("lp", "教学方法：", "朗读法、圈点批注法、小组合作探究法。"),
    (
        "lp",
        "教学准备：",
        "课文范读音频；展示春景图片的多媒体课件；学生课前预习，借助字典解决生字词，并留心观察"
        "校园里的春天。",
    ),
    ("h1", "六、教学过程（第一课时）"),
    (
        "table",
        [
            ["教学环节", "教师活动", "学生活动", "设计意图"],
            [
                "情境导入\n（3分钟）",
                "展示几幅春景图片，请学生说说春天给自己的印象，由此引出朱自清先生笔下的春天。",
                "观察图片，用一两个词说出自己对春天的感受。",
                "唤起生活体验，激发阅读兴趣。",
            ],
            [
                "初读感知\n（10分钟）",
                "播放范读音频，提示注意字音和节奏；出示生字词，检查预习情况。",
                "听读课文，标出段落序号；齐读生字词，纠正读音。",
                "扫清字词障碍，形成整体印象。",
            ],
            [
                "理清思路\n（8分钟）",
                "提问：课文围绕“春”写了哪几部分内容？请为每幅图画起一个名字。",
                "默读、讨论，归纳“盼春—绘春—赞春”的结构，概括五幅图画。",
                "培养概括能力，把握文章脉络。",
            ],
            [
                "品读赏析\n（15分钟）",
                "以“春草图”“春花图”为例，指导学生圈画关键词，体会“钻”“嫩嫩的，绿绿的”等"
                "词语的妙处，示范如何批注。",
                "小组合作，任选一幅图画圈点批注，派代表朗读并交流赏析心得。",
                "在品读中感受语言之美，学习批注方法。",
            ],
            [
                "朗读指导\n（6分钟）",
                "指导处理重音、停连和语速，比较“盼望着，盼望着”读得急切与舒缓的不同效果。",
                "自由练读，男女生分段读，全班齐读结尾三段。",
                "以读促悟，体会作者情感。",
            ],
            [
                "课堂小结\n（3分钟）",
                "引导学生回顾本课收获，布置作业。",
                "交流收获，记录作业要求。",
                "梳理所学，巩固提高。",
            ],
        ],
        [2.6, 5.3, 4.4, 2.7],
        10,
    ),
    ("pb",),
    ("h1", "七、教学过程（第二课时）"),
    (
        "table",
        [
            ["教学环节", "教师活动", "学生活动", "设计意图"],
            [
                "复习导入\n（3分钟）",
                "请学生背诵“春草图”“春花图”，回顾上节课总结的批注方法。",
                "背诵，回顾“圈关键词—品修辞—悟情感”的批注步骤。",
                "温故知新，衔接上一课时。",
            ],
            [
                "自主赏析\n（12分钟）",
                "任选“春风图”“春雨图”“迎春图”中的一幅，从用词、修辞和感官角度批注；教师巡视指导。",
                "独立批注后在小组内交流，推选代表展示。",
                "迁移批注方法，培养自主阅读能力。",
            ],
            [
                "交流点拨\n（10分钟）",
                "相机点拨：春风图调动触觉、嗅觉、听觉，“吹面不寒杨柳风”引用古诗；春雨图用"
                "“像牛毛，像花针，像细丝”连用比喻，以灯光、小路、草屋烘托雨夜的安静。",
                "补充完善批注，齐读重点语句。",
                "突破难点，体会修辞的表达效果。",
            ],
            [
                "品读赞春\n（5分钟）",
                "引导学生比较结尾三个比喻句的顺序，思考作者为什么按“新—美—力”来安排。",
                "讨论后明确：由新生到成长，写出春天不断生长的力量。",
                "把握结构，理解作者情感。",
            ],
            [
                "片段写作\n（12分钟）",
                "布置“我眼中的春天”片段写作：抓住一种景物的特点，至少调动两种感官，运用"
                "一到两种修辞，写150字左右。",
                "当堂写作，同桌按评价标准互评，两三名同学朗读展示。",
                "以读促写，学以致用。",
            ],
            [
                "总结作业\n（3分钟）",
                "总结本课所学，布置作业。",
                "记录作业要求。",
                "巩固所学。",
            ],
        ],
        [2.6, 5.3, 4.4, 2.7],
        10,
    ),
    ("h2", "片段写作评价标准"),
    (
        "table",
        [
            ["评价项目", "评价标准", "分值"],
            ["抓住景物特点", "能写出所选景物的主要特征，不泛泛而谈", "3分"],
            ["调动多种感官", "至少从视觉以外的一种感官角度进行描写", "3分"],
            ["修辞运用", "比喻、拟人等修辞运用恰当、自然，不生硬堆砌", "2分"],
            ["语言表达", "语句通顺，用词准确，读起来有一定的节奏感", "2分"],
        ],
        [3.2, 9.6, 2.2],
        10,
    ),
    ("pb",),
    ("h1", "八、板书设计"),
    ("center", "春　　朱自清"),
    ("center", "盼春：盼望着，盼望着……"),
    ("center", "绘春：春草图（嫩、绿、软）　春花图（多、艳、甜）"),
    ("center", "春风图（暖、香、响）　春雨图（细、密、静）　迎春图（人勤春早）"),
    ("center", "赞春：新——娃娃　美——小姑娘　力——青年"),
    ("h1", "九、作业布置"),
    (
        "lp",
        "必做：",
        "背诵课文第3至7段中自己最喜欢的一段；摘抄文中运用比喻、拟人的句子各两句，并写出简短赏析。",
    ),
    ("lp", "选做：", "观察家附近的一处春景，仿照课文写一段不少于150字的景物描写。"),
    ("h1", "十、教学反思"),
    (
        "p",
        "本课以朗读为主线，学生参与积极，对五幅图画的概括比较到位，课堂气氛活跃。不足之处在于"
        "品读环节时间略显紧张，部分小组的赏析停留在“用了什么修辞”的层面，对表达效果的体会"
        "还不够深入。今后应在示范批注时给出更具体的思考路径，例如“换一个词行不行”“去掉叠词"
        "读一读有何不同”，引导学生在比较中感受语言的精妙；同时可以把部分赏析任务前置到预习"
        "环节，为课堂上的深入交流留出更充足的时间。",
    ),
]

MATHS = [
    ("title", "小学三年级数学期末练习（下册）"),
    ("subtitle", "（时间：60分钟　　满分：100分）"),
    ("center", "学校：__________　班级：__________　姓名：__________　得分：__________"),
    ("h2", "一、填空题。（每空1分，共22分）"),
    ("line", "1. 2026年2月有（　　）天，这一年的第一季度共有（　　）天。"),
    ("line", "2. 下午3时用24时计时法表示是（　　）；20:45用普通计时法表示是（　　）。"),
    ("line", "3. 小明面向北站立，他的左手边是（　　）方，他背对着的是（　　）方。"),
    ("line", "4. 一个正方形的边长是6厘米，它的周长是（　　）厘米，面积是（　　）平方厘米。"),
    (
        "line",
        "5. 填上合适的单位：一张课桌面的面积约是24（　　），教室地面的面积约是60（　　），"
        "一枚邮票的面积约是6（　　）。",
    ),
    ("line", "6. 3平方米＝（　　）平方分米　　　500平方厘米＝（　　）平方分米"),
    ("line", "7. 0.7读作（　　　　），“三点零五”写作（　　　　）。"),
    ("line", "8. 在○里填上“>”“<”或“＝”：0.8○0.65　　3.2元○3元2角　　1.5○1.05"),
    ("line", "9. 用2、5、8三张数字卡片，能摆出（　　）个不同的两位数。"),
    ("line", "10. □÷7＝23……△，△最大是（　　），这时□是（　　）。"),
    ("line", "11. 一个数除以4，商是125，这个数是（　　）。"),
    ("h2", "二、判断题。对的画“√”，错的画“×”。（每题1分，共5分）"),
    ("line", "1. 每年都有365天。（　　）"),
    ("line", "2. 0除以任何不是0的数都得0。（　　）"),
    ("line", "3. 两位数乘两位数，积一定是四位数。（　　）"),
    ("line", "4. 周长相等的两个长方形，面积也一定相等。（　　）"),
    ("line", "5. 小数点右边第一位是十分位。（　　）"),
    ("h2", "三、选择题。将正确答案的序号填在括号里。（每题2分，共10分）"),
    ("line", "1. 下面年份中，是闰年的是（　　）。　A. 2026年　B. 2028年　C. 2100年"),
    ("line", "2. 720÷6的商的末尾有（　　）个0。　A. 0　B. 1　C. 2"),
    ("line", "3. 一块长方形菜地长8米，宽5米，它的面积是（　　）。"),
    ("line", "　　A. 26平方米　　　B. 40平方米　　　C. 40米"),
    ("line", "4. 估算49×31，积大约是（　　）。　A. 1200　B. 1500　C. 2000"),
    ("line", "5. 小红有3件上衣和2条裙子，一件上衣配一条裙子，一共有（　　）种不同的穿法。"),
    ("line", "　　A. 5　　　B. 6　　　C. 9"),
    ("h2", "四、计算题。（共30分）"),
    ("line", "1. 直接写出得数。（每题1分，共8分）"),
    (
        "table",
        [
            ["36×20＝", "480÷4＝", "0.5＋0.3＝", "25×40＝"],
            ["630÷9＝", "1.6－0.9＝", "12×30＝", "96÷3＝"],
        ],
        [3.75, 3.75, 3.75, 3.75],
        11,
    ),
    ("line", "2. 用竖式计算，带★的要验算。（每题3分，共12分）"),
    ("line", "　45×28＝　　　　　★738÷6＝　　　　　906÷3＝　　　　　5.6＋3.8＝"),
    ("space", 56),
    ("line", "3. 脱式计算。（每题2分，共10分）"),
    ("line", "　(75＋25)×12　　624÷(52－48)　　35×14－180　　860－432÷8　　18×(16＋34)"),
    ("space", 56),
    ("h2", "五、统计与分析。（共8分）"),
    ("line", "三年级（1）班和（2）班同学最喜欢的体育项目统计如下表："),
    (
        "table",
        [
            ["班级＼项目", "跳绳", "踢毽子", "篮球", "乒乓球"],
            ["一班（人）", "12", "8", "10", "14"],
            ["二班（人）", "9", "11", "13", "12"],
        ],
        [3.4, 2.9, 2.9, 2.9, 2.9],
        11,
    ),
    ("line", "（1）两个班喜欢（　　　）的人数最多，一共（　　）人。（3分）"),
    ("line", "（2）一班一共有（　　）人参加调查。（2分）"),
    ("line", "（3）你还能提出一个数学问题并解答吗？（3分）"),
    ("space", 26),
    ("h2", "六、解决问题。（共25分）"),
    (
        "line",
        "1. 学校图书室新买了8箱故事书，每箱24本，平均分给6个班，每个班分得多少本？（5分）",
    ),
    ("space", 30),
    (
        "line",
        "2. 一块长方形草坪长15米，宽9米。沿草坪四周围一圈栅栏，栅栏长多少米？这块草坪的面积是"
        "多少平方米？（6分）",
    ),
    ("space", 30),
    ("line", "3. 妈妈带100元去超市，买大米用去45.8元，买食用油用去39.5元，还剩多少元？（4分）"),
    ("space", 30),
    ("line", "4. 一列火车9:20从甲站出发，当天14:50到达乙站，这列火车行驶了多长时间？（5分）"),
    ("space", 30),
    (
        "line",
        "5. 三年级有14个班，每班32人，去科技馆参观，每张门票5元。买门票一共需要多少元？（5分）",
    ),
]

SLIDES = [
    {"title": "2026年度部门工作总结", "lines": ["综合运营部", "2026年12月"]},
    {
        "title": "一、年度工作概览",
        "cards": [
            ("6项", "完成年度重点项目"),
            ("−8.6%", "运营成本同比"),
            ("+15%", "人均业务处理量"),
            ("94.2分", "客户满意度"),
        ],
        "size": 20,
        "bullets": [
            "全年围绕“提效率、优服务、控成本”三项任务推进，各项工作总体平稳有序",
            "完成年度重点项目6项，其中“仓储整合”“供应商分级”2项提前一个季度完成",
            "运营成本同比下降8.6%，人均处理业务量同比提升15%",
            "客户满意度测评94.2分，较上年提高2.1分",
            "全年未发生安全责任事故，未收到经核实的有效投诉",
        ],
    },
    {
        "title": "二、重点项目推进情况",
        "bullets": [
            "业务流程线上化：上线电子审批系统，23项流程实现“掌上办”，平均审批时长由3.5天"
            "缩短至1.2天",
            "仓储布局调整：完成两处仓库整合，库存周转天数由42天降至35天，年节约租金约60万元",
            "供应商管理：建立A、B、C三级评价机制，淘汰不合格供应商11家，新引入优质供应商7家",
            "数据看板建设：搭建部门运营数据看板，12项核心指标按日自动更新",
        ],
        "size": 22,
    },
    {
        "title": "三、关键指标完成情况",
        "table": [
            ["指标", "年度目标", "实际完成", "完成情况"],
            ["业务处理量（万笔）", "48.0", "52.3", "109.0%"],
            ["运营成本（万元）", "1,260", "1,198", "节约4.9%"],
            ["客户满意度（分）", "93.0", "94.2", "101.3%"],
            ["订单准时交付率", "97.0%", "98.1%", "超出1.1个百分点"],
            ["人均培训时长（小时）", "40", "46", "115.0%"],
        ],
        "bullets": ["五项关键指标全部完成，业务处理量和培训时长超额完成幅度最大"],
        "size": 20,
    },
    {
        "title": "四、客户服务与质量提升",
        "bullets": [
            "推行“首问负责制”：客户问题一次解决率由81%提升至89%",
            "服务热线延长至每天12小时，平均接通时长缩短至18秒",
            "季度回访：全年回访客户1,450家，收集改进建议96条，已落实82条",
            "质量专项检查：开展4次，发现并整改问题37项，整改完成率100%",
        ],
    },
    {
        "title": "五、团队建设与内部管理",
        "bullets": [
            "组织内部培训22场，人均培训46小时，8名员工取得职业资格证书",
            "推行“导师带徒”，5名新员工全部按期通过试用期考核",
            "修订绩效考核办法，考核结果与岗位调整、评优评先挂钩",
            "开展读书分享会、健步走等活动，员工敬业度调查得分提高6分",
        ],
    },
    {
        "title": "六、存在的问题与不足",
        "bullets": [
            "流程线上化后，部分配套制度修订滞后，新旧做法衔接不够顺畅",
            "数据分析多停留在统计汇总层面，对业务决策的支撑作用有待加强",
            "35岁以下员工占比超过六成，熟悉多个业务环节的骨干人才储备不足",
            "跨部门协作中仍存在信息传递慢、责任边界不清的情况",
        ],
    },
    {
        "title": "七、2027年工作思路",
        "bullets": [
            "深化数字化运营：完成剩余流程线上化，推动数据分析由“看结果”转向“找原因”",
            "强化成本管控：建立月度成本分析会制度，力争运营成本再降5%",
            "提升服务品质：客户满意度目标95分，一次解决率达到92%以上",
            "加强人才培养：实施骨干人才“双通道”培养计划，人均培训不少于50小时",
            "完善协作机制：与相关部门签订服务协议，明确接口人和办结时限",
        ],
        "size": 22,
    },
]

# (section, [(category, item, budget, actual, note), ...]) for May 2026.
BUDGET_ITEMS = [
    (
        "收入",
        [
            ("工资收入", "爸爸工资（税后）", 12000, 12000, ""),
            ("工资收入", "妈妈工资（税后）", 9500, 9500, ""),
            ("其他收入", "兼职稿费", 1500, 1800, "本月多接一篇约稿"),
            ("其他收入", "理财收益", 600, 540, "货币基金收益率下降"),
        ],
    ),
    (
        "支出",
        [
            ("住房", "房贷月供", 6200, 6200, "等额本息，剩余18年"),
            ("住房", "物业费", 380, 380, ""),
            ("生活缴费", "水电燃气", 520, 486, ""),
            ("生活缴费", "手机话费及宽带", 260, 260, ""),
            ("饮食", "日常买菜", 2800, 3050, "五一假期在家聚餐较多"),
            ("饮食", "外出就餐", 800, 1120, "母亲节家庭聚餐"),
            ("交通", "公交地铁", 300, 268, ""),
            ("交通", "汽车油费及停车", 900, 960, ""),
            ("子女教育", "兴趣班学费", 2200, 2200, "钢琴课、游泳课"),
            ("子女教育", "学习用品及图书", 300, 215, ""),
            ("医疗健康", "药品及体检", 400, 150, ""),
            ("赡养老人", "父母生活费", 2000, 2000, "双方父母各1000元"),
            ("日用消费", "服装鞋帽", 600, 880, "换季添置夏装"),
            ("日用消费", "日用百货", 500, 462, ""),
            ("休闲娱乐", "旅游及娱乐", 1200, 1580, "五一周边两日游"),
            ("人情往来", "礼金及礼品", 500, 800, "同事婚礼随礼"),
            ("保险", "商业保险", 650, 650, "重疾险、医疗险按月分摊"),
        ],
    ),
]

# (month, income, fixed spending, flexible spending, note) for 2025.
YEAR_SUMMARY = [
    ("1月", 41600, 11930, 9820, "年终奖到账；春节年货、压岁钱支出较多"),
    ("2月", 23100, 11930, 6450, "春节后消费回落"),
    ("3月", 23100, 11930, 5980, ""),
    ("4月", 23350, 11930, 6320, "清明回老家"),
    ("5月", 23600, 11930, 7410, "五一短途出游"),
    ("6月", 23100, 11930, 6160, "“618”集中采购日用品"),
    ("7月", 23450, 12730, 8960, "暑期游泳班；家庭旅行"),
    ("8月", 23100, 12730, 7120, ""),
    ("9月", 23100, 11930, 6780, "开学购置学习用品和校服"),
    ("10月", 23600, 11930, 7650, "国庆假期出游"),
    ("11月", 23100, 11930, 6890, "换季衣物"),
    ("12月", 24300, 11930, 9150, "汽车保险续保；年底聚会"),
]

CONTRACT = """
房屋租赁合同（范本）

出租方（甲方）：____________________　身份证号码：____________________
联系地址：____________________________　联系电话：________________
承租方（乙方）：____________________　身份证号码：____________________
联系地址：____________________________　联系电话：________________

　　根据《中华人民共和国民法典》及有关法律、法规的规定，甲乙双方在平等、自愿、公平和诚实信用的基础上，就乙方承租甲方房屋一事，经协商一致，订立本合同，共同遵守。

第一条　房屋基本情况
　　1. 甲方将其合法拥有的位于______市______区______路______号______小区______栋______单元______室的房屋（以下简称“该房屋”）出租给乙方使用。
　　2. 该房屋建筑面积______平方米，户型为______室______厅______卫，不动产权证书编号：____________________。
　　3. 甲方保证该房屋权属清晰，不存在产权纠纷；该房屋如已设定抵押，甲方应在签订本合同前书面告知乙方。

第二条　租赁用途
　　乙方承租该房屋仅用于居住，居住人数不超过______人。未经甲方书面同意，乙方不得改变房屋用途，不得在房屋内从事任何违法活动。

第三条　租赁期限
　　1. 租赁期限自______年______月______日起至______年______月______日止，共计______个月。
　　2. 租赁期满，甲方有权收回房屋，乙方应如期交还。乙方如需续租，应于租赁期满前______日向甲方提出书面申请，经甲方同意后重新签订租赁合同；同等条件下，乙方享有优先承租权。

第四条　租金及支付方式
　　1. 该房屋月租金为人民币______元（大写：______________元整）。
　　2. 租金按□月　□季　□半年支付，乙方应于每期开始前______日内支付当期租金。首期租金于本合同签订之日支付。
　　3. 支付方式：□现金　□银行转账（户名：__________，开户行：__________，账号：____________________）。
　　4. 租赁期内，除双方另有书面约定外，甲方不得单方面提高租金。

第五条　押金
　　1. 乙方应于签订本合同时向甲方支付押金人民币______元（大写：______________元整），甲方收到后应出具收据。
　　2. 租赁期满或合同解除后，乙方结清租金及各项费用、房屋及附属设施经验收无人为损坏的，甲方应在______日内将押金全额无息退还乙方。
　　3. 乙方欠付租金、费用或造成房屋设施损坏的，甲方可从押金中抵扣相应金额，不足部分由乙方另行补足。

第六条　相关费用的承担
　　1. 租赁期内，水费、电费、燃气费、网络费以及因乙方使用产生的其他费用由乙方承担；物业管理费、供暖费由______方承担。
　　2. 房屋租赁涉及的税费，按国家有关规定由______方承担。
　　3. 乙方应按时缴纳上述费用，并在退租时结清，向甲方提供缴费凭证。

第七条　房屋交付与返还
　　1. 甲方应于______年______月______日前将该房屋交付乙方。交付时双方共同填写《房屋交接清单》（见附件），列明家具、家电及其他附属设施的数量和状况，并抄录水、电、燃气表读数。
　　2. 租赁关系终止时，乙方应将房屋及附属设施按交付时的状态返还甲方，正常使用造成的合理损耗除外；乙方添置的可移动物品由乙方自行带走。
　　3. 乙方逾期不搬离的，每逾期一日，应按日租金的______倍向甲方支付房屋占用费。

第八条　房屋维修与使用
　　1. 甲方应保证房屋结构安全及附属设施能够正常使用。房屋及设施出现非乙方原因造成的损坏时，甲方应在接到乙方通知后______日内进行维修；甲方逾期不维修的，乙方可代为维修，费用由甲方承担。
　　2. 乙方应合理使用房屋及其附属设施，因使用不当或人为原因造成损坏的，由乙方负责修复或赔偿。
　　3. 未经甲方书面同意，乙方不得擅自改变房屋结构、拆改墙体或增设大型设施。
　　4. 乙方应遵守小区物业管理规定，注意用电、用气和防火安全，不得在房屋内存放易燃易爆等危险物品。

第九条　转租
　　未经甲方书面同意，乙方不得将该房屋全部或部分转租、转借给他人。经甲方同意转租的，乙方应对次承租人的行为向甲方负责。

第十条　合同的解除
　　1. 经甲乙双方协商一致，可以解除本合同。
　　2. 乙方有下列情形之一的，甲方有权单方解除合同、收回房屋，并可不予退还押金：
　　（1）拖欠租金累计超过______日的；
　　（2）未经甲方书面同意擅自转租、转借该房屋的；
　　（3）擅自改变房屋用途或结构，经甲方书面通知后仍不改正的；
　　（4）利用该房屋从事违法活动的。
　　3. 甲方有下列情形之一的，乙方有权单方解除合同，甲方应退还押金及已付未用的租金：
　　（1）未按约定时间交付房屋，经乙方催告后______日内仍未交付的；
　　（2）交付的房屋严重不符合约定或危及乙方人身安全的；
　　（3）不履行约定的维修义务，致使乙方无法正常使用房屋的。
　　4. 因不可抗力或房屋被依法征收等原因致使合同无法继续履行的，本合同自然终止，双方互不承担违约责任，租金按实际使用时间结算。

第十一条　违约责任
　　1. 租赁期内，任何一方无正当理由提前解除合同的，应提前______日书面通知对方，并向对方支付相当于______个月租金的违约金。
　　2. 乙方逾期支付租金的，每逾期一日，应按当期应付租金的______%向甲方支付违约金。
　　3. 甲方逾期交付房屋的，每逾期一日，应按日租金的______倍向乙方支付违约金。

第十二条　争议解决
　　本合同在履行过程中发生争议，由双方协商解决；协商不成的，任何一方均可向房屋所在地人民法院提起诉讼。

第十三条　其他约定
　　1. 本合同未尽事宜，经双方协商一致，可另行签订补充协议。补充协议及附件与本合同具有同等法律效力。
　　2. 双方在本合同中填写的联系地址、电话为有效送达方式，一方变更联系方式的，应及时书面通知对方。
　　3. 本合同自双方签字之日起生效，一式______份，甲乙双方各执______份，具有同等法律效力。

甲方（签字）：________________　　　　乙方（签字）：________________
日期：______年______月______日　　　　日期：______年______月______日


附件：房屋交接清单

物品名称　　　　数量　　　　状况　　　　备注
空调　　　　　　______　　　______　　　______
冰箱　　　　　　______　　　______　　　______
洗衣机　　　　　______　　　______　　　______
热水器　　　　　______　　　______　　　______
床及床垫　　　　______　　　______　　　______
衣柜　　　　　　______　　　______　　　______
沙发　　　　　　______　　　______　　　______
餐桌椅　　　　　______　　　______　　　______

水表读数：__________　电表读数：__________　燃气表读数：__________
钥匙：______把　门禁卡：______张

甲方（签字）：________________　　　　乙方（签字）：________________
"""  # noqa: E501 (one line per clause, as in the file)

HEALTH = [
    ("space", 60),
    ("title", "中医四季养生常识"),
    ("subtitle", "顺时而养　健康每一天"),
    ("space", 30),
    ("h2", "前　言"),
    (
        "p",
        "中医认为，人与自然是一个统一的整体，四季寒暑的更替会直接影响人体的生理活动。"
        "《黄帝内经》提出“春夏养阳，秋冬养阴”，主张顺应自然规律来调养身心。本手册用通俗的语言"
        "介绍四季养生的基本理念，以及饮食、起居、运动和情志调养等方面的日常做法，供读者在生活中"
        "参考。",
    ),
    (
        "p",
        "需要提醒的是，养生贵在适度和坚持，并且因人而异。本手册属于健康科普读物，不能代替医生"
        "的诊断和治疗；身体不适时，请及时到正规医疗机构就诊。",
    ),
    ("h2", "目　录"),
    ("line", "第一章　天人相应：四季养生的基本理念"),
    ("line", "第二章　春季养生：养肝护阳，舒展生发"),
    ("line", "第三章　夏季养生：养心清暑，切忌贪凉"),
    ("line", "第四章　长夏养生：健脾化湿，饮食有节"),
    ("line", "第五章　秋季养生：滋阴润肺，收敛神气"),
    ("line", "第六章　冬季养生：养精蓄锐，温阳护肾"),
    ("line", "第七章　四季饮食宜忌一览"),
    ("line", "第八章　起居与运动：动静结合，持之以恒"),
    ("line", "第九章　常见误区与就医提示"),
    ("space", 40),
    ("center", "健康科普读本　2026年版"),
    # ---------------------------------------------------------------- 1
    ("pb",),
    ("h1", "第一章　天人相应：四季养生的基本理念"),
    ("h2", "一、顺时养生的由来"),
    (
        "p",
        "《素问·四气调神大论》说：“夫四时阴阳者，万物之根本也。所以圣人春夏养阳，秋冬养阴，"
        "以从其根。”古人观察到，自然界有春生、夏长、秋收、冬藏的规律，植物发芽、繁茂、结果、"
        "蛰伏，人体的气血运行也随之有升有降、有开有合。顺应这种节律安排饮食起居，就能减少"
        "季节变化对身体的不利影响，这就是“顺时养生”的核心思想。",
    ),
    ("h2", "二、五脏与四季的对应"),
    (
        "p",
        "中医把五脏与季节联系起来：春季对应肝，夏季对应心，长夏对应脾，秋季对应肺，冬季对应肾。"
        "这种对应并不是说某个季节只需照顾某一个脏腑，而是提示我们在不同季节应有所侧重。例如，"
        "春季情绪容易波动，要注意疏肝解郁；秋季气候干燥，要注意润肺防燥。",
    ),
    ("h2", "三、养生的四个基本方面"),
    (
        "p",
        "《素问·上古天真论》总结长寿之道为“食饮有节，起居有常，不妄作劳”。结合现代生活，可以"
        "概括为四个方面：一是饮食有节，定时定量，不偏食，不暴饮暴食；二是起居有常，作息规律，"
        "睡眠充足；三是劳逸适度，既要适量运动，也不能过度劳累；四是情志调畅，保持平和乐观的"
        "心态。这四个方面相互影响，缺一不可，后面各章将按季节分别展开介绍。",
    ),
    # ---------------------------------------------------------------- 2
    ("pb",),
    ("h1", "第二章　春季养生：养肝护阳，舒展生发"),
    ("h2", "一、气候特点"),
    (
        "p",
        "春季从立春开始，历经雨水、惊蛰、春分、清明、谷雨六个节气。这一时期阳气升发，万物复苏，"
        "但气温变化大，常有“倒春寒”，忽冷忽热的天气容易诱发感冒和旧病复发。",
    ),
    ("h2", "二、起居调养"),
    (
        "p",
        "《内经》建议春季“夜卧早起，广步于庭”，即晚一点入睡、早一点起床，起床后到庭院里舒展"
        "身体。民间有“春捂秋冻”的说法，春天不宜过早脱去厚衣，尤其要注意腿脚和背部保暖，"
        "等气温稳定回升后再逐步减衣。",
    ),
    ("h2", "三、饮食调养"),
    (
        "p",
        "唐代医家孙思邈主张春季“省酸增甘，以养脾气”，饮食宜清淡，适当多吃性味甘平的食物，"
        "少吃过酸和油腻的食物。荠菜、菠菜、春笋、韭菜、豆芽等时令蔬菜都是不错的选择。家常可做"
        "荠菜豆腐羹、红枣小米粥，既清爽又养胃。",
    ),
    ("h2", "四、情志与运动"),
    (
        "p",
        "中医认为肝喜条达而恶抑郁，春季要尽量保持心情舒畅，遇到烦心事及时倾诉和疏解。天气晴好时"
        "可以踏青赏花、放风筝、散步或打太极拳，让身体随着自然一起“舒展”起来。花粉过敏的人外出"
        "时可佩戴口罩，回家后及时洗脸、更衣。",
    ),
    # ---------------------------------------------------------------- 3
    ("pb",),
    ("h1", "第三章　夏季养生：养心清暑，切忌贪凉"),
    ("h2", "一、气候特点"),
    (
        "p",
        "夏季包括立夏、小满、芒种、夏至、小暑、大暑六个节气，是一年中阳气最旺盛的季节。天气炎热，"
        "人体出汗多，容易出现心烦、失眠、食欲下降等情况。",
    ),
    ("h2", "二、起居调养"),
    (
        "p",
        "夏季宜“夜卧早起，无厌于日”，可以适当晚睡早起，中午小睡二三十分钟，帮助恢复精力。"
        "使用空调时，室内温度以26℃左右为宜，室内外温差不宜过大，避免冷风直吹头部和后背；"
        "大汗淋漓时不要立刻冲冷水澡。",
    ),
    ("h2", "三、饮食调养"),
    (
        "p",
        "饮食以清淡、易消化为主，可适量选用绿豆、冬瓜、苦瓜、西瓜、番茄等清热解暑的食物。"
        "出汗多时要及时补充水分，少量多次饮用温开水或淡盐水。冷饮和冰镇食品虽然解一时之渴，"
        "但吃得太多容易损伤脾胃，引起腹痛、腹泻。",
    ),
    ("h2", "四、情志与防暑"),
    (
        "p",
        "俗话说“心静自然凉”，夏季要避免急躁发怒。运动宜安排在清晨或傍晚，避开正午高温时段。"
        "如果在高温环境中出现头晕、乏力、大量出汗、恶心等中暑先兆，应立即转移到阴凉通风处，"
        "解开衣扣，补充含盐饮品；症状严重或出现意识模糊时，必须马上送医。",
    ),
    # ---------------------------------------------------------------- 4
    ("pb",),
    ("h1", "第四章　长夏养生：健脾化湿，饮食有节"),
    ("h2", "一、什么是长夏"),
    (
        "p",
        "“长夏”是中医特有的说法，一般指夏末秋初这段时间。此时雨水较多，天气闷热潮湿，中医"
        "称之为“湿气当令”。脾喜燥而恶湿，湿气过重最容易影响脾胃的运化功能。",
    ),
    ("h2", "二、湿气重的常见表现"),
    (
        "p",
        "湿气困脾时，人常会感到身体沉重、困倦乏力、头脑昏沉，食欲不振，大便黏腻不爽，舌苔"
        "厚腻。这些表现并不特异，如果长期存在或明显加重，应请医生查明原因，不要自行判断。",
    ),
    ("h2", "三、饮食调养"),
    (
        "p",
        "饮食宜清淡温和，少吃生冷、油腻和甜腻的食物。山药、薏米、赤小豆、白扁豆、茯苓等"
        "药食两用的食材有助于健脾祛湿，可以煮粥或煲汤，例如山药薏米粥、赤小豆鲫鱼汤。"
        "薏米性偏凉，脾胃虚寒者不宜多吃，孕妇应遵医嘱。",
    ),
    ("h2", "四、起居与运动"),
    (
        "p",
        "居室要注意通风除湿，阴雨天可以使用除湿机；被褥衣物常晾晒，不要在潮湿的地面上久坐或"
        "睡卧；淋雨、涉水后及时擦干身体、更换衣服。适量运动使身体微微出汗，有助于湿气排出，"
        "八段锦中的“调理脾胃须单举”一式就很适合这个时节练习。",
    ),
    # ---------------------------------------------------------------- 5
    ("pb",),
    ("h1", "第五章　秋季养生：滋阴润肺，收敛神气"),
    ("h2", "一、气候特点"),
    (
        "p",
        "秋季包括立秋、处暑、白露、秋分、寒露、霜降六个节气。天气由热转凉，空气逐渐干燥，"
        "“燥”是这一季节的主要特点，人们常感到口干、咽干、皮肤干燥，有的还会出现干咳。",
    ),
    ("h2", "二、起居调养"),
    (
        "p",
        "《内经》主张秋季“早卧早起，与鸡俱兴”。“秋冻”要适度：健康的年轻人可以不急于添加厚衣，"
        "但老人、儿童和体弱者要根据天气及时增减衣物。秋季昼夜温差大，夜间睡觉注意盖好腹部。",
    ),
    ("h2", "三、饮食调养"),
    (
        "p",
        "饮食宜“少辛增酸”，少吃辣椒、花椒、烧烤等辛燥食物，适当多吃滋阴润燥的食物，如梨、"
        "百合、银耳、莲藕、芝麻和蜂蜜。银耳百合雪梨羹做法简单，是秋季家庭常备的甜汤；"
        "血糖偏高的人可以少放或不放糖。",
    ),
    ("h2", "四、情志与运动"),
    (
        "p",
        "草木凋零的景象容易引起伤感，中医称为“悲秋”。秋高气爽的日子里，不妨约上家人朋友登高"
        "远眺，培养书画、园艺等兴趣爱好，保持情绪稳定。运动可选择登山、慢跑、太极拳等，早晚"
        "气温低，运动前要充分热身，运动后及时擦汗添衣。",
    ),
    # ---------------------------------------------------------------- 6
    ("pb",),
    ("h1", "第六章　冬季养生：养精蓄锐，温阳护肾"),
    ("h2", "一、气候特点"),
    (
        "p",
        "冬季包括立冬、小雪、大雪、冬至、小寒、大寒六个节气。天寒地冻，万物闭藏，人体的新陈"
        "代谢也相对减缓，养生的重点在于“藏”，即保养精气、避寒就温。",
    ),
    ("h2", "二、起居调养"),
    (
        "p",
        "冬季宜“早卧晚起，必待日光”，保证充足睡眠。要特别注意头颈、背部和双脚的保暖。睡前用"
        "温水泡脚十五到二十分钟，可以促进血液循环、帮助入睡；糖尿病患者足部感觉较迟钝，泡脚时"
        "要先用手试水温，防止烫伤。",
    ),
    ("h2", "三、饮食调养"),
    (
        "p",
        "冬季可以适当温补，羊肉、牛肉、核桃、栗子、黑豆、黑芝麻等都是常见的冬令食材，当归生姜"
        "羊肉汤更是流传已久的食疗方。民间也有“冬吃萝卜夏吃姜”的说法，萝卜能消食顺气，与肉类"
        "搭配可以减轻油腻。进补要因人而异，平时容易口干、上火的人不宜大量温补。",
    ),
    ("h2", "四、运动与安全"),
    (
        "p",
        "冬季锻炼最好等太阳出来后再进行，以身体微热、不大汗淋漓为度，雾霾天改在室内练习八段锦"
        "等项目。冬季是心脑血管疾病的高发季节，高血压、冠心病患者要按时服药，注意监测血压。"
        "使用燃气取暖或燃煤取暖时，务必保持室内通风，谨防一氧化碳中毒。",
    ),
    # ---------------------------------------------------------------- 7
    ("pb",),
    ("h1", "第七章　四季饮食宜忌一览"),
    (
        "p",
        "下表把前几章介绍的饮食要点汇总在一起，方便读者日常查阅。表中的食物只是举例，具体选择"
        "还要结合个人体质、所在地区和当季市场供应灵活调整。",
    ),
    (
        "table",
        [
            ["季节", "饮食原则", "宜选食物", "少吃或慎吃", "推荐家常食谱"],
            [
                "春",
                "省酸增甘，清淡升发",
                "荠菜、菠菜、春笋、韭菜、红枣",
                "过酸、油腻的食物",
                "荠菜豆腐羹\n红枣小米粥",
            ],
            [
                "夏",
                "清热解暑，补充水分",
                "绿豆、冬瓜、苦瓜、西瓜、番茄",
                "大量冷饮和冰镇食品",
                "绿豆汤\n冬瓜排骨汤",
            ],
            [
                "长夏",
                "健脾化湿，少食生冷",
                "山药、薏米、赤小豆、白扁豆",
                "肥甘厚味、甜腻点心",
                "山药薏米粥\n赤小豆鲫鱼汤",
            ],
            [
                "秋",
                "滋阴润燥，少辛增酸",
                "梨、百合、银耳、莲藕、蜂蜜",
                "辣椒、烧烤等辛燥食物",
                "银耳百合雪梨羹\n莲藕排骨汤",
            ],
            [
                "冬",
                "温补适度，藏而不泄",
                "羊肉、萝卜、核桃、黑豆、栗子",
                "生冷寒凉之物、盲目进补",
                "当归生姜羊肉汤\n萝卜炖牛腩",
            ],
        ],
        [1.4, 3.2, 3.8, 3.4, 3.2],
        10,
    ),
    ("h2", "饮食养生的通用原则"),
    (
        "p",
        "无论哪个季节，都应做到食物多样、谷类为主，荤素搭配；三餐定时，每餐吃到七八分饱；"
        "少盐少油，控制添加糖。南方多湿热，北方多干燥，饮食也应因地制宜。已经确诊慢性病的"
        "人，饮食调整应以医生和营养师的建议为准。",
    ),
    # ---------------------------------------------------------------- 8
    ("pb",),
    ("h1", "第八章　起居与运动：动静结合，持之以恒"),
    ("h2", "一、规律作息"),
    (
        "p",
        "成年人每天宜保证七到八小时的睡眠，尽量在夜里十一点前入睡。中医有“子午觉”的说法，"
        "即夜间子时（23时至1时）应处于睡眠之中，中午午时（11时至13时）可以小憩片刻。长期"
        "熬夜会耗伤精气，白天补觉也难以完全弥补。",
    ),
    ("h2", "二、传统功法：八段锦"),
    (
        "p",
        "八段锦是流传很广的传统健身功法，动作舒缓、简单易学，不受场地限制，适合各年龄段练习。"
        "它由八个动作组成：两手托天理三焦、左右开弓似射雕、调理脾胃须单举、五劳七伤往后瞧、"
        "摇头摆尾去心火、两手攀足固肾腰、攒拳怒目增气力、背后七颠百病消。每天练习一两遍，"
        "坚持下去就能感到身体更加轻松。",
    ),
    ("h2", "三、运动适度"),
    (
        "p",
        "运动以微微出汗、运动后不感到过度疲劳为宜。一般建议成年人每周进行至少150分钟中等强度"
        "的有氧运动，如快走、骑车、游泳等。俗话说“饭后百步走”，但最好在饭后半小时左右再散步，"
        "刚吃完饭就剧烈运动反而不利于消化。",
    ),
    ("h2", "四、情志调养"),
    (
        "p",
        "中医把喜、怒、忧、思、悲、恐、惊称为“七情”，认为情绪过激或长期压抑都会影响健康。"
        "日常可以通过听音乐、读书、练字、与亲友交流等方式舒缓压力。情绪低落持续两周以上时，"
        "应主动寻求心理咨询或就医帮助。",
    ),
    # ---------------------------------------------------------------- 9
    ("pb",),
    ("h1", "第九章　常见误区与就医提示"),
    (
        "lp",
        "误区一：养生就是吃补品。",
        "补品并非人人适合，盲目进补可能“虚不受补”，甚至加重身体负担。规律作息和均衡饮食才是"
        "养生的基础。",
    ),
    (
        "lp",
        "误区二：“春捂秋冻”人人适用。",
        "老人、儿童和慢性病患者体温调节能力较弱，应根据实际气温增减衣物，不可机械照搬。",
    ),
    (
        "lp",
        "误区三：偏方可以代替治疗。",
        "来源不明的偏方成分和剂量难以保证，可能延误病情或造成肝肾损害，生病应到正规医院就诊。",
    ),
    (
        "lp",
        "误区四：出汗越多越排毒。",
        "大量出汗会丢失水分和电解质，运动和汗蒸都应适可而止，并及时补充水分。",
    ),
    (
        "lp",
        "误区五：看看网上的清单就能判断体质。",
        "体质辨识需要结合舌象、脉象和全身状况综合判断，最好请有资质的中医师进行。",
    ),
    ("h2", "就医提示"),
    (
        "p",
        "出现持续高热、剧烈胸痛、呼吸困难、突然一侧肢体无力或口角歪斜、言语不清等症状时，"
        "应立即就医或拨打120急救电话，切勿自行服药观望。",
    ),
    ("h2", "结　语"),
    (
        "p",
        "养生不是一时的任务，而是一种生活方式。顺应四时、饮食有节、起居有常、心态平和，"
        "从身边的小事做起并长期坚持，就是对自己和家人健康最好的投资。",
    ),
]

# The survey tables: counts only; the percentages are computed (and checked) below.
REPORT_SAMPLE = 562
REPORT_PROFILE = [
    ("性别", [("男", 248), ("女", 314)]),
    ("年龄", [("60—69岁", 231), ("70—79岁", 219), ("80岁及以上", 112)]),
    ("居住方式", [("独居", 97), ("仅与配偶同住", 268), ("与子女同住", 184), ("其他", 13)]),
    ("健康状况", [("能完全自理", 402), ("部分失能", 131), ("失能", 29)]),
]
REPORT_NEEDS = [
    ("助餐服务", 318),
    ("健康监测与慢病管理", 297),
    ("上门医疗护理", 186),
    ("家政保洁", 174),
    ("文化娱乐活动", 163),
    ("紧急呼叫与安全监护", 152),
    ("心理慰藉与陪伴", 121),
    ("日间照料", 98),
]
REPORT_SATISFACTION = [("非常满意", 58), ("比较满意", 97), ("一般", 61), ("不满意", 20)]


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}"


def _report_tables() -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    profile = [["项目", "类别", "人数", "占比（%）"]]
    for label, groups in REPORT_PROFILE:
        assert sum(n for _, n in groups) == REPORT_SAMPLE, label
        for i, (name, count) in enumerate(groups):
            profile.append([label if i == 0 else "", name, str(count), _pct(count, REPORT_SAMPLE)])
    needs = [["服务项目", "有需求人数", "需求率（%）"]]
    needs += [[name, str(n), _pct(n, REPORT_SAMPLE)] for name, n in REPORT_NEEDS]
    used = sum(n for _, n in REPORT_SATISFACTION)
    satisfaction = [["评价", "人数", "占比（%）"]]
    satisfaction += [[name, str(n), _pct(n, used)] for name, n in REPORT_SATISFACTION]
    return profile, needs, satisfaction


_PROFILE_TABLE, _NEEDS_TABLE, _SATISFACTION_TABLE = _report_tables()

REPORT = [
    ("title", "城市社区养老服务现状调查报告"),
    ("subtitle", "——以S市三个街道为例"),
    ("center", "S市社会工作协会调研组　2026年6月"),
    ("h2", "摘　要"),
    (
        "p",
        "随着人口老龄化程度不断加深，社区已成为老年人获得养老服务的主要场所。为了解城市社区"
        "养老服务的供给情况和老年人的实际需求，调研组于2026年3月至5月在S市东城、南湖、新桥"
        "三个街道的12个社区开展问卷调查和深度访谈，共发放问卷600份，回收有效问卷562份，"
        "访谈老年人、家属、社区工作者及服务机构负责人共38人。调查发现，社区养老服务设施覆盖面"
        "明显扩大，助餐、健康监测等服务受到普遍欢迎，但也存在服务供给与需求错位、专业人员短缺、"
        "运营过度依赖补贴、信息化手段不够适老等问题。报告据此从精准识别需求、培育专业队伍、"
        "完善运营机制、推进适老化数字服务和支持家庭照护五个方面提出对策建议。",
    ),
    ("lp", "关键词：", "社区养老；居家养老服务；服务需求；供需匹配"),
    ("h1", "一、调查背景与目的"),
    (
        "p",
        "截至2024年末，我国60岁及以上人口已超过3亿，占总人口的比重超过五分之一。绝大多数老年人"
        "选择在家中和熟悉的社区里养老，“居家为基础、社区为依托、机构为补充、医养相结合”的养老"
        "服务体系正在加快构建。社区养老服务既能让老人不离开熟悉的环境，又能弥补家庭照护能力的"
        "不足，是连接家庭与专业服务的关键一环。",
    ),
    (
        "p",
        "S市是一座中等规模的城市，60岁及以上户籍人口占比已达23.8%，部分老旧小区超过三成。近年来，"
        "该市每年都将社区养老服务设施建设列入民生实事项目。本次调查的目的有三：一是摸清老年人"
        "对社区养老服务的真实需求；二是评估现有服务的供给、使用和满意情况；三是找出制约服务"
        "质量提升的主要问题，为下一步完善政策提供参考。",
    ),
    ("pb",),
    ("h1", "二、调查对象与方法"),
    (
        "lp",
        "调查对象。",
        "在调查社区居住满一年的60岁及以上常住老年人，以及部分老人的家属、社区工作者和社区"
        "养老服务机构负责人。",
    ),
    (
        "lp",
        "抽样方法。",
        "采用分层随机抽样，从三个街道中各抽取4个社区，兼顾老旧小区、商品房小区和保障房小区；"
        "每个社区按户籍名册随机抽取50名老人入户调查，600份问卷中有效问卷562份，"
        "有效回收率93.7%。",
    ),
    (
        "lp",
        "问卷内容。",
        "包括基本情况、健康与照护状况、服务需求、服务知晓与使用情况、满意度评价五个部分，"
        "由经过培训的调查员当面询问并代为填写。",
    ),
    (
        "lp",
        "深度访谈。",
        "对老年人16人、家属8人、社区工作者9人、服务机构负责人5人进行了半结构式访谈，每次"
        "访谈40至60分钟，重点了解服务使用中的具体困难和改进期望。",
    ),
    (
        "lp",
        "数据处理。",
        "问卷数据经双人录入核对后，使用统计软件进行描述性统计和交叉分析；访谈记录按主题归纳"
        "整理。需要说明的是，本次调查未覆盖入住养老机构的老人，结论主要反映居家老人的情况。",
    ),
    ("pb",),
    ("h1", "三、调查结果与分析"),
    ("h2", "（一）受访老年人基本情况"),
    (
        "p",
        "受访老年人以低龄和中龄老人为主，女性略多于男性。值得关注的是，独居和仅与配偶同住的"
        "“空巢”老人合计占65.0%，部分失能和失能老人合计占28.5%，这两类群体是社区养老服务的"
        "重点对象（见表1）。",
    ),
    ("center", "表1　受访老年人基本情况（N＝562）"),
    ("table", _PROFILE_TABLE, [3.0, 4.4, 2.6, 3.0], 10),
    ("h2", "（二）养老服务需求"),
    (
        "p",
        "在多项选择中，需求率最高的是助餐服务和健康监测与慢病管理，均超过半数；上门医疗护理和"
        "家政保洁的需求率在三成左右（见表2）。总体来看，老年人的需求集中在生活照料和医疗健康"
        "两大领域。",
    ),
    ("pb",),
    ("center", "表2　受访老年人对各类服务的需求（可多选）"),
    ("table", _NEEDS_TABLE, [6.0, 3.2, 3.2], 10),
    (
        "p",
        "需求随年龄和健康状况变化明显。80岁及以上老人中，有上门医疗护理需求的占58.0%，而60—69岁"
        "老人仅为16.5%；独居老人对紧急呼叫与安全监护的需求率达到49.5%，远高于平均水平。访谈中，"
        "一位独居的82岁老人说：“最怕夜里一个人摔倒了没人知道。”",
    ),
    ("h2", "（三）服务供给与使用情况"),
    (
        "p",
        "12个被调查社区全部建有社区养老服务站，其中7个设有老年助餐点，5个由专业机构承接运营，"
        "其余由社区居委会自行管理。但服务的知晓率和使用率并不高：知道本社区有养老服务站的老人"
        "有412人，占73.3%；过去一年实际使用过任一项服务的只有236人，占42.0%。",
    ),
    (
        "p",
        "对没有使用服务的老人追问原因，排在前列的依次是“觉得自己还不需要”“不了解有哪些服务”"
        "“价格偏高”和“服务时间不合适”。可见，除了需求本身，信息传递不畅和价格因素也在很大程度上"
        "影响了服务的实际利用。",
    ),
    ("pb",),
    ("h2", "（四）服务满意度"),
    (
        "p",
        "在使用过服务的236名老人中，表示“非常满意”和“比较满意”的合计占65.7%（见表3）。"
        "不满意的意见主要集中在助餐菜品口味单一、上门服务需要提前较长时间预约、活动内容多年"
        "不变等方面。",
    ),
    ("center", "表3　服务使用者的满意度评价（N＝236）"),
    ("table", _SATISFACTION_TABLE, [4.0, 3.2, 3.2], 10),
    ("h1", "四、存在的主要问题"),
    (
        "lp",
        "（一）供需错位，设施“建得多、用得少”。",
        "不少服务站按统一标准配置了阅览室、棋牌室、康复器材室，但使用率不高；老人最需要的"
        "助餐和上门护理却供不应求，部分助餐点午餐时段需要排队，上门护理的预约等待时间平均在"
        "一周以上。",
    ),
    (
        "lp",
        "（二）专业人才短缺，队伍不够稳定。",
        "12个服务站共有工作人员46人，其中持有养老护理员职业技能证书的仅13人。一线人员年龄"
        "偏大、收入偏低，一年内离职的超过四分之一，服务质量难以持续提升。",
    ),
    (
        "lp",
        "（三）运营过度依赖补贴，可持续性不足。",
        "服务收费普遍低于成本，运营主要依靠政府补贴。接受访谈的5家运营机构中，有3家表示处于"
        "亏损或微利状态，对补贴政策的变化十分敏感。",
    ),
    (
        "lp",
        "（四）信息化手段不够适老。",
        "部分服务只能通过手机应用或小程序预约，而受访老人中能熟练使用智能手机的不足四成；"
        "服务信息分散在多个平台，老人和家属都反映“不知道去哪里找”。",
    ),
    (
        "lp",
        "（五）家庭照护支持不足。",
        "照顾失能老人的家属普遍缺乏护理技能培训，也很少有机会获得短期替换照护的“喘息服务”，"
        "身心压力较大。",
    ),
    ("pb",),
    ("h1", "五、对策与建议"),
    (
        "lp",
        "（一）建立需求评估机制，精准配置服务。",
        "定期开展老年人能力评估，建立“一人一档”的动态台账；根据评估结果调整服务站的功能"
        "布局，把闲置空间优先改造为助餐、康复和日间照料场所。",
    ),
    (
        "lp",
        "（二）加强专业队伍建设。",
        "落实养老护理员职业技能等级认定和相应的薪酬激励，与本地职业院校合作开设订单班，"
        "同时发展“时间银行”等互助志愿服务，弥补人手不足。",
    ),
    (
        "lp",
        "（三）完善运营机制，增强造血能力。",
        "推广“公建民营”模式，补贴由“补建设”逐步转向“补服务、补对象”，按服务人次和服务质量"
        "拨付；在保证普惠价格的前提下，允许机构提供差异化的增值服务。",
    ),
    (
        "lp",
        "（四）推进适老化数字服务。",
        "建立统一的社区养老服务信息平台，保留电话预约和上门登记等线下渠道；为高龄、独居老人"
        "免费安装紧急呼叫设备，并与社区网格员、家庭医生联动响应。",
    ),
    (
        "lp",
        "（五）支持家庭照护。",
        "面向家庭照护者开展护理技能培训，试点家庭养老床位和喘息服务，让家庭照护“有人教、"
        "有人帮、能歇口气”。",
    ),
    ("h1", "六、结语"),
    (
        "p",
        "社区养老服务的发展已经从“有没有”进入“好不好”的阶段。只有以老年人的真实需求为导向，"
        "在人才、资金和技术上形成长效支撑，并把家庭、社区和专业机构的力量整合起来，才能让"
        "老年人在熟悉的环境中安享晚年。调研组将继续跟踪调查社区的服务改进情况。",
    ),
    ("space", 10),
    ("line", "注：本报告为示例文档，文中的S市、街道名称及全部调查数据均为虚构，仅供参考。"),
]


# --------------------------------------------------------------------------------------------


def pdf_pages(path: Path, work: Path) -> tuple[int, str]:
    import pypdfium2 as pdfium

    pdf = path if path.suffix == ".pdf" else soffice(path, work)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[0].get_textpage().get_text_range()
        return len(doc), text
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--no-check", action="store_true", help="skip the page-count check")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() == OUT_DIR.resolve():  # drop demo files no longer in the manifest
        expected_files = {entry[0] for entry in MANIFEST} | {"manifest.json"}
        for stale in out.iterdir():
            if stale.is_file() and stale.name not in expected_files:
                stale.unlink()

    with tempfile.TemporaryDirectory(prefix="wenku-demo-") as tmp:
        work = Path(tmp)
        build_docx(
            out / MANIFEST[0][0],
            SPEECH,
            title=MANIFEST[0][1],
            subject="讲话稿",
            keywords="职业教育;讲话稿",
            body_pt=14,
            line_pt=26,
        )
        build_docx(
            out / MANIFEST[1][0],
            LESSON,
            title=MANIFEST[1][1],
            subject="语文教学设计",
            keywords="春;朱自清;教学设计",
        )
        build_pptx(out / MANIFEST[2][0])
        build_xlsx(out / MANIFEST[3][0])
        build_contract(out / MANIFEST[4][0])
        build_health_pdf(out / MANIFEST[5][0], work)
        build_odt(
            out / MANIFEST[6][0],
            REPORT,
            title=MANIFEST[6][1],
            subject="调查报告",
            keywords="社区养老;调查报告",
        )
        build_docx(
            out / MANIFEST[7][0],
            MATHS,
            title=MANIFEST[7][1],
            subject="数学练习",
            keywords="三年级;数学;期末",
            body_pt=10.5,
            line_pt=19,
            margins_cm=(2.0, 2.2),
        )

        manifest = [
            {"file": f, "title": t, "category": c, "description": d, "tags": tags}
            for f, t, c, d, tags, _ in MANIFEST
        ]
        (out / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

        failures = 0
        if not args.no_check:
            for name, *_, pages in MANIFEST:
                if pages is None:
                    print(f"{name}: (text)")
                    continue
                count, _text = pdf_pages(out / name, work)
                flag = "" if count == pages else f"  <-- expected {pages}"
                failures += bool(flag)
                print(f"{name}: {count} pages{flag}")
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"{out}: {total / 1024:.0f} KiB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
