"""Ebooks (EPUB, MOBI, AZW3, CHM, FB2) to PDF with calibre's `ebook-convert`.

    ebook_to_pdf(src, "epub", work_dir / "document.pdf", timeout=120)

Each run gets its own temporary HOME and calibre configuration directory (calibre writes
its settings and caches there), Qt's offscreen platform (no display), Wenku's fontconfig
file (Chinese font names → Noto CJK SC) and calibre's PDF fonts set to Noto CJK SC, A4
pages. No network: where the kernel allows it the converter runs in a network namespace
of its own (`unshare -n`, or `unshare -rn` unprivileged), so a book that links remote
images or fonts cannot make the server fetch them. DRM is recognised before calibre runs
(EPUB: META-INF/encryption.xml that encrypts more than fonts; MOBI/AZW3: the encryption
field of the PalmDOC header) and from calibre's own DRM error. A CHM's ITSF header and
directory are checked before calibre runs: a truncated or garbled one is "corrupt" (calibre
itself only prints a Python traceback).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import struct
import tempfile
import zipfile
from pathlib import Path

from wenku.library.failures import ConversionError

from . import tools
from .sniff import EBOOK_FORMATS  # noqa: F401 - the formats this module converts

log = logging.getLogger(__name__)

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# Font obfuscation (IDPF, Adobe) is not DRM: calibre reads such books.
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
_ALGORITHM = re.compile(rb'Algorithm\s*=\s*"([^"]+)"')
_DRM_MESSAGES = ("DRMError", "DRM protected", "locked by DRM", "has DRM")


def _argv(src: Path, out: Path) -> list[str]:
    return [
        "ebook-convert",
        str(src),
        str(out),
        "--paper-size",
        "a4",
        "--pdf-serif-family",
        "Noto Serif CJK SC",
        "--pdf-sans-family",
        "Noto Sans CJK SC",
        "--pdf-mono-family",
        "Noto Sans Mono CJK SC",
        "--pdf-standard-font",
        "serif",
        "--pdf-default-font-size",
        "16",
    ]


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """`unshare` arguments that cut the network off, or () where the kernel refuses."""
    if shutil.which("unshare") is None:
        return ()
    for prefix in (("unshare", "-n"), ("unshare", "-rn")):
        try:
            if tools.run([*prefix, "true"], timeout=10).returncode == 0:
                return prefix
        except (OSError, tools.ToolTimeout):
            continue
    log.warning("no network namespace available: ebook-convert runs with the network")
    return ()


def _env(home: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "CALIBRE_CONFIG_DIRECTORY": str(home / "config"),
        "CALIBRE_TEMP_DIR": str(home / "tmp"),
        "CALIBRE_CACHE_DIRECTORY": str(home / "cache"),
        "TMPDIR": str(home / "tmp"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(FONTS_CONF),
        "LANG": "C.UTF-8",
    }
    if os.geteuid() == 0:
        # Chromium (calibre's PDF engine) refuses to start its sandbox as root.
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    for sub in ("config", "tmp", "cache", "run"):
        (home / sub).mkdir(mode=0o700, exist_ok=True)
    return env


def check_drm(src: Path, fmt: str) -> None:
    """Raise ConversionError("drm") for an ebook that is visibly DRM-protected."""
    if fmt == "epub":
        try:
            with zipfile.ZipFile(src) as zf:
                if "META-INF/encryption.xml" not in zf.namelist():
                    return
                info = zf.getinfo("META-INF/encryption.xml")
                if info.file_size > 4 * 1024 * 1024:
                    raise ConversionError("drm", "oversized encryption.xml")
                algorithms = _ALGORITHM.findall(zf.read(info))
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise ConversionError("corrupt", f"EPUB container: {exc}") from exc
        if any(not a.decode("ascii", "replace").startswith(FONT_OBFUSCATION) for a in algorithms):
            raise ConversionError("drm", "EPUB content is encrypted")
    elif fmt in ("mobi", "azw3"):
        with src.open("rb") as fh:
            head = fh.read(78 + 8)
            if len(head) < 86:
                raise ConversionError("corrupt", "truncated PalmDB header")
            count = struct.unpack(">H", head[76:78])[0]
            if count < 1:
                raise ConversionError("corrupt", "PalmDB without records")
            first = struct.unpack(">I", head[78:82])[0]
            fh.seek(first)
            record0 = fh.read(16)
        if len(record0) < 16:
            raise ConversionError("corrupt", "truncated MOBI header")
        if struct.unpack(">H", record0[12:14])[0] != 0:
            raise ConversionError("drm", "MOBI record 0 says the text is encrypted")


def check_chm(src: Path) -> None:
    """Raise ConversionError("corrupt") for a CHM whose ITSF header or directory is broken.

    ITSF header (little-endian): version 2 or 3 at 4, header length at 8, then at 56 the
    header section (offset, length, starts 0x01FE) and at 72 the directory (offset, length,
    starts "ITSP"); version 3 gives the content's offset at 88."""
    size = src.stat().st_size
    with src.open("rb") as fh:
        head = fh.read(96)
        if len(head) < 88 or head[:4] != b"ITSF":
            raise ConversionError("corrupt", "CHM: truncated ITSF header")
        version, header_len = struct.unpack("<II", head[4:12])
        s0_off, s0_len, dir_off, dir_len = struct.unpack("<QQQQ", head[56:88])
        if version not in (2, 3) or header_len not in (0x58, 0x60):
            raise ConversionError("corrupt", f"CHM: ITSF version {version}, header {header_len}")
        if s0_off + s0_len > size or dir_off + dir_len > size or dir_len < 0x54:
            raise ConversionError("corrupt", "CHM: sections beyond the end of the file")
        if version == 3 and (len(head) < 96 or struct.unpack("<Q", head[88:96])[0] > size):
            raise ConversionError("corrupt", "CHM: content beyond the end of the file")
        fh.seek(s0_off)
        section0 = fh.read(4)
        fh.seek(dir_off)
        directory = fh.read(4)
    if section0 != b"\xfe\x01\x00\x00" or directory != b"ITSP":
        raise ConversionError("corrupt", "CHM: header section or directory missing")


def ebook_to_pdf(src: Path, fmt: str, out: Path, *, timeout: float) -> Path:
    """Convert the ebook at `src` to the PDF `out`; raise ConversionError with a reason."""
    check_drm(src, fmt)
    if fmt == "chm":
        check_chm(src)
    home = Path(tempfile.mkdtemp(prefix="calibre-", dir=out.parent))
    try:
        # calibre decides the input format by the file's extension.
        source = home / f"book.{fmt}"
        try:
            os.link(src, source)
        except OSError:
            shutil.copyfile(src, source)
        target = home / "book.pdf"
        argv = [*_no_network_prefix(), *_argv(source, target)]
        try:
            result = tools.run(argv, timeout=timeout, env=_env(home), cwd=home)
        except tools.ToolTimeout as exc:
            raise ConversionError("timeout", f"ebook-convert: {exc}") from exc
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        if any(marker in output for marker in _DRM_MESSAGES):
            raise ConversionError("drm", "calibre: the book is DRM-protected")
        if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            last = [line for line in output.strip().splitlines() if line.strip()][-3:]
            raise ConversionError("ebook_failed", " | ".join(last)[-400:])
        out.unlink(missing_ok=True)
        shutil.move(str(target), out)
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)
