"""A newcomer registers, uploads an 8-page DOCX, watches it convert and reads the preview."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.samples import make_docx, page_marker

pytestmark = pytest.mark.browser


def register(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/register/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", "Zhong-wen-2026!")
    page.fill("input[name=password2]", "Zhong-wen-2026!")
    page.click("button.btn.primary")
    page.wait_for_load_state()


def status_of(url: str, cookies: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_upload_convert_and_read_the_preview(live_site, browser, tmp_path):
    docx = make_docx(tmp_path / "职业教育会议材料.docx", pages=8)
    author = browser.new_context(locale="zh-CN")
    page = author.new_page()
    register(page, live_site, "author1")

    page.goto(live_site + "/upload/")
    page.set_input_files("input[type=file]", str(docx))
    page.click("button.btn.primary")
    page.wait_for_url("**/me/documents/**")

    # Progress is live: the status changes to ready without reloading the page.
    row = page.locator(".doc-state").first
    row.locator(".status-ready").wait_for(timeout=180_000)
    assert page.locator(".status-failed").count() == 0

    page.locator("a", has_text="职业教育会议材料").first.click()
    page.wait_for_load_state()
    doc_url = page.url

    # The document page as a reader sees it: pages 1-5, the notice, no page 6.
    reader = browser.new_context(locale="zh-CN").new_page()
    reader.goto(doc_url)
    previews = reader.locator("section.previews figure.page img")
    assert previews.count() == 5
    reader.locator("#page-5 img").scroll_into_view_if_needed()
    for number in range(1, 6):
        img = reader.locator(f"#page-{number} img")
        img.scroll_into_view_if_needed()
        reader.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=img.element_handle()
        )
    assert reader.locator("#page-6").count() == 0
    assert "预览" in reader.locator("section.preview-end").inner_text()
    body = reader.content()
    assert page_marker(5) in body and page_marker(6) not in body

    # The page-6 image answers 404 to an anonymous client and to another member.
    page6 = reader.locator("#page-1 img").get_attribute("src").replace("/page/1-", "/page/6-")
    assert status_of(live_site + page6) in (403, 404)
    other = browser.new_context()
    register(other.new_page(), live_site, "reader2")
    cookies = {c["name"]: c["value"] for c in other.cookies()}
    assert status_of(live_site + page6, cookies) in (403, 404)
    # ...while page 5 is served to anyone.
    page5 = page6.replace("/page/6-", "/page/5-")
    assert status_of(live_site + page5) == 200
