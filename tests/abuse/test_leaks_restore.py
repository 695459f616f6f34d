"""Attack: get a document staff hid (or one still held for review) published again through a
copyright notice and its restore. A restore returns a document to the visibility it had before
the takedown, never more public."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests.abuse.conftest import answer_as_if_missing, notice_data
from wenku.library.models import Document
from wenku.moderation import clock, services
from wenku.moderation.models import Complaint

pytestmark = pytest.mark.django_db
V = Document.Visibility
COPYRIGHT_URL = reverse("moderation:file", args=["copyright"])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reject(staff, notice) -> None:
    url = reverse("moderation:case_action", args=[notice.pk])
    response = signed_in(staff).post(url, {"action": "reject", "reason": "权属证明不足"})
    assert response.status_code == 302


def staff_hide(staff, doc) -> None:
    url = reverse("moderation:document_action", args=[doc.pk])
    response = signed_in(staff).post(url, {"action": "hide", "reason": "违规内容"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.visibility == V.HIDDEN


def visibility(doc) -> str:
    doc.refresh_from_db()
    return doc.visibility


def test_notice_naming_a_staff_hidden_document_is_refused_like_an_unknown_id(
    make_doc, make_user, staff
):
    doc = make_doc()
    staff_hide(staff, doc)
    claimant = signed_in(make_user("claimant"))
    status, _ = answer_as_if_missing(
        doc, lambda pk: claimant.post(COPYRIGHT_URL, notice_data([pk]))
    )
    assert status == 400
    assert not Complaint.objects.exists()


def test_rejected_notice_on_a_document_staff_hid_keeps_it_hidden(make_doc, staff):
    doc = make_doc()
    staff_hide(staff, doc)
    # Staff may name it (they see it); the notice changes nothing, its rejection neither.
    assert signed_in(staff).post(COPYRIGHT_URL, notice_data([doc.pk])).status_code == 302
    assert visibility(doc) == V.HIDDEN
    reject(staff, Complaint.objects.get(kind="copyright"))
    assert visibility(doc) == V.HIDDEN
    assert Client().get(doc.get_absolute_url()).status_code == 404


def test_staff_hiding_during_a_takedown_survives_the_counter_notice_restore(
    make_doc, make_user, staff, author
):
    doc = make_doc()
    signed_in(make_user("claimant")).post(COPYRIGHT_URL, notice_data([doc.pk]))
    notice = Complaint.objects.get(kind="copyright")
    assert visibility(doc) == V.HIDDEN
    staff_hide(staff, doc)  # staff find a second, unrelated reason while it is down
    counter = {
        "name": "李上传", "email": "author@example.com", "phone": "",
        "address": "上海市浦东新区世纪大道100号", "details": "本人原创。",
        "not_infringing": "on", "accuracy": "on",
    }  # fmt: skip
    url = reverse("moderation:counter_notice", args=[notice.pk])
    assert signed_in(author).post(url, counter).status_code == 302
    later = clock.now() + dt.timedelta(days=30)
    with mock.patch.object(clock, "now", return_value=later):
        services.tick()
    assert visibility(doc) == V.HIDDEN
    assert Client().get(doc.get_absolute_url()).status_code == 404


def test_overlapping_notices_and_a_staff_hide_restore_to_hidden(make_doc, make_user, staff):
    doc = make_doc()
    signed_in(make_user("c1")).post(COPYRIGHT_URL, notice_data([doc.pk]))
    signed_in(make_user("c2")).post(COPYRIGHT_URL, notice_data([doc.pk], work="另一部作品"))
    first, second = Complaint.objects.filter(kind="copyright").order_by("id")
    reject(staff, first)
    assert visibility(doc) == V.HIDDEN  # the second notice still stands
    staff_hide(staff, doc)
    reject(staff, second)
    assert visibility(doc) == V.HIDDEN


def test_overlapping_notices_on_a_public_document_do_restore_it(make_doc, make_user, staff):
    doc = make_doc()
    signed_in(make_user("c1")).post(COPYRIGHT_URL, notice_data([doc.pk]))
    signed_in(make_user("c2")).post(COPYRIGHT_URL, notice_data([doc.pk], work="另一部作品"))
    for notice in Complaint.objects.filter(kind="copyright").order_by("-id"):
        reject(staff, notice)
    assert visibility(doc) == V.PUBLIC  # the fix does not keep legitimate documents down


def test_document_held_for_review_returns_to_held_not_public(make_doc, staff):
    doc = make_doc(visibility=V.HELD)
    assert signed_in(staff).post(COPYRIGHT_URL, notice_data([doc.pk])).status_code == 302
    assert visibility(doc) == V.HIDDEN
    reject(staff, Complaint.objects.get(kind="copyright"))
    assert visibility(doc) == V.HELD
    assert Client().get(doc.get_absolute_url()).status_code == 404


def test_staff_api_hide_during_a_takedown_is_kept(make_doc, make_user, staff):
    doc = make_doc()
    signed_in(make_user("claimant")).post(COPYRIGHT_URL, notice_data([doc.pk]))
    api = signed_in(staff)
    url = reverse("api:staff_document_visibility", args=[doc.pk])
    response = api.post(url, {"visibility": "hidden"}, content_type="application/json")
    assert response.status_code == 200
    reject(staff, Complaint.objects.get(kind="copyright"))
    assert visibility(doc) == V.HIDDEN
