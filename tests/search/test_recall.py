"""Recall: any substring of two or more letters/digits of a document's text finds it."""

from __future__ import annotations

import random

import jieba
import pytest

from tests.search.corpus import Corpus
from wenku.search.backends import get_backend
from wenku.search.indexing import listed
from wenku.search.services import search
from wenku.search.text import parse_query, squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus_docs(make_doc):
    corpus = Corpus(seed=11)
    docs = []
    for _ in range(30):
        pages = [corpus.text(random.Random(len(docs)).randint(150, 400)) for _ in range(3)]
        docs.append(make_doc(title=corpus.title(), pages=pages, description=corpus.text(40)))
    return docs


def _fields(doc) -> list[str]:
    body = "\n".join(doc.pages.order_by("number").values_list("text", flat=True))
    return [squeeze(doc.title), squeeze(doc.description), squeeze(body)]


def _substrings(docs, rng: random.Random, n: int) -> list[str]:
    out = []
    while len(out) < n:
        doc = rng.choice(docs)
        text = rng.choice(list(doc.pages.values_list("text", flat=True)) + [doc.title])
        size = rng.randint(2, 8)
        if len(text) <= size:
            continue
        start = rng.randrange(len(text) - size)
        sub = text[start : start + size]
        if len(squeeze(sub)) >= 2:
            out.append(sub)
    return out


def _across_jieba_words(docs, rng: random.Random, n: int) -> list[str]:
    """Substrings that start inside one jieba word and end inside the next."""
    out = []
    for doc in docs:
        words = jieba.lcut(doc.pages.first().text)
        for a, b in zip(words, words[1:], strict=False):
            if len(a) >= 2 and len(b) >= 2 and squeeze(a + b) == a + b:
                out.append(a[-rng.randint(1, len(a) - 1) :] + b[: rng.randint(1, len(b) - 1)])
    rng.shuffle(out)
    return out[:n]


def test_random_substrings_are_found_exactly(corpus_docs):
    rng = random.Random(5)
    fields = {d.pk: _fields(d) for d in corpus_docs}
    queries = _substrings(corpus_docs, rng, 120) + _across_jieba_words(corpus_docs, rng, 60)
    assert len(queries) > 150
    backend = get_backend()
    for q in queries:
        needle = squeeze(q)
        expected = {pk for pk, fs in fields.items() if any(needle in f for f in fs)}
        assert expected, q
        found = backend.matching_ids(parse_query(q), listed())
        # Bigram phrases are exact on squeezed text: no miss and no false hit.
        assert found == expected, q
        assert search(q).count == len(expected)


def test_mixed_scripts_width_and_case(make_doc):
    doc = make_doc(title="产品手册", pages=["2023年iPhone15发布会在Cupertino举行，售价5999元。"])
    for q in ["iphone15发", "ＩＰＨＯＮＥ", "23年i", "5999元", "cupertino举行", "发布会 iPhone"]:
        assert [r.document.pk for r in search(q).results] == [doc.pk], q
    assert not search("iphone16").results


def test_text_split_by_pdf_line_breaks_is_found(make_doc):
    # pypdfium2 puts line breaks and stray spaces between Chinese characters.
    doc = make_doc(pages=["职业\n教育 工作\r\n会议"])
    assert [r.document.pk for r in search("职业教育工作会议").results] == [doc.pk]


def test_title_tags_category_and_description_are_searched(make_doc, categories):
    doc = make_doc(
        title="年度报告",
        pages=["正文"],
        tags=("机器学习",),
        category=categories["grand"],
        description="本文介绍深度神经网络",
    )
    for q in ["年度报告", "机器学习", "高考数学", "教育考试", "神经网络"]:
        assert [r.document.pk for r in search(q).results] == [doc.pk], q
