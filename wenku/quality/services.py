"""Quality checks of documents: duplicates and stuffing, the duplicate policy, staff review.

    check_document(doc)        # after conversion (publishing.on_ready) and by quality_scan
    check_text(text, ...)      # a file before upload (wenku quality FILE)
    decide(doc, staff, "approved" | "removed")

First uploader wins: a document is compared only with documents uploaded before it, so the
later of two duplicates is the one held. A duplicate of the uploader's own earlier document is
recorded (staff see it) but never holds the document: members re-upload corrected versions
of their own files, and holding them against themselves would help nobody.

Settings (read with defaults; none is required):
    WENKU_DUPLICATE_POLICY          "hold" (default) | "reject" | "allow"
    WENKU_NEAR_DUPLICATE_THRESHOLD  0.8: share of one text found in the other
    WENKU_STUFFING_THRESHOLD        0.8: stuffing score (0–1) at which a document is held
    WENKU_STUFFING_REVIEW_THRESHOLD 0.5: score from which it is published but flagged for staff
    WENKU_QUALITY_CHECKS            True: False skips the checks after conversion
"""

from __future__ import annotations

import bisect
import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from wenku.conversion.services import mark_failed
from wenku.library import signals
from wenku.library.failures import ConversionError
from wenku.library.models import Document
from wenku.library.services import set_visibility

from . import index
from .fingerprint import fingerprint
from .matching import DEFAULT_THRESHOLD, Library, find_duplicates
from .matching import Match as Found
from .models import Fingerprint as StoredFingerprint
from .models import Match, Report
from .normalize import fold_script, normalize, normalized_sha256
from .presenters import compare, notice, panel  # noqa: F401 - part of this module's API
from .stuffing import DEFAULT_THRESHOLD as STUFFING_DEFAULT
from .stuffing import REVIEW_THRESHOLD as REVIEW_DEFAULT
from .stuffing import StuffingReport, analyse

log = logging.getLogger(__name__)

POLICIES = ("hold", "reject", "allow")
DEFAULT_STUFFING_THRESHOLD = STUFFING_DEFAULT


def duplicate_policy() -> str:
    policy = str(getattr(settings, "WENKU_DUPLICATE_POLICY", "hold")).strip().lower()
    if policy not in POLICIES:
        log.warning("WENKU_DUPLICATE_POLICY=%r is not one of %s: using hold", policy, POLICIES)
        return "hold"
    return policy


def near_threshold() -> float:
    return float(getattr(settings, "WENKU_NEAR_DUPLICATE_THRESHOLD", DEFAULT_THRESHOLD))


def stuffing_threshold() -> float:
    return float(getattr(settings, "WENKU_STUFFING_THRESHOLD", DEFAULT_STUFFING_THRESHOLD))


def review_threshold() -> float:
    default = REVIEW_DEFAULT
    return float(getattr(settings, "WENKU_STUFFING_REVIEW_THRESHOLD", default))


def checks_enabled() -> bool:
    return bool(getattr(settings, "WENKU_QUALITY_CHECKS", True))


@dataclass
class TextCheck:
    """The result of checking one text, before anything is stored."""

    text: str
    norm: str
    fingerprint: object
    text_sha: str
    stuffing_score: float
    stuffed: bool
    spans: list[dict]
    duplicate_fraction: float
    duplicates: list[Found]
    flagged: bool = False  # between the two thresholds: published, staff look at it

    def as_dict(self) -> dict:
        return {
            "stuffed": self.stuffed,
            "stuffing_score": self.stuffing_score,
            "stuffed_spans": self.spans,
            "flagged_for_review": self.flagged,
            "duplicates": [m.as_dict() for m in self.duplicates],
        }


@dataclass(frozen=True)
class _TextFacts:
    """What a text alone says, without the library."""

    norm: str
    folded: str
    fingerprint: object
    text_sha: str
    stuffing: StuffingReport


@functools.lru_cache(maxsize=1)
def _facts(text: str) -> _TextFacts:
    # One entry: the text prepare() analysed, read again by check_text() inside the
    # publishing transaction (a worker process publishes one document at a time).
    norm = normalize(text).text
    folded = fold_script(norm)  # Traditional and Simplified copies are one text
    return _TextFacts(norm, folded, fingerprint(folded), normalized_sha256(norm), analyse(text))


def prepare(text: str) -> None:
    """The costly part of the check (normalising, fingerprint, stuffing analysis: ~0.2 s for
    300 pages) before the publishing transaction, so that the database's write lock is held
    only for the library lookup and the writes."""
    if checks_enabled():
        _facts(text)


def check_text(
    text: str,
    *,
    library: Library | None = None,
    file_sha: str = "",
    page_starts: list[int] | None = None,
) -> TextCheck:
    """Check an extracted text (pages joined by "\\n"); `page_starts` numbers the spans."""
    facts = _facts(text)
    norm, fp, text_sha, report = facts.norm, facts.fingerprint, facts.text_sha, facts.stuffing
    duplicates: list[Found] = []
    if library is not None:
        duplicates = find_duplicates(
            library,
            facts.folded,
            fp,
            file_sha=file_sha,
            text_sha=text_sha,
            threshold=near_threshold(),
        )
    threshold = stuffing_threshold()
    spans = []
    for span in report.spans:
        item = span.as_dict()
        if page_starts:
            item["page"] = bisect.bisect_right(page_starts, span.start)
        spans.append(item)
    return TextCheck(
        text=text,
        norm=norm,
        fingerprint=fp,
        text_sha=text_sha,
        stuffing_score=report.score,
        stuffed=report.stuffed(threshold),
        spans=spans,
        duplicate_fraction=report.duplicate_fraction,
        duplicates=duplicates,
        flagged=report.flagged(review_threshold()) and not report.stuffed(threshold),
    )


def page_offsets(pages: list[str]) -> list[int]:
    """Offsets where each page starts in "\n".join(pages)."""
    starts, position = [], 0
    for text in pages:
        starts.append(position)
        position += len(text) + 1
    return starts


def check_document(doc: Document, *, apply: bool = True) -> Report:
    """Check a converted document, store the report, and (with `apply`) hold or reject it
    according to the policy. `doc` is updated in place (visibility, status)."""
    pages = index.document_pages(doc.pk)  # read once: the text and where its pages start
    check = check_text(
        "\n".join(pages),
        library=index.DbLibrary(before=doc.pk),
        file_sha=doc.file_sha256,
        page_starts=page_offsets(pages),
    )
    owners = dict(
        Document.objects.filter(pk__in=[m.doc_id for m in check.duplicates]).values_list(
            "pk", "owner_id"
        )
    )
    with transaction.atomic():
        index.store(doc.pk, check.fingerprint, check.text_sha)
        report, _ = Report.objects.select_for_update().get_or_create(document=doc)
        report.text_chars = len(check.norm)
        report.stuffing_score = check.stuffing_score
        report.stuffed = check.stuffed
        report.duplicate_fraction = check.duplicate_fraction
        report.spans = check.spans
        Match.objects.filter(document=doc).delete()
        Match.objects.bulk_create(
            [
                Match(
                    document=doc,
                    other_id=m.doc_id,
                    kind=m.kind,
                    similarity=m.similarity,
                    new_in_old=m.new_in_old,
                    old_in_new=m.old_in_new,
                    same_owner=owners.get(m.doc_id) == doc.owner_id,
                )
                for m in check.duplicates
                if m.doc_id in owners
            ]
        )
        others = [m for m in check.duplicates if owners.get(m.doc_id, doc.owner_id) != doc.owner_id]
        if apply:
            report.action = _apply_policy(doc, report, others, check.stuffed)
            if report.action == Report.Action.NONE and check.flagged:
                report.action = Report.Action.FLAGGED  # published; staff see it in the queue
        report.save()
    return report


def _apply_policy(doc: Document, report: Report, others: list[Found], stuffed: bool) -> str:
    """Hold, reject or release the document; returns the action that now stands."""
    if report.decision == Report.Decision.APPROVED:
        return report.action  # staff published it: a re-check does not hold it again
    policy = duplicate_policy()
    held, public = Document.Visibility.HELD, Document.Visibility.PUBLIC
    if others and policy == "reject":
        original = others[0].doc_id
        mark_failed(doc, ConversionError("duplicate", f"duplicate of document {original}"))
        return Report.Action.REJECTED
    if (others and policy == "hold") or stuffed:
        if doc.visibility == public:
            _set_visibility(doc, held)
        # Hidden or removed by staff for another reason: left as it is.
        return Report.Action.HELD if doc.visibility == held else Report.Action.NONE
    if report.action == Report.Action.HELD and doc.visibility == held:
        _set_visibility(doc, public)  # our own hold, and nothing is found any more
    return Report.Action.NONE


def _set_visibility(doc: Document, visibility: str) -> None:
    Document.objects.filter(pk=doc.pk).update(visibility=visibility)
    doc.visibility = visibility


def on_ready(doc: Document) -> None:
    """The check after conversion. It runs in its own savepoint (wenku.publishing.ready): a
    failure holds the document for staff instead of failing the conversion."""
    if not checks_enabled():
        return
    check_document(doc, apply=True)


def recheck(doc: Document, *, apply: bool = True) -> Report:
    """Check a document again (staff, quality_scan); the search index and the wallet follow
    when its visibility changes."""
    before = doc.visibility
    report = check_document(doc, apply=apply)
    if doc.visibility != before:
        signals.visibility_changed.send(sender=Document, document=doc)
    return report


def decide(doc: Document, staff, decision: str) -> Report:
    """Staff's decision on a held document: publish it, or remove it."""
    report, _ = Report.objects.get_or_create(document=doc)
    report.decision = decision
    report.reviewed_by = staff
    report.reviewed_at = timezone.now()
    report.save()
    if decision == Report.Decision.APPROVED:
        set_visibility(doc, Document.Visibility.PUBLIC)
    elif decision == Report.Decision.REMOVED:
        set_visibility(doc, Document.Visibility.REMOVED)
    return report


def review_queue():
    """Documents the checks hold (or rejected), newest first, for staff."""
    return (
        Report.objects.filter(
            action__in=[Report.Action.HELD, Report.Action.REJECTED, Report.Action.FLAGGED]
        )
        .filter(decision="")
        .select_related("document", "document__owner")
        .order_by("-document__created_at")
    )


def library_available() -> bool:
    """Whether a library is configured: the database exists, is migrated and has documents."""
    from pathlib import Path

    try:
        if connection.vendor == "sqlite":
            name = str(connection.settings_dict.get("NAME") or "")
            if not name or name == ":memory:" or not Path(name).exists():
                return False
        tables = connection.introspection.table_names()
        if StoredFingerprint._meta.db_table not in tables:
            return False
        return Document.objects.exists()
    except DatabaseError:
        return False


def duplicates_earlier_upload(doc: Document) -> bool:
    """Whether the checks found the document to duplicate any earlier one, the uploader's own
    included: for the wallet, which should not pay an upload reward twice for one text."""
    return Match.objects.filter(document=doc).exists()
