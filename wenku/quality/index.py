"""The library as the matcher sees it, stored in the database (matching.Library).

Lookups are by index only: file and text hashes have b-tree indexes, and LSH keys are read
through the (key, document) index. A key shared by very many documents is boilerplate (a
standard clause, a school's letterhead): its postings are capped at KEY_POSTINGS, earliest
documents first, so one popular key cannot make a lookup scan a large part of the library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from wenku.library.models import Document, Page

from .fingerprint import VERSION, Fingerprint
from .models import Band
from .models import Fingerprint as StoredFingerprint
from .normalize import fold_script, normalized_text

KEY_POSTINGS = 200  # documents read per LSH key at most
KEYS_PER_QUERY = 100  # keys per SQL statement (SQLite allows 500 compound SELECTs)


def document_pages(doc_id: int) -> list[str]:
    """The extracted text of each page, in order."""
    pages = Page.objects.filter(document_id=doc_id).order_by("number")
    return list(pages.values_list("text", flat=True))


def document_text(doc_id: int) -> str:
    """The extracted text of a document: its pages' texts joined by line breaks."""
    return "\n".join(document_pages(doc_id))


class DbLibrary:
    """Documents in the database. `before` limits matches to documents uploaded before the
    one being checked (first uploader wins); `exclude` leaves out given documents."""

    def __init__(self, before: int | None = None, exclude: Iterable[int] = ()) -> None:
        self.before = before
        self.exclude = set(exclude)

    def _documents(self):
        qs = Document.objects.exclude(pk__in=self.exclude)
        return qs.filter(pk__lt=self.before) if self.before is not None else qs

    def by_file_hash(self, sha: str) -> list[int]:
        return list(self._documents().filter(file_sha256=sha).values_list("pk", flat=True))

    def by_text_hash(self, sha: str) -> list[int]:
        found = StoredFingerprint.objects.filter(text_sha256=sha)
        if self.before is not None:
            found = found.filter(document_id__lt=self.before)
        return [pk for pk in found.values_list("document_id", flat=True) if pk not in self.exclude]

    def candidates(self, keys: list[int]) -> list[tuple[int, int]]:
        """Documents sharing keys with the query, most shared keys first."""
        q = connection.ops.quote_name
        table, key, doc = q(Band._meta.db_table), q("key"), q("document_id")
        hits: Counter[int] = Counter()
        bound = f"AND {doc} < %s " if self.before is not None else ""
        one = (
            f"SELECT {doc} FROM (SELECT {doc} FROM {table} "
            f"WHERE {key} = %s {bound}ORDER BY {doc} LIMIT {KEY_POSTINGS}) AS k{{n}}"
        )
        with connection.cursor() as cursor:
            for start in range(0, len(keys), KEYS_PER_QUERY):
                chunk = keys[start : start + KEYS_PER_QUERY]
                sql = " UNION ALL ".join(one.format(n=n) for n in range(len(chunk)))
                params: list[int] = []
                for key in chunk:
                    params.append(key)
                    if self.before is not None:
                        params.append(self.before)
                cursor.execute(sql, params)
                hits.update(row[0] for row in cursor.fetchall())
        for doc_id in self.exclude:
            hits.pop(doc_id, None)
        return hits.most_common()

    def fingerprints(self, ids: Iterable[int]) -> dict[int, Fingerprint]:
        rows = StoredFingerprint.objects.filter(document_id__in=list(ids), version=VERSION)
        return {
            row.document_id: Fingerprint.from_bytes(bytes(row.lengths), bytes(row.signatures))
            for row in rows.only("document_id", "lengths", "signatures")
        }

    def normalized_text(self, doc_id: int) -> str:
        """The text as matching compares it: normalised, in Simplified characters."""
        return fold_script(normalized_text(document_text(doc_id)))


def store(doc_id: int, fp: Fingerprint, text_sha: str) -> None:
    """Replace the document's fingerprint and LSH keys."""
    lengths, signatures = fp.to_bytes()
    with transaction.atomic():
        StoredFingerprint.objects.update_or_create(
            document_id=doc_id,
            defaults={
                "version": VERSION,
                "text_sha256": text_sha,
                "chars": fp.chars,
                "lengths": lengths,
                "signatures": signatures,
            },
        )
        Band.objects.filter(document_id=doc_id).delete()
        Band.objects.bulk_create(
            [Band(key=key, document_id=doc_id) for key in fp.band_keys()], batch_size=1000
        )
