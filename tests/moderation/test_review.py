"""Pre-publication review: WENKU_PREPUBLICATION_REVIEW = off | new | all holds converted
documents (visibility "held") until staff approve (published) or reject (removed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import login
from wenku.library.models import Document
from wenku.moderation.models import AuditEntry, Message, ReviewHold
from wenku.publishing import ready as publishing

pytestmark = pytest.mark.django_db
HELD, PUBLIC = Document.Visibility.HELD, Document.Visibility.PUBLIC


def ready(doc) -> Document:
    publishing.on_ready(doc)  # what the conversion pipeline calls
    doc.refresh_from_db()
    return doc


@pytest.mark.parametrize(
    "mode,joined_days_ago,expected",
    [
        ("off", 0, PUBLIC),
        ("new", 0, HELD),
        ("new", 90, PUBLIC),
        ("all", 90, HELD),
    ],
)
def test_the_setting_decides_who_is_held(
    settings, uploader, make_doc, mode, joined_days_ago, expected
):
    settings.WENKU_PREPUBLICATION_REVIEW = mode
    settings.WENKU_QUALITY_CHECKS = False
    uploader.date_joined -= dt.timedelta(days=joined_days_ago)
    uploader.save()
    doc = ready(make_doc())
    assert doc.visibility == expected
    assert ReviewHold.objects.filter(document=doc).exists() == (expected == HELD)


def test_staff_are_never_held(settings, staff, make_doc):
    settings.WENKU_PREPUBLICATION_REVIEW = "all"
    settings.WENKU_QUALITY_CHECKS = False
    assert ready(make_doc(owner=staff)).visibility == PUBLIC


def test_approve_and_reject_from_the_queue(settings, client, staff, uploader, make_doc):
    settings.WENKU_PREPUBLICATION_REVIEW = "all"
    settings.WENKU_QUALITY_CHECKS = False
    good, bad = ready(make_doc(title="好文档")), ready(make_doc(title="坏文档", marker="乙"))
    assert good.visibility == bad.visibility == HELD
    assert Client().get(good.get_absolute_url()).status_code == 404
    admin = login(client, staff)
    queue = admin.get(reverse("moderation:queue")).content.decode()
    assert "好文档" in queue and "坏文档" in queue
    admin.post(reverse("moderation:document_action", args=[good.pk]), {"action": "approve"})
    admin.post(reverse("moderation:document_action", args=[bad.pk]), {"action": "reject"})
    bad.refresh_from_db()
    assert bad.visibility == HELD  # rejecting needs a reason
    admin.post(
        reverse("moderation:document_action", args=[bad.pk]),
        {"action": "reject", "reason": "内容空洞，只有标题"},
    )
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.visibility == PUBLIC and good.is_listed
    assert bad.visibility == Document.Visibility.REMOVED
    assert Message.objects.filter(recipient=uploader, body__contains="内容空洞").exists()
    assert list(AuditEntry.objects.filter(document_pk=bad.pk).values_list("action", flat=True)) == [
        "review_held",
        "rejected",
        "removed",
        "notified",
    ]
    # Converted again later, the approved document is not held a second time.
    assert ready(good).visibility == PUBLIC
