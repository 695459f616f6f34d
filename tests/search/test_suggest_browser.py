"""suggest.js in Debian's chromium: typing shows titles, arrow keys and Enter pick one."""

from __future__ import annotations

import os

import pytest

from wenku.search.backends import get_backend

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = os.environ.get("WENKU_TEST_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def clean_index():
    yield
    get_backend().clear()  # a transactional test's flush does not reach the FTS tables


def test_suggestions_fill_and_submit(live_server, make_doc, clean_index):
    playwright = pytest.importorskip("playwright.sync_api")
    make_doc(title="高等数学期末试卷", pages=["极限与导数"], downloads=9)
    make_doc(title="数学建模教程", pages=["线性规划"])
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{live_server.url}/search/")
        box = page.locator("#search-q")
        box.click()
        box.press_sequentially("数学", delay=30)
        options = page.locator(".wk-suggest [role=option]")
        options.first.wait_for(timeout=5000)
        titles = sorted(options.all_inner_texts())
        assert titles == ["数学建模教程", "高等数学期末试卷"]
        assert box.get_attribute("aria-expanded") == "true"
        box.press("ArrowDown")
        chosen = page.locator(".wk-suggest [aria-selected=true]").inner_text()
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        assert box.input_value() == chosen
        assert page.locator(".search-result").count() == 1
        browser.close()
