"""POST /api/v1/complaints for every type (JSON and multipart), and the staff endpoints of the
queue. Errors are {"error", "detail"} with the right status."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.moderation.conftest import counter_data, login, notice_data
from wenku.library.models import Document
from wenku.moderation.models import Complaint, Evidence
from wenku.wallet.models import Purchase

pytestmark = pytest.mark.django_db
URL = "/api/v1/complaints"


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


def copyright_json(doc_ids):
    data = notice_data(doc_ids, good_faith=True, accuracy=True)
    data["documents"] = list(doc_ids)
    return {"kind": "copyright", **data}


def test_copyright_notice_json_then_duplicate(client, claimant, make_doc):
    doc = make_doc()
    login(client, claimant)
    response = post_json(client, URL, copyright_json([doc.pk]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "copyright" and body["status"] == "taken_down"
    assert body["documents"][0] == {
        "id": doc.pk,
        "title": doc.title,
        "state": "taken_down",
        "restore_due_at": None,
    }
    assert body["duplicate"] is False
    again = post_json(client, URL, copyright_json([doc.pk]))
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["id"] == body["id"]
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.HIDDEN
    assert client.get(f"{URL}/{body['id']}").json()["status"] == "taken_down"


def test_multipart_with_evidence_and_counter_notice(client, claimant, uploader, make_doc):
    doc = make_doc()
    login(client, claimant)
    data = notice_data([doc.pk], kind="copyright")
    data["evidence"] = [SimpleUploadedFile("证据.pdf", b"%PDF-1.4\n%%EOF\n")]
    response = client.post(URL, data)
    assert response.status_code == 201, response.content
    assert Evidence.objects.count() == 1
    notice_id = response.json()["id"]

    up = login(Client(), uploader)
    counter = {"kind": "counter", "notice": notice_id, **counter_data()}
    response = up.post(URL, counter)
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "counter" and response.json()["notice"] == notice_id
    notice = up.get(f"{URL}/{notice_id}").json()
    assert notice["status"] == "countered" and notice["documents"][0]["restore_due_at"]
    # Someone else's counter-notice: 403.
    response = login(Client(), claimant).post(URL, counter)
    assert response.status_code == 403 and response.json()["error"] == "not_uploader"


@pytest.mark.parametrize("kind", ["mismatch", "illegal", "spam"])
def test_reports(client, buyer, make_doc, kind):
    doc = make_doc()
    login(client, buyer)
    response = post_json(client, URL, {"kind": kind, "document": doc.pk, "details": "问题"})
    assert response.status_code == 201 and response.json()["status"] == "open"


def test_failed_download(client, buyer, make_doc, buy):
    doc = make_doc(price=5)
    buy(buyer, doc, 10)
    login(client, buyer)
    response = post_json(client, URL, {"kind": "download", "document": doc.pk})
    # No failed delivery was recorded: staff review it, nothing is refunded by asking.
    assert response.status_code == 201 and response.json()["status"] == "open"
    assert Purchase.objects.get(buyer=buyer).refunded_at is None
    again = post_json(client, URL, {"kind": "download", "document": doc.pk})
    assert again.status_code in (200, 201) and again.json()["id"] == response.json()["id"]


def test_errors(client, claimant, make_doc):
    doc = make_doc()
    response = post_json(client, URL, copyright_json([doc.pk]))
    assert response.status_code == 401 and response.json()["error"] == "login_required"
    login(client, claimant)
    response = post_json(client, URL, {"kind": "copyright", "documents": [doc.pk]})
    body = response.json()
    assert response.status_code == 400 and body["error"] == "invalid"
    assert {"name", "email", "address", "work", "good_faith", "accuracy"} <= set(body["fields"])
    response = post_json(client, URL, copyright_json([doc.pk, 424242]))
    assert response.status_code == 400 and "424242" in response.json()["fields"]["documents"][0]
    response = post_json(client, URL, {"kind": "nonsense"})
    assert response.status_code == 400 and response.json()["error"] == "bad_kind"
    data = notice_data([doc.pk], kind="copyright")
    data["evidence"] = [SimpleUploadedFile("x.pdf", b"MZ" + b"\0" * 100)]
    response = client.post(URL, data)
    assert response.status_code == 400 and response.json()["error"] == "bad_evidence"
    response = post_json(client, URL, {"kind": "counter", "notice": 999, **counter_data()})
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC and not Complaint.objects.exists()


def test_staff_queue_endpoints(client, claimant, staff, make_doc):
    doc = make_doc()
    login(client, claimant)
    case_id = post_json(client, URL, copyright_json([doc.pk])).json()["id"]
    assert client.get("/api/v1/moderation/cases").status_code == 403
    assert Client().get("/api/v1/moderation/cases").status_code == 401

    admin = login(Client(), staff)
    listing = admin.get("/api/v1/moderation/cases?kind=copyright").json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == case_id
    detail = admin.get(f"/api/v1/moderation/cases/{case_id}").json()
    assert detail["name"] == "王小明"
    assert [h["action"] for h in detail["history"]][:2] == ["complaint_filed", "takedown"]
    action = f"/api/v1/moderation/cases/{case_id}/actions"
    response = post_json(admin, action, {"action": "reject"})
    assert response.status_code == 400 and response.json()["error"] == "reason_required"
    response = post_json(admin, action, {"action": "reject", "reason": "证据不足"})
    assert response.status_code == 200 and response.json()["case"]["status"] == "rejected"
    response = post_json(admin, action, {"action": "approve"})
    assert response.status_code == 409 and response.json()["error"] == "already_decided"
    doc.refresh_from_db()
    assert doc.visibility == Document.Visibility.PUBLIC
    assert admin.get("/api/v1/moderation/cases/9999").status_code == 404
    response = post_json(
        admin, f"/api/v1/moderation/documents/{doc.pk}/actions", {"action": "hide", "reason": "x"}
    )
    assert response.json()["document"] == {"id": doc.pk, "visibility": "hidden"}
