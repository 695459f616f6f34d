"""Real files for the pipeline tests: DOCX documents written from the evaluation corpus."""

from __future__ import annotations

import random
from pathlib import Path

from tests.samples import chinese_docx
from wenku.quality.evalset.compose import Subject, compose
from wenku.quality.evalset.corpus_stuffing import STUFFING


def paragraphs(genre: str, topic: str, seed: int = 1) -> list[str]:
    return compose(Subject(genre, topic), random.Random(seed))


def stuffed_paragraphs(genre: str, topic: str, times: int = 4) -> list[str]:
    """The seed page's problem: the 拓展训练 paragraph put into a document `times` times."""
    paras = paragraphs(genre, topic)
    out, step = list(paras), max(1, len(paras) // times)
    for i in range(times):
        out.insert(2 + i * (step + 1), STUFFING[0])
    return out


def make_docx(path: Path, paras: list[str]) -> Path:
    doc = chinese_docx()
    doc.add_heading(paras[0], level=1)
    for text in paras[1:]:
        doc.add_paragraph(text)
    doc.save(path)
    return path
