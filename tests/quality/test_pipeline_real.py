"""Real documents through the real pipeline (DOCX → LibreOffice → PDF → text → checks):
Chinese that Debian packages ship (wenku.quality.evalset.sources), uploaded as members do.
"""

from __future__ import annotations

import opencc
import pytest
from django.urls import reverse

from wenku.library.models import Document
from wenku.quality.evalset.sources import MissingSources, all_sources
from wenku.quality.models import Match, Report

from . import samples
from .test_pipeline import upload

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MANUAL = "reference:180"  # a Debian reference section with 15 command lines
STUFFED_INTO = "manual:ls.1.gz"
ORIGINAL = "manual:tar.1.gz"


@pytest.fixture
def members(django_user_model):
    make = django_user_model.objects.create_user
    return {
        "alice": make("alice", password="pw-123456-x"),
        "bob": make("bob", password="pw-123456-x"),
    }


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    from wenku.conversion.office import shutdown_office

    try:
        sources = {s.id: s for s in all_sources()}
    except MissingSources as error:
        pytest.fail(str(error))
    d = tmp_path_factory.mktemp("quality-real")
    manual = sources[MANUAL].blocks
    poem = next(s for s in sources.values() if s.genre == "poems").blocks[1]
    host = list(sources[STUFFED_INTO].blocks)
    host.insert(len(host) // 2, poem)
    original = sources[ORIGINAL].blocks
    to_traditional = opencc.OpenCC("s2twp")
    out = {
        "manual": samples.make_docx(d / "apt-manual.docx", manual),
        "commands": [line for b in manual for line in b.splitlines() if line.startswith("$ ")],
        "stuffed": samples.make_docx(d / "ls-manual.docx", host),
        "poem": poem,
        "original": samples.make_docx(d / "磁带归档手册.docx", original),
        "traditional": samples.make_docx(
            d / "歸檔工具說明.docx", [to_traditional.convert(b) for b in original]
        ),
    }
    yield out
    shutdown_office()


def test_a_clean_technical_manual_with_repeated_commands_is_published(members, real):
    assert len(real["commands"]) >= 10  # the manual repeats its command prompt and commands
    doc = upload(members["alice"], real["manual"])
    assert doc.status == "ready" and doc.is_listed
    report = Report.objects.get(document=doc)
    assert not report.stuffed and report.action in {"", "flagged"}


def test_one_foreign_passage_inserted_once_is_held_with_that_passage_named(client, members, real):
    doc = upload(members["alice"], real["stuffed"])
    assert doc.visibility == "held" and not doc.is_listed
    report = Report.objects.get(document=doc)
    assert report.stuffed and report.action == "held"
    flagged = "".join(span["text"] for span in report.spans)
    lines = [line for line in real["poem"].splitlines()[2:]]  # the verse, past its title
    assert sum(line[:5] in flagged for line in lines) >= len(lines) - 1
    assert all(span["page"] >= 1 for span in report.spans)

    client.force_login(members["alice"])
    mine = client.get(reverse("web:my_documents"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-quality-notice="held"' in mine
    assert "本文档正在等待审核" in mine or "等待审核" in mine  # held for review, in Chinese
    assert "以下段落与文档其余内容无关" in mine and lines[1][:5] in mine  # the passage named
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})  # the member's choice
    english = client.get(reverse("web:my_documents")).content
    assert b"Some passages have nothing to do with the rest of the document" in english


def test_a_traditional_script_copy_is_held_with_a_link_to_the_original(client, members, real):
    original = upload(members["alice"], real["original"])
    assert original.is_listed
    copy = upload(members["bob"], real["traditional"])
    assert copy.visibility == "held"
    match = Match.objects.get(document=copy)
    assert match.other_id == original.pk and match.kind in {"near", "text"}

    client.force_login(members["bob"])
    mine = client.get(reverse("web:my_documents"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-quality-notice="held"' in mine
    assert f'href="{original.get_absolute_url()}"' in mine and original.title in mine
    assert "等待审核" in mine  # the status says held, not just "ready"


def test_an_earlier_document_the_author_may_not_see_is_not_named(client, members, real):
    original = upload(members["alice"], real["original"])
    Document.objects.filter(pk=original.pk).update(visibility="hidden")  # alice hid it
    copy = upload(members["bob"], real["traditional"])
    assert copy.visibility == "held"  # first uploader wins, whether or not it is listed
    client.force_login(members["bob"])
    mine = client.get(reverse("web:my_documents"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "其他会员较早上传的一份文档" in mine
    assert original.title not in mine and original.get_absolute_url() not in mine
    page = client.get(copy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert original.title not in page and f"document ID {original.pk}" not in page


def test_between_the_thresholds_a_document_is_published_and_flagged_for_staff(
    settings, client, members, real, django_user_model
):
    settings.WENKU_STUFFING_THRESHOLD = 1.01  # nothing is held: the score is at most 1
    doc = upload(members["alice"], real["stuffed"])
    assert doc.is_listed  # published
    report = Report.objects.get(document=doc)
    assert report.action == "flagged" and not report.stuffed and report.spans
    client.force_login(members["alice"])
    mine = client.get(reverse("web:my_documents")).content.decode()
    assert "data-quality-notice" not in mine  # nothing held: the author is not bothered
    staff = django_user_model.objects.create_user("staffer", password="pw-1234-x", is_staff=True)
    client.force_login(staff)
    queue = client.get("/quality/review/").content.decode()
    assert doc.get_absolute_url() in queue and doc.title in queue
