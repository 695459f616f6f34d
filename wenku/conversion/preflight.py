"""Checks before LibreOffice sees a file: password protection, zip bombs, broken containers.

- OOXML with a password is an OLE2 container with EncryptionInfo/EncryptedPackage streams;
  legacy Word sets fEncrypted in the FIB; Excel has a FILEPASS record after the BOF;
  PowerPoint an EncryptedSummary stream; ODF lists encryption-data in its manifest.
- OOXML/ODF are ZIP files: the central directory (no decompression) gives member count,
  sizes and ratios, which must stay within the limits below.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from wenku.library.failures import ConversionError

from .ole import OleError, OleFile

# Zip bomb limits for OOXML/ODF (checked on the central directory before LibreOffice).
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_TOTAL = 2 * 1024**3  # uncompressed bytes, all members
ZIP_MAX_MEMBER = 1024**3
ZIP_MAX_RATIO = 200  # uncompressed / compressed, for members over ZIP_RATIO_MIN_SIZE
ZIP_RATIO_MIN_SIZE = 10 * 1024**2


def preflight(path: Path, fmt: str) -> None:
    """Refuse what LibreOffice must not see: encrypted files, zip bombs, broken containers."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        magic = fh.read(8)
        fh.seek(0)
        if magic == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            _check_ole(fh, size, fmt)
        elif magic.startswith(b"PK"):
            _check_zip(fh, fmt)
        elif fmt in {"docx", "xlsx", "pptx", "odt", "odp", "ods", "doc", "xls", "ppt", "et", "dps"}:
            raise ConversionError("corrupt", f"{fmt} without its container signature")


def _check_ole(fh, size: int, fmt: str) -> None:
    try:
        ole = OleFile(fh, size)
        names = ole.stream_names()
        if "EncryptionInfo" in names or "EncryptedPackage" in names:
            raise ConversionError("encrypted", "encrypted OOXML package")
        if "WordDocument" in names:
            fib = ole.read_stream("WordDocument", 32)
            if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:
                raise ConversionError("encrypted", "Word FIB fEncrypted")
        elif "Workbook" in names or "Book" in names:
            stream = ole.read_stream("Workbook" if "Workbook" in names else "Book", 64 * 1024)
            if _biff_has_filepass(stream):
                raise ConversionError("encrypted", "BIFF FILEPASS record")
        elif "PowerPoint Document" in names and "EncryptedSummary" in names:
            raise ConversionError("encrypted", "PowerPoint EncryptedSummary stream")
    except (OleError, KeyError, ValueError) as exc:
        raise ConversionError("corrupt", f"damaged OLE2 container: {exc}") from exc


def _biff_has_filepass(stream: bytes) -> bool:
    """FILEPASS (0x002F) comes right after the workbook globals' BOF when encrypted."""
    pos = 0
    for _ in range(200):
        if pos + 4 > len(stream):
            return False
        rtype = int.from_bytes(stream[pos : pos + 2], "little")
        rlen = int.from_bytes(stream[pos + 2 : pos + 4], "little")
        if rtype == 0x002F:
            return True
        if rtype in (0x0085, 0x000A):  # BOUNDSHEET or EOF: past where FILEPASS can be
            return False
        pos += 4 + rlen
    return False


# Entity expansion ("billion laughs") and external entities need a DTD in the XML prolog.
# Office never writes one in OOXML; ODF 1.x has none either, but allow a bare DOCTYPE there.
XML_PROLOG_BYTES = 4096
_ENTITY = [m.encode(enc) for m in ("<!ENTITY",) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
_DOCTYPE = [m.encode(enc) for m in ("<!DOCTYPE",) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _check_dtds(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], fmt: str) -> None:
    """Refuse XML parts whose prolog declares entities (or, for OOXML, any DTD)."""
    markers = _ENTITY if fmt in {"odt", "odp", "ods"} else _ENTITY + _DOCTYPE
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels")) or info.is_dir():
            continue
        try:
            with zf.open(info) as member:
                head = member.read(XML_PROLOG_BYTES).upper()
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
        ) as exc:
            raise ConversionError("corrupt", f"damaged ZIP: {exc}") from exc
        # The prolog ends at the root element; markers are ASCII, so upper() is safe.
        if any(marker.upper() in head for marker in markers):
            raise ConversionError("corrupt", f"{info.filename} declares a DTD or entities")


def _check_zip(fh, fmt: str) -> None:
    from .sniff import zip_entry_count

    count = zip_entry_count(fh)
    if count is None:
        raise ConversionError("corrupt", "ZIP directory missing (truncated file?)")
    if count > ZIP_MAX_MEMBERS:
        raise ConversionError("zip_bomb", f"{count} ZIP members")
    try:
        zf = zipfile.ZipFile(fh)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ConversionError("corrupt", f"damaged ZIP: {exc}") from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > ZIP_MAX_MEMBER:
            raise ConversionError("zip_bomb", f"{info.filename} expands to {info.file_size}")
        if info.file_size > ZIP_RATIO_MIN_SIZE and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ConversionError(
                "zip_bomb", f"{info.filename}: {info.compress_size} -> {info.file_size}"
            )
    if total > ZIP_MAX_TOTAL:
        raise ConversionError("zip_bomb", f"expands to {total} bytes")
    _check_dtds(zf, infos, fmt)
    if fmt in {"odt", "odp", "ods"} and "META-INF/manifest.xml" in zf.namelist():
        info = zf.getinfo("META-INF/manifest.xml")
        if info.file_size < 4 * 1024**2:
            try:
                manifest = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise ConversionError("corrupt", f"damaged ZIP: {exc}") from exc
            if b"encryption-data" in manifest:
                raise ConversionError("encrypted", "ODF manifest has encryption-data")
