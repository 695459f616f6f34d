"""Home, categories, sitemap.xml, robots.txt and error pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wenku.library.models import Category, Document

pytestmark = pytest.mark.django_db


def test_home_lists_listed_documents_only(client, make_doc):
    listed = make_doc(title="可以看到的文档")
    make_doc(title="隐藏文档", visibility=Document.Visibility.HIDDEN)
    make_doc(title="失败文档", status=Document.Status.FAILED)
    make_doc(title="删除文档", visibility=Document.Visibility.REMOVED)
    content = client.get("/").content.decode()
    assert "可以看到的文档" in content
    assert reverse("web:cover", args=[listed.pk]) in content
    assert "8页" in content and "PDF" in content
    for title in ("隐藏文档", "失败文档", "删除文档"):
        assert title not in content
    assert "应用文档" in content  # categories from the initial taxonomy


def test_most_read_lists_by_views(client, make_doc):
    a = make_doc(title="冷门文档")
    b = make_doc(title="热门文档")
    Document.objects.filter(pk=b.pk).update(views=50)
    Document.objects.filter(pk=a.pk).update(views=3)
    content = client.get("/").content.decode()
    popular = content.split("最多阅读")[1]
    assert popular.index("热门文档") < popular.index("冷门文档")


def test_category_page_includes_subcategories_and_paginates(client, make_doc, category):
    parent = category.parent
    make_doc(title="子分类文档", category=category, pages=1)
    make_doc(title="父分类文档", category=parent, pages=1)
    make_doc(title="隐藏子分类文档", category=category, visibility=Document.Visibility.HIDDEN)
    response = client.get(parent.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>测试文档</h1>" in content
    assert "子分类文档" in content and "父分类文档" in content
    assert "隐藏子分类文档" not in content
    assert category.get_absolute_url() in content  # sub-category link
    child = client.get(category.get_absolute_url()).content.decode()
    assert "子分类文档" in child and "父分类文档" not in child
    crumbs = child.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert parent.get_absolute_url() in crumbs and 'aria-current="page">测试材料' in crumbs


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999", "1.5", "", "9" * 40])
def test_category_bad_page_values_are_handled(client, make_doc, category, value):
    for i in range(3):
        make_doc(title=f"文档{i}", category=category, pages=1)
    response = client.get(category.get_absolute_url(), {"page": value})
    assert response.status_code == 200


def test_category_pagination(client, make_doc, category, monkeypatch):
    monkeypatch.setattr("wenku.web.views.browse.PER_PAGE", 2)
    for i in range(5):
        make_doc(title=f"分页文档{i}", category=category, pages=1)
    first = client.get(category.get_absolute_url()).content.decode()
    assert 'rel="next" href="/c/test-material/?page=2"' in first
    third = client.get(category.get_absolute_url(), {"page": 3}).content.decode()
    assert "分页文档0" in third and 'rel="prev"' in third
    assert '<link rel="canonical" href="https://wenku.example/c/test-material/?page=3">' in third


def test_unknown_category_is_404(client):
    response = client.get("/c/no-such-category/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_sitemap_lists_listed_documents_only(client, make_doc, category):
    listed = make_doc(category=category)
    hidden = make_doc(visibility=Document.Visibility.HIDDEN)
    failed = make_doc(status=Document.Status.FAILED)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"sitemap-documents.xml" in index.content
    documents = client.get("/sitemap-documents.xml").content.decode()
    assert f"<loc>https://wenku.example/d/{listed.pk}/</loc>" in documents
    assert f"/d/{hidden.pk}/" not in documents and f"/d/{failed.pk}/" not in documents
    assert "<lastmod>" in documents
    categories = client.get("/sitemap-categories.xml").content.decode()
    assert "https://wenku.example/c/test-material/" in categories
    assert Category.objects.count() == categories.count("<loc>")
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>https://wenku.example/</loc>" in pages


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: https://wenku.example/sitemap.xml" in body
    assert "Disallow: /upload/" in body and "Disallow: /me/documents/" in body
    assert "Disallow: /d/\n" not in body


def test_500_template_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "出错了" in html


def test_base_layout_has_search_nav_and_no_external_assets(client):
    content = client.get("/").content.decode()
    assert 'name="q"' in content and "data-suggest" in content
    assert reverse("search:results") in content
    assert reverse("accounts:login") in content and reverse("accounts:register") in content
    assert "http://" not in content.replace("http://www.w3.org", "")
    assert "https://" not in content.replace("https://wenku.example", "")
    css = client.get("/static/web/wenku.css")
    assert css.status_code == 200


def test_csrf_failure_page_is_in_the_site_style(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("web:upload"), {})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()
