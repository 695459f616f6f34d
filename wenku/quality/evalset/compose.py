"""Documents composed from the corpora: each genre's template around a subject's paragraphs."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from . import corpus_contracts as contracts
from . import corpus_essays as essays
from . import corpus_lessons as lessons
from . import corpus_reports as reports
from . import corpus_speeches as speeches

GENRES = {
    "report": reports,
    "speech": speeches,
    "lesson": lessons,
    "contract": contracts,
    "essay": essays,
}
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")


@dataclass(frozen=True)
class Subject:
    genre: str
    topic: str

    @property
    def paragraphs(self) -> list[str]:
        return GENRES[self.genre].TOPICS[self.topic]


def subjects() -> list[Subject]:
    return [Subject(g, t) for g, module in GENRES.items() for t in module.TOPICS]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.findall(paragraph) if s.strip()]


def _fill(text: str, place: str) -> str:
    return text.replace("{place}", place)


def compose(subject: Subject, rng: random.Random, body: list[str] | None = None) -> list[str]:
    """Title and paragraphs of one document. `body` replaces the subject's own paragraphs
    (seven, in the order the genre's skeleton expects)."""
    genre, module = subject.genre, GENRES[subject.genre]
    given = list(body if body is not None else subject.paragraphs)
    # Fewer than seven paragraphs: the skeleton's later slots stay empty (dropped below).
    paras: list[str] = given[:7] + [""] * (7 - len(given[:7]))
    title = module.TITLES[subject.topic]
    if genre == "report":
        place = rng.choice(reports.PLACES)
        year = str(rng.choice([2021, 2022, 2023]))
        opening = reports.OPENING.replace("{place}", place).replace("{year}", year)
        h = reports.HEADINGS
        out = [_fill(title, place), opening, h[0], *paras[:5], h[1], paras[5], h[2], paras[6]]
        out.append(reports.CLOSING)
    elif genre == "speech":
        place = rng.choice(speeches.PLACES)
        out = [_fill(title, place), rng.choice(speeches.SALUTATIONS), *paras]
        out.append(rng.choice(speeches.CLOSINGS))
    elif genre == "lesson":
        grade = rng.choice(lessons.GRADES)
        h, steps, stock = lessons.HEADINGS, lessons.STEPS, lessons.STOCK
        out = [title.replace("{grade}", grade), stock[1], h[0], paras[0], h[1], paras[1]]
        out += [stock[0], h[2], steps[0], paras[2], steps[1], paras[3], paras[4], steps[2]]
        out += [paras[5], stock[2], stock[3], h[3], paras[6]]
    elif genre == "contract":
        place = rng.choice(contracts.PLACES)
        role_a, role_b, party_a, party_b = rng.choice(contracts.PARTIES)
        preamble = contracts.PREAMBLE.format(
            role_a=role_a, role_b=role_b, party_a=party_a, party_b=party_b
        )
        date = f"{rng.choice([2022, 2023, 2024])}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        out = [title, *preamble.split("\n"), *(_fill(p, place) for p in paras)]
        out += [f"第{_CN[8 + i]}条 {clause}" for i, clause in enumerate(contracts.STANDARD)]
        out += contracts.SIGNATURE.format(date=date).split("\n")
    else:
        out = [title, *paras]
    return [p for p in out if p]


_CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def mixed_body(pool: list[str], rng: random.Random, paragraphs: int, per: int) -> list[str]:
    """Paragraphs of sentences drawn at random from `pool`: distinct text of a genre's style."""
    return ["".join(rng.sample(pool, per)) for _ in range(paragraphs)]


def sentence_pool(chosen: list[Subject]) -> list[str]:
    return [s for subject in chosen for p in subject.paragraphs for s in sentences(p)]
