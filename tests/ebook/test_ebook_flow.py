"""CHM and FB2 uploads end to end: upload → the queued conversion (real calibre) → a ready,
searchable document; a damaged one ends failed with a reason the author reads in Chinese and
English on the status the browser polls — never left "converting"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.ebook.books import CHAPTER, damaged, write_chm, write_fb2
from wenku.library.models import Document
from wenku.publishing.tasks import convert
from wenku.publishing.uploads import create_document
from wenku.search.services import search

if shutil.which("chmcmd") is None:  # pragma: no cover - WENKU_SETUP_TEST=1 scripts/setup.sh
    pytest.fail("chmcmd (Debian fp-utils) is not installed: WENKU_SETUP_TEST=1 scripts/setup.sh")

pytestmark = pytest.mark.django_db

PHRASE = "春天的脚步近了"


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user("reader-author", password="pw-123456-x")


@pytest.fixture(scope="module")
def chm(tmp_path_factory) -> Path:
    return write_chm(tmp_path_factory.mktemp("chm") / "春.chm", "gb18030")


@pytest.fixture(scope="module")
def fb2(tmp_path_factory) -> Path:
    return write_fb2(tmp_path_factory.mktemp("fb2") / "春.fb2")


@pytest.mark.parametrize("kind", ["chm", "fb2"])
def test_ebook_upload_becomes_ready_and_searchable(client, author, chm, fb2, kind):
    src = {"chm": chm, "fb2": fb2}[kind]
    # The name says nothing: the type comes from the content.
    doc = create_document(author, src, filename="春天", enqueue=False)
    assert doc.format == kind
    assert convert(doc.pk) == "ready"
    doc.refresh_from_db()
    assert doc.page_count >= 1 and doc.failure_code == ""
    text = "".join(page.text for page in doc.pages.order_by("number"))
    assert CHAPTER in "".join(text.split())
    assert [r.document.pk for r in search(PHRASE).results] == [doc.pk]
    html = client.get(doc.get_absolute_url()).content.decode()
    assert PHRASE in "".join(html.split())  # the page's 资源描述


def _broken_fb2(path: Path, fb2: Path) -> Path:
    data = fb2.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a download cut off mid-chapter
    return path


def _garbled_fb2(path: Path, fb2: Path) -> Path:
    path.write_bytes(fb2.read_bytes()[:120] + b"\xff\xfe\x00" * 100)
    return path


BROKEN = {
    "chm truncated": lambda d, chm, fb2: damaged(chm, d / "a.chm", cut=slice(0, 2000)),
    "chm directory overwritten": lambda d, chm, fb2: damaged(
        chm, d / "b.chm", junk=slice(200, 4000)
    ),
    "fb2 truncated": lambda d, chm, fb2: _broken_fb2(d / "c.fb2", fb2),
    "fb2 garbled": lambda d, chm, fb2: _garbled_fb2(d / "d.fb2", fb2),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_damaged_ebook_fails_with_a_reason_in_both_languages(
    client, author, chm, fb2, tmp_path, case
):
    src = BROKEN[case](tmp_path, chm, fb2)
    doc = create_document(author, src, filename=src.name, enqueue=False)
    assert doc.format in {"chm", "fb2"}
    assert convert(doc.pk) == "failed"
    doc.refresh_from_db()
    assert doc.status == Document.Status.FAILED and doc.progress_stage == "failed"
    assert doc.failure_code in {"corrupt", "ebook_failed"}
    assert not doc.is_listed
    client.force_login(author)
    chinese = client.get(f"/d/{doc.pk}/status.json").json()  # the site's language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the visitor picked English
    english = client.get(f"/d/{doc.pk}/status.json").json()
    assert english["status"] == chinese["status"] == "failed"
    assert "damaged" in english["reason"], english
    assert "损坏" in chinese["reason"], chinese
    for reason in (english["reason"], chinese["reason"]):
        assert "Traceback" not in reason and "calibre" not in reason.lower()
    # A second delivery of the queue message does not convert it again.
    assert convert(doc.pk) is None
