"""Rebuild the search index from the library (after a restore, an upgrade, or a crash)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from wenku.search.backends import backend_name
from wenku.search.indexing import listed, reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all listed documents."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, batch_size: int, no_progress: bool, **options):
        total = listed().count()
        started = time.monotonic()
        with tqdm(
            total=total, unit="doc", desc="search index", disable=no_progress, file=self.stderr
        ) as bar:
            done = reindex_all(batch_size=max(1, batch_size), progress=bar.update)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Indexed {done} documents with {backend_name()} in {seconds:.1f} s"
            f" ({done / max(seconds, 1e-6):.0f}/s)."
        )
