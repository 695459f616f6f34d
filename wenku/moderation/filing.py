"""Receiving complaints: copyright notices, counter-notices, content reports, failed downloads.

Every function validates first (documents, statements, attachments) and only then writes,
in one transaction, so an incomplete or refused submission changes nothing. Submitting the
same complaint again returns the first one (Filed.duplicate) instead of a second case.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wenku.library import access
from wenku.library.models import Document
from wenku.library.refusals import Refusal, Text

from . import audit, clock, conf, effects, evidence, notify, ports
from .models import Complaint, ComplaintItem

Kind, Status, State = Complaint.Kind, Complaint.Status, ComplaintItem.State
REPORT_KINDS = (Kind.MISMATCH, Kind.ILLEGAL, Kind.SPAM)
# The statements a notice and a counter-notice must make (art. 14 / §512(c)(3); art. 16 /
# §512(g)(3)).
NOTICE_STATEMENTS = ("good_faith", "accuracy")
COUNTER_STATEMENTS = ("not_infringing", "accuracy")
DOC_PATH = re.compile(r"/d/(\d+)(?:/|$)")


class ComplaintError(Refusal):
    """A refused complaint: `code` for programs, `detail` for people, `field` for forms."""

    def __init__(self, code: str, detail: Text, status: int = 400, field: str | None = None):
        super().__init__(detail, code=code, status=status, field=field)
        self.detail = str(detail)


@dataclass
class Filed:
    complaint: Complaint
    duplicate: bool = False


def _document_number(text: str) -> int | None:
    """An ID typed as digits (full-width ones too); None for anything else, and for more
    digits than any ID has (a huge number is no document, and no database error)."""
    text = unicodedata.normalize("NFKC", text)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def parse_document_refs(raw: str | Iterable[object]) -> list[int]:
    """Document IDs from IDs and page addresses (…/d/123/), separated by spaces, commas or
    lines. Raises ComplaintError naming the first token that is neither."""
    tokens = re.split(r"[\s,，、;；]+", raw) if isinstance(raw, str) else [str(t) for t in raw]
    ids: list[int] = []
    for token in (t.strip() for t in tokens):
        if not token:
            continue
        number = _document_number(token)
        if number is None:
            match = DOC_PATH.search(urlparse(token).path or token)
            number = _document_number(match.group(1)) if match else None
        if number is None:
            raise ComplaintError(
                "bad_document",
                _("“%(value)s” is not a document ID or address.") % {"value": token[:80]},
                field="documents",
            )
        if number not in ids:
            ids.append(number)
    if not ids:
        raise ComplaintError(
            "missing_documents", _("Name at least one document."), field="documents"
        )
    most = conf.int_setting("WENKU_COMPLAINT_MAX_DOCUMENTS", 1)
    if len(ids) > most:
        raise ComplaintError(
            "too_many_documents",
            _("Name at most %(count)d documents in one notice.") % {"count": most},
            field="documents",
        )
    return ids


def taken_down_public(doc: Document) -> bool:
    """Hidden only by a copyright takedown of a document that was public before it."""
    return (
        doc.visibility == Document.Visibility.HIDDEN
        and ComplaintItem.objects.filter(
            document_number=doc.pk,
            state__in=[ComplaintItem.State.TAKEN_DOWN, ComplaintItem.State.COUNTERED],
            previous_visibility=Document.Visibility.PUBLIC,
        ).exists()
    )


def resolve_documents(ids: Sequence[int], user, *, hidden_ok: bool = False) -> list[Document]:
    """The documents, or ComplaintError listing those that do not exist (for this user)."""
    found = Document.objects.select_related("owner").in_bulk(list(ids))

    def exists(doc: Document | None) -> bool:
        if doc is None or doc.visibility == Document.Visibility.REMOVED:
            return False
        # A document this user may not see is answered as if it did not exist (no title, no
        # existence test), with one exception for notices: a public document another notice
        # took down may still be named (its title was public until then).
        return access.can_view(user, doc) or (hidden_ok and taken_down_public(doc))

    missing = [str(pk) for pk in ids if not exists(found.get(pk))]
    if missing:
        detail = ngettext(
            "Document %(ids)s does not exist.", "Documents %(ids)s do not exist.", len(missing)
        ) % {"ids": ", ".join(missing)}
        raise ComplaintError("unknown_document", detail, status=404, field="documents")
    docs = [found[pk] for pk in ids]
    own = [str(d.pk) for d in docs if d.owner_id == getattr(user, "pk", None)]
    if own:
        raise ComplaintError(
            "own_document",
            _("You uploaded document %(ids)s yourself.") % {"ids": ", ".join(own)},
            field="documents",
        )
    return docs


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "").casefold())


def _key(kind: str, reporter, *parts: object) -> str:
    raw = "|".join([kind, str(reporter.pk), *(str(p) for p in parts)])
    return hashlib.sha256(raw.encode()).hexdigest()


def _duplicate(key: str, reporter) -> Filed | None:
    existing = Complaint.objects.filter(dedupe_key=key).first()
    if existing is None:
        return None
    audit.log("duplicate_received", actor=reporter, complaint=existing)
    return Filed(existing, duplicate=True)


def _require(statements: Iterable[str], needed: Sequence[str]) -> list[str]:
    given = [s for s in needed if s in set(statements)]
    if len(given) < len(needed):
        raise ComplaintError(
            "missing_statements",
            _("Make every statement the form asks for."),
            field="statements",
        )
    return given


def _require_contact(name: str, email: str, address: str) -> None:
    missing = [
        label
        for label, value in ((_("real name"), name), (_("e-mail"), email), (_("address"), address))
        if not (value or "").strip()
    ]
    if missing:
        raise ComplaintError(
            "incomplete", _("Missing: %(fields)s.") % {"fields": ", ".join(missing)}
        )


def _create(reporter, kind: str, key: str, docs: Sequence[Document], files, **fields) -> Complaint:
    complaint = Complaint.objects.create(
        kind=kind, reporter=reporter, dedupe_key=key, created_at=clock.now(), **fields
    )
    for doc in docs:
        ComplaintItem.objects.create(
            complaint=complaint,
            document=doc,
            document_number=doc.pk,
            title=doc.title[:200],
            uploader_id=doc.owner_id,
        )
    stored = evidence.store(complaint, files)
    audit.log(
        "complaint_filed",
        actor=reporter,
        complaint=complaint,
        kind=kind,
        documents=[d.pk for d in docs],
        evidence=len(stored),
    )
    return complaint


def restored_after_counter(doc_pk: int, reporter=None) -> bool:
    """A notice on this document was answered by a counter-notice and the document restored."""
    rows = ComplaintItem.objects.filter(
        document_number=doc_pk,
        state=State.RESTORED,
        counter_notice__isnull=False,
        complaint__kind=Kind.COPYRIGHT,
    )
    if reporter is not None:
        rows = rows.filter(complaint__reporter=reporter)
    return rows.exists()


# long: a notice's checks and the takedown in legal order, in one place
def file_copyright(
    reporter,
    docs: Sequence[Document],
    *,
    name: str,
    email: str,
    address: str,
    work: str,
    statements: Iterable[str],
    phone: str = "",
    details: str = "",
    files: Sequence = (),
) -> Filed:
    """A copyright notice. Complete, it takes the documents down at once, holds their revenue,
    blocks their fingerprints and tells the uploaders; documents restored after an earlier
    counter-notice are not taken down again without staff (they wait for review)."""
    _require_contact(name, email, address)
    if not (work or "").strip():
        raise ComplaintError(
            "incomplete", _("Describe the work you hold the rights to."), field="work"
        )
    given = _require(statements, NOTICE_STATEMENTS)
    key = _key(Kind.COPYRIGHT, reporter, sorted(d.pk for d in docs), _fold(work))
    if (dup := _duplicate(key, reporter)) is not None:
        return dup
    if not reporter.is_staff:
        again = [str(d.pk) for d in docs if restored_after_counter(d.pk, reporter)]
        if again:
            raise ComplaintError(
                "renotice_blocked",
                _(
                    "Document %(ids)s was restored after a counter-notice to your earlier notice. "
                    "Contact the site's staff to notify it again."
                )
                % {"ids": ", ".join(again)},
                status=409,
                field="documents",
            )
    review_only = {d.pk for d in docs if restored_after_counter(d.pk)}
    with evidence.scratch_dir() as tmp:
        checked = evidence.check_files(list(files), Path(tmp))
        try:
            with transaction.atomic():
                notice = _create(
                    reporter,
                    Kind.COPYRIGHT,
                    key,
                    docs,
                    checked,
                    name=name,
                    email=email,
                    phone=phone,
                    address=address,
                    work=work,
                    details=details,
                    statements=given,
                )
                items = list(notice.items.select_related("document", "uploader"))
                taken = [i for i in items if i.document_number not in review_only]
                for item in taken:
                    effects.take_down(item)
                status = Status.TAKEN_DOWN if taken else Status.OPEN
                effects.set_status(notice, status, reason=_("Complete copyright notice"))
        except IntegrityError:  # the same notice, submitted concurrently
            return _duplicate(key, reporter) or Filed(Complaint.objects.get(dedupe_key=key), True)
    by_uploader: dict[int, list[ComplaintItem]] = {}
    for item in taken:
        by_uploader.setdefault(item.uploader_id, []).append(item)
    for group in by_uploader.values():
        notify.takedown(notice, group[0].uploader, group)
    notify.received(notice, taken_down=bool(taken))
    return Filed(notice)


def file_report(reporter, kind: str, doc: Document, *, details: str, files: Sequence = ()) -> Filed:
    """Content does not match the title, illegal or harmful content, spam: to review."""
    if kind not in REPORT_KINDS:
        raise ComplaintError("bad_kind", _("Unknown complaint type."), field="kind")
    if not (details or "").strip():
        raise ComplaintError("incomplete", _("Describe the problem."), field="details")
    key = _key(kind, reporter, doc.pk)
    if (dup := _duplicate(key, reporter)) is not None:
        return dup
    with evidence.scratch_dir() as tmp:
        checked = evidence.check_files(list(files), Path(tmp))
        try:
            with transaction.atomic():
                complaint = _create(reporter, kind, key, [doc], checked, details=details)
        except IntegrityError:
            return _duplicate(key, reporter) or Filed(Complaint.objects.get(dedupe_key=key), True)
    notify.received(complaint, taken_down=False)
    return Filed(complaint)


def file_download_failure(reporter, doc: Document, *, details: str = "") -> Filed:
    """Refunded at once only when the server recorded a failed delivery of this purchase
    (wallet.DownloadFailure) that was not refunded; otherwise reviewed by staff (they see the
    download records). A complaint alone never moves points."""
    purchase = ports.live_purchase_of(reporter.pk, doc.pk)
    if purchase is None:
        if ports.ever_bought(reporter.pk, doc.pk):
            raise ComplaintError(
                "already_refunded", _("This purchase was refunded already."), status=409
            )
        raise ComplaintError("not_purchased", _("You have not bought this document."), 403)
    key = _key(Kind.DOWNLOAD, reporter, purchase.pk)
    if (dup := _duplicate(key, reporter)) is not None:
        return dup
    paid = purchase.price > 0 and purchase.transaction_id is not None
    failed = ports.delivery_failed(purchase)
    try:
        with transaction.atomic():
            complaint = _create(
                reporter, Kind.DOWNLOAD, key, [doc], [], details=details, purchase=purchase
            )
            if paid and failed:
                why = _("Paid download failed: the server recorded the failed delivery")
                effects.refund(purchase, complaint=complaint, reason=why)
                effects.set_status(complaint, Status.REFUNDED, reason=why)
    except IntegrityError:
        return _duplicate(key, reporter) or Filed(Complaint.objects.get(dedupe_key=key), True)
    if complaint.status != Status.REFUNDED:
        notify.received(complaint, taken_down=False)
    return Filed(complaint)


def file_comment_report(reporter, doc: Document, comment_pk: int, *, details: str) -> Filed:
    """A member reports a comment (wenku.reviews checked that they may see it and that it is
    not their own): a case in the queue, where staff hide the comment or reject the report.
    One report per member and comment (sent again: the first one)."""
    if not (details or "").strip():
        raise ComplaintError("incomplete", _("Describe the problem."), field="details")
    key = _key(Kind.COMMENT, reporter, comment_pk)
    if (dup := _duplicate(key, reporter)) is not None:
        return dup
    try:
        with transaction.atomic():
            complaint = _create(
                reporter, Kind.COMMENT, key, [doc], [], details=details, comment_pk=comment_pk
            )
    except IntegrityError:
        return _duplicate(key, reporter) or Filed(Complaint.objects.get(dedupe_key=key), True)
    notify.received(complaint, taken_down=False)
    return Filed(complaint)
