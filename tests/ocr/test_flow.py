"""A scanned upload through the real pipeline and the OCR task: ready at once, then its text
arrives page by page and reaches search, the document page and the quality checks."""

from __future__ import annotations

import pytest
from django.utils import translation

from wenku.conversion.models import OcrJob
from wenku.library.models import Document, Page
from wenku.publishing.tasks import convert, read_scans
from wenku.publishing.uploads import create_document
from wenku.quality.models import Match
from wenku.quality.services import on_ready as check_quality
from wenku.search.services import search
from wenku.web.views.document import status_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user("scanner", password="pw-123456-x")


PAGE3_PHRASE = "电子证照库已汇集身份证"  # what a reader might search for, from page 3


def _phrase(text: str) -> str:
    """Ten characters from the middle of a page's longest paragraph."""
    para = max(text.split("\n"), key=len)
    return para[len(para) // 2 : len(para) // 2 + 10]


def test_scan_is_ready_first_then_searchable_by_page_three(client, author, scan, pages):
    doc = create_document(author, scan, filename=scan.name, preview_limit=2, enqueue=False)
    assert convert(doc.pk) == "ready"
    doc.refresh_from_db()
    assert doc.is_listed and doc.text_chars == 0  # ready with previews, no text yet
    job = OcrJob.objects.get(document=doc)
    assert job.pages == [1, 2, 3, 4] and job.status == "pending"  # free pages first
    with translation.override("zh-hans"):
        assert status_data(doc)["ocr_label"] == "识别文字 0/4"
    phrase = PAGE3_PHRASE
    assert phrase in pages[2]
    assert search(phrase).results == []

    assert read_scans(doc.pk) == "done"
    doc.refresh_from_db()
    assert doc.text_chars > 800
    assert not status_data(doc)["ocr_active"] and status_data(doc)["ocr_done"] == 4
    hits = search(phrase)
    assert [r.document.pk for r in hits.results] == [doc.pk]
    # Page 3 is beyond the free preview: found, but its text is neither in the snippet
    # nor on the public document page.
    assert phrase not in str(hits.results[0].snippet)
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "文字由 OCR 识别，可能有误" in html or "Text recognised by OCR" in html
    assert _phrase(pages[0]) in html.replace("\n", "")
    assert phrase not in html
    assert Page.objects.get(document=doc, number=3).text  # stored like any page text


def test_progress_is_shown_on_my_documents(client, author, scan):
    doc = create_document(author, scan, filename=scan.name, enqueue=False)
    convert(doc.pk)
    OcrJob.objects.filter(document=doc).update(current=2)
    client.force_login(author)
    html = client.get("/me/documents/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "识别文字 2/4" in html
    status = client.get(f"/d/{doc.pk}/status.json").json()
    assert status["ocr_active"] and status["ocr_done"] == 2 and status["ocr_total"] == 4


def test_scan_of_a_published_document_is_held_as_its_near_duplicate(
    author, django_user_model, scan, pages
):
    first = django_user_model.objects.create_user("original", password="pw-123456-x")
    published = Document.objects.create(
        owner=first,
        title="青山市一网通办工作报告",
        original="originals/published.docx",
        format="docx",
        status=Document.Status.READY,
        page_count=len(pages),
    )
    Page.objects.bulk_create(
        [Page(document=published, number=i, text=t) for i, t in enumerate(pages, start=1)]
    )
    check_quality(published)
    assert Document.objects.get(pk=published.pk).is_listed

    copy = create_document(author, scan, filename="翻拍.pdf", enqueue=False)
    assert convert(copy.pk) == "ready"
    read_scans(copy.pk)
    copy.refresh_from_db()
    match = Match.objects.get(document=copy)
    assert match.other_id == published.pk
    assert copy.visibility == Document.Visibility.HELD  # the duplicate policy's default
    assert not copy.is_listed and search(_phrase(pages[0])).results == []


def test_ocr_text_reaches_the_cached_public_page_and_related_documents(
    client, author, django_user_model, scan, pages, tmp_path
):
    from tests.quality.samples import make_docx
    from wenku.search.related import related_documents

    other = django_user_model.objects.create_user("neighbour", password="pw-123456-x")
    # Another member's piece on the same subject, in its own words (not a duplicate).
    own = [
        "一网通办政务服务改革调研札记",
        "政务服务一网通办改革以来，办事群众最直观的感受是跑腿少了。记者在市民中心看到，"
        "综合受理窗口前排队的人明显减少，不少群众通过移动端就能查询社保、提取公积金。",
        "电子证照的推广让办事更方便。驾驶证、营业执照等证照上了手机，数据共享平台把"
        "各部门的业务系统连在一起，需要提交的材料也少了很多。",
        "也有工作人员坦言，部分垂直管理系统还没有对接，基层窗口人员的培训还要加强，"
        "政务服务的好差评机制需要真正用起来。",
    ]
    src = make_docx(tmp_path / "调研札记.docx", own)
    neighbour = create_document(other, src, filename=src.name, enqueue=False)
    assert convert(neighbour.pk) == "ready"

    doc = create_document(author, scan, filename="扫描件.pdf", enqueue=False)
    assert convert(doc.pk) == "ready"
    first_page = _phrase(pages[0])
    before = client.get(doc.get_absolute_url()).content.decode()  # an anonymous reader
    assert first_page not in before.replace("\n", "")  # no text yet (and now in the cache)
    assert neighbour.pk not in [d.pk for d in related_documents(doc)]  # nothing to go by

    assert read_scans(doc.pk) == "done"
    doc.refresh_from_db()
    assert doc.is_listed  # its own text: not held
    after = client.get(doc.get_absolute_url()).content.decode()
    assert first_page in after.replace("\n", "")  # the cached page followed the OCR text
    doc.refresh_from_db()
    assert neighbour.pk in [d.pk for d in related_documents(doc)]  # found by the OCR text
