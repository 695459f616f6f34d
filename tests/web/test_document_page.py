"""The document page shows what the seed page shows, honestly, and nothing beyond the preview."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from wenku.library.models import Document
from wenku.web.pagecache import VIEW_BATCH

pytestmark = pytest.mark.django_db


def json_ld(content: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


def test_document_page_shows_every_seed_field(client, make_doc, category, member):
    doc = make_doc(category=category, tags=("职业教育", "会议材料"), file_size=17315)
    response = client.get(doc.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>全市职业教育工作会议交流材料</h1>" in content
    assert "文档ID" in content and f"<dd>{doc.pk}</dd>" in content
    assert "16.91 KB" in content
    assert "8页" in content
    assert timezone.localtime(doc.created_at).strftime("%Y-%m-%d") in content
    assert reverse("web:profile", args=[member.username]) in content and "author" in content
    # Breadcrumb: parent category, then the document's category.
    crumbs = content.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert crumbs.index("测试文档") < crumbs.index("测试材料")
    assert "职业教育" in content and "会议材料" in content
    # Previews 第1页…第5页 only.
    for number in range(1, 6):
        assert f"全市职业教育工作会议交流材料 第{number}页" in content  # alt text
        assert reverse("web:page_image", args=[doc.pk, number, 1000]) in content
    assert reverse("web:page_image", args=[doc.pk, 6, 500]) not in content
    assert content.count('loading="lazy"') >= 4
    srcset = f"/d/{doc.pk}/page/2-500.webp 500w, /d/{doc.pk}/page/2-1000.webp 1000w"
    assert f'srcset="{srcset}"' in content
    assert 'width="1000" height="1415"' in content
    # Preview-ends notice, price, revenue notice, the four notices.
    assert "预览已结束" in content and "下载文档查看全文" in content
    assert "免费下载" in content
    assert "此文档下载收益归作者所有" in content
    assert "温馨提示" in content
    assert "公式" in content and "版权" in content and "与标题不符" in content and "退还" in content
    # The text of pages 1-5 as paragraphs, and never the text of page 6+.
    for number in range(1, 6):
        assert f"<p>第{number}页正文：职业技术教育第{number}段内容。</p>" in content
    for number in range(6, 9):
        assert f"第{number}页正文" not in content
    assert f"第{6}段" not in content


def test_json_ld_is_parseable_and_complete(client, make_doc, category):
    doc = make_doc(category=category, price=5)
    content = client.get(doc.get_absolute_url()).content.decode()
    data = next(d for d in json_ld(content) if d["@type"] == "DigitalDocument")
    assert data["name"] == doc.title
    assert data["identifier"] == str(doc.pk)
    assert data["numberOfPages"] == 8
    assert data["author"]["name"] == "author"
    assert data["encodingFormat"] == "application/pdf"
    assert data["isAccessibleForFree"] is False
    assert data["about"]["name"] == "测试材料"
    assert data["inLanguage"] == "zh"
    assert data["dateCreated"].startswith(str(doc.created_at.year))
    assert f'<link rel="canonical" href="https://wenku.example/d/{doc.pk}/">' in content
    assert '<meta property="og:title" content="全市职业教育工作会议交流材料">' in content
    description = re.search(r'<meta name="description" content="([^"]*)">', content).group(1)
    assert description.startswith("第1页正文") and len(html.unescape(description)) <= 150
    assert "第6页" not in description


def test_price_shows_points_and_asks_an_anonymous_reader_to_log_in(client, make_doc):
    doc = make_doc(price=12)
    content = client.get(doc.get_absolute_url()).content.decode()
    assert "12 积分" in content
    assert "登录后下载" in content and "/accounts/login/?next=" in content


def test_whole_document_is_shown_when_short(client, make_doc):
    doc = make_doc(pages=3)
    content = client.get(doc.get_absolute_url()).content.decode()
    assert "第3页正文" in content
    assert "预览已结束" not in content


def test_author_lower_preview_limit_is_respected(client, make_doc):
    doc = make_doc(preview_limit=2)
    content = client.get(doc.get_absolute_url()).content.decode()
    assert "第2页正文" in content and "第3页正文" not in content
    assert reverse("web:page_image", args=[doc.pk, 3, 500]) not in content
    assert client.get(reverse("web:page_image", args=[doc.pk, 3, 500])).status_code == 404


XSS = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def test_xss_is_escaped_everywhere(client, make_doc, category, member):
    member.display_name = XSS
    member.save()
    doc = make_doc(
        title=f"标题{XSS}",
        description=f"描述{XSS}",
        tags=("<b>tag</b>",),
        category=category,
        text=lambda n: f"正文{n}{XSS}",
    )
    for url in (
        doc.get_absolute_url(),
        reverse("web:home"),
        category.get_absolute_url(),
        reverse("web:profile", args=[member.username]),
    ):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url
        assert "<b>tag</b>" not in content, url
    content = client.get(doc.get_absolute_url()).content.decode()
    # Each JSON-LD block still parses and holds the original strings.
    data = next(d for d in json_ld(content) if d["@type"] == "DigitalDocument")
    assert data["name"] == f"标题{XSS}"
    assert data["author"]["name"] == XSS
    assert content.count("</script>") == content.count("<script")


def test_view_is_counted_for_visitors_not_owner(client, make_doc, member):
    doc = make_doc()
    # Rendered or served from the shared page cache: counted in the cache, written in batches.
    for _ in range(VIEW_BATCH - 1):
        client.get(doc.get_absolute_url())
    doc.refresh_from_db()
    assert doc.views == 0
    client.get(doc.get_absolute_url())
    doc.refresh_from_db()
    assert doc.views == VIEW_BATCH
    client.force_login(member)
    client.get(doc.get_absolute_url())
    doc.refresh_from_db()
    assert doc.views == VIEW_BATCH


@pytest.mark.parametrize(
    "changes",
    [
        {"visibility": Document.Visibility.HIDDEN},
        {"visibility": Document.Visibility.REMOVED},
        {"status": Document.Status.FAILED},
        {"status": Document.Status.CONVERTING},
    ],
)
def test_unlisted_document_is_404_for_public_but_shown_to_owner_and_staff(
    client, make_doc, member, other, staff, changes
):
    doc = make_doc()
    Document.objects.filter(pk=doc.pk).update(**changes)
    assert client.get(doc.get_absolute_url()).status_code == 404
    client.force_login(other)
    assert client.get(doc.get_absolute_url()).status_code == 404
    for user in (member, staff):
        client.force_login(user)
        response = client.get(doc.get_absolute_url())
        assert response.status_code == 200
        content = response.content.decode()
        assert "只有上传者和本站工作人员能看到此页面" in content
        assert 'name="robots" content="noindex' in content


def test_owner_sees_all_pages_status_and_tools(client, make_doc, member):
    doc = make_doc()
    client.force_login(member)
    content = client.get(doc.get_absolute_url()).content.decode()
    for number in range(1, 9):
        assert reverse("web:page_image", args=[doc.pk, number, 1000]) in content
    assert reverse("web:document_edit", args=[doc.pk]) in content
    assert reverse("web:document_delete", args=[doc.pk]) in content
    assert "已就绪" in content
    # The text block stays the public preview even for the owner.
    assert "第6页正文" not in content


def test_failed_document_shows_reason_and_retry_to_owner(client, make_doc, member):
    doc = make_doc(status=Document.Status.FAILED)
    Document.objects.filter(pk=doc.pk).update(failure_code="encrypted")
    client.force_login(member)
    content = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("web:document_retry", args=[doc.pk]) in content
    assert "文件设有密码保护" in content  # the reason, in the reader's language


def test_unknown_document_is_404(client):
    response = client.get("/d/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_related_documents_from_the_same_category(client, make_doc, category):
    doc = make_doc(category=category)
    sibling = make_doc(category=category, title="同类文档", pages=2)
    make_doc(title="隐藏的同类", category=category, visibility=Document.Visibility.HIDDEN)
    content = client.get(doc.get_absolute_url()).content.decode()
    related = content.split('id="related-heading"')[1]
    assert sibling.title in related
    assert "隐藏的同类" not in related


def test_document_page_query_count_is_bounded(
    client, make_doc, category, django_assert_max_num_queries
):
    doc = make_doc(category=category, tags=("甲", "乙"), pages=40)
    with django_assert_max_num_queries(10):
        assert client.get(doc.get_absolute_url()).status_code == 200
