"""A member builds a collection in the browser: creates it, adds two documents from their
pages, reorders them and views the collection page, as a visitor would see it too."""

from __future__ import annotations

import pytest

from tests.browser.test_upload_and_read import register
from tests.samples import make_docx

pytestmark = pytest.mark.browser


def item_titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".collection-item .doc-title").all_inner_texts()]


def test_build_a_collection(live_site, browser, tmp_path):
    files = [
        make_docx(tmp_path / "安全生产培训讲义.docx", pages=1, topic="safety"),
        make_docx(tmp_path / "职业教育会议材料.docx", pages=1),
    ]
    member = browser.new_context(locale="zh-CN").new_page()
    register(member, live_site, "collector")
    member.goto(live_site + "/upload/")
    member.set_input_files("input[type=file]", [str(f) for f in files])
    member.click("button.btn.primary")
    member.wait_for_url("**/me/documents/**")
    member.locator(".doc-state .status-ready").nth(1).wait_for(timeout=240_000)
    doc_urls = []
    for f in files:
        member.goto(live_site + "/me/documents/")
        member.locator("a", has_text=f.stem).first.click()
        member.wait_for_load_state()
        doc_urls.append(member.url)

    # Create the collection (a title with markup stays text).
    member.goto(live_site + "/collections/new/")
    member.fill("input[name=title]", "<i>培训</i>资料合集")
    member.fill("textarea[name=description]", "安全生产与职业教育")
    member.check("input[name=is_public]")
    member.locator("form.collection-form button[type=submit]").first.click()
    member.wait_for_url("**/collections/*/")
    collection_url = member.url
    assert member.locator("h1.collection-title").inner_text() == "<i>培训</i>资料合集"

    # Add both documents from their pages.
    for url in doc_urls:
        member.goto(url)
        box = member.locator(".add-to-collection form")
        box.locator("select[name=collection]").select_option(label="<i>培训</i>资料合集")
        box.locator("button[type=submit]").click()
        member.wait_for_load_state()
    member.goto(collection_url)
    assert item_titles(member) == ["安全生产培训讲义", "职业教育会议材料"]

    # Reorder: the second one moves up.
    member.locator(".collection-item").nth(1).locator("button.move-up").click()
    member.wait_for_load_state()
    assert item_titles(member) == ["职业教育会议材料", "安全生产培训讲义"]

    # A visitor sees the public collection in the same order, without edit buttons.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(collection_url)
    assert item_titles(visitor) == ["职业教育会议材料", "安全生产培训讲义"]
    assert visitor.locator("button.move-up").count() == 0
    visitor.goto(live_site + "/u/collector/")
    assert visitor.locator(".author-collections a", has_text="资料合集").count() == 1
