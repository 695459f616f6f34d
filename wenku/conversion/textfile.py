"""Plain text (UTF-8, GB18030/GBK, UTF-16, Big5 …) → a paginated PDF with real CJK glyphs.

The text is decoded here (never by LibreOffice's guesswork), cleaned, and written as a
flat OpenDocument text (.fodt) whose styles say: A4, Noto Serif CJK SC, language zh-CN.
The warm LibreOffice then lays it out and exports the PDF, so pages, line breaking
(Chinese has no spaces) and the text layer are LibreOffice's, the same as for documents.
A form feed (\\f) starts a new page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from wenku.library.failures import ConversionError

from .sniff import TEXT_SAMPLE, bom_encoding, text_encoding

# Upper bounds of what one A4 page at 12 pt can hold, to refuse absurd files before layout.
MAX_CHARS_PER_PAGE = 6000
MAX_LINES_PER_PAGE = 80

FONT = "Noto Serif CJK SC"
# Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, FFFE/FFFF).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SPACES = re.compile(" {2,}")

HEADER = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="{FONT}" svg:font-family="'{FONT}'"
   style:font-family-generic="roman" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:line-height="140%" fo:margin-top="0cm"
    fo:margin-bottom="0cm" style:line-break="strict"/>
   <style:text-properties style:font-name="{FONT}" fo:font-size="12pt"
    style:font-name-asian="{FONT}" style:font-size-asian="12pt"
    style:font-name-complex="{FONT}" fo:language="zh" fo:country="CN"
    style:language-asian="zh" style:country-asian="CN" fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="PageBreak" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2.2cm" fo:margin-bottom="2.2cm" fo:margin-left="2.2cm"
    fo:margin-right="2.2cm" style:print-orientation="portrait"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
 </office:master-styles>
 <office:body>
  <office:text>
"""
FOOTER = """  </office:text>
 </office:body>
</office:document>
"""


def decode_text(path: Path) -> str:
    """The file's text; ConversionError("text_encoding") if it is not text we can read."""
    data = path.read_bytes()
    sample = data[:TEXT_SAMPLE]
    encoding = text_encoding(sample, complete=len(data) <= TEXT_SAMPLE, lenient=True)
    if encoding is None:
        raise ConversionError("text_encoding", "no encoding decodes the start of the file")
    bom = bom_encoding(data)
    skip = bom[1] if bom and bom[0] == encoding else 0
    # The sample decoded cleanly; a few bad bytes further on become U+FFFD, not a failure.
    text = data[skip:].decode(encoding, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 50):
        raise ConversionError("text_encoding", f"too many undecodable bytes for {encoding}")
    return text


def write_fodt(text: str, out: Path) -> int:
    """Write `text` as a flat ODT, one paragraph per line; return the number of lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = XML_ILLEGAL.sub("", text)
    lines = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for page_no, page in enumerate(text.split("\f")):
            for i, line in enumerate(page.split("\n")):
                style = "PageBreak" if page_no and i == 0 else "Standard"
                fh.write(f'<text:p text:style-name="{style}">{_inline(line)}</text:p>\n')
                lines += 1
        fh.write(FOOTER)
    return lines


def _inline(line: str) -> str:
    line = escape(line.rstrip())
    line = SPACES.sub(lambda m: f'<text:s text:c="{len(m.group())}"/>', line)
    if line.startswith(" "):
        line = "<text:s/>" + line[1:]
    return line.replace("\t", "<text:tab/>")


def text_to_pdf(
    src: Path,
    work_dir: Path,
    *,
    office,
    timeout: float,
    max_pages: int,
    heartbeat: Callable[[], None] | None = None,
) -> Path:
    """Convert the text file `src` to work_dir/document.pdf through LibreOffice."""
    text = decode_text(src)
    if not text.strip():
        raise ConversionError("no_pages", "the text file holds only white space")
    if len(text) > max_pages * MAX_CHARS_PER_PAGE:
        raise ConversionError("too_many_pages", f"{len(text)} characters")
    fodt = work_dir / "text.fodt"
    lines = write_fodt(text, fodt)
    del text
    if lines > max_pages * MAX_LINES_PER_PAGE:
        fodt.unlink(missing_ok=True)
        raise ConversionError("too_many_pages", f"{lines} lines")
    pdf = work_dir / "document.pdf"
    try:
        office.convert(fodt, pdf, timeout=timeout, heartbeat=heartbeat)
    finally:
        fodt.unlink(missing_ok=True)
    return pdf
