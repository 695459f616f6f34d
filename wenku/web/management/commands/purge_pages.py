"""`wenku manage purge_pages [--document ID]`: make every shared page (or one document's page)
stale now, e.g. after editing rows by hand in the database. Nothing is deleted: the entries'
version stamps change (wenku.web.stamps), so no web process serves them again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wenku.web import stamps


class Command(BaseCommand):
    help = "Make the shared page cache's pages stale (all, or one document's)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--document", type=int, help="only this document's page")

    def handle(self, *args, document: int | None = None, **options) -> None:
        if document is not None:
            stamps.bump(stamps.doc(document))
            self.stdout.write(f"document {document}: its cached page is stale")
        else:
            stamps.bump_lists()
            self.stdout.write("every cached page is stale")
