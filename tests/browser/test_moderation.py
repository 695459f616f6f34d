"""A rights holder files a copyright notice in the browser and the document disappears; a
staff member opens the moderation queue and the case page and rejects the notice."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.browser.test_upload_and_read import register, status_of
from tests.samples import make_docx

pytestmark = pytest.mark.browser
STAFF_PASSWORD = "Shen-he-2026!"


def data_dir_of(base: str) -> str:
    """The live site's WENKU_DATA_DIR, from the line `wenku run` logs at start-up."""
    port = base.rsplit(":", 1)[1]
    for log in glob.glob(os.path.join(tempfile.gettempdir(), "wenku-browser-*", "site.log")):
        if f":{port}/" in Path(log).read_text(errors="replace"):
            return str(Path(log).parent)
    pytest.fail(f"no data directory found for {base}")


def create_staff(base: str, username: str) -> None:
    env = {
        **os.environ,
        "WENKU_DATA_DIR": data_dir_of(base),
        "DJANGO_SUPERUSER_USERNAME": username,
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
        "DJANGO_SUPERUSER_EMAIL": f"{username}@example.com",
    }
    cmd = [sys.executable, "-m", "wenku", "manage", "createsuperuser", "--noinput"]
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)


def upload_document(page, base: str, path: Path) -> str:
    page.goto(base + "/upload/")
    page.set_input_files("input[type=file]", str(path))
    page.click("button.btn.primary")
    page.wait_for_url("**/me/documents/**")
    page.locator(".doc-state .status-ready").first.wait_for(timeout=180_000)
    page.locator("a", has_text=path.stem).first.click()
    page.wait_for_load_state()
    return page.url


def test_notice_hides_the_document_and_staff_open_the_case(live_site, browser, tmp_path):
    docx = make_docx(tmp_path / "会议交流材料汇编.docx", pages=2, topic="safety")
    author = browser.new_context(locale="zh-CN").new_page()
    register(author, live_site, "mod_author")
    doc_url = upload_document(author, live_site, docx)
    assert status_of(doc_url) == 200

    # The claimant follows the complaint link of the document page.
    claimant = browser.new_context(locale="zh-CN").new_page()
    register(claimant, live_site, "mod_claimant")
    claimant.goto(doc_url)
    claimant.locator(".complaint-links a", has_text="版权通知").click()
    claimant.wait_for_load_state()
    form = claimant.locator("form.complaint-form")
    doc_id = doc_url.rstrip("/").rsplit("/", 1)[1]
    assert form.locator("textarea[name=documents]").input_value().strip() == doc_id

    # Without the statements the browser refuses to send it (the server would too).
    claimant.fill("input[name=name]", "王小明")
    claimant.fill("input[name=email]", "rights@example.com")
    claimant.fill("input[name=address]", "北京市海淀区中关村大街1号")
    claimant.fill("textarea[name=work]", "《会议交流材料汇编》，王小明著")
    form.locator("button[type=submit]").click()
    assert claimant.locator("input[name=good_faith]:invalid").count() == 1
    assert "/moderation/report/copyright/" in claimant.url
    assert status_of(doc_url) == 200

    claimant.check("input[name=good_faith]")
    claimant.check("input[name=accuracy]")
    claimant.locator("form.complaint-form button[type=submit]").click()
    claimant.wait_for_url("**/moderation/complaints/**")
    assert claimant.locator(".case-status").get_attribute("data-status") == "taken_down"

    # The document is gone for the public at once.
    assert status_of(doc_url) == 404
    anonymous = browser.new_context(locale="zh-CN").new_page()
    response = anonymous.goto(doc_url)
    assert response.status == 404

    # The uploader has a message with the notice.
    author.goto(live_site + "/")
    assert author.locator(".messages-link .unread-count").inner_text() == "1"

    # Staff open the queue, then the case page, and reject the notice.
    create_staff(live_site, "mod_staff")
    staff = browser.new_context(locale="zh-CN").new_page()
    staff.goto(live_site + "/accounts/login/")
    staff.fill("input[name=username]", "mod_staff")
    staff.fill("input[name=password]", STAFF_PASSWORD)
    staff.click("form button.btn.primary")
    staff.wait_for_load_state()
    staff.locator("a.queue-link").click()
    staff.wait_for_url("**/moderation/queue/")
    row = staff.locator("tr.case-row[data-kind=copyright]")
    assert row.count() == 1
    row.locator("a").first.click()
    staff.wait_for_url("**/moderation/queue/cases/**")
    body = staff.locator("main").inner_text()
    assert "王小明" in body and "会议交流材料汇编" in body
    assert staff.locator("table.audit tr[data-action=takedown]").count() == 1
    staff.fill("textarea[name=reason]", "通知人未能证明权属")
    staff.locator("button[name=action][value=reject]").click()
    staff.wait_for_load_state()
    assert staff.locator(".case-status").get_attribute("data-status") == "rejected"
    assert staff.locator("table.audit tr[data-action=restored]").count() == 1
    assert status_of(doc_url) == 200
