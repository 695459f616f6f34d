"""Related documents: by text similarity, listed only, across categories."""

from __future__ import annotations

import pytest

from tests.search.corpus import Corpus
from wenku.library.models import Document
from wenku.search.services import related_documents

pytestmark = pytest.mark.django_db


def test_related_by_text_not_category(make_doc, categories):
    corpus = Corpus(seed=9)
    noise = [make_doc(title=corpus.title(), pages=[corpus.text(300)]) for _ in range(8)]
    topic = "新能源汽车电池回收利用的技术路线与政策分析。"
    me = make_doc(title="新能源汽车电池回收研究", pages=[topic * 3], category=categories["root"])
    twin = make_doc(
        title="新能源汽车电池回收利用报告", pages=[topic * 2], category=categories["other"]
    )
    cousin = make_doc(title="动力电池回收政策分析", pages=[topic], category=categories["other"])
    hidden = make_doc(
        title="新能源汽车电池回收研究（隐藏）",
        pages=[topic],
        visibility=Document.Visibility.HIDDEN,
    )
    related = related_documents(me, limit=6)
    assert related[:2] == [twin, cousin]
    assert me not in related and hidden not in related
    assert all(d.is_listed for d in related)
    assert len(related_documents(me, limit=1)) == 1
    assert set(related) - {twin, cousin} <= set(noise)


def test_related_drops_documents_hidden_after_caching(make_doc):
    me = make_doc(title="城市轨道交通规划", pages=["地铁线路规划与客流预测"])
    other = make_doc(title="城市轨道交通建设", pages=["地铁线路建设与客流"])
    assert related_documents(me) == [other]
    Document.objects.filter(pk=other.pk).update(visibility=Document.Visibility.REMOVED)
    assert related_documents(me) == []


def test_related_of_an_unindexed_document(make_doc):
    draft = make_doc(title="城市轨道交通规划", status=Document.Status.CONVERTING)
    other = make_doc(title="城市轨道交通建设")
    assert related_documents(draft) == [other]


def test_too_few_similar_are_topped_up_from_the_category(make_doc, categories):
    me = make_doc(title="甲乙丙丁", pages=["子丑寅卯"], category=categories["child"])
    same = make_doc(title="戊己庚辛", pages=["辰巳午未"], category=categories["child"])
    make_doc(title="壬癸", pages=["申酉戌亥"], category=categories["other"])
    assert related_documents(me) == [same]
