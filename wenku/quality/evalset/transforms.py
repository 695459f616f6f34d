"""What people do to a document before uploading it again, and how stuffing is put in.

Near-duplicate transforms work on a list of paragraphs and return the extracted text the
site would see. Stuffing transforms also return where the stuffing is (character ranges).
"""

from __future__ import annotations

import random
import re

from .compose import sentences

COVER_LINES = [
    ["{title}", "编制单位：综合办公室", "二〇二三年十二月"],
    ["{title}", "（内部资料 注意保存）", "姓名：__________ 班级：__________"],
    ["精品文档 可编辑", "{title}", "本文档由网友整理上传，仅供学习参考"],
    ["{title}", "汇报人：张伟", "日期：2023年6月"],
]
FILLER = [
    "这一点值得我们认真思考。",
    "对此，大家要有清醒的认识。",
    "实践证明，这样做是行之有效的。",
    "具体情况见附表。",
]
_DIGITS = "一二三四五六七八九"


def join(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def cover(paragraphs: list[str], rng: random.Random) -> list[str]:
    lines = [line.replace("{title}", paragraphs[0]) for line in rng.choice(COVER_LINES)]
    return lines + ["目录", "一、基本情况", "二、主要做法", "三、下一步打算"] + paragraphs


def pages_added(paragraphs: list[str], extra: list[str], rng: random.Random) -> list[str]:
    """One or two pages of other text, at the end (an appendix) or before the last page."""
    at = len(paragraphs) if rng.random() < 0.6 else max(1, len(paragraphs) - 2)
    return paragraphs[:at] + ["附件"] + extra + paragraphs[at:]


def pages_removed(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The first 60–80% of the text (a preview, or the last pages dropped)."""
    keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.8)))
    return paragraphs[:keep]


def part(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A contiguous half of the document, from anywhere in it."""
    size = max(3, round(len(paragraphs) * rng.uniform(0.45, 0.6)))
    start = rng.randint(0, len(paragraphs) - size)
    return paragraphs[start : start + size]


def retitle(paragraphs: list[str], rng: random.Random) -> list[str]:
    prefix = rng.choice(["【精品】", "最新", "（完整版）", "2024年", "优秀范文："])
    suffix = rng.choice(["", "（定稿）", "范文", "（word版）"])
    return [prefix + paragraphs[0] + suffix] + paragraphs[1:]


def edit(paragraphs: list[str], rng: random.Random, count: int = 4) -> list[str]:
    """A few sentences edited: a number changed, a sentence dropped, a sentence added."""
    out = list(paragraphs)
    for _ in range(count):
        index = rng.randrange(1, len(out))
        parts = sentences(out[index])
        if not parts:
            continue
        k = rng.randrange(len(parts))
        action = rng.random()
        if action < 0.4:
            digits = [i for i, ch in enumerate(parts[k]) if ch in _DIGITS]
            if digits:
                i = rng.choice(digits)
                parts[k] = parts[k][:i] + rng.choice(_DIGITS) + parts[k][i + 1 :]
        elif action < 0.7 and len(parts) > 1:
            del parts[k]
        else:
            parts.insert(k, rng.choice(FILLER))
        out[index] = "".join(parts)
    return out


_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def pdf_text(paragraphs: list[str], rng: random.Random) -> str:
    """The text PDFium extracts from a PDF export: wrapped lines, stray spaces, half-width
    punctuation, a running header and a page number on every page."""
    width = rng.choice([30, 34, 38, 42])
    lines_per_page = rng.choice([24, 30, 36])
    header = paragraphs[0][:24]
    lines: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.replace("，", ",").replace("：", ":") if rng.random() < 0.5 else paragraph
        first = True
        while text:
            take = width - (2 if first else 0)
            line, text = text[:take], text[take:]
            if rng.random() < 0.15:  # PDFium's stray space between two Chinese characters
                spots = [m.start() for m in _CJK_PAIR.finditer(line)]
                if spots:
                    spot = rng.choice(spots)
                    line = line[:spot] + " " + line[spot:]
            lines.append(("\u3000\u3000" if first else "") + line)
            first = False
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        if number > 1:
            out.append(header)
        out.extend(page)
        out.append(rng.choice([f"第 {number} 页 共 {len(pages)} 页", f"- {number} -", str(number)]))
    return "\n".join(out)


# --- stuffing ---------------------------------------------------------------------------


def assemble(pieces: list[tuple[str, bool]], glue: set[int] = frozenset()) -> tuple[str, list]:
    """Join (paragraph, is_stuffing) pieces with line breaks (none after indexes in `glue`:
    stuffing glued to the end of a paragraph, as on the seed page); return the text and the
    [start, end) ranges of the stuffing."""
    text, ranges = "", []
    for index, (piece, stuffing) in enumerate(pieces):
        if stuffing:
            ranges.append((len(text), len(text) + len(piece)))
        text += piece
        if index < len(pieces) - 1 and index not in glue:
            text += "\n"
    return text, ranges


def insert_many(
    paragraphs: list[str], foreign: str, rng: random.Random, times: int, glued: bool
) -> tuple[str, list]:
    """An unrelated paragraph put `times` times into the body (never before the title)."""
    places = range(2, len(paragraphs) + 1)
    spots = sorted(rng.sample(places, min(times, len(places))))
    pieces: list[tuple[str, bool]] = []
    glue: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        for _ in range(spots.count(index)):
            if glued and pieces:
                glue.add(len(pieces) - 1)
            pieces.append((foreign, True))
        pieces.append((paragraph, False))
    for _ in range(spots.count(len(paragraphs))):
        pieces.append((foreign, True))
    return assemble(pieces, glue)


def repeat_own(paragraphs: list[str], rng: random.Random) -> tuple[str, list]:
    """One of the document's long paragraphs appears a second time further on."""
    long = [i for i, p in enumerate(paragraphs) if len(p) >= 60 and i > 0]
    source = rng.choice(long)
    at = rng.randint(source + 1, len(paragraphs))
    pieces = [(p, False) for p in paragraphs]
    pieces.insert(at, (paragraphs[source], True))
    return assemble(pieces)
