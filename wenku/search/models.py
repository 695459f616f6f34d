"""What the search index holds, per document, independent of the backend."""

from __future__ import annotations

import zlib

from django.db import models

from .text import SEGMENTER_VERSION

_FIELD_SEP = "\x1f"  # never in squeezed text (letters and digits only)


class IndexedDocument(models.Model):
    """One indexed document and the squeezed text it was indexed with.

    SQLite 3.40's contentless FTS5 tables can only delete a row given the exact tokens it was
    inserted with, so the source is kept (zlib, ~1.8 bytes per CJK character instead of ~7 for
    a contentful table's bigram text). It also feeds "related documents". No foreign key:
    a deleted document's entry is removed by `remove_document`, and a stale one is harmless
    because every query joins the live, listed documents.
    """

    document_id = models.BigIntegerField(primary_key=True)
    version = models.PositiveSmallIntegerField(default=SEGMENTER_VERSION)
    source = models.BinaryField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "indexed document"

    def __str__(self) -> str:
        return f"search entry {self.document_id}"

    @staticmethod
    def pack(fields: tuple[str, ...]) -> bytes:
        return zlib.compress(_FIELD_SEP.join(fields).encode(), 1)

    def unpack(self) -> tuple[str, ...]:
        return tuple(zlib.decompress(bytes(self.source)).decode().split(_FIELD_SEP))
