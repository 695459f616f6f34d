"""Ratings and comments in the browser, with the site's own forms: a reader rates a document
and comments on it, its author replies, the reader reports the reply, and a visitor sees it
all (escaped, without any form)."""

from __future__ import annotations

import pytest

from tests.browser.test_upload_and_read import register
from tests.samples import make_docx

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=\"document.title='pwned'\">很有用"


def test_rate_comment_reply_report(live_site, browser, tmp_path):
    author = browser.new_context(locale="zh-CN").new_page()
    register(author, live_site, "uploader9")
    author.goto(live_site + "/upload/")
    # Its own topic: the other browser tests upload "school" and "safety" texts to the same
    # site, and the quality check would hold this one as a copy of theirs (no rating form).
    docx = make_docx(tmp_path / "评论测试文档.docx", pages=1, topic="rural")
    author.set_input_files("input[type=file]", str(docx))
    author.click("button.btn.primary")
    author.wait_for_url("**/me/documents/**")
    author.locator(".doc-state .status-ready").first.wait_for(timeout=240_000)
    author.locator("a", has_text="评论测试文档").first.click()
    author.wait_for_load_state()
    doc_url = author.url.split("#")[0]
    assert author.locator("form.rate-form").count() == 0  # not on one's own document

    reader = browser.new_context(locale="zh-CN").new_page()
    register(reader, live_site, "reader9")
    reader.goto(doc_url)
    reader.locator("form.rate-form input[name=stars][value='4']").check()
    reader.locator("form.rate-form button[type=submit]").click()
    reader.wait_for_load_state()
    assert "4" in reader.locator(".rating-summary").inner_text()
    assert reader.locator("form.rate-form input[value='4']").is_checked()

    reader.fill("#comment-body", PAYLOAD)
    reader.locator("form.comment-form button[type=submit]").click()
    reader.wait_for_load_state()
    body = reader.locator("article.comment .comment-body").first
    assert body.inner_text() == PAYLOAD  # shown as text
    assert reader.title() != "pwned" and reader.locator("article.comment img").count() == 0

    author.goto(doc_url)
    thread = author.locator("article.comment").first
    thread.locator("details.reply-box summary").click()
    thread.locator("details.reply-box textarea").fill("谢谢支持")
    thread.locator("details.reply-box button[type=submit]").click()
    author.wait_for_load_state()
    reply = author.locator("article.comment.reply")
    assert reply.locator(".comment-body").inner_text() == "谢谢支持"

    reader.goto(doc_url)
    reader.locator("article.comment.reply a[href*='/report']").click()
    reader.wait_for_load_state()
    assert "谢谢支持" in reader.locator("blockquote.reported-comment").inner_text()
    reader.fill("#report-details", "测试举报")
    reader.locator("form.report-form button[type=submit]").click()
    reader.wait_for_load_state()
    assert reader.url.split("#")[0] == doc_url
    assert "工作人员会审核" in reader.locator(".msg").first.inner_text()

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(doc_url)
    assert visitor.locator("article.comment .comment-body").first.inner_text() == PAYLOAD
    assert visitor.locator("article.comment.reply .comment-body").inner_text() == "谢谢支持"
    assert "4.0" in visitor.locator(".rating-summary").inner_text()
    assert (
        visitor.locator("textarea").count() == 0 and visitor.locator("form.rate-form").count() == 0
    )
