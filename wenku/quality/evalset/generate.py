"""The labelled evaluation set: deterministic for a seed, built from the corpora, no downloads.

Duplicates. The library holds originals: documents of three subjects per genre (written to
the genre's template) and longer documents whose paragraphs are sentences of those subjects
in random order. Positive queries are transformed originals (cover page, pages added or
removed, a part, a new title, a PDF export's text, a few sentences edited, and PDF + cover +
edits at once); each must find its own original and nothing else. Negative queries must find
nothing: documents of the two held-out subjects per genre (same templates as library
documents, so they share every stock heading and clause) and their re-uploads, the same
templates filled with other text, and new mixes of the library's sentences (which share a
fifth of their sentences with library documents).

Stuffing. Clean documents of all subjects (whole, with paragraphs dropped, as a PDF's text,
with a cover page) and stuffed ones: an unrelated paragraph inserted once or 2–5 times
(between paragraphs or glued to one, as on the seed page), or one of the document's own
paragraphs repeated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import transforms as T
from .compose import GENRES, Subject, compose, mixed_body, sentence_pool, subjects
from .corpus_stuffing import STUFFING

HELD_OUT_PER_GENRE = 2


@dataclass
class EvalDoc:
    id: str
    text: str
    kind: str  # how it was made ("original", "cover", "pdf", "template", "insert_many" …)
    origin: str | None = None  # duplicates: the library document it derives from
    stuffed: bool = False
    stuffed_ranges: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class DuplicateSet:
    library: list[EvalDoc]
    queries: list[EvalDoc]  # origin None = must match nothing


def _split(seed: int) -> tuple[list[Subject], list[Subject]]:
    rng = random.Random(seed)
    library, held_out = [], []
    for genre in GENRES:
        mine = [s for s in subjects() if s.genre == genre]
        rng.shuffle(mine)
        held_out += mine[:HELD_OUT_PER_GENRE]
        library += mine[HELD_OUT_PER_GENRE:]
    return library, held_out


def _mixed_document(pool: list[str], rng: random.Random) -> list[str]:
    paragraphs = rng.randint(10, 24)
    body = mixed_body(pool, rng, paragraphs, rng.randint(3, 5))
    return [f"资料汇编（{rng.randint(1, 999)}）", *body]


def _variants(paras: list[str], extra: list[str], rng: random.Random) -> list[tuple[str, str]]:
    return [
        ("cover", T.join(T.cover(paras, rng))),
        ("pages_added", T.join(T.pages_added(paras, extra, rng))),
        ("pages_removed", T.join(T.pages_removed(paras, rng))),
        ("part", T.join(T.part(paras, rng))),
        ("title", T.join(T.retitle(paras, rng))),
        ("pdf", T.pdf_text(paras, rng)),
        ("edits", T.join(T.edit(paras, rng))),
        ("combo", T.pdf_text(T.edit(T.cover(paras, rng), rng), rng)),
    ]


def build_duplicate_set(seed: int = 7, mixed: int = 30, fills: int = 30) -> DuplicateSet:
    rng = random.Random(seed)
    lib_subjects, held_subjects = _split(seed)
    lib_pool, held_pool = sentence_pool(lib_subjects), sentence_pool(held_subjects)
    originals: list[tuple[str, list[str]]] = []
    for s in lib_subjects:
        originals.append((f"{s.genre}-{s.topic}", compose(s, rng)))
    for i in range(mixed):
        originals.append((f"mixed-{i}", _mixed_document(lib_pool, rng)))
    library = [EvalDoc(doc_id, T.join(paras), "original") for doc_id, paras in originals]

    queries: list[EvalDoc] = []
    for doc_id, paras in originals:
        extra = mixed_body(held_pool, rng, rng.randint(2, 4), 4)  # pages from elsewhere
        for kind, text in _variants(paras, extra, rng):
            queries.append(EvalDoc(f"{doc_id}/{kind}", text, kind, origin=doc_id))

    for s in held_subjects:  # same templates, other subjects, and their re-uploads
        paras = compose(s, rng)
        extra = mixed_body(held_pool, rng, 2, 4)
        queries.append(EvalDoc(f"held-{s.genre}-{s.topic}", T.join(paras), "template"))
        for kind, text in _variants(paras, extra, rng)[::2]:
            queries.append(EvalDoc(f"held-{s.genre}-{s.topic}/{kind}", text, f"template_{kind}"))
    for i in range(fills):  # the library's templates filled with text from elsewhere
        s = rng.choice(lib_subjects)
        body = mixed_body(held_pool, rng, 7, rng.randint(3, 4))
        queries.append(EvalDoc(f"fill-{i}-{s.genre}", T.join(compose(s, rng, body)), "template"))
    for i in range(mixed):  # new mixes of the library's sentences
        text = T.join(_mixed_document(lib_pool, rng))
        queries.append(EvalDoc(f"remix-{i}", text, "remix"))
    return DuplicateSet(library, queries)


def _foreign(subject: Subject, rng: random.Random) -> str:
    """An unrelated paragraph: typical padding, or a paragraph of another genre."""
    if rng.random() < 0.5:
        return rng.choice(STUFFING)
    other = rng.choice([s for s in subjects() if s.genre != subject.genre])
    return rng.choice(other.paragraphs)


def build_stuffing_set(seed: int = 11) -> list[EvalDoc]:
    rng = random.Random(seed)
    docs: list[EvalDoc] = []
    for s in subjects():
        name = f"{s.genre}-{s.topic}"
        whole = compose(s, rng)
        fewer_body = [p for p in s.paragraphs if rng.random() > 0.25] or s.paragraphs
        fewer = compose(s, rng, fewer_body)
        clean = {
            "whole": T.join(whole),
            "fewer": T.join(fewer),
            "pdf": T.pdf_text(compose(s, rng), rng),
            "cover": T.join(T.cover(compose(s, rng), rng)),
        }
        for kind, text in clean.items():
            docs.append(EvalDoc(f"{name}/{kind}", text, f"clean_{kind}"))
        for n in range(3):
            base = compose(s, rng) if n != 2 else fewer
            times = rng.randint(2, 5)
            text, ranges = T.insert_many(base, _foreign(s, rng), rng, times, glued=n == 1)
            docs.append(EvalDoc(f"{name}/many{n}", text, "insert_many", None, True, ranges))
        for n in range(2):
            text, ranges = T.insert_many(compose(s, rng), _foreign(s, rng), rng, 1, glued=False)
            docs.append(EvalDoc(f"{name}/once{n}", text, "insert_once", None, True, ranges))
        text, ranges = T.repeat_own(compose(s, rng), rng)
        docs.append(EvalDoc(f"{name}/repeat", text, "repeat_own", None, True, ranges))
    return docs
