"""How foreign each part of a document is to the rest of it: the stuffing detector's evidence.

Each unit (a paragraph, short lines merged, or one repeated passage counted once) gets
features measured against the rest of its own document, and each feature is also taken
relative to the document's other units — what matters is whether a unit stands out in
*this* document. A poem collection's poems share few words with each other, a list of
interface strings has no topic at all, a manual repeats its commands: what is normal there
is the document's own median, not a fixed bar.

Features (all computed per unit against the other units):
    llr, rel_llr        topic.py's word log-likelihood ratio (explained by the rest vs by
                        Chinese in general), and the same minus the document's median
    log_cos, rel_log_cos  log character-bigram TF-IDF cosine with the rest, and the same
                        minus the log of the document's median cosine
    log_style           log distance of the unit's character make-up (CJK / Latin / digits /
                        punctuation / Traditional-only characters / line length) from the
                        document's median, per feature in units of the document's spread
    repeats             log of how often the unit occurs (a passage pasted several times,
                        back to back or apart: stuffing.occurrences)
    cos_x_style         log_cos × log_style: unlike in words *and* in make-up
They are combined by a logistic model (WEIGHTS) fitted on the tuning half of the real
evaluation set plus the project's generated set (evalset/fit.py prints a new fit); the
log-odds is the unit's score, and stuffing.best_run adds up consecutive units.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .topic import Unit, char_llr, group_llr

MIN_UNIT = 40  # normalised characters a unit needs to be judged
MIN_UNITS = 4  # fewer judged units (distinct groups): too little context to judge any
MODEL = (
    "log_cos",
    "rel_log_cos",
    "log_style",
    "llr",
    "rel_llr",
    "char_llr",
    "rel_char_llr",
    "repeats",
    "cos_x_style",
    *(f"style_{i}" for i in range(9)),  # each dimension of the make-up (see _profile)
)
# Logistic weights (bias first, then MODEL's order): `python -m wenku.quality.evalset.fit`.
WEIGHTS = (
    -9.610, -1.113, -1.677, 3.176, -1.415, 0.400, -1.045, 0.239, 2.557, 0.647,
    -0.154, 2.195, -0.313, -0.235, 0.052, 2.467, 1.317, 0.082, 0.936,
)  # fmt: skip


# A passage occurring more than once that the rest of the document explains no better than
# Chinese in general, with far fewer shared bigrams than its other parts: pasted stuffing (the
# seed page's 拓展训练 paragraph). No clean document of the real set has such a passage.
PASTED_FOREIGN = 0.95
PASTED_MAX_LLR, PASTED_MAX_REL_LLR, PASTED_MAX_REL_COS = 0.2, -0.5, -1.0


def _pasted_foreign(f: dict[str, float]) -> bool:
    return (
        f["repeats"] > 0
        and f["llr"] < PASTED_MAX_LLR
        and f["rel_llr"] < PASTED_MAX_REL_LLR
        and f["rel_log_cos"] < PASTED_MAX_REL_COS
    )


@dataclass
class UnitScore:
    features: dict[str, float]
    logit: float  # log-odds that the unit is stuffing
    pasted: bool = False  # a foreign passage occurring more than once (_pasted_foreign)

    @property
    def probability(self) -> float:
        return sigmoid(self.logit)


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_MODERN = set("的了是在这们个么着吗呢吧就都也还没被把给对从")  # modern prose, rare in verse
_CLAUSE = re.compile(r"[，。！？；：,.!?;:\n]+")


def _profile(text: str) -> np.ndarray:
    """The character make-up of a text: what register and format it is written in."""
    chars = [c for c in text if not c.isspace()]
    n = max(1, len(chars))
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in chars)
    latin = sum(c.isascii() and c.isalpha() for c in chars)
    digit = sum(c.isdigit() for c in chars)
    punct = n - cjk - latin - digit
    wide = sum(not c.isascii() and not c.isalnum() for c in chars)
    han = "".join(c for c in chars if "\u4e00" <= c <= "\u9fff")
    traditional = sum(a != b for a, b in zip(han, _t2s().convert(han), strict=False))
    modern = sum(c in _MODERN for c in han)
    lines = [s for s in text.splitlines() if s.strip()]
    width = sum(len(s) for s in lines) / max(1, len(lines))
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    clause = sum(len(c) for c in clauses) / max(1, len(clauses))
    return np.array(
        [
            cjk / n,
            latin / n,
            digit / n,
            punct / n,
            wide / max(1, punct),
            traditional / max(1, cjk),
            modern / max(1, cjk),
            math.log1p(width) / 5,
            math.log1p(clause) / 5,
        ]
    )


def _bigrams(norm: str) -> Counter[str]:
    return Counter(norm[i : i + 2] for i in range(len(norm) - 1))


def score_groups(  # long: one pass over the groups, its features read together
    units: list[Unit], texts: list[str], counts: dict[int, int] | None = None
) -> dict[int, UnitScore]:
    """A score per judged group (units of one group are one repeated passage); `texts` are
    the units' original texts (for their character make-up); `counts` how often each
    group's passage occurs (default: its units)."""
    judged = [i for i, u in enumerate(units) if len(u.norm) >= MIN_UNIT]
    groups = sorted({units[i].group for i in judged})
    if len(groups) < MIN_UNITS:
        return {}
    norm_of = {units[i].group: units[i].norm for i in judged}
    text_of = {units[i].group: texts[i] for i in judged}
    count_of = Counter(u.group for u in units)
    for g, c in (counts or {}).items():
        count_of[g] = max(count_of[g], c)
    llr = group_llr({g: norm_of[g] for g in groups})
    cllr = char_llr({g: norm_of[g] for g in groups})

    grams = {g: _bigrams(norm_of[g]) for g in groups}
    df = Counter(b for g in groups for b in grams[g])
    total = len(groups)
    idf = {b: math.log((total + 1) / (d + 1)) + 1 for b, d in df.items()}
    vectors = {g: {b: c * idf[b] for b, c in grams[g].items()} for g in groups}
    everything: Counter[str] = Counter()
    for v in vectors.values():
        everything.update(v)
    cos = {}
    for g in groups:
        v = vectors[g]
        dot = sum(w * (everything[b] - w) for b, w in v.items())
        rest_norm = math.sqrt(
            sum(w * w for w in everything.values())
            - 2 * sum(w * everything[b] for b, w in v.items())
            + sum(w * w for w in v.values())
        )
        own = math.sqrt(sum(w * w for w in v.values()))
        cos[g] = dot / (own * rest_norm) if own and rest_norm > 1e-9 else 0.0

    llr_values = np.array([llr[g] for g in groups])
    cos_values = np.array([cos[g] for g in groups])
    log_cos = np.log(cos_values + 0.005)
    median_log_cos = math.log(float(np.median(cos_values)) + 0.005)
    median_llr = float(np.median(llr_values))
    cllr_values = np.array([cllr[g] for g in groups])
    median_cllr = float(np.median(cllr_values))
    profiles = np.array([_profile(text_of[g]) for g in groups])
    median = np.median(profiles, axis=0)
    spread = np.median(np.abs(profiles - median), axis=0) + 0.03
    deviation = np.minimum(np.abs(profiles - median) / spread, 10)
    style = np.log1p(deviation.sum(axis=1))

    bias, *weights = WEIGHTS
    out = {}
    for k, g in enumerate(groups):
        features = {
            "cos": float(cos_values[k]),
            "log_cos": float(log_cos[k]),
            "rel_log_cos": float(log_cos[k] - median_log_cos),
            "log_style": float(style[k]),
            "llr": float(llr_values[k]),
            "rel_llr": float(llr_values[k] - median_llr),
            "char_llr": float(cllr_values[k]),
            "rel_char_llr": float(cllr_values[k] - median_cllr),
            "repeats": math.log(count_of[g]),
            "cos_x_style": float(log_cos[k] * style[k]),
            **{f"style_{i}": float(np.log1p(v)) for i, v in enumerate(deviation[k])},
        }
        z = bias + sum(w * features[name] for w, name in zip(weights, MODEL, strict=True))
        pasted = _pasted_foreign(features)
        if pasted:
            z = max(z, logit(PASTED_FOREIGN))
        out[g] = UnitScore(features, z, pasted)
    return out
