"""Synthetic but real-looking Chinese prose for search tests and the benchmark.

Words come from jieba's own dictionary, weighted by their corpus frequency and picked by
part of speech into a few dozen clause patterns, so word lengths, character frequencies and
common bigrams resemble real text (no downloads). Deterministic for a given seed.
"""

from __future__ import annotations

import bisect
import itertools
import random
from pathlib import Path

import jieba

_PATTERNS = [
    "r d v n",
    "n v a 的 n",
    "p n f ， r v 了 n",
    "t ， n d v n",
    "r v n 和 n",
    "a 的 n d v",
    "n 的 n v vn",
    "d v n ， v n",
    "r 认为 n d a",
    "ns 的 n v 了 m 个 n",
    "nr v ， n v n",
    "n 是 a 的 n",
    "v n ， r d v",
    "c n d v ， r v n",
    "i ， n v n",
]
_END = "。。。。。！？；"
_TITLES = [
    "{year}年{n}{n}工作总结",
    "{n}{vn}方案",
    "{ns}{n}{vn}报告",
    "{year}年{n}期末考试试卷及答案",
    "关于{n}{vn}的通知",
    "{n}与{n}研究",
    "{n}{n}管理制度",
    "{nz}{n}教程",
    "{i}——{n}演讲稿",
    "{n}{vn}合同范本",
]


class Corpus:
    """Samples words by part of speech, weighted by jieba dictionary frequency."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        words: dict[str, list[tuple[str, int]]] = {}
        path = Path(jieba.__file__).parent / "dict.txt"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) != 3:
                    continue
                word, freq, pos = parts[0], int(parts[1]), parts[2]
                if pos == "x" or freq < 3:
                    continue
                words.setdefault(pos[:2] if pos in ("nr", "ns", "nz", "vn") else pos[0], [])
                words[pos[:2] if pos in ("nr", "ns", "nz", "vn") else pos[0]].append((word, freq))
        self._table: dict[str, tuple[list[str], list[float]]] = {}
        for pos, items in words.items():
            names = [w for w, _ in items]
            cum = list(itertools.accumulate(f for _, f in items))
            self._table[pos] = (names, cum)

    def word(self, pos: str) -> str:
        names, cum = self._table.get(pos) or self._table["n"]
        return names[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def clause(self) -> str:
        out = []
        for slot in self.rng.choice(_PATTERNS).split():
            if slot.isascii() and slot.isalpha():
                out.append(self.word(slot))
            else:
                out.append(slot)
        return "".join(out)

    def sentence(self) -> str:
        parts = [self.clause() for _ in range(self.rng.randint(1, 3))]
        text = "，".join(parts) + self.rng.choice(_END)
        roll = self.rng.random()
        if roll < 0.05:  # a sprinkle of numbers and Latin, as in real documents
            text = f"{self.rng.randint(1, 2030)}年{text}"
        elif roll < 0.08:
            text = self.rng.choice(["PDF", "Excel", "Word", "iPhone", "Python", "GDP"]) + text
        return text

    def text(self, chars: int) -> str:
        out: list[str] = []
        size = 0
        while size < chars:
            s = self.sentence()
            out.append(s)
            size += len(s)
        return "".join(out)[:chars]

    def title(self) -> str:
        fields = {"year": str(self.rng.randint(2005, 2025))}
        template = self.rng.choice(_TITLES)
        while "{" in template:
            start = template.index("{")
            key = template[start + 1 : template.index("}")]
            value = fields.get(key) or self.word(key)
            template = template[:start] + value + template[template.index("}") + 1 :]
        return template[:80]
