"""(tests/hardening's browser part: it shares this folder's live site and browser.)

In a real browser, the Content-Security-Policy breaks nothing: no CSP violation on the
site's pages, and the API's Swagger UI and Redoc render from local assets."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _violations(browser, url: str, ready_selector: str) -> list[str]:
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.goto(url)
    page.wait_for_selector(ready_selector, timeout=20_000)
    page.close()
    # Redoc's bundle asks cdn.redoc.ly for its "powered by" logo: the policy blocking that
    # is the point (nothing is loaded from elsewhere), so it is not counted as a breakage.
    outside = ("https://cdn.redoc.ly/",)
    blocked = [m for m in messages if "Content Security Policy" in m]
    return [m for m in blocked + failed if not any(host in m for host in outside)]


def test_site_pages_keep_their_policy(browser, live_site):
    for path, selector in [
        ("/", "header.site-header"),
        ("/accounts/login/", "form"),
        ("/search/?q=教育", "header.site-header"),
    ]:
        assert _violations(browser, live_site + path, selector) == [], path


def test_api_docs_render_under_the_policy(browser, live_site):
    assert _violations(browser, live_site + "/api/v1/docs", ".swagger-ui .info") == []
    assert _violations(browser, live_site + "/api/v1/redoc", "h1") == []
