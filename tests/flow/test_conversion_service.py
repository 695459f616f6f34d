"""Upload → conversion → stored pages, through the library and conversion services."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from PIL import Image

from tests.samples import make_docx, page_marker
from wenku.conversion import services
from wenku.library import storage_layout
from wenku.library.models import Document
from wenku.publishing.importer import system_user
from wenku.publishing.tasks import convert
from wenku.publishing.uploads import create_document

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def eight_pages(tmp_path_factory):
    return make_docx(tmp_path_factory.mktemp("flow") / "会议材料.docx", pages=8)


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("author", password="pw-123456-x")


def test_docx_becomes_ready_with_preview_images_for_free_pages_only(owner, eight_pages):
    doc = create_document(owner, eight_pages, filename="../../会议材料.docx", enqueue=False)
    assert doc.title == "会议材料" and doc.format == "docx"
    assert ".." not in doc.original.name and "会议" not in doc.original.name

    assert convert(doc.pk) == "ready"
    doc.refresh_from_db()
    assert doc.page_count == 8 and doc.free_pages == 5
    pages = list(doc.pages.order_by("number"))
    assert [p.number for p in pages] == list(range(1, 9))
    assert [p.rendered for p in pages] == [True] * 5 + [False] * 3
    assert page_marker(6) in pages[5].text  # text of every page is kept (for search)
    # Chinese joined across line breaks, no stray spaces:
    assert "全市义务教育阶段学校全部制定了作业管理办法" in pages[0].text
    for number in range(1, 9):
        for width in (500, 1000):
            name = storage_layout.page_image_name(doc.pk, number, width)
            assert default_storage.exists(name) == (number <= 5)
    with default_storage.open(storage_layout.page_image_name(doc.pk, 1, 500)) as fh:
        image = Image.open(io.BytesIO(fh.read()))
        assert image.format == "WEBP" and image.width == 500
    assert default_storage.exists(storage_layout.cover_name(doc.pk))

    # A second message for the same document (duplicate or recovery) does nothing.
    assert convert(doc.pk) is None


def test_owner_reads_pages_beyond_the_preview_rendered_by_the_worker(client, owner, eight_pages):
    doc = create_document(owner, eight_pages, filename="a.docx", enqueue=False)
    convert(doc.pk)
    url = f"/d/{doc.pk}/page/7-500.webp"
    assert client.get(url).status_code == 404  # anonymous: never
    client.force_login(owner)
    # Queued for the worker; the web process does not render it and does not wait.
    first = client.get(url)
    assert first.status_code == 404 and first["Retry-After"]
    assert not doc.pages.get(number=7).rendered
    from wenku.publishing.tasks import render_pages

    render_pages.apply(args=(doc.pk, [7]))  # what the worker does with the queued task
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(body)).size[0] == 500
    assert doc.pages.get(number=7).rendered


def test_corrupt_file_fails_with_a_reason_in_both_languages(owner, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    doc = create_document(owner, broken, filename="broken.pdf", enqueue=False)
    assert convert(doc.pk) == "failed"
    doc.refresh_from_db()
    assert doc.failure_code == "corrupt"
    with translation.override("zh-hans"):
        assert "损坏" in doc.failure_reason
    with translation.override("en"):
        assert "damaged" in doc.failure_reason


def test_a_document_of_a_dead_worker_is_claimed_again_and_finally_failed(owner, eight_pages):
    doc = create_document(owner, eight_pages, filename="a.docx", enqueue=False)
    Document.objects.filter(pk=doc.pk).update(
        status=Document.Status.CONVERTING,
        conversion_heartbeat=timezone.now(),
        conversion_attempts=1,
    )
    assert services.claim(doc.pk) is None  # a live worker has it
    old = timezone.now() - timedelta(minutes=10)
    Document.objects.filter(pk=doc.pk).update(conversion_heartbeat=old)
    assert services.claim(doc.pk) is not None  # its worker died: take it over
    Document.objects.filter(pk=doc.pk).update(conversion_heartbeat=old, conversion_attempts=3)
    assert services.claim(doc.pk) is None  # too many dead attempts
    doc.refresh_from_db()
    assert doc.status == "failed" and doc.failure_code == "crashed"


def test_import_as_site_account(eight_pages):
    owner = system_user()
    assert not owner.has_usable_password()
    doc = create_document(owner, eight_pages, filename="x.docx", enqueue=False)
    assert doc.owner.username == "wenku"


def test_a_pdf_uploads_converted_pdf_is_its_original_linked_not_copied(owner, tmp_path):
    from bench.samples import make_pdf
    from wenku.library.services import delete_document

    src = make_pdf(tmp_path / "报告.pdf", 7, tmp_path)
    doc = create_document(owner, src, filename=src.name, enqueue=False)
    assert convert(doc.pk) == "ready"
    original = Path(default_storage.path(doc.original.name))
    converted = Path(default_storage.path(storage_layout.pdf_name(doc.pk)))
    assert os.path.samefile(original, converted)  # one inode, two names
    assert converted.read_bytes() == src.read_bytes()
    # A second conversion (e.g. after a text-layer upgrade) links it again, not a copy beside.
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.UPLOADED)
    assert convert(doc.pk) == "ready"
    assert os.path.samefile(original, converted)
    assert [p.name for p in converted.parent.iterdir() if p.name.startswith(".")] == []
    doc.refresh_from_db()
    assert doc.page_count == 7
    delete_document(doc)
    assert not original.exists() and not converted.exists()


def test_a_docx_uploads_converted_pdf_is_a_file_of_its_own(owner, eight_pages):
    doc = create_document(owner, eight_pages, filename="会议材料.docx", enqueue=False)
    assert convert(doc.pk) == "ready"
    original = Path(default_storage.path(doc.original.name))
    converted = Path(default_storage.path(storage_layout.pdf_name(doc.pk)))
    assert not os.path.samefile(original, converted)
    assert converted.read_bytes().startswith(b"%PDF")
    assert original.read_bytes() == eight_pages.read_bytes()  # the upload is untouched
