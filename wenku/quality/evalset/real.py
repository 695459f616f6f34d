"""The evaluation set of real documents (sources.py), labelled, deterministic for a seed.

Stuffing. Clean documents of every genre, as the packages ship them (capped per genre so
that no genre dominates), and for each one a stuffed copy: a real passage from a document of
another genre family (a man page's paragraph in a poem collection, a poem in a manual …)
inserted at paragraph boundaries once ("insert_once"), at 2–5 places ("insert_many"), or
2–4 times in a row at one place ("repeat_block"). Labels are the inserted character ranges.

Near-duplicates. A library of real documents; positive queries are copies that re-uploaders
make of one of them (Traditional/Simplified conversion, a 20–30% excerpt, sections in
another order, light edits, the text re-encoded as GBK/Big5/UTF-16 and decoded as an upload
is); negatives are other real documents of the same genres (man pages of one project share
their boilerplate) and their copies, which must match nothing.

Split: every document belongs to half "tune" or "test" by a hash of its source id, and its
stuffed copy or duplicate queries go with it. Thresholds are tuned on "tune"; "test" reports.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .sources import Source, all_sources

PER_GENRE = {
    "manual": 60,
    "manual_tw": 30,
    "reference": 36,
    "reference_tw": 24,
    "poems": 32,
    "sayings": 30,
    "tips": 20,
    "ui_strings": 40,
    "dictionary": 6,
    "classics": 40,
    "law": 36,
    "exam": 30,
}
# The genres of the set as first measured; the later ones (ADDED_GENRES) come from registry
# packages (packaged.py). FIRST_GENRES's stuffed copies are as they were.
FIRST_GENRES = (
    "manual", "manual_tw", "reference", "reference_tw", "poems", "sayings", "tips",
    "ui_strings", "dictionary",
)  # fmt: skip
ADDED_GENRES = ("classics", "law", "exam")
FAMILY = {
    "manual": "tech",
    "manual_tw": "tech",
    "reference": "tech",
    "reference_tw": "tech",
    "ui_strings": "tech",
    "tips": "tech",
    "dictionary": "table",
    "poems": "literature",
    "sayings": "literature",
    "classics": "literature",
    "law": "legal",
    "exam": "legal",  # judicial-examination questions: a law's article is not foreign there
}


@dataclass
class RealDoc:
    id: str
    genre: str
    text: str
    half: str  # "tune" | "test"
    kind: str = "clean"  # clean | insert_once | insert_many | repeat_block (stuffing);
    # duplicates: original | trad | simp | excerpt | reorder | edits | gbk | big5 | utf16 | other
    stuffed: bool = False
    stuffed_ranges: list[tuple[int, int]] = field(default_factory=list)
    origin: str | None = None  # duplicate queries: the library document, None = none


def half_of(source_id: str) -> str:
    return "tune" if hashlib.sha1(source_id.encode()).digest()[0] % 2 == 0 else "test"


@lru_cache(maxsize=1)
def _sources() -> tuple[Source, ...]:
    return tuple(all_sources())


def chosen(seed: int = 0) -> list[Source]:
    rng = random.Random(seed)
    out = []
    for genre, count in PER_GENRE.items():
        mine = [s for s in _sources() if s.genre == genre]
        out += rng.sample(mine, min(count, len(mine)))
    return out


def _cjk_share(text: str) -> float:
    return sum("\u4e00" <= c <= "\u9fff" for c in text) / max(1, len(text))


def _donor_passages(sources: list[Source]) -> list[tuple[str, str]]:
    """(family, passage): prose of 80–400 characters, consecutive blocks of one document."""
    out = []
    for source in sources:
        family = FAMILY[source.genre]
        run = ""
        for block in source.blocks:
            run = f"{run}\n{block}" if run else block
            if len(run) >= 80:
                if len(run) <= 400 and _cjk_share(run) >= 0.4:
                    out.append((family, run))
                run = ""
    return out


def stuff(source: Source, donors, rng: random.Random, kind: str) -> tuple[str, list]:
    family = FAMILY[source.genre]
    passage = rng.choice([p for f, p in donors if f != family])
    blocks = list(source.blocks)
    if kind == "insert_once":
        places = [rng.randint(1, len(blocks) - 1)]
        copies = 1
    elif kind == "insert_many":
        places = sorted(rng.sample(range(1, len(blocks)), min(len(blocks) - 1, rng.randint(2, 5))))
        copies = 1
    else:  # repeat_block
        places = [rng.randint(1, len(blocks) - 1)]
        copies = rng.randint(2, 4)
    pieces: list[tuple[str, bool]] = []
    for index, block in enumerate(blocks):
        if index in places:
            pieces += [(passage, True)] * copies
        pieces.append((block, False))
    text, ranges, position = [], [], 0
    for piece, inserted in pieces:
        if inserted:
            ranges.append((position, position + len(piece)))
        text.append(piece)
        position += len(piece) + 1
    return "\n".join(text), ranges


@lru_cache(maxsize=8)
def build_stuffing_set(seed: int = 0, cross: bool = False) -> tuple[RealDoc, ...]:
    """The first genres (FIRST_GENRES) draw their passages from each other's documents, as
    when their figures were recorded; the genres added later (classics, law, exam) from the
    chosen documents of every genre (per-genre caps weigh the donors: all 300 laws would
    make nearly every insertion a law's article). `cross`: every document draws from the
    chosen documents of every genre, laws and exam questions into manuals and poems too —
    reported by bench/quality.py, not yet at the targets."""
    sources = chosen(seed)
    first = _donor_passages([s for s in _sources() if s.genre in FIRST_GENRES])
    every = _donor_passages(sources)
    rng = random.Random(seed + 1)
    docs: list[RealDoc] = []
    for source in sources:
        half = half_of(source.id)
        docs.append(RealDoc(source.id, source.genre, source.text, half))
        if len(source.blocks) < 3:
            continue
        kind = rng.choice(("insert_once", "insert_once", "insert_many", "repeat_block"))
        donors = first if source.genre in FIRST_GENRES and not cross else every
        text, ranges = stuff(source, donors, rng, kind)
        docs.append(RealDoc(f"{source.id}+{kind}", source.genre, text, half, kind, True, ranges))
    return tuple(docs)


# --- near-duplicates ---------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[。！？；\n])")
_PUNCT = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")"})


def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def light_edits(text: str, rng: random.Random) -> str:
    sentences = [s for s in _SENTENCE.split(text) if s]
    kept = [s for s in sentences if rng.random() > 0.08]  # ~8% of sentences deleted
    out = list("".join(kept).translate(_PUNCT))
    cjk = [i for i, c in enumerate(out) if "\u4e00" <= c <= "\u9fff"]
    for i in rng.sample(cjk, min(len(cjk), rng.randint(3, 8))):
        out[i] = rng.choice("的一是在不了有和人这中大为上个国我以要他")
    return "".join(out)


def reordered(source: Source, rng: random.Random) -> str:
    blocks = source.blocks
    parts = rng.randint(3, 5)
    size = max(1, len(blocks) // parts)
    sections = [blocks[i : i + size] for i in range(0, len(blocks), size)]
    while len(sections) > 1:
        order = sections[:]
        rng.shuffle(order)
        if order != sections:
            break
    return "\n".join(b for section in order for b in section)


def excerpt(source: Source, rng: random.Random) -> str:
    text = source.text
    share = rng.uniform(0.2, 0.3)
    length = int(len(text) * share)
    start = rng.randint(0, len(text) - length)
    return text[start : start + length]


def reencoded(text: str, encoding: str) -> str:
    """The text as an upload in `encoding` is read by the pipeline (conversion.textfile)."""
    import tempfile
    from pathlib import Path

    from wenku.conversion.textfile import decode_text  # evaluation only: the pipeline's decoder

    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.txt"
        path.write_bytes(data)
        return decode_text(path)


@lru_cache(maxsize=4)
def build_duplicate_set(seed: int = 0) -> tuple[tuple[RealDoc, ...], tuple[RealDoc, ...]]:
    """(library, queries). Every query with an origin must find it; the others nothing."""
    rng = random.Random(seed + 2)
    # A zh_TW man page or reference section is the zh_CN one converted: one of each pair.
    pool, seen = [], set()
    for source in chosen(seed):
        twin = source.id.split(":", 1)[1]
        # "tips" quote the Debian reference: copies of it, not negatives.
        usable = source.genre not in ("dictionary", "tips") and len(source.text) >= 1500
        if usable and twin not in seen:
            seen.add(twin)
            pool.append(source)
    rng.shuffle(pool)
    library_sources, outside = pool[: len(pool) // 2], pool[len(pool) // 2 :]
    library = [RealDoc(s.id, s.genre, s.text, half_of(s.id), "original") for s in library_sources]
    queries: list[RealDoc] = []
    for source in library_sources:
        half = half_of(source.id)
        traditional = source.genre.endswith("_tw")

        def q(kind: str, text: str, src: Source = source, h: str = half) -> None:
            queries.append(RealDoc(f"{src.id}~{kind}", src.genre, text, h, kind, origin=src.id))

        if traditional:
            q("simp", _converter("tw2sp").convert(source.text))
            q("big5", reencoded(source.text, "big5"))
        else:
            q("trad", _converter(rng.choice(("s2t", "s2twp", "s2hk"))).convert(source.text))
            q("gbk", reencoded(source.text, "gbk"))
        if len(source.text) >= 3000:
            q("excerpt", excerpt(source, rng))
        if len(source.blocks) >= 6:
            q("reorder", reordered(source, rng))
        q("edits", light_edits(source.text, rng))
        q("utf16", reencoded(source.text, "utf-16"))
    for source in outside:
        half = half_of(source.id)
        queries.append(RealDoc(source.id, source.genre, source.text, half, "other"))
        edited = light_edits(source.text, rng)
        queries.append(RealDoc(f"{source.id}~edits", source.genre, edited, half, "other"))
    return tuple(library), tuple(queries)
