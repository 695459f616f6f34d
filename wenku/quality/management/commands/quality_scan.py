"""`wenku manage quality_scan [--apply] [--missing] [--from ID]`: check the whole library again.

Documents are checked in upload order, each against the ones before it (first uploader
wins), so the index is rebuilt as the scan goes. Without --apply only the reports, matches
and the index are updated: nothing is held or released, so a scan with new thresholds can be
reviewed before it changes what the public sees. With --apply the duplicate policy is applied
as after an upload (documents staff approved stay published).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from wenku.library.models import Document
from wenku.quality import services
from wenku.quality.fingerprint import VERSION
from wenku.quality.models import Report


class Command(BaseCommand):
    help = "Check every converted document for duplicates and stuffing again."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="hold or reject documents by the policy"
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only documents never checked, or fingerprinted by an older version",
        )
        parser.add_argument("--from", dest="start", type=int, default=0, help="first document ID")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, apply: bool, missing: bool, start: int, no_progress: bool, **kw):
        docs = Document.objects.filter(status=Document.Status.READY, pk__gte=start)
        if missing:
            docs = docs.exclude(quality_report__isnull=False, quality_fingerprint__version=VERSION)
        ids = list(docs.order_by("pk").values_list("pk", flat=True))
        counts = {"checked": 0, "duplicates": 0, "stuffed": 0, "held": 0, "failed": 0}
        for doc_id in tqdm(ids, unit="doc", disable=no_progress, file=sys.stderr):
            doc = Document.objects.filter(pk=doc_id).first()
            if doc is None:  # deleted meanwhile
                continue
            try:
                report = services.recheck(doc, apply=apply)
            except Exception as exc:  # one bad document must not stop the scan
                counts["failed"] += 1
                self.stderr.write(f"document {doc_id}: {exc!r}")
                continue
            counts["checked"] += 1
            counts["stuffed"] += int(report.stuffed)
            counts["duplicates"] += int(doc.quality_matches.filter(same_owner=False).exists())
            counts["held"] += int(report.action in (Report.Action.HELD, Report.Action.REJECTED))
        self.stdout.write(
            "checked {checked}, duplicates of other members {duplicates}, stuffed {stuffed}, "
            "held or rejected {held}, errors {failed}".format(**counts)
            + ("" if apply else " (report only: run with --apply to hold)")
        )
