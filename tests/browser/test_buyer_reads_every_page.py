"""A buyer reads every page they bought on the document page (issue #10 point 6): a 12-page
DOCX with 5 free pages, bought with the sign-up points. Pages 6-12 were never rendered at
upload; the document page shows placeholders that fill in by themselves as the site's worker
renders them (the web process queues them, it does not render)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import run_site
from tests.browser.test_upload_and_read import register
from tests.samples import make_docx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_site():
    """A site of its own: the other browser tests upload the same sample text, and the
    quality check would hold one upload as a copy of the other."""
    yield from run_site()


def upload_paid(page, base: str, docx) -> str:
    """Upload, set a price, wait for conversion; the document's URL (not opened: an owner's
    visit would have the worker render the pages before the buyer comes)."""
    page.goto(base + "/upload/")
    page.set_input_files("input[type=file]", str(docx))
    page.click("button.btn.primary")
    page.wait_for_url("**/me/documents/**")
    page.locator(".doc-state .status-ready").first.wait_for(timeout=240_000)
    href = page.locator("a", has_text="十二页材料").first.get_attribute("href")
    doc_url = base + re.sub(r"^(/d/\d+/).*$", r"\1", href)
    page.goto(doc_url + "edit/")
    page.fill("input[name=price]", "5")
    # The save redirects to the document page: not followed (the owner's visit would queue
    # the renders, and its script would poll for the rest, before the buyer arrives).
    saved = []

    def save_only(route):
        if route.request.method != "POST":
            return route.continue_()
        response = route.fetch(max_redirects=0)
        saved.append(response.status)
        route.fulfill(status=200, body="saved")

    page.route("**/edit/", save_only)
    page.locator("form button[type=submit].btn.primary").first.click()
    page.wait_for_load_state()
    assert saved == [302]
    return doc_url


def test_buyer_sees_pages_6_to_12_fill_in(own_site, browser, tmp_path):
    live_site = own_site
    # Its own topic: the other browser tests upload "school" texts to the same site, and the
    # quality check would hold theirs as copies of this one.
    docx = make_docx(tmp_path / "十二页材料.docx", pages=12)
    author = browser.new_context(locale="zh-CN").new_page()
    register(author, live_site, "author12")
    doc_url = upload_paid(author, live_site, docx)

    buyer = browser.new_context(locale="zh-CN").new_page()
    register(buyer, live_site, "buyer12")  # 20 sign-up points
    buyer.goto(doc_url)
    assert buyer.locator("section.previews figure.page").count() == 5
    # Wait for the purchase's own navigation: under load a bare click returned before it
    # started, and the next goto raced it (and got no response).
    with buyer.expect_navigation():
        buyer.locator("form[action*='/wallet/buy/'] button").click()
    buyer.wait_for_load_state()

    # The HTML as sent, before the script fills it in. Not goto()'s response: the purchase
    # lands on doc_url#download, and a goto that differs only by the hash may return None.
    sent = buyer.request.get(doc_url).text()
    # That HTML as the browser lays it out, nothing filled in yet: a placeholder is as tall
    # as a page image, so a page a reader jumped to does not move when the ones above fill in.
    buyer.route(doc_url, lambda route: route.fulfill(body=sent, content_type="text/html"))
    buyer.route("**/pages.json*", lambda route: route.abort())
    buyer.goto(doc_url)
    heights = [buyer.locator(f"#page-{n} .page-box").bounding_box()["height"] for n in (5, 6)]
    assert buyer.locator("#page-6 .page-missing").count() == 1
    assert abs(heights[0] - heights[1]) < 2, heights
    buyer.unroute_all()
    buyer.goto(doc_url)
    figures = buyer.locator("section.previews figure.page")
    assert figures.count() == 12
    # Right after buying, pages 6-12 have no images yet: placeholders with a refresh link.
    assert sent.count('class="page-missing"') == 7 and "刷新</a>" in sent
    assert "稍候会自动显示" in sent
    # ...and they fill in without a reload or any URL typed by the reader.
    for number in range(1, 13):
        figure = buyer.locator(f"#page-{number}")
        figure.scroll_into_view_if_needed()
        img = buyer.locator(f"#page-{number} img")
        img.wait_for(timeout=180_000)
        buyer.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=60_000
        )
    assert buyer.locator(".page-missing").count() == 0
    assert buyer.url == doc_url  # the same page, filled in place

    # Another member still sees the preview only.
    stranger = browser.new_context(locale="zh-CN").new_page()
    register(stranger, live_site, "stranger12")
    stranger.goto(doc_url)
    assert stranger.locator("section.previews figure.page").count() == 5
