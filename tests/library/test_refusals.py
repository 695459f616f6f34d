"""The one refusal type: every service refusal carries a code, a status and its message in
English and Chinese; the site's middleware shows it as a page with that status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from wenku.library.failures import ConversionError
from wenku.library.refusals import Refusal
from wenku.moderation.evidence import EvidenceError
from wenku.moderation.filing import ComplaintError
from wenku.publishing.uploads import UploadError
from wenku.wallet.errors import LinkInvalid, WalletError

ROOT = Path(__file__).resolve().parents[2]


def test_every_refusal_has_code_status_and_both_languages():
    for refusal in (
        ConversionError("encrypted", "owner password"),
        LinkInvalid(),
        ComplaintError("not_purchased", "You have not bought this document.", 403),
        EvidenceError("The file expands to far more data than its size suggests."),
        UploadError("a.docx", "empty", "The file is empty (0 bytes)."),
    ):
        assert isinstance(refusal, Refusal)
        assert refusal.code and 400 <= refusal.status < 600
        body = refusal.as_json()
        assert body["error"] == refusal.code and body["detail"]
    texts = ConversionError("encrypted").texts()
    assert "password" in texts["en"] and "密码" in texts["zh"]
    assert isinstance(LinkInvalid(), WalletError)
    assert EvidenceError("x").as_json()["field"] == "evidence"


@pytest.mark.django_db
def test_a_refusal_in_a_site_view_is_a_readable_page(client):
    response = client.get(reverse("wallet:file", args=["not-a-token"]))
    assert response.status_code == LinkInvalid.status
    content = response.content.decode()
    assert 'data-error="invalid_link"' in content and "该下载链接无效" in content


def test_the_code_check_flags_an_unexplained_import_in_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from wenku.library import models\n\n\ndef g():\n"
                      "    # the app registry is ready only here\n"
                      "    from wenku.library import models\n")
    run = subprocess.run(
        [sys.executable, "scripts/check_code.py", str(module)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 1
    assert f"{module}:2: in-function import without a reason" in run.stdout
    assert ":7:" not in run.stdout
