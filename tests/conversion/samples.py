"""Sample documents for the conversion tests, generated (not committed).

python-docx / python-pptx / openpyxl write the OOXML originals; the warm LibreOffice of the
test session turns them into the legacy and OpenDocument formats and the Chinese PDF;
make_uno_samples.py (run as a subprocess, talking UNO to the same LibreOffice) writes the
password-protected and macro-carrying files.

WPS Office saves .wps/.et/.dps in its compatibility mode as the same OLE2 containers as
.doc/.xls/.ppt, so the .wps/.et/.dps samples are the .doc/.xls/.ppt bytes under those
names; that is also how the sniffer tells them apart (by the extension only).
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

SENTENCES = [
    "春眠不觉晓，处处闻啼鸟。",
    "夜来风雨声，花落知多少。",
    "床前明月光，疑是地上霜。",
]
FILLER = (
    "文库是一个可以自行部署的文档分享网站，会员上传文档，网站把文档转换成页面预览和可以搜索的文字。"
)
MACRO_MARKER_NAME = "MACRO_RAN"
PASSWORD = "secret"


def make_docx(path: Path, pages: int = 3, font: str = "宋体", paragraphs: int = 1) -> Path:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.element.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), font)
    for i in range(pages):
        doc.add_heading(f"第{i + 1}页", level=1)
        doc.add_paragraph(SENTENCES[i % len(SENTENCES)])
        for _ in range(paragraphs):
            doc.add_paragraph(FILLER * 2)
        if i < pages - 1:
            doc.add_page_break()
    doc.save(path)
    return path


def make_pptx(path: Path, slides: int = 3) -> Path:
    from pptx import Presentation

    prs = Presentation()
    for i in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"第{i + 1}页"
        slide.placeholders[1].text = SENTENCES[i % len(SENTENCES)]
    prs.save(path)
    return path


def make_xlsx(path: Path, sheets: int = 2) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = f"表{i + 1}"
        ws.column_dimensions["A"].width = 50
        ws["A1"] = SENTENCES[i % len(SENTENCES)]
        ws["A2"] = "数量"
        ws["B2"] = 42 + i
    wb.save(path)
    return path


def make_texts(folder: Path) -> dict[str, Path]:
    text = f"{SENTENCES[0]}\n\n{FILLER}\n{SENTENCES[1]}\n"
    out = {}
    for name, encoding, bom in [
        ("utf8", "utf-8", b""),
        ("utf8bom", "utf-8", b"\xef\xbb\xbf"),
        ("gbk", "gbk", b""),
        ("gb18030", "gb18030", b""),
        ("utf16le", "utf-16-le", b"\xff\xfe"),
        ("utf16be", "utf-16-be", b"\xfe\xff"),
    ]:
        path = folder / f"{name}.txt"
        path.write_bytes(bom + text.encode(encoding))
        out[f"txt_{name}"] = path
    path = folder / "formfeed.txt"
    path.write_text(f"{SENTENCES[0]}\n\f{SENTENCES[1]}\n", encoding="utf-8")
    out["txt_formfeed"] = path
    return out


def make_zip_bomb(src_docx: Path, path: Path, megabytes: int = 64) -> Path:
    """A real DOCX plus one member of zeros: ~64 KB compressed, 64 MB expanded."""
    shutil.copyfile(src_docx, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(megabytes):
                member.write(block)
    return path


def make_many_members(src_docx: Path, path: Path, count: int = 12_000) -> Path:
    shutil.copyfile(src_docx, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"customXml/many{i}.xml", b"<a/>")
    return path


def make_repeated_pdf(src_pdf: Path, path: Path, pages: int) -> Path:
    """`pages` copies of the first page of src_pdf (pypdfium2, about a second)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(src_pdf))
    out = pdfium.PdfDocument.new()
    try:
        out.import_pages(src, [0] * pages)
        out.save(str(path))
    finally:
        out.close()
        src.close()
    return path


def make_png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (64, 64), "red").save(path, "PNG")
    return path


def make_elf(path: Path) -> Path:
    with open(sys.executable, "rb") as fh:
        path.write_bytes(fh.read(64 * 1024))
    return path
