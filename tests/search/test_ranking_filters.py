"""Ranking, filters, sorting, pagination, and what never appears in results."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wenku.library.models import Document, Page
from wenku.search.backends import get_backend
from wenku.search.indexing import listed
from wenku.search.models import IndexedDocument
from wenku.search.services import Filters, remove_document, search, sync_document
from wenku.search.text import parse_query

pytestmark = pytest.mark.django_db


def ids(q: str = "", **kwargs) -> list[int]:
    return [r.document.pk for r in search(q, **kwargs).results]


def test_title_match_ranks_above_body_match(make_doc):
    body = make_doc(title="学期工作计划", pages=["本学期重点是量子计算的基础课程建设。" * 3])
    title = make_doc(title="量子计算入门", pages=["这是一本介绍计算机原理的书。"])
    desc = make_doc(title="物理讲义", description="涉及量子计算", pages=["力学与热学。"])
    assert ids("量子计算") == [title.pk, desc.pk, body.pk]
    scores = [r.score for r in search("量子计算").results]
    assert scores == sorted(scores, reverse=True)


def test_exact_phrase_ranks_first(make_doc):
    apart = make_doc(title="数学资料", pages=["期末复习资料，数学部分。"])
    together = make_doc(title="复习资料", pages=["数学期末复习。"])
    assert ids("数学 期末") == [together.pk, apart.pk]
    assert search("数学 期末").count == 2


def test_all_terms_must_match(make_doc):
    make_doc(title="数学试卷", pages=["代数"])
    both = make_doc(title="数学试卷", pages=["几何"])
    assert ids("数学 几何") == [both.pk]


def test_category_filter_includes_subcategories(make_doc, categories):
    grand = make_doc(title="函数专题", category=categories["grand"])
    child = make_doc(title="函数练习", category=categories["child"])
    other = make_doc(title="函数应用", category=categories["other"])
    make_doc(title="函数无类", category=None)
    assert set(ids("函数", filters=Filters(category=categories["root"]))) == {grand.pk, child.pk}
    assert ids("函数", filters=Filters(category=categories["grand"])) == [grand.pk]
    assert ids("函数", filters=Filters(category=categories["other"])) == [other.pk]
    assert search("函数").count == 4


def test_format_pages_price_and_date_filters(make_doc):
    pdf = make_doc(title="报告甲", format="pdf", pages=["x"] * 3, price=0)
    docx = make_doc(title="报告乙", format="docx", pages=["x"] * 12, price=5)
    ppt = make_doc(title="报告丙", format="pptx", pages=["x"] * 30, price=0)
    Document.objects.filter(pk=ppt.pk).update(created_at=timezone.now() - timedelta(days=90))

    def f(**kw) -> set[int]:
        return set(ids("报告", filters=Filters(**kw)))

    assert f(formats=("doc", "docx", "wps")) == {docx.pk}
    assert f(formats=("pdf",)) == {pdf.pk}
    assert f(pages_min=10) == {docx.pk, ppt.pk}
    assert f(pages_max=12) == {pdf.pk, docx.pk}
    assert f(pages_min=4, pages_max=20) == {docx.pk}
    assert f(free=True) == {pdf.pk, ppt.pk}
    assert f(free=False) == {docx.pk}
    assert f(since=timezone.now() - timedelta(days=30)) == {pdf.pk, docx.pk}
    assert f(free=True, pages_min=10) == {ppt.pk}


def test_sorts_and_pagination(make_doc):
    docs = [make_doc(title=f"课程设计{i}", downloads=d) for i, d in enumerate([5, 50, 0, 7, 9])]
    for age, doc in enumerate(docs):
        Document.objects.filter(pk=doc.pk).update(created_at=timezone.now() - timedelta(age))
    assert ids("课程设计", sort="newest") == [d.pk for d in docs]
    by_downloads = sorted(docs, key=lambda d: -d.downloads)
    assert ids("课程设计", sort="downloads") == [d.pk for d in by_downloads]
    pages = [search("课程设计", page=p, per_page=2) for p in (1, 2, 3, 4)]
    assert [len(p.results) for p in pages] == [2, 2, 1, 0]
    assert all(p.count == 5 for p in pages) and pages[0].num_pages == 3
    seen = [r.document.pk for p in pages for r in p.results]
    assert sorted(seen) == sorted(d.pk for d in docs)
    assert search("课程设计", sort="nonsense").sort == "relevance"


def test_bounded_ranking_keeps_title_matches(make_doc, monkeypatch):
    monkeypatch.setattr(get_backend(), "rank_limit", 3)
    old_title = make_doc(title="项目管理办法", pages=["制度"])
    for i in range(6):
        make_doc(title=f"文件{i}", pages=["项目管理的要求" * (i + 1)])
    res = search("项目管理")
    assert res.count == 7 and res.results[0].document.pk == old_title.pk
    assert len(res.results) == 4  # the 3 newest body matches + the title match


@pytest.mark.parametrize(
    "change",
    [
        {"visibility": Document.Visibility.HIDDEN},
        {"visibility": Document.Visibility.REMOVED},
        {"status": Document.Status.FAILED},
        {"status": Document.Status.CONVERTING},
    ],
)
def test_unlisted_documents_are_never_returned(make_doc, change):
    doc = make_doc(title="保密制度汇编", pages=["内容"])
    assert ids("保密制度") == [doc.pk]
    # Even when the library forgets to tell the index...
    Document.objects.filter(pk=doc.pk).update(**change)
    assert ids("保密制度") == [] and search("保密制度").count == 0
    # ...and once it does, the entry is gone.
    doc.refresh_from_db()
    assert sync_document(doc) is False
    assert not IndexedDocument.objects.filter(pk=doc.pk).exists()
    assert get_backend().matching_ids(parse_query("保密制度"), Document.objects.all()) == set()


def test_unlisted_documents_are_not_indexed(make_doc):
    make_doc(title="失败的文档", status=Document.Status.FAILED)
    make_doc(title="隐藏的文档", visibility=Document.Visibility.HIDDEN)
    assert IndexedDocument.objects.count() == 0
    assert ids("文档") == []


def test_lifecycle_hide_restore_edit_delete(make_doc):
    doc = make_doc(title="旧标题", pages=["第一版正文"])
    doc.visibility = Document.Visibility.HIDDEN
    doc.save()
    sync_document(doc)
    assert ids("旧标题") == []
    doc.visibility = Document.Visibility.PUBLIC
    doc.save()
    sync_document(doc)
    assert ids("旧标题") == [doc.pk]
    # Edited title and re-converted pages: the old text must stop matching.
    doc.title = "新标题"
    doc.save()
    Page.objects.filter(document=doc).update(text="第二版正文")
    sync_document(doc)
    assert ids("旧标题") == [] and ids("第一版") == []
    assert ids("新标题") == [doc.pk] and ids("第二版") == [doc.pk]
    assert sync_document(doc) is True  # unchanged: nothing rewritten
    pk = doc.pk
    doc.delete()
    remove_document(pk)
    remove_document(pk)  # twice is harmless
    assert get_backend().matching_ids(parse_query("第二版"), Document.objects.all()) == set()
    assert not IndexedDocument.objects.filter(pk=pk).exists()
    if connection.vendor == "sqlite":
        # Structural check (a contentless table cannot compare with its text: the
        # assertions above are what prove that deletes repeated the exact tokens).
        with connection.cursor() as cur:
            for table in ("search_fts", "search_title"):
                cur.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_reindex_command_rebuilds_from_the_library(make_doc):
    listed_doc = make_doc(title="重建索引测试", sync=False)
    make_doc(title="重建索引隐藏", visibility=Document.Visibility.HIDDEN, sync=False)
    assert ids("重建索引") == []
    call_command("search_reindex", "--no-progress", "--batch-size", "1")
    assert ids("重建索引") == [listed_doc.pk]
    assert IndexedDocument.objects.count() == 1
    call_command("search_reindex", "--no-progress")  # again: no duplicates
    assert search("重建索引").count == 1
    assert get_backend().matching_ids(parse_query("重建索引"), listed()) == {listed_doc.pk}


def test_recovery_sweep_indexes_a_published_document_left_unindexed(make_doc):
    """Publishing indexes a document right after its commit; a worker that dies in between
    leaves it listed but unsearchable until the recovery sweep (every minute, and at each
    worker start) indexes it."""
    from wenku.publishing.tasks import recover_conversions

    orphan = make_doc(title="发布后未入索引", sync=False)
    make_doc(title="发布后未入索引隐藏", visibility=Document.Visibility.HIDDEN, sync=False)
    indexed = make_doc(title="发布后已入索引")
    assert ids("发布后未入索引") == []
    recover_conversions()
    assert ids("发布后未入索引") == [orphan.pk]  # the hidden one stays out
    assert ids("发布后已入索引") == [indexed.pk]
    assert IndexedDocument.objects.count() == 2


def test_single_character_searches_titles_only(make_doc):
    title = make_doc(title="书法入门", pages=["正文"])
    make_doc(title="绘画", pages=["书在正文里"])
    res = search("书")
    assert res.mode == "title" and [r.document.pk for r in res.results] == [title.pk]
    assert "<mark>书</mark>" in res.results[0].title_html


def test_blank_query_browses_with_filters_only(make_doc, categories):
    doc = make_doc(title="分类浏览", category=categories["child"])
    assert search("").mode == "none" and search("").count == 0
    res = search("", filters=Filters(category=categories["root"]))
    assert res.mode == "browse" and [r.document.pk for r in res.results] == [doc.pk]
