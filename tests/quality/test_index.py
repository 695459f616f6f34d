"""The database index answers like the in-memory one, by index lookups, first uploader first."""

from __future__ import annotations

import pytest

from wenku.library.models import Document, Page
from wenku.quality import index
from wenku.quality.evalset import build_duplicate_set
from wenku.quality.evalset.evaluate import evaluate_duplicates, load_library
from wenku.quality.fingerprint import fingerprint
from wenku.quality.normalize import normalize, text_sha256

pytestmark = pytest.mark.django_db


def add_document(owner, text: str, title: str = "文档") -> Document:
    doc = Document.objects.create(owner=owner, title=title, original="x", status="ready")
    Page.objects.create(document=doc, number=1, text=text)
    norm = normalize(text).text
    index.store(doc.pk, fingerprint(norm), text_sha256(text))
    return doc


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("owner", password="pw-123456-x")


def test_database_library_meets_the_targets_like_the_memory_one(owner):
    dataset = build_duplicate_set(5, mixed=8, fills=8)
    ids: dict[int, str] = {}
    for doc in dataset.library:
        ids[add_document(owner, doc.text, doc.id).pk] = doc.id
    db_scores = evaluate_duplicates(dataset, index.DbLibrary(), resolve=lambda pk: ids[pk])
    memory_scores = evaluate_duplicates(dataset, load_library(dataset))
    assert (db_scores.tp, db_scores.fp, db_scores.fn) == (
        memory_scores.tp,
        memory_scores.fp,
        memory_scores.fn,
    )
    assert db_scores.precision >= 0.95 and db_scores.recall >= 0.9


def test_only_earlier_documents_are_matched_and_popular_keys_are_capped(owner, monkeypatch):
    text = "\n".join(["职业教育是国民教育体系和人力资源开发的重要组成部分。" * 3] * 8)
    docs = [add_document(owner, text) for _ in range(5)]
    keys = fingerprint(normalize(text).text).band_keys()
    hits = dict(index.DbLibrary(before=docs[3].pk).candidates(keys))
    assert set(hits) == {d.pk for d in docs[:3]}
    monkeypatch.setattr(index, "KEY_POSTINGS", 2)
    hits = dict(index.DbLibrary().candidates(keys))
    assert set(hits) == {docs[0].pk, docs[1].pk}  # the earliest, per key


def test_storing_again_replaces_the_keys_and_deleting_removes_them(owner):
    from wenku.quality.models import Band

    doc = add_document(owner, "第一版的内容写在这里，足够长的一段中文文字用来生成指纹。" * 10)
    first = set(Band.objects.filter(document=doc).values_list("key", flat=True))
    second = fingerprint(normalize("完全不同的第二版内容，没有一句和第一版相同。" * 12).text)
    index.store(doc.pk, second, "")
    now = set(Band.objects.filter(document=doc).values_list("key", flat=True))
    assert now == set(second.band_keys()) and not now & first
    doc.delete()
    assert not Band.objects.filter(document_id=doc.pk).exists()
