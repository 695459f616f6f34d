"""Chinese sample files for the benchmarks, made on the spot (nothing downloaded)."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

PHRASES = [
    "深化教育教学改革",
    "加强实训基地建设",
    "全面提高教育质量",
    "推进产教深度融合",
    "完善现代职业教育体系",
    "优化学校专业布局",
    "培养高素质技能人才",
    "服务地方经济发展",
    "落实立德树人根本任务",
    "健全经费投入机制",
    "加快数字校园建设",
    "提升教师专业能力",
    "推动城乡教育均衡发展",
    "构建终身学习体系",
    "强化安全生产责任",
    "规范财务管理制度",
    "统筹推进重点项目",
    "持续改善民生福祉",
    "坚持问题导向",
    "注重实际成效",
]
CONNECTIVES = [
    "同时，",
    "此外，",
    "一方面，",
    "另一方面，",
    "总体来看，",
    "与此同时，",
    "为此，",
    "",
]


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    parts = []
    for _ in range(sentences):
        picked = rng.sample(PHRASES, 3)
        parts.append(f"{rng.choice(CONNECTIVES)}{picked[0]}，{picked[1]}，{picked[2]}。")
    return "".join(parts)


def make_docx(path: Path, pages: int, seed: int = 1) -> Path:
    """Full pages of Chinese prose with a hard break after each page."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    rng = random.Random(seed)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for number in range(1, pages + 1):
        doc.add_heading(f"第{number}部分 工作要点", level=2)
        for _ in range(5):
            doc.add_paragraph(paragraph(rng))
        if number < pages:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(path)
    return path


def make_pptx(path: Path, slides: int, seed: int = 2) -> Path:
    from pptx import Presentation

    rng = random.Random(seed)
    deck = Presentation()
    for number in range(1, slides + 1):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"第{number}页 年度重点工作"
        body = slide.placeholders[1].text_frame
        body.text = rng.choice(PHRASES)
        for _ in range(4):
            body.add_paragraph().text = rng.choice(PHRASES) + "，" + rng.choice(PHRASES)
    deck.save(path)
    return path


def make_xlsx(path: Path, rows: int = 300, seed: int = 3) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "收支明细"
    sheet.append(["日期", "项目", "类别", "收入（元）", "支出（元）", "备注"])
    for day in range(rows):
        sheet.append(
            [
                f"2026-{day % 12 + 1:02d}-{day % 28 + 1:02d}",
                rng.choice(PHRASES),
                rng.choice(["餐饮", "交通", "教育", "医疗", "住房"]),
                rng.randint(0, 5000),
                rng.randint(0, 3000),
                rng.choice(CONNECTIVES) or "无",
            ]
        )
    book.save(path)
    return path


def make_pdf(path: Path, pages: int, work: Path, seed: int = 4) -> Path:
    """A Chinese PDF of `pages` pages: a DOCX converted once by a cold LibreOffice."""
    docx = make_docx(work / f"{path.stem}.docx", pages, seed)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{work}/mkpdf-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (work / f"{path.stem}.pdf").replace(path)
    return path


SCAN_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SCAN_FONT_SC = 2  # the face index of Noto Serif CJK SC in the collection


def render_scan_page(text: str, dpi: int = 300, points: float = 14):
    """One A4 page image of `text` (paragraphs split by "\\n"), like a clean 300-dpi scan."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SCAN_FONT, round(points / 72 * dpi), index=SCAN_FONT_SC)
    margin, line_height = round(dpi * 0.9), round(points / 72 * dpi * 1.7)
    y = margin
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if draw.textlength(line + ch, font=font) > width - 2 * margin:
                draw.text((margin, y), line, font=font, fill=0)
                y, line = y + line_height, ""
            line += ch
        if line:
            draw.text((margin, y), line, font=font, fill=0)
            y += line_height
        if y > height - margin:
            raise ValueError("text does not fit on one page")
    return img


def make_scan_pdf(path: Path, pages: list[str], dpi: int = 300) -> Path:
    """An image-only PDF (no text layer): each page a rendered scan of pages[i]."""
    images = [render_scan_page(text, dpi) for text in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def scan_texts(pages: int, seed: int = 5) -> list[str]:
    """Texts for a scanned document: three paragraphs of prose a page."""
    rng = random.Random(seed)
    return ["\n".join(paragraph(rng, 3) for _ in range(3)) for _ in range(pages)]
