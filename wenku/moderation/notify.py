"""In-site messages and e-mail to uploaders, claimants and buyers.

Texts are written in the site's language (LANGUAGE_CODE), not the language of whoever
triggered them: the recipient reads them later, often after a tick of the worker. A failed
e-mail never undoes a takedown or a refund: it is logged, and the in-site message remains.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from . import audit, clock
from .models import Complaint, ComplaintItem, Message

log = logging.getLogger(__name__)


def _url(name: str, *args: object) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def send(
    user, subject: str, body: str, *, complaint: Complaint | None = None, document_pk=None
) -> Message | None:
    """One in-site message and one e-mail (when the member has an address)."""
    if user is None:
        return None
    message = Message.objects.create(
        recipient=user,
        subject=subject[:200],
        body=body,
        complaint=complaint,
        created_at=clock.now(),
    )
    emailed = False
    if user.email:
        try:
            send_mail(
                f"[{settings.SITE_NAME}] {subject}",
                body + "\n\n" + _url("moderation:inbox"),
                None,  # DEFAULT_FROM_EMAIL
                [user.email],
            )
            emailed = True
        except Exception:  # noqa: BLE001 - any backend error: the in-site message stands
            log.exception("e-mail to member %s failed", user.pk)
    audit.log(
        "notified",
        complaint=complaint,
        document_pk=document_pk,
        member_pk=user.pk,
        subject=subject[:200],
        emailed=emailed,
    )
    return message


def _titles(items: list[ComplaintItem]) -> str:
    return "\n".join(f"  #{item.document_number} {item.title}" for item in items)


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def _site_language():
    return translation.override(settings.LANGUAGE_CODE)


def takedown(notice: Complaint, uploader, items: list[ComplaintItem]) -> None:
    """The uploader gets the notice itself, so they can answer it with a counter-notice."""
    with _site_language():
        subject = _("Your documents were taken down after a copyright notice")
        body = _(
            "A copyright notice (no. %(id)s) names these documents of yours; they are hidden "
            "while the notice is reviewed, and your earnings from them are on hold:\n"
            "%(titles)s\n\n"
            "Claimant: %(name)s (%(email)s)\nWork claimed: %(work)s\nDetails: %(details)s\n\n"
            "If you believe the documents do not infringe, file a counter-notice: %(url)s"
        ) % {
            "id": notice.pk,
            "titles": _titles(items),
            "name": notice.name,
            "email": notice.email,
            "work": notice.work,
            "details": notice.details or "-",
            "url": _url("moderation:counter_notice", notice.pk),
        }
        send(uploader, subject, body, complaint=notice)


def received(complaint: Complaint, *, taken_down: bool) -> None:
    with _site_language():
        subject = _("We received your complaint no. %(id)s") % {"id": complaint.pk}
        if taken_down:
            body = _(
                "Your copyright notice was received. The documents it names are hidden while "
                "it is reviewed. Follow it here: %(url)s"
            )
        else:
            body = _("Your complaint was received and will be reviewed. Follow it here: %(url)s")
        body = body % {"url": _url("moderation:complaint", complaint.pk)}
        send(complaint.reporter, subject, body, complaint=complaint)


def counter_forwarded(notice: Complaint, counter: Complaint, due) -> None:
    """The claimant gets the counter-notice and the date the documents come back."""
    with _site_language():
        subject = _("Counter-notice to your copyright notice no. %(id)s") % {"id": notice.pk}
        body = _(
            "The uploader filed a counter-notice (no. %(counter)s):\n"
            "Name: %(name)s\nContact: %(email)s %(phone)s\nAddress: %(address)s\n"
            "Statement: %(details)s\n\n"
            "The documents will be restored on %(date)s unless you record, before then, "
            "that you have taken legal action: %(url)s"
        ) % {
            "counter": counter.pk,
            "name": counter.name,
            "email": counter.email,
            "phone": counter.phone,
            "address": counter.address,
            "details": counter.details,
            "date": _date(due),
            "url": _url("moderation:complaint", notice.pk),
        }
        send(notice.reporter, subject, body, complaint=notice)


def restored(notice: Complaint, items: list[ComplaintItem], why: str) -> None:
    with _site_language():
        subject = _("Documents restored (notice no. %(id)s)") % {"id": notice.pk}
        body = _("These documents are public again: %(why)s\n%(titles)s") % {
            "why": why,
            "titles": _titles(items),
        }
        recipients = {notice.reporter_id: notice.reporter}
        for item in items:
            if item.uploader is not None:
                recipients[item.uploader_id] = item.uploader
        for user in recipients.values():
            send(user, subject, body, complaint=notice)


def decided(complaint: Complaint, outcome: str, reason: str) -> None:
    """The reporter hears the outcome and staff's reason."""
    with _site_language():
        subject = _("Your complaint no. %(id)s: %(outcome)s") % {
            "id": complaint.pk,
            "outcome": outcome,
        }
        body = _("Staff decided: %(outcome)s.\nReason: %(reason)s\n%(url)s") % {
            "outcome": outcome,
            "reason": reason or "-",
            "url": _url("moderation:complaint", complaint.pk),
        }
        send(complaint.reporter, subject, body, complaint=complaint)


def document_action(user, title: str, doc_pk: int, action: str, reason: str, complaint=None):
    """The uploader hears that staff hid, removed, approved or rejected their document."""
    with _site_language():
        subject = _("Your document “%(title)s”: %(action)s") % {"title": title, "action": action}
        body = _("Document no. %(id)s: %(action)s.\nReason: %(reason)s") % {
            "id": doc_pk,
            "action": action,
            "reason": reason or "-",
        }
        send(user, subject, body, complaint=complaint, document_pk=doc_pk)


def refunded(purchase, points: int, complaint: Complaint | None) -> None:
    with _site_language():
        subject = _("Refund: %(title)s") % {"title": purchase.document_title}
        body = _("%(points)d points you paid for “%(title)s” were refunded.") % {
            "points": points,
            "title": purchase.document_title,
        }
        send(purchase.buyer, subject, body, complaint=complaint)


def member_action(user, action: str, reason: str) -> None:
    with _site_language():
        subject = _("Your account: %(action)s") % {"action": action}
        send(user, subject, _("Reason: %(reason)s") % {"reason": reason or "-"})
