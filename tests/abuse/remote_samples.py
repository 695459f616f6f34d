"""Office documents that reference a web address, each in the way its format allows: linked
images, linked OLE/DDE objects, included files, external data ranges, WEBSERVICE()."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE_REL = REL + "/image"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


def _rewrite(path: Path, edits: dict[str, callable]) -> None:
    """Rewrite members of a zip package through edit functions (str -> str)."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def docx(path: Path, base: str) -> Path:
    """Linked (not embedded) picture, INCLUDEPICTURE and INCLUDETEXT fields, a linked OLE
    object and a DDE field, all pointing at `base`."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("远程链接测试文档：职业教育材料。")
    doc.add_paragraph("MARKER")
    doc.save(path)
    body = (
        f'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
        f'style="width:50pt;height:50pt"><v:imagedata r:id="rIdRemote1" /></v:shape>'
        f"</w:pict></w:r></w:p>"
        f"<w:p><w:fldSimple w:instr=' INCLUDEPICTURE \"{base}/docx-includepicture.png\" \\d '>"
        f"<w:r><w:t>pic</w:t></w:r></w:fldSimple></w:p>"
        f"<w:p><w:fldSimple w:instr=' INCLUDETEXT \"{base}/docx-includetext.docx\" '>"
        f"<w:r><w:t>text</w:t></w:r></w:fldSimple></w:p>"
        f'<w:p><w:fldSimple w:instr=\' DDEAUTO Excel "{base}/docx-dde.xlsx" "Sheet1!R1C1" \'>'
        f"<w:r><w:t>dde</w:t></w:r></w:fldSimple></w:p>"
        f'<w:p><w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="ole1" '
        f'style="width:50pt;height:50pt"><v:imagedata r:id="rIdRemote3"/></v:shape>'
        f'<o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" Type="Link" '
        f'ProgID="Excel.Sheet.12" ShapeID="ole1" r:id="rIdRemote2" UpdateMode="Always">'
        f"<o:LinkType>EnhancedMetaFile</o:LinkType></o:OLEObject></w:object></w:r></w:p>"
    )
    rels = (
        f'<Relationship Id="rIdRemote1" Type="{IMAGE_REL}" Target="{base}/docx-linked.png" '
        f'TargetMode="External"/>'
        f'<Relationship Id="rIdRemote2" Type="{REL}/oleObject" Target="{base}/docx-ole.xlsx" '
        f'TargetMode="External"/>'
        f'<Relationship Id="rIdRemote3" Type="{IMAGE_REL}" Target="{base}/docx-ole.png" '
        f'TargetMode="External"/>'
    )
    _rewrite(
        path,
        {
            "word/document.xml": lambda x: x.replace(
                "<w:p><w:r><w:t>MARKER", body + "<w:p><w:r><w:t>M", 1
            ),
            "word/_rels/document.xml.rels": lambda x: x.replace(
                "</Relationships>", rels + "</Relationships>"
            ),
        },
    )
    return path


def pptx(path: Path, base: str) -> Path:
    """A slide whose picture is a link to `base` (r:link, TargetMode External)."""
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "远程图片"
    image = path.with_suffix(".png")
    image.write_bytes(PNG)
    slide.shapes.add_picture(str(image), 0, 0)
    prs.save(path)
    rel = (
        f'<Relationship Id="rIdRemote1" Type="{IMAGE_REL}" Target="{base}/pptx-linked.png" '
        f'TargetMode="External"/>'
    )
    _rewrite(
        path,
        {
            "ppt/slides/slide1.xml": lambda x: x.replace('r:embed="', 'r:link="rIdRemote1" r:x="'),
            "ppt/slides/_rels/slide1.xml.rels": lambda x: x.replace(
                "</Relationships>", rel + "</Relationships>"
            ),
        },
    )
    return path


def xlsx(path: Path, base: str) -> Path:
    """=WEBSERVICE() and FILTERXML(WEBSERVICE()) formulas."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "远程数据"
    ws["A2"] = f'=WEBSERVICE("{base}/xlsx-webservice")'
    ws["A3"] = f'=FILTERXML(WEBSERVICE("{base}/xlsx-filterxml"),"//a")'
    ws["A4"] = f'=HYPERLINK("{base}/xlsx-hyperlink","链接")'
    wb.save(path)
    return path


def _odf(path: Path, mimetype: str, body: str) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>{body}'
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def odt(path: Path, base: str) -> Path:
    """A linked image, a section linked to a remote file, and a linked OLE object."""
    frame = (
        '<draw:frame svg:width="2cm" svg:height="2cm" text:anchor-type="as-char">'
        f'<draw:image xlink:href="{base}/odt-linked.png" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
    )
    ole = (
        '<draw:frame svg:width="2cm" svg:height="2cm" text:anchor-type="as-char">'
        f'<draw:object-ole xlink:href="{base}/odt-ole.xls" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
    )
    body = (
        "<office:body><office:text><text:p>远程链接测试（ODT）</text:p>"
        f"<text:p>{frame}</text:p><text:p>{ole}</text:p>"
        '<text:section text:name="remote">'
        f'<text:section-source xlink:href="{base}/odt-section.odt" xlink:type="simple"/>'
        "<text:p>section</text:p></text:section>"
        "</office:text></office:body>"
    )
    return _odf(path, "application/vnd.oasis.opendocument.text", body)


def ods(path: Path, base: str) -> Path:
    """WEBSERVICE(), a sheet linked to a remote file, an external data range (web query) and a
    DDE link."""
    body = (
        "<office:body><office:spreadsheet>"
        '<table:dde-connections><table:dde-connection-decl office:name="soffice|'
        f'{base}/ods-dde.ods|Sheet1.A1" office:dde-application="soffice" '
        f'office:dde-topic="{base}/ods-dde.ods" office:dde-item="Sheet1.A1" '
        'office:automatic-update="true"/></table:dde-connections>'
        '<table:table table:name="远程">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>远程数据</text:p>'
        "</table:table-cell>"
        f'<table:table-cell table:formula="of:=WEBSERVICE(&quot;{base}/ods-webservice&quot;)" '
        'office:value-type="string"><text:p>x</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=DDE(&quot;soffice&quot;;&quot;'
        f'{base}/ods-ddefn.ods&quot;;&quot;Sheet1.A1&quot;)" office:value-type="string">'
        "<text:p>y</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell>"
        f'<table:cell-range-source table:name="web" xlink:href="{base}/ods-webquery.html" '
        'xlink:type="simple" table:filter-name="calc_HTML_WebQuery" table:filter-options="1" '
        'table:last-column-spanned="1" table:last-row-spanned="1" table:refresh-delay="PT1S"/>'
        "<text:p>z</text:p></table:table-cell></table:table-row></table:table>"
        '<table:table table:name="linked">'
        f'<table:table-source table:mode="copy-all" xlink:href="{base}/ods-linked.ods" '
        'xlink:type="simple" table:table-name="Sheet1" table:refresh-delay="PT1S"/>'
        "<table:table-row><table:table-cell><text:p>w</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        "</office:spreadsheet></office:body>"
    )
    return _odf(path, "application/vnd.oasis.opendocument.spreadsheet", body)


def html(path: Path, base: str) -> Path:
    path.write_text(
        f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{base}/html.css">'
        f'</head><body><p>远程图片</p><img src="{base}/html-img.png">'
        f'<iframe src="{base}/html-frame"></iframe></body></html>',
        encoding="utf-8",
    )
    return path


def rtf(path: Path, base: str) -> Path:
    path.write_text(
        "{\\rtf1\\ansi\\deff0 remote picture "
        f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{base}/rtf-includepicture.png" \\\\d}}'
        "{\\fldrslt pic}}"
        f'{{\\field{{\\*\\fldinst INCLUDETEXT "{base}/rtf-includetext.rtf"}}{{\\fldrslt t}}}}'
        "\\par}",
        encoding="ascii",
    )
    return path


BUILDERS = {
    "docx": docx,
    "odt": odt,
    "xlsx": xlsx,
    "ods": ods,
    "pptx": pptx,
    "html": html,
    "rtf": rtf,
}
