"""What kind of document is this? Decided from the content, the file name only breaks ties.

Runs inside the upload request, so it reads headers and zip/OLE directories only.
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
from pathlib import Path

from wenku.library.failures import ConversionError

from .ole import MAGIC as OLE_MAGIC
from .ole import OleError, OleFile

ACCEPTED = {
    "pdf",
    "doc",
    "docx",
    "ppt",
    "pptx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "dps",
    "odt",
    "odp",
    "ods",
    "rtf",
    "txt",
    # Ebooks: calibre turns them into PDF (ebook.py).
    "epub",
    "mobi",
    "azw3",
    "chm",
    "fb2",
}
EBOOK_FORMATS = {"epub", "mobi", "azw3", "chm", "fb2"}

# Formats that LibreOffice turns into PDF.
OFFICE_FORMATS = ACCEPTED - {"pdf", "txt"} - EBOOK_FORMATS
ZIP_FORMATS = {"docx", "pptx", "xlsx", "odt", "odp", "ods"}
OLE_FORMATS = {"doc", "xls", "ppt", "wps", "et", "dps"}

# Extensions that say "this is one of ours" (macro-enabled and template OOXML/ODF included).
EXT_ALIASES = {
    "docm": "docx",
    "dotx": "docx",
    "dotm": "docx",
    "pptm": "pptx",
    "potx": "pptx",
    "ppsx": "pptx",
    "xlsm": "xlsx",
    "xltx": "xlsx",
    "ott": "odt",
    "otp": "odp",
    "ots": "ods",
    "dot": "doc",
    "pps": "ppt",
    "xlt": "xls",
    "wpt": "wps",
    "ett": "et",
    "dpt": "dps",
    "text": "txt",
    "azw": "azw3",
    "prc": "mobi",
}

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.presentation-template": "odp",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
}
OOXML_PARTS = (("word/", "docx"), ("ppt/", "pptx"), ("xl/", "xlsx"))

MAX_ZIP_MEMBERS_SNIFF = 50_000  # beyond this only the extension speaks (office.py refuses it)
TEXT_SAMPLE = 64 * 1024
# Characters plain text does not contain: C0 controls other than tab, LF, VT, FF, CR,
# SUB (DOS end of file) and ESC; DEL; lone surrogates; private-use code points.
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f\ud800-\uf8ff]")
TEXT_EXTENSIONS = {"txt", ""}


def extension(filename: str) -> str:
    """The lower-case extension of a file name, mapped onto ACCEPTED where it is a variant."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower().strip() if "." in name else ""
    return EXT_ALIASES.get(ext, ext)


def detect_format(path: Path, filename: str = "") -> str:
    """One of ACCEPTED, from the file's bytes; raise ConversionError("empty"/"unsupported")."""
    path = Path(path)
    ext = extension(filename or path.name)
    size = path.stat().st_size
    if size == 0:
        raise ConversionError("empty", "0 bytes")
    with path.open("rb") as fh:
        head = fh.read(TEXT_SAMPLE)
        if head.startswith(OLE_MAGIC):
            return _ole_format(fh, size, ext)
        if b"%PDF-" in head[:1024]:
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return _zip_format(fh, ext)
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
            return "rtf"
        ebook = _ebook_format(head, ext)
        if ebook:
            return ebook
        if ext in TEXT_EXTENSIONS or ext in ACCEPTED:
            # A text file under a document extension (an .xls that is really a TSV export)
            # is shown as text; other extensions (.html, .py, .exe) stay unsupported.
            if text_encoding(head, complete=size <= len(head), lenient=ext == "txt"):
                return "txt"
    raise ConversionError("unsupported", f"unrecognised content (extension {ext!r})")


# --- OLE2 ------------------------------------------------------------------------------


def _ole_format(fh, size: int, ext: str) -> str:
    try:
        names = OleFile(fh, size).stream_names()
    except (OleError, struct.error, ValueError) as exc:
        # A damaged container that claims to be a document: let the converter say "corrupt".
        if ext in OLE_FORMATS or ext in {"docx", "xlsx", "pptx"}:
            return ext
        raise ConversionError("unsupported", f"broken OLE2 container: {exc}") from exc
    # WPS Office writes .wps/.et/.dps in its compatibility mode as the same OLE2 containers
    # as .doc/.xls/.ppt: only the extension tells them apart.
    if "WordDocument" in names:
        return "wps" if ext == "wps" else "doc"
    if "Workbook" in names or "Book" in names:
        return "et" if ext == "et" else "xls"
    if "PowerPoint Document" in names:
        return "dps" if ext == "dps" else "ppt"
    if "EncryptionInfo" in names and "EncryptedPackage" in names:
        # Password-protected OOXML. Accept it here: the conversion then fails with the
        # clear "encrypted" reason instead of "unsupported".
        return ext if ext in {"docx", "xlsx", "pptx"} else "docx"
    if ext == "wps" and names & {"CONTENTS", "MatOST", "SPELLING"}:
        return "wps"  # Microsoft Works / old Kingsoft WPS: LibreOffice has importers
    raise ConversionError("unsupported", "OLE2 container without a known document stream")


# --- ZIP (OOXML, ODF) -------------------------------------------------------------------


def zip_entry_count(fh) -> int | None:
    """Entries announced by the end-of-central-directory record (None if unreadable)."""
    try:
        endrec = zipfile._EndRecData(fh)  # reads only the tail of the file
    except (OSError, struct.error):
        return None
    if not endrec:
        return None
    return int(endrec[zipfile._ECD_ENTRIES_TOTAL])


def _zip_format(fh, ext: str) -> str:
    count = zip_entry_count(fh)
    broken = count is None or count > MAX_ZIP_MEMBERS_SNIFF
    zf = None
    if not broken:
        try:
            zf = zipfile.ZipFile(fh)
        # NotImplementedError: a damaged "version needed" field (found by tests/hardening fuzz)
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            struct.error,
            EOFError,
            NotImplementedError,
        ):
            broken = True
    if broken or zf is None:
        if ext in ZIP_FORMATS or ext == "epub":
            return ext  # truncated / damaged / oversized: the converter gives the reason
        raise ConversionError("unsupported", "unreadable ZIP container")
    names = set(zf.namelist())
    if "mimetype" in names:
        info = zf.getinfo("mimetype")
        if info.file_size < 200:
            try:
                mime = zf.read(info).decode("ascii", "replace").strip()
            except Exception:  # noqa: BLE001 - bad compression etc.
                mime = ""
            if mime in ODF_MIMETYPES:
                return ODF_MIMETYPES[mime]
            if mime == "application/epub+zip":
                return "epub"
    if "[Content_Types].xml" in names:
        for prefix, fmt in OOXML_PARTS:
            if any(n.startswith(prefix) for n in names):
                return fmt
    if "META-INF/manifest.xml" in names and "content.xml" in names and ext in ZIP_FORMATS:
        return ext  # ODF without a mimetype member
    raise ConversionError("unsupported", "ZIP file that is not an office document")


# --- Ebooks (other than EPUB, a ZIP) -----------------------------------------------------

FB2_ROOT = re.compile(rb"^(?:<\?xml[^>]*\?>)?(?:\s|<!--.*?-->)*<(?:\w+:)?FictionBook[\s>]", re.S)


def _ebook_format(head: bytes, ext: str) -> str | None:
    """MOBI/AZW3 by the PalmDB type and creator "BOOKMOBI" at offset 60, CHM by its ITSF
    signature, FB2 by its XML root element FictionBook."""
    if head[60:68] == b"BOOKMOBI":
        return "azw3" if ext == "azw3" else "mobi"
    if head.startswith(b"ITSF"):
        return "chm"
    if FB2_ROOT.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]):
        return "fb2"
    return None


# --- Plain text -------------------------------------------------------------------------

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _decodes(data: bytes, encoding: str, complete: bool) -> str | None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        # final=False tolerates a multi-byte character cut off by the sample's end.
        return decoder.decode(data, final=complete)
    except UnicodeDecodeError:
        return None


def looks_like_text(text: str, lenient: bool = False) -> bool:
    """Few control characters, surrogates or private-use code points: text, not binary."""
    if not text.strip():
        return False
    bad = len(NOT_TEXT.findall(text))
    return bad <= len(text) * (0.02 if lenient else 0.001)


def text_encoding(sample: bytes, *, complete: bool, lenient: bool = False) -> str | None:
    """The encoding that decodes `sample` to plausible text, or None for binary.

    Order: byte-order mark, UTF-8, GB18030 (a superset of GBK/GB2312; Big5 when that
    decodes too and charset-normalizer prefers it), then charset-normalizer's best
    guess (Shift-JIS, EUC-KR, Latin-1 …).
    """
    bom = bom_encoding(sample)
    if bom:
        encoding, skip = bom
        text = _decodes(sample[skip:], encoding, complete)
        if text is not None and (looks_like_text(text, lenient) or not text.strip()):
            return encoding
        return None
    if b"\0" in sample:
        return _utf16_without_bom(sample, complete, lenient)
    text = _decodes(sample, "utf-8", complete)
    if text is not None:
        return "utf-8" if looks_like_text(text, lenient) else None
    gb = _decodes(sample, "gb18030", complete)
    gb_ok = gb is not None and looks_like_text(gb, lenient)
    big5 = _decodes(sample, "big5", complete)
    big5_ok = big5 is not None and looks_like_text(big5, lenient)
    if gb_ok and big5_ok:
        # Big5 (traditional) bytes often decode as GB18030 too, into nonsense: let
        # charset-normalizer's language model choose. Too short a sample cannot be told
        # apart: a mainland site assumes GBK then.
        return "big5" if len(sample) >= 64 and _best_of(sample) == "big5" else "gb18030"
    if gb_ok:
        return "gb18030"
    if big5_ok:
        return "big5"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - a detector failure means "not text"
        return None
    if best is None or best.encoding is None:
        return None
    text = _decodes(sample, best.encoding, complete)
    if text is not None and looks_like_text(text, lenient):
        return best.encoding
    return None


def _best_of(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=["gb18030", "big5"]).best()
    except Exception:  # noqa: BLE001 - undecided: the caller keeps GB18030
        return None
    return best.encoding if best is not None else None


def _utf16_without_bom(sample: bytes, complete: bool, lenient: bool) -> str | None:
    """Mostly-ASCII UTF-16 without a BOM has NULs in every other byte."""
    if len(sample) < 16:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        encoding = "utf-16-le"
    elif even > half * 0.3 and odd < half * 0.05:
        encoding = "utf-16-be"
    else:
        return None
    text = _decodes(sample[: len(sample) // 2 * 2], encoding, complete)
    return encoding if text is not None and looks_like_text(text, lenient) else None
