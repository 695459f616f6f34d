"""`wenku manage text_layers [--limit N]`: make the reader's text layer of documents converted
before it existed (run once after upgrading; documents converted since have theirs)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wenku.conversion.layerjobs import backfill
from wenku.conversion.textlayer import VERSION
from wenku.library.models import Document


class Command(BaseCommand):
    help = "Make the text layers of converted documents that have none."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=0, help="at most this many documents")

    def handle(self, *args, limit: int, **options) -> None:
        docs = Document.objects.filter(status=Document.Status.READY, text_layer__lt=VERSION)
        ids = list(docs.order_by("pk").values_list("pk", flat=True))
        ids = ids[:limit] if limit else ids
        done = failed = 0
        for pk in ids:
            doc = Document.objects.filter(pk=pk).first()
            if doc is None:
                continue
            if backfill(doc):
                done += 1
            else:
                failed += 1
        self.stdout.write(f"text layers made: {done}, failed: {failed}")
