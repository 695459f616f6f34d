"""A post-ready step that hits a real PostgreSQL error, run in a child process.

    WENKU_DATABASE_URL=postgres://…/fresh_db python -m tests.flow.pg_ready_scenario STEP

STEP is "quality" or "moderation". The step runs for real (the quality check, the moderation
check) and then inserts a row that violates a unique constraint: PostgreSQL raises an
IntegrityError and marks the enclosing transaction aborted. Without a savepoint per step the
rest of publishing fails with "current transaction is aborted" and the document ends as an
"internal" failure. A TXT upload goes through the real conversion (LibreOffice) and the real
publishing (wenku.publishing.tasks.convert); one JSON line of findings is printed for the
parent test (test_ready_steps_pg.py).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def main(step: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print(json.dumps({"error": f"not on PostgreSQL but {connection.vendor}"}))
        return 2
    call_command("migrate", verbosity=0, interactive=False)

    from django.contrib.auth import get_user_model

    from wenku.conversion.office import shutdown_office
    from wenku.library.models import Document, Page
    from wenku.library.services import set_visibility
    from wenku.publishing import ready
    from wenku.publishing.tasks import convert
    from wenku.publishing.uploads import create_document
    from wenku.quality.models import Report
    from wenku.search.services import search
    from wenku.wallet.models import LedgerTransaction

    real = {"quality": ready.check_quality, "moderation": ready.moderate}[step]
    seen: dict[str, object] = {}

    def failing_step(doc: Document) -> None:
        real(doc)
        # A real constraint violation: page 1 exists already (unique document+number).
        Page.objects.create(document=doc, number=1, text="twice")

    setattr(ready, {"quality": "check_quality", "moderation": "moderate"}[step], failing_step)

    author = get_user_model().objects.create_user("author", password="x")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "讲话稿.txt"
        path.write_text("关于加强图书馆建设的讲话。\n" * 40 + "第二部分：读者服务。\n" * 40)
        doc = create_document(author, path, filename=path.name, enqueue=False)
    try:
        seen["convert_returned"] = convert(doc.pk)
    finally:
        shutdown_office()
    doc.refresh_from_db()
    rewards = LedgerTransaction.objects.filter(reason=LedgerTransaction.Reason.UPLOAD_REWARD)
    seen.update(
        status=doc.status,
        visibility=doc.visibility,
        failure_code=doc.failure_code,
        failure_detail=doc.failure_detail,
        reason=doc.failure_reason,
        pages=Page.objects.filter(document=doc).count(),
        page_count=doc.page_count,
        twice_pages=Page.objects.filter(document=doc, text="twice").count(),
        quality_reports=Report.objects.filter(document=doc).count(),
        rewards_before_approval=rewards.count(),
        found_before_approval=search("图书馆").count,
    )
    # Staff publish it from the review queue: the reward and the search entry follow.
    set_visibility(doc, Document.Visibility.PUBLIC)
    seen.update(rewards_after_approval=rewards.count(), found_after_approval=search("图书馆").count)
    print("FINDINGS " + json.dumps(seen, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
