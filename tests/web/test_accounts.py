"""Register, log in, log out, profiles, and the language switcher."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from wenku.library.models import Document

pytestmark = pytest.mark.django_db


def test_register_logs_in_and_redirects(client):
    response = client.post(
        reverse("accounts:register"),
        {
            "username": "newbie",
            "display_name": "新人",
            "email": "",
            "password1": "a-long-Passphrase-77",
            "password2": "a-long-Passphrase-77",
            "next": "/upload/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/upload/"
    user = get_user_model().objects.get(username="newbie")
    assert user.display_name == "新人"
    assert client.get("/").context["user"] == user


def test_register_rejects_mismatch_and_duplicates_and_unsafe_next(client, member):
    response = client.post(
        reverse("accounts:register"),
        {"username": "author", "password1": "a-long-Passphrase-77", "password2": "nope"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors and "password2" in errors
    response = client.post(
        reverse("accounts:register"),
        {
            "username": "x2",
            "password1": "a-long-Passphrase-77",
            "password2": "a-long-Passphrase-77",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("web:home")


def test_login_and_logout(client, member):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200 and "登录" in page.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "author", "password": "pw-author-123"}
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "退出" in home and reverse("web:my_documents") in home
    assert client.get(reverse("accounts:logout")).status_code == 405  # logout is POST only
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "退出" not in client.get("/").content.decode()


def test_wrong_password_is_refused(client, member):
    response = client.post(reverse("accounts:login"), {"username": "author", "password": "bad"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_profile_lists_listed_documents_and_all_for_self(client, make_doc, member):
    make_doc(title="公开的文档")
    make_doc(title="隐藏的文档", visibility=Document.Visibility.HIDDEN)
    make_doc(title="转换中的文档", status=Document.Status.CONVERTING)
    url = reverse("web:profile", args=["author"])
    public = client.get(url).content.decode()
    assert "公开的文档" in public
    assert "隐藏的文档" not in public and "转换中的文档" not in public
    client.force_login(member)
    own = client.get(url).content.decode()
    assert "公开的文档" in own and "隐藏的文档" in own and "转换中的文档" in own
    assert "已隐藏" in own and "转换中" in own


def test_unknown_profile_is_404(client):
    assert client.get(reverse("web:profile", args=["nobody"])).status_code == 404


def test_language_switcher_switches_to_english(client):
    home = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in home and "最新文档" in home
    assert 'action="/i18n/setlang/"' in home and 'value="en"' in home
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Latest documents" in english and "最新文档" not in english
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "最新文档" in client.get("/").content.decode()


def test_site_language_ignores_accept_language(client, settings):
    settings.MIDDLEWARE = [
        "wenku.web.middleware.SiteLanguageMiddleware" if m.endswith("LocaleMiddleware") else m
        for m in settings.MIDDLEWARE
    ]
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "最新文档" in response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "Latest documents" in english.content.decode()
    client.cookies["django_language"] = "xx-bogus"
    assert "最新文档" in client.get("/").content.decode()
