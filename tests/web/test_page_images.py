"""Page images and covers go through the access check; pages beyond the preview are 404."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from wenku.library import storage_layout
from wenku.library.models import Document

pytestmark = pytest.mark.django_db


def image_url(doc, number, width=500):
    return reverse("web:page_image", args=[doc.pk, number, width])


def test_free_page_is_served_publicly(client, make_doc):
    doc = make_doc()
    response = client.get(image_url(doc, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert response["ETag"]


def test_page_beyond_preview_is_404_for_anonymous_and_other_members(client, make_doc, other):
    doc = make_doc()
    assert client.get(image_url(doc, 6)).status_code == 404
    client.force_login(other)
    assert client.get(image_url(doc, 6)).status_code == 404
    assert client.get(image_url(doc, 8, 1000)).status_code == 404


def test_page_beyond_preview_is_served_to_owner_and_staff(client, make_doc, member, staff):
    doc = make_doc()
    for user in (member, staff):
        client.force_login(user)
        response = client.get(image_url(doc, 6))
        assert response.status_code == 200, user
        assert response["Cache-Control"].startswith("private")


def test_width_not_in_settings_is_404(client, make_doc):
    doc = make_doc()
    default_storage.save(
        storage_layout.page_image_name(doc.pk, 1, 700),
        default_storage.open(storage_layout.page_image_name(doc.pk, 1, 500)),
    )
    assert client.get(image_url(doc, 1, 700)).status_code == 404


def test_page_out_of_range_and_unknown_document_are_404(client, make_doc):
    doc = make_doc()
    assert client.get(image_url(doc, 0)).status_code == 404
    assert client.get(image_url(doc, 99)).status_code == 404
    assert client.get("/d/424242/page/1-500.webp").status_code == 404


def test_hidden_document_pages_are_404_for_public(client, make_doc, member):
    doc = make_doc(visibility=Document.Visibility.HIDDEN)
    assert client.get(image_url(doc, 1)).status_code == 404
    assert client.get(reverse("web:cover", args=[doc.pk])).status_code == 404
    client.force_login(member)
    response = client.get(image_url(doc, 1))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_unrendered_page_is_404(client, make_doc):
    doc = make_doc(rendered=False)
    assert client.get(image_url(doc, 1)).status_code == 404
    content = client.get(doc.get_absolute_url()).content.decode()
    assert "此页的预览还没有生成" in content
    assert image_url(doc, 1) not in content


def test_cover(client, make_doc):
    doc = make_doc()
    response = client.get(reverse("web:cover", args=[doc.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"


def test_conditional_request_gets_304(client, make_doc):
    doc = make_doc()
    etag = client.get(image_url(doc, 1))["ETag"]
    response = client.get(image_url(doc, 1), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_x_accel_mode_hands_the_file_to_nginx(client, make_doc, settings, member):
    settings.WENKU_SERVE_MODE = "x-accel"
    settings.WENKU_X_ACCEL_PREFIX = "/protected/"
    doc = make_doc()
    response = client.get(image_url(doc, 2, 1000))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/documents/{doc.pk}/pages/2-1000.webp"
    assert response.content == b""
    assert response["Content-Type"] == "image/webp"
    # The access check still comes first.
    assert client.get(image_url(doc, 6)).status_code == 404
    client.force_login(member)
    assert client.get(image_url(doc, 6))["X-Accel-Redirect"].endswith("/pages/6-500.webp")


def test_x_sendfile_mode(client, make_doc, settings):
    settings.WENKU_SERVE_MODE = "x-sendfile"
    doc = make_doc()
    response = client.get(image_url(doc, 1))
    assert response["X-Sendfile"] == str(
        settings.MEDIA_ROOT / storage_layout.page_image_name(doc.pk, 1, 500)
    )
    assert response.content == b""


def test_post_is_not_allowed(client, make_doc):
    doc = make_doc()
    assert client.post(image_url(doc, 1)).status_code == 405
