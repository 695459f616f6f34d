"""`wenku manage purge_pages [--document ID] [--member ID]`: make every shared page (or one
document's page) stale now, e.g. after editing rows by hand in the database; with --member,
also what every web process keeps of that member (their row, the documents they own). Nothing
is deleted: version stamps change (wenku.web.stamps, wenku.library.versions), so no web
process serves the old copies again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wenku.accounts import backends
from wenku.wallet import owned
from wenku.web import stamps


class Command(BaseCommand):
    help = "Make the shared page cache's pages stale (all, or one document's)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--document", type=int, help="only this document's page")
        parser.add_argument("--member", type=int, help="a member's row and purchases instead")

    def handle(
        self, *args, document: int | None = None, member: int | None = None, **options
    ) -> None:
        if member is not None:
            backends.forget(member)
            owned.forget(member)
            self.stdout.write(f"member {member}: their row and purchases are read afresh")
        elif document is not None:
            stamps.bump(stamps.doc(document))
            self.stdout.write(f"document {document}: its cached page is stale")
        else:
            stamps.bump_lists()
            self.stdout.write("every cached page is stale")
