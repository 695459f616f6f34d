"""Upload (several files at once), my documents with status, retry, edit and delete."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wenku.library.models import Document

pytestmark = pytest.mark.django_db

UPLOAD = "/upload/"


def pdf_file(name: str = "报告.pdf", pages: int = 2) -> SimpleUploadedFile:
    images = [Image.new("RGB", (200, 280), "white") for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def form_errors(response) -> dict:
    return response.context["form"].errors


def test_upload_requires_login(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_upload_page_has_a_multiple_file_input(client, member):
    client.force_login(member)
    content = client.get(UPLOAD).content.decode()
    assert 'type="file"' in content and "multiple" in content
    assert 'enctype="multipart/form-data"' in content
    assert "└ 工作总结" in content  # sub-categories are indented under their parent


def test_several_files_make_several_documents(client, member, category):
    client.force_login(member)
    response = client.post(
        UPLOAD,
        {
            "files": [pdf_file("一号文件.pdf"), pdf_file("二号文件.pdf", pages=3)],
            "title": "ignored for several files",
            "description": "两份材料",
            "category": str(category.pk),
            "tags": "会议，材料, 教育",
            "preview_limit": "3",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:my_documents")
    docs = Document.objects.filter(owner=member).order_by("title")
    assert [d.title for d in docs] == ["一号文件", "二号文件"]
    for doc in docs:
        assert doc.status == Document.Status.UPLOADED
        assert doc.format == "pdf"
        assert doc.category == category
        assert doc.preview_limit == 3
        assert doc.description == "两份材料"
        assert sorted(t.name for t in doc.tags.all()) == sorted(["会议", "材料", "教育"])
    page = client.get(reverse("web:my_documents")).content.decode()
    assert "一号文件" in page and "二号文件" in page
    assert "已上传 2 篇文档" in page
    assert "等待转换" in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "web/status.js" in page


def test_single_file_uses_the_title(client, member):
    client.force_login(member)
    client.post(UPLOAD, {"files": pdf_file("a.pdf"), "title": "我的标题"})
    assert Document.objects.get(owner=member).title == "我的标题"


def test_rejected_file_reason_is_shown_and_others_accepted(client, member):
    client.force_login(member)
    empty = SimpleUploadedFile("空.pdf", b"", content_type="application/pdf")
    response = client.post(UPLOAD, {"files": [pdf_file("好.pdf"), empty]}, follow=True)
    content = response.content.decode()
    assert Document.objects.filter(owner=member).count() == 1
    assert "空.pdf" in content and "文件是空的" in content


def test_all_files_rejected_keeps_the_form(client, member):
    client.force_login(member)
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 50, content_type="application/octet-stream")
    response = client.post(UPLOAD, {"files": [bad]})
    assert response.status_code == 200
    content = response.content.decode()
    assert "没有文件被接受" in content and "x.exe" in content
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"preview_limit": "-1"}, "preview_limit", "1 到 5"),
        ({"preview_limit": "0"}, "preview_limit", "1 到 5"),
        ({"preview_limit": "6"}, "preview_limit", "1 到 5"),
        ({"preview_limit": "99999999999999999999999"}, "preview_limit", "1 到 5"),
        ({"preview_limit": "abc"}, "preview_limit", "1 到 5"),
        ({"preview_limit": "2.5"}, "preview_limit", "1 到 5"),
        ({"tags": ",".join(f"t{i}" for i in range(11))}, "tags", "最多 10 个标签"),
        ({"tags": "好" * 21}, "tags", "最多 20 个字"),
        ({"title": "长" * 201}, "title", "200"),
        ({"description": "x" * 5001}, "description", "5000"),
        ({"category": "999999"}, "category", "请从列表中选择分类"),
        ({"category": "abc"}, "category", "请从列表中选择分类"),
    ],
)
def test_odd_values_get_clear_messages(client, member, data, field, fragment):
    client.force_login(member)
    response = client.post(UPLOAD, {"files": pdf_file(), **data})
    assert response.status_code == 200
    errors = form_errors(response)
    assert field in errors, errors
    assert fragment in " ".join(errors[field]), errors[field]
    assert fragment in response.content.decode()
    assert not Document.objects.exists()


def test_no_file_is_an_error(client, member):
    client.force_login(member)
    response = client.post(UPLOAD, {"title": "x"})
    assert "请至少选择一个要上传的文件" in " ".join(form_errors(response)["files"])


def test_tags_with_chinese_commas_and_duplicates(client, member):
    client.force_login(member)
    client.post(UPLOAD, {"files": pdf_file(), "tags": "甲，乙、丙;甲 , ,"})
    doc = Document.objects.get()
    assert sorted(t.name for t in doc.tags.all()) == sorted(["甲", "乙", "丙"])


def test_xhr_upload_answers_json(client, member):
    client.force_login(member)
    ok = client.post(UPLOAD, {"files": pdf_file()}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert ok.status_code == 200
    assert ok.json() == {"ok": True, "redirect": reverse("web:my_documents")}
    bad = client.post(
        UPLOAD, {"files": pdf_file(), "preview_limit": "x"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert bad.status_code == 400
    assert "preview_limit" in bad.json()["errors"]


def test_status_json_only_for_owner_and_staff(client, make_doc, member, other, staff):
    doc = make_doc(status=Document.Status.CONVERTING)
    Document.objects.filter(pk=doc.pk).update(
        progress_stage="render", pages_done=3, progress_total=10
    )
    url = reverse("web:document_status", args=[doc.pk])
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    for user in (member, staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["status"] == "converting"
        assert data["pages_done"] == 3 and data["percent"] == 30
        assert data["stage_label"] == "正在生成页面预览"
        assert response["Cache-Control"] == "no-store"


def test_my_documents_shows_failure_reason_and_retry(client, make_doc, member):
    doc = make_doc(status=Document.Status.FAILED)
    Document.objects.filter(pk=doc.pk).update(failure_code="corrupt")
    client.force_login(member)
    content = client.get(reverse("web:my_documents")).content.decode()
    assert "文件已损坏或不完整" in content
    assert reverse("web:document_retry", args=[doc.pk]) in content
    assert "http-equiv" not in content  # nothing in progress: no refresh


def test_my_documents_only_lists_own(client, make_doc, member, other):
    make_doc(title="别人的文档", owner=other)
    make_doc(title="自己的文档")
    client.force_login(member)
    content = client.get(reverse("web:my_documents")).content.decode()
    assert "自己的文档" in content and "别人的文档" not in content


def test_retry_requeues_a_failed_document(client, make_doc, member, other, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "wenku.publishing.uploads.enqueue_conversion", lambda doc: queued.append(doc.pk)
    )
    doc = make_doc(status=Document.Status.FAILED)
    url = reverse("web:document_retry", args=[doc.pk])
    client.force_login(other)
    assert client.post(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("web:my_documents")
    doc.refresh_from_db()
    assert doc.status == Document.Status.UPLOADED
    assert queued == [doc.pk]


def test_edit_document(client, make_doc, member, other, category):
    doc = make_doc(tags=("旧标签",))
    url = reverse("web:document_edit", args=[doc.pk])
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(member)
    page = client.get(url).content.decode()
    assert 'value="全市职业教育工作会议交流材料"' in page and "旧标签" in page
    response = client.post(
        url,
        {
            "title": "  新标题  ",
            "description": "新描述",
            "category": str(category.pk),
            "tags": "新，标签",
            "preview_limit": "2",
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "新标题" and doc.category == category and doc.preview_limit == 2
    assert sorted(t.name for t in doc.tags.all()) == ["新", "标签"]
    bad = client.post(url, {"title": "   ", "preview_limit": "7"})
    assert "title" in form_errors(bad) and "preview_limit" in form_errors(bad)


def test_delete_needs_post_and_confirmation(client, make_doc, member, other):
    doc = make_doc()
    url = reverse("web:document_delete", args=[doc.pk])
    client.force_login(other)
    assert client.post(url).status_code == 404
    client.force_login(member)
    page = client.get(url)
    assert page.status_code == 200 and "确定删除" in page.content.decode()
    assert Document.objects.filter(pk=doc.pk).exists()
    response = client.post(url, follow=True)
    assert not Document.objects.filter(pk=doc.pk).exists()
    assert "已删除" in response.content.decode()
