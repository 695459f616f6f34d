"""The demo documents a new site starts with (wenku/publishing/demo.py, wenku/demo/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wenku.library.models import Category, Document
from wenku.publishing import demo
from wenku.publishing.importer import SYSTEM_USERNAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Conversions are queued on commit; no worker runs here and nothing is converted.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.delenv("WENKU_DEMO", raising=False)


def manifest() -> list[dict]:
    return json.loads(demo.MANIFEST.read_text(encoding="utf-8"))


def test_manifest_lists_shipped_files_in_existing_categories():
    entries = manifest()
    assert 6 <= len(entries) <= 12
    files = {entry["file"] for entry in entries}
    assert len(files) == len(entries)
    shipped = {p.name for p in demo.DEMO_DIR.iterdir() if p.is_file()}
    assert shipped == files | {"manifest.json"}
    for entry in entries:
        assert entry["title"] and entry["description"]
        assert 1 <= len(entry["tags"]) <= 10
        assert Category.objects.filter(slug=entry["category"]).exists(), entry["category"]
    formats = {Path(name).suffix for name in files}
    assert {".docx", ".pptx", ".xlsx", ".txt", ".pdf"} <= formats
    total = sum((demo.DEMO_DIR / name).stat().st_size for name in shipped)
    assert total < 1.5 * 1024 * 1024


def test_text_demo_is_gbk_encoded():
    (name,) = [e["file"] for e in manifest() if e["file"].endswith(".txt")]
    raw = (demo.DEMO_DIR / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "房屋租赁合同" in raw.decode("gbk")


def test_load_creates_one_document_per_entry(django_capture_on_commit_callbacks):
    entries = manifest()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        created = demo.load_demo_documents()
    assert created == len(entries)
    assert Document.objects.count() == len(entries)
    # One conversion queued per document (the page cache's stamp bumps queue their own).
    conversions = [c for c in queued if "bump" not in c.__qualname__]
    assert len(conversions) == len(entries)

    docs = {doc.title: doc for doc in Document.objects.select_related("owner", "category")}
    assert set(docs) == {entry["title"] for entry in entries}
    for entry in entries:
        doc = docs[entry["title"]]
        path = demo.DEMO_DIR / entry["file"]
        assert doc.owner.username == SYSTEM_USERNAME
        assert doc.category is not None and doc.category.slug == entry["category"]
        assert doc.format == path.suffix.lstrip(".")
        assert doc.description == entry["description"]
        assert sorted(doc.tags.values_list("name", flat=True)) == sorted(entry["tags"])
        assert doc.status == Document.Status.UPLOADED
        assert doc.file_size == path.stat().st_size
        with doc.original.open("rb") as fh:
            assert fh.read() == path.read_bytes()


def test_second_call_creates_nothing():
    first = demo.load_demo_documents()
    assert first > 0
    assert demo.load_demo_documents() == 0
    assert Document.objects.count() == first


def test_not_loaded_into_a_library_that_has_documents(tmp_path):
    from wenku.publishing.importer import system_user
    from wenku.publishing.uploads import create_document

    own = tmp_path / "note.txt"
    own.write_text("本站的第一份文档。" * 20, encoding="utf-8")
    create_document(system_user(), own, filename="note.txt", enqueue=False)
    assert demo.load_demo_documents() == 0
    assert Document.objects.count() == 1


@pytest.mark.parametrize("value", ["0", "false", "off"])
def test_disabled_by_environment(monkeypatch, value):
    monkeypatch.setenv("WENKU_DEMO", value)
    assert demo.load_demo_documents() == 0
    assert not Document.objects.exists()
