"""Normalisation, segmentation, query parsing and snippets: no database needed."""

from __future__ import annotations

import random
import unicodedata

from wenku.search.snippets import highlight, snippet
from wenku.search.text import (
    MAX_TERM_CHARS,
    bigrams,
    fts5_phrase,
    normalize,
    parse_query,
    squeeze,
    tokens,
)


def test_normalize_folds_width_and_case():
    assert normalize("ＡＢＣ１２３ｄｅｆ") == "abc123def"
    assert normalize("iPhone") == "iphone"
    assert squeeze("Ｐｙｔｈｏｎ 3.11，教程！") == "python311教程"


def test_bigrams_overlap_and_single_characters():
    assert bigrams("数学期末") == ["数学", "学期", "期末"]
    assert bigrams("书") == ["书"]
    assert bigrams("") == []
    assert tokens("ab12") == "ab b1 12"


def test_fast_paths_give_what_the_plain_definitions_give():
    """normalize() maps full-width forms before NFKC and tokens() builds bigrams in an
    array: both must equal the plain definitions on any text, not only on the common one."""
    ranges = [(0x20, 0x7F), (0xA0, 0x180), (0x300, 0x370), (0x2000, 0x2070), (0x2100, 0x2500),
              (0x3000, 0x3100), (0x3200, 0x3400), (0x4E00, 0x4E80), (0xAC00, 0xAC20),
              (0x1100, 0x1120), (0x1161, 0x1176), (0xFF00, 0xFFF0), (0x20000, 0x20010),
              (0x1F600, 0x1F610)]  # fmt: skip
    pool = [chr(code) for low, high in ranges for code in range(low, high)]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert normalize(text) == unicodedata.normalize("NFKC", text).casefold(), repr(text)
        squeezed = squeeze(text)
        assert tokens(squeezed) == " ".join(bigrams(squeezed)), repr(squeezed)
    assert tokens("第1章𠀀😀") == "第1 1章 章𠀀 𠀀😀"  # outside the BMP too
    assert normalize("１００㎡，３℃……") == "100m2,3°c......"


def test_parse_query_terms_and_exact_phrase():
    q = parse_query("  数学 期末  考试 ")
    assert q.terms == ("数学", "期末", "考试")
    assert q.exact == "数学期末考试"
    assert parse_query("数学 数学期末").terms == ("数学期末",)  # a term inside another
    assert parse_query("中 国").terms == ("中国",)  # single characters typed apart
    assert parse_query("二 a 数学").terms == ("数学",)


def test_parse_query_edge_cases():
    assert parse_query("").is_blank and not parse_query("").is_searchable
    assert parse_query("书").char == "书" and not parse_query("书").terms
    assert not parse_query("！？。,.;'\"()*").is_searchable
    assert not parse_query("😀🎉").is_searchable
    long = parse_query("文" * 10_000)
    assert len(long.terms) == 1 and len(long.terms[0]) == MAX_TERM_CHARS


def test_fts_syntax_is_only_ever_text():
    for raw in ['"', "*", "NEAR(a b)", "a OR b", "-x", "(", "a AND NOT b", "title:x", "^x"]:
        for term in parse_query(raw).terms:
            phrase = fts5_phrase(term)
            inner = phrase[1:-1]
            assert phrase.startswith('"') and phrase.endswith('"') and '"' not in inner
            assert all(ch.isalnum() or ch == " " for ch in inner)


def test_highlight_escapes_and_marks():
    html = highlight("<b>Python</b> 数学，期末", parse_query("python 数学期末"))
    assert "&lt;b&gt;<mark>Python</mark>&lt;/b&gt;" in html
    assert "<mark>数学，期末</mark>" in html  # punctuation inside a match is ignored


def test_snippet_window_and_fallback():
    text = "甲" * 300 + "关键短语" + "乙" * 300
    s = snippet([text], parse_query("关键短语"))
    assert "<mark>关键短语</mark>" in s and s.startswith("…") and s.endswith("…")
    assert len(s) < 200
    assert snippet(["", "描述文字"], parse_query("不存在")) == "描述文字"
    assert snippet([], parse_query("x")) == ""
    assert "&lt;script&gt;" in snippet(["<script>alert(1)</script>"], parse_query("alert"))
