"""Ebooks made here for the tests: a real CHM compiled by chmcmd, an FB2 written by hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHAPTER = "盼望着，盼望着，东风来了，春天的脚步近了。一切都像刚睡醒的样子，欣欣然张开了眼。"
TITLE = "第一章 春"

HHP = """[OPTIONS]
Compatibility=1.1 or later
Compiled file=book.chm
Default topic=c1.html
Display compile progress=No
Language=0x804 Chinese (PRC)
Title=春

[FILES]
c1.html
"""


def write_chm(path: Path, encoding: str) -> Path:
    """A real CHM compiled by Free Pascal's chmcmd from one HTML page in `encoding` (Chinese
    help files are mostly GB2312/GBK, declared in the page's meta charset)."""
    project = path.parent / f"chm-{encoding}"
    project.mkdir()
    (project / "book.hhp").write_text(HHP, encoding="gb18030")  # the ANSI code page of 0x804
    charset = "gb2312" if encoding == "gb18030" else encoding
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>春</title></head><body><h1>{TITLE}</h1><p>{CHAPTER}</p></body></html>"
    )
    (project / "c1.html").write_bytes(html.encode(encoding))
    subprocess.run(
        ["chmcmd", "book.hhp"], cwd=project, check=True, capture_output=True, timeout=120
    )
    shutil.move(project / "book.chm", path)
    return path


def write_fb2(path: Path) -> Path:
    """A FictionBook 2 with the chapter, its language zh."""
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<FictionBook xmlns="http://www.gribuser.ru/'
        'xml/fictionbook/2.0"><description><title-info><book-title>春</book-title><lang>zh'
        f"</lang></title-info></description><body><section><p>{CHAPTER}</p></section></body>"
        "</FictionBook>",
        encoding="utf-8",
    )
    return path


def damaged(src: Path, path: Path, cut: slice | None = None, junk: slice | None = None) -> Path:
    """A copy of `src` cut to `cut` and/or with the bytes of `junk` overwritten by 0xFF."""
    data = bytearray(src.read_bytes())
    if junk is not None:
        data[junk] = b"\xff" * (junk.stop - junk.start)
    path.write_bytes(bytes(data[cut] if cut is not None else data))
    return path
