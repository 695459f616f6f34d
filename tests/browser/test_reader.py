"""The reader in Debian chromium, on a site of its own: a 60-page DOCX (5 free pages) whose
pages each carry a unique marker.

- A visitor selects a line of a preview page with the mouse, copies it (Ctrl+C) and reads
  it back from the clipboard; with copying switched off by the author the same gesture
  copies nothing.
- "Search in this document" highlights the match on page 3's image.
- A buyer jumps to page 40, leaves, and in a new browser session (so not from
  localStorage) is brought back to page 40; page 40 stays put while the paid pages above
  it fill in.
- A phone-sized screen shows the pages and the toolbar without sideways scrolling.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import run_site
from tests.browser.test_upload_and_read import register
from tests.samples import make_docx, page_marker

pytestmark = pytest.mark.browser
TITLE = "六十页养老服务材料"
PASSWORD = "Zhong-wen-2026!"


@pytest.fixture(scope="module")
def site():
    yield from run_site()


@pytest.fixture(scope="module")
def world(site, browser, tmp_path_factory):
    docx = make_docx(
        tmp_path_factory.mktemp("reader") / f"{TITLE}.docx", pages=60, title=TITLE, topic="elderly"
    )
    context = browser.new_context(locale="zh-CN")
    author = context.new_page()
    register(author, site, "reader_author")
    author.goto(site + "/upload/")
    author.set_input_files("input[type=file]", str(docx))
    author.click("button.btn.primary")
    author.wait_for_url("**/me/documents/**")
    author.locator(".doc-state .status-ready").first.wait_for(timeout=300_000)
    href = author.locator("a", has_text=TITLE).first.get_attribute("href")
    doc_url = site + re.sub(r"^(/d/\d+/).*$", r"\1", href)
    set_document(author, doc_url, price="5")
    yield {"site": site, "doc_url": doc_url, "author": author}
    context.close()


def set_document(author, doc_url: str, price: str | None = None, copy: bool | None = None):
    author.goto(doc_url + "edit/")
    if price is not None:
        author.fill("input[name=price]", price)
    if copy is not None:
        author.locator("input[name=allow_copy]").set_checked(copy)
    with author.expect_navigation():
        author.locator("form button[type=submit].btn.primary").first.click()


def visitor(browser, **options):
    context = browser.new_context(locale="zh-CN", **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context, context.new_page()


def select_and_copy(page, number: int) -> str:
    """Drag the mouse over page `number`'s marker line, press Ctrl+C, read the clipboard."""
    page.evaluate("navigator.clipboard.writeText('剪贴板原样')")
    span = page.locator(f"#page-{number} .text-layer span", has_text=page_marker(number))
    span.scroll_into_view_if_needed()
    box = span.bounding_box()
    assert box and box["width"] > 20
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    page.mouse.up()
    page.keyboard.press("Control+C")
    return page.evaluate("navigator.clipboard.readText()")


def test_select_and_copy_a_preview_line_and_copy_switched_off(world, browser):
    context, page = visitor(browser)
    page.goto(world["doc_url"])
    copied = select_and_copy(page, 2)
    assert page_marker(2)[:8] in copied, copied
    # The text layer is real text for screen readers: it is in the page's accessibility tree.
    assert page.locator("#page-2 .text-layer").inner_text().find(page_marker(2)) >= 0

    set_document(world["author"], world["doc_url"], copy=False)
    try:
        page.goto(world["doc_url"])
        assert page.locator("section.previews.no-copy").count() == 1
        assert page.locator("#page-2 .text-layer span", has_text=page_marker(2)).count() == 1
        assert select_and_copy(page, 2) == "剪贴板原样"  # nothing was copied
        # Even a script-made selection (select-all) copies nothing from the pages.
        page.keyboard.press("Control+A")
        page.keyboard.press("Control+C")
        assert page_marker(2) not in page.evaluate("navigator.clipboard.readText()")
    finally:
        set_document(world["author"], world["doc_url"], copy=True)
    context.close()


def test_search_in_the_document_highlights_page_3(world, browser):
    context, page = visitor(browser)
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.goto(world["doc_url"])
    page.fill(".reader-find input[name=q]", page_marker(3))
    page.click(".reader-find button")
    hit = page.locator("#page-3 mark.hit.current").first
    hit.wait_for(timeout=10_000)
    assert hit.is_visible()
    hit_box, span_box = (
        hit.bounding_box(),
        page.locator("#page-3 .text-layer span", has_text=page_marker(3)).bounding_box(),
    )
    # The highlight sits on the marker's line of the page image.
    assert abs(hit_box["y"] - span_box["y"]) < span_box["height"]
    assert "3" in page.locator(".find-status").inner_text()
    # A marker of a paid page is not found for a visitor (not even which page has it).
    page.fill(".reader-find input[name=q]", page_marker(40))
    page.click(".reader-find button")
    page.wait_for_function(
        "() => document.querySelector('.find-status').textContent.includes('没有')"
    )
    assert page.locator("mark.hit").count() == 0
    assert not [m for m in messages if "Content Security Policy" in m]
    context.close()


def sign_in(page, site: str, username: str) -> None:
    page.goto(site + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button.btn.primary")


def test_buyer_jumps_to_page_40_and_is_brought_back(world, browser):
    context, page = visitor(browser)
    register(page, world["site"], "reader_buyer")
    page.goto(world["doc_url"])
    with page.expect_navigation():
        page.locator("form[action*='/wallet/buy/'] button").click()
    page.goto(world["doc_url"])
    assert page.locator("section.previews figure.page").count() == 60
    page.fill(".reader-jump input[name=page]", "40")
    with page.expect_response(lambda r: "position.json" in r.url and r.request.method == "POST"):
        page.click(".reader-jump button")
    page.wait_for_function(
        "() => Math.abs(document.getElementById('page-40').getBoundingClientRect().top) < 5"
    )
    # The buyer's text layer of page 40 loads as the page comes near.
    page.locator("#page-40 .text-layer span", has_text=page_marker(40)).wait_for(timeout=20_000)
    # The paid pages above it arrive while the buyer reads (pages.js swaps each placeholder
    # for its image): page 40 stays where the buyer jumped to.
    page.wait_for_function(
        "() => !Array.from(document.querySelectorAll('.page-missing'))"
        ".some(box => Number(box.dataset.page) < 40)",
        timeout=240_000,
    )
    page.wait_for_timeout(500)  # the last images decode
    top = page.evaluate("document.getElementById('page-40').getBoundingClientRect().top")
    assert abs(top) < 5, top
    page.goto(world["site"] + "/")
    context.close()

    later, page = visitor(browser)  # another day, another browser: no localStorage
    sign_in(page, world["site"], "reader_buyer")
    page.goto(world["doc_url"])
    page.wait_for_function(
        "() => { const r = document.getElementById('page-40').getBoundingClientRect();"
        " return r.top < innerHeight / 2 && r.bottom > 0; }",
        timeout=10_000,
    )
    assert page.input_value(".reader-jump input[name=page]") == "40"
    assert "40" in page.locator(".find-status").inner_text()
    # Keyboard: the next page.
    page.keyboard.press("j")
    page.wait_for_function(
        "() => Math.abs(document.getElementById('page-41').getBoundingClientRect().top) < 5"
    )
    later.close()


def test_phone_sized_screen(world, browser):
    context, page = visitor(
        browser, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page.goto(world["doc_url"])
    assert page.locator(".reader-bar").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 376, width
    figure = page.locator("#page-1").bounding_box()
    assert figure and 300 <= figure["width"] <= 375
    span = page.locator("#page-1 .text-layer span").first.bounding_box()
    assert (
        span
        and span["x"] >= figure["x"]
        and span["x"] + span["width"] <= figure["x"] + figure["width"] + 1
    )
    context.close()
