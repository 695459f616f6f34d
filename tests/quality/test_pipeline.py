"""Uploads through the real pipeline (create_document + convert, real LibreOffice).

The duplicate policy in force is the default, "hold", unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from wenku.library.models import Document
from wenku.publishing import tasks as conversion
from wenku.publishing.uploads import create_document
from wenku.quality.models import Match, Report

from . import samples

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from wenku.conversion.office import get_office, shutdown_office

    d = tmp_path_factory.mktemp("quality")
    out = {
        "report": samples.make_docx(d / "养老调研.docx", samples.paragraphs("report", "elderly")),
        "stuffed": samples.make_docx(
            d / "防汛讲话.docx", samples.stuffed_paragraphs("speech", "flood")
        ),
        "clean": samples.make_docx(d / "租赁合同.docx", samples.paragraphs("contract", "lease")),
    }
    # The PDF another member exports from the same DOCX (LibreOffice, like Word's "Save as").
    out["report_pdf"] = get_office().convert(out["report"], d / "养老调研.pdf")
    yield out
    shutdown_office()


@pytest.fixture
def members(django_user_model):
    make = django_user_model.objects.create_user
    return {
        "alice": make("alice", password="pw-123456-x"),
        "bob": make("bob", password="pw-123456-x"),
        "staff": make("staffer", password="pw-123456-x", is_staff=True),
    }


def upload(owner, path) -> Document:
    doc = create_document(owner, path, filename=path.name, enqueue=False)
    assert conversion.convert(doc.pk) in {"ready", "failed"}
    doc.refresh_from_db()
    return doc


def test_pdf_export_of_another_members_docx_is_held_with_a_link(client, members, files):
    original = upload(members["alice"], files["report"])
    assert original.is_listed and original.visibility == "public"

    copy = upload(members["bob"], files["report_pdf"])
    assert copy.format == "pdf" and copy.status == "ready"
    assert copy.visibility == "held" and not copy.is_listed  # so no upload reward either
    match = Match.objects.get(document=copy)
    assert match.other_id == original.pk and not match.same_owner
    assert match.kind in {"text", "near"} and match.similarity >= 0.9
    assert Report.objects.get(document=copy).action == "held"

    client.force_login(members["bob"])
    page = client.get(copy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-quality-notice="held"' in page
    assert "本文档正在等待审核" in page  # plain language, Chinese by default
    assert f'href="{original.get_absolute_url()}"' in page and original.title in page
    assert "data-quality-panel" not in page  # the staff panel is for staff
    mine = client.get(reverse("web:my_documents")).content.decode()
    assert 'data-quality-notice="held"' in mine and original.title in mine

    client.force_login(members["staff"])
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "data-quality-panel" in page and f"/quality/compare/{copy.pk}/{original.pk}/" in page
    compare = client.get(f"/quality/compare/{copy.pk}/{original.pk}/")
    assert compare.status_code == 200 and b"q-shared" in compare.content
    queue = client.get(reverse("quality:review")).content.decode()
    assert f"/quality/compare/{copy.pk}/{original.pk}/" in queue
    client.force_login(members["alice"])
    assert client.get(f"/quality/compare/{copy.pk}/{original.pk}/").status_code == 404
    assert client.get(reverse("quality:review")).status_code == 404
    assert client.post(f"/quality/{copy.pk}/decide/", {"action": "approve"}).status_code == 404


def test_stuffed_document_is_held_with_its_passages_named(client, members, files):
    doc = upload(members["alice"], files["stuffed"])
    assert doc.visibility == "held"
    report = Report.objects.get(document=doc)
    assert report.stuffed and report.action == "held" and report.stuffing_score > 0.1
    texts = [span["text"] for span in report.spans]
    assert len(texts) == 4 and all("拓展训练" in t for t in texts)
    assert all(span["page"] >= 1 for span in report.spans)
    client.force_login(members["alice"])
    page = client.get(doc.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-quality-notice="held"' in page
    client.force_login(members["staff"])
    page = client.get(doc.get_absolute_url()).content.decode()
    assert page.count('<mark class="q-repeat">') >= 4  # flagged list + highlighted text
    # staff approve it: published, and a re-check does not hold it again
    response = client.post(f"/quality/{doc.pk}/decide/", {"action": "approve"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.visibility == "public"
    client.post(f"/quality/{doc.pk}/decide/", {"action": "recheck"})
    doc.refresh_from_db()
    assert doc.visibility == "public"


def test_clean_document_passes(members, files):
    doc = upload(members["alice"], files["clean"])
    assert doc.is_listed
    report = Report.objects.get(document=doc)
    assert not report.stuffed and report.spans == [] and report.action == ""
    assert not Match.objects.filter(document=doc).exists()


def test_own_reupload_is_recorded_but_not_held(members, files):
    first = upload(members["alice"], files["clean"])
    again = upload(members["alice"], files["clean"])
    assert again.is_listed  # not held against its own uploader
    match = Match.objects.get(document=again)
    assert match.other_id == first.pk and match.kind == "file" and match.same_owner
    # another member uploading the same file is held
    third = upload(members["bob"], files["clean"])
    assert third.visibility == "held"
    assert set(Match.objects.filter(document=third).values_list("other_id", flat=True)) == {
        first.pk,
        again.pk,
    }


def test_reject_policy_fails_the_upload_naming_the_original(settings, client, members, files):
    settings.WENKU_DUPLICATE_POLICY = "reject"
    original = upload(members["alice"], files["report"])
    copy = upload(members["bob"], files["report_pdf"])
    assert copy.status == "failed" and copy.failure_code == "duplicate"
    assert str(original.pk) in copy.failure_detail
    client.force_login(members["bob"])
    page = client.get(copy.get_absolute_url()).content.decode()
    assert 'data-quality-notice="rejected"' in page and original.title in page
    assert "它与其他会员较早分享的文档重复" in page


def test_allow_policy_publishes_duplicates(settings, members, files):
    settings.WENKU_DUPLICATE_POLICY = "allow"
    upload(members["alice"], files["clean"])
    copy = upload(members["bob"], files["clean"])
    assert copy.is_listed and Match.objects.filter(document=copy).exists()


def test_quality_scan_rechecks_the_library(members, files, capsys):
    original = upload(members["alice"], files["report"])
    copy = upload(members["bob"], files["report_pdf"])
    Report.objects.all().delete()
    Match.objects.all().delete()
    call_command("quality_scan", "--no-progress")
    out = capsys.readouterr().out
    assert "checked 2" in out and "duplicates of other members 1" in out
    assert Match.objects.get(document=copy).other_id == original.pk
    assert not Match.objects.filter(document=original).exists()  # first uploader wins


@pytest.mark.django_db(transaction=True)
def test_text_analysis_runs_before_the_publishing_transaction(members, files, monkeypatch):
    """The stuffing analysis (~0.2 s on 300 pages) runs while no write lock is held: on the
    embedded SQLite every other writer (purchases, uploads) would wait for it."""
    from django.db import connection

    from wenku.quality import services as quality

    calls = []

    def spy(text):
        calls.append(connection.in_atomic_block)
        return analyse(text)

    analyse = quality.analyse
    monkeypatch.setattr(quality, "analyse", spy)
    quality._facts.cache_clear()
    doc = upload(members["alice"], files["stuffed"])
    assert calls == [False]  # once, outside any transaction; the check inside reused it
    report = Report.objects.get(document=doc)
    assert report.stuffed and report.action == "held"  # the verdict is still applied
    assert doc.visibility == "held"
