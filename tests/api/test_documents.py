"""Documents through the API: list/filter, detail, upload, edit, delete, status, pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenku.library.models import Document
from wenku.wallet import services as wallet

from .conftest import token_client

pytestmark = pytest.mark.django_db


def test_list_shows_listed_documents_only_with_filters(anon, make_doc, category, reader):
    a = make_doc(title="甲", category=category, tags=("教育",))
    b = make_doc(title="乙", owner=reader, fmt="docx")
    make_doc(title="藏", visibility=Document.Visibility.HIDDEN)
    make_doc(title="转换中", status=Document.Status.CONVERTING)
    data = anon.get("/api/v1/documents").json()
    assert data["count"] == 2 and {r["id"] for r in data["results"]} == {a.pk, b.pk}
    assert set(data) >= {"count", "page", "num_pages", "next", "previous", "results"}

    def ids(**params):
        return [r["id"] for r in anon.get("/api/v1/documents", params).json()["results"]]

    assert ids(category="edu") == [a.pk]  # the parent includes its subcategories
    assert ids(category=category.pk) == [a.pk]
    assert ids(category="nope") == []
    assert ids(tag="教育") == [a.pk]
    assert ids(format="docx") == [b.pk]
    assert ids(owner="reader") == [b.pk]
    assert ids(ordering="oldest") == [a.pk, b.pk]
    page = anon.get("/api/v1/documents", {"page_size": 1, "page": 2}).json()
    assert page["num_pages"] == 2 and len(page["results"]) == 1 and page["previous"]


def test_bad_page_number_has_the_error_shape(anon, make_doc):
    response = anon.get("/api/v1/documents", {"page": 99})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found" and response.json()["detail"]


def test_detail_hides_unlisted_documents_from_others(anon, make_doc, author):
    doc = make_doc(visibility=Document.Visibility.HIDDEN)
    assert anon.get(f"/api/v1/documents/{doc.pk}").json() == {
        "error": "not_found",
        "detail": anon.get(f"/api/v1/documents/{doc.pk}").json()["detail"],
    }
    owned = token_client(author).get(f"/api/v1/documents/{doc.pk}")
    assert owned.status_code == 200 and owned.json()["visibility"] == "hidden"
    assert owned.json()["readable_pages"] == 6


def test_pages_follow_the_preview_rule(anon, make_doc, reader, author, staff):
    doc = make_doc(pages=6)  # preview = 3 pages (settings in conftest)
    listed = anon.get(f"/api/v1/documents/{doc.pk}/pages").json()
    assert [p["number"] for p in listed["results"]] == [1, 2, 3]
    assert set(listed["results"][0]["images"]) == {"500", "1000"}
    assert anon.get(f"/api/v1/documents/{doc.pk}/pages/3").json()["text"] == "第3页正文"
    locked = anon.get(f"/api/v1/documents/{doc.pk}/pages/4")
    assert locked.status_code == 403 and locked.json()["error"] == "preview_ended"
    assert "第4页" not in locked.content.decode()
    assert anon.get(f"/api/v1/documents/{doc.pk}/pages/7").status_code == 404
    assert anon.get(f"/api/v1/documents/{doc.pk}/pages/0").status_code == 404
    for member in (author, staff):
        client = token_client(member)
        assert client.get(f"/api/v1/documents/{doc.pk}/pages/6").status_code == 200
    buyer = token_client(reader)
    assert buyer.get(f"/api/v1/documents/{doc.pk}/pages/6").status_code == 403
    wallet.purchase_document(reader, doc.pk, idempotency_key="k1")  # a free document: a copy
    assert buyer.get(f"/api/v1/documents/{doc.pk}/pages/6").json()["text"] == "第6页正文"
    assert buyer.get(f"/api/v1/documents/{doc.pk}/pages").json()["count"] == 6


def test_upload_creates_documents_and_reports_rejected_files(author, anon, category):
    client = token_client(author)
    files = [
        SimpleUploadedFile("会议纪要.txt", "第一段。\n第二段。".encode(), "text/plain"),
        SimpleUploadedFile("empty.txt", b"", "text/plain"),
    ]
    response = client.post(
        "/api/v1/documents",
        {"files": files, "category": category.pk, "tags": "会议,纪要", "price": "3"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["documents"]) == 1 and body["rejected"][0]["filename"] == "empty.txt"
    doc = Document.objects.get(pk=body["documents"][0]["id"])
    assert doc.owner == author and doc.price == 3 and doc.category == category
    assert sorted(t.name for t in doc.tags.all()) == ["会议", "纪要"]
    assert doc.original.name != "会议纪要.txt" and "会议纪要" not in doc.original.name

    anonymous = anon.post("/api/v1/documents", {"files": files[:1]}, format="multipart")
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "login_required"


def test_upload_validation_errors_have_fields(author):
    client = token_client(author)
    response = client.post("/api/v1/documents", {"price": "-1"}, format="multipart")
    body = response.json()
    assert response.status_code == 400 and body["error"] == "invalid"
    assert {"files", "price"} <= set(body["fields"]) and body["detail"]
    only_bad = client.post(
        "/api/v1/documents",
        {"files": [SimpleUploadedFile("x.txt", b"", "text/plain")]},
        format="multipart",
    )
    assert only_bad.status_code == 400 and only_bad.json()["error"] == "rejected"


def test_edit_and_delete_owner_or_staff_only(make_doc, author, reader, staff, anon):
    doc = make_doc(tags=("旧",))
    url = f"/api/v1/documents/{doc.pk}"
    assert anon.patch(url, {"title": "x"}, format="json").status_code == 401
    denied = token_client(reader).patch(url, {"title": "x"}, format="json")
    assert denied.status_code == 403 and denied.json()["error"] == "permission_denied"
    done = token_client(author).patch(
        url, {"title": "新标题", "tags": ["新", "标签"]}, format="json"
    )
    assert done.status_code == 200 and done.json()["title"] == "新标题"
    assert sorted(done.json()["tags"]) == ["新", "标签"]
    doc.refresh_from_db()
    assert doc.price == 0 and doc.description == ""  # untouched fields keep their values
    bad = token_client(author).patch(url, {"price": 10**9}, format="json")
    assert bad.status_code == 400 and "price" in bad.json()["fields"]
    assert token_client(staff).patch(url, {"description": "员"}, format="json").status_code == 200
    status = token_client(author).get(f"{url}/status").json()
    assert status["status"] == "ready" and status["percent"] == 100
    assert token_client(reader).get(f"{url}/status").status_code == 403
    assert token_client(reader).delete(url).status_code == 403
    assert token_client(author).delete(url).status_code == 204
    assert not Document.objects.filter(pk=doc.pk).exists()


def test_categories_and_tags(anon, make_doc, category):
    make_doc(tags=("教育", "会议"))
    make_doc(tags=("教育",))
    cats = {c["slug"]: c for c in anon.get("/api/v1/categories").json()}  # the whole tree
    assert cats["vocational"]["parent"] == cats["edu"]["id"] and cats["edu"]["parent"] is None
    tags = anon.get("/api/v1/tags").json()["results"]
    assert [(t["name"], t["documents"]) for t in tags] == [("教育", 2), ("会议", 1)]
    assert [t["name"] for t in anon.get("/api/v1/tags", {"q": "会"}).json()["results"]] == ["会议"]


def test_page_images_follow_the_preview_rule_with_tokens(make_doc, anon, author, reader):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from wenku.library import storage_layout
    from wenku.library.models import Page

    doc = make_doc(pages=5)
    for number in range(1, 6):
        for width in (500, 1000):
            name = storage_layout.page_image_name(doc.pk, number, width)
            default_storage.save(name, ContentFile(b"RIFF....WEBPVP8 fake"))
    Page.objects.filter(document=doc).update(rendered=True)
    url = f"/api/v1/documents/{doc.pk}/pages"
    listed = anon.get(url).json()["results"][0]["images"]["500"]
    assert listed.endswith(f"{url}/1/image?width=500")
    image = anon.get(f"{url}/1/image", {"width": 500}, HTTP_ACCEPT="image/webp")
    assert image.status_code == 200 and image["Content-Type"] == "image/webp"
    assert image["Cache-Control"].startswith("public")
    assert anon.get(f"{url}/5/image").status_code == 403
    assert anon.get(f"{url}/1/image", {"width": 7}).json()["error"] == "invalid"
    owner = token_client(author).get(f"{url}/5/image", {"width": 1000})
    assert owner.status_code == 200 and owner["Cache-Control"].startswith("private")
    assert token_client(reader).get(f"{url}/5/image").status_code == 403
    Page.objects.filter(document=doc, number=2).update(rendered=False)
    missing = anon.get(f"{url}/2/image")  # no PDF to render it from: a clean 404
    assert missing.status_code == 404 and missing.json()["error"] == "not_rendered"
