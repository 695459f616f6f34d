"""Staff on one member: a strike given in error is withdrawn and stops counting, a ban is
lifted and the member can sign in and upload again; both need a reason, keep their rows and
leave audit rows; only staff see the page or act."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.moderation.conftest import PASSWORD, login
from wenku.library.failures import ConversionError
from wenku.moderation.models import AuditEntry, Ban, Message, Strike
from wenku.publishing import uploads

pytestmark = pytest.mark.django_db


def upload(owner, tmp_path, name="教案.txt"):
    path = tmp_path / name
    path.write_text("《背影》教学设计：体会父爱的深沉与含蓄。" * 30, encoding="utf-8")
    return uploads.create_document(owner, path, filename=name, enqueue=False)


def act(admin: Client, member, **data):
    url = reverse("moderation:member_action", args=[member.pk])
    return admin.post(url, data, follow=True)


def test_a_withdrawn_strike_stops_counting(staff, uploader, tmp_path, settings):
    settings.WENKU_STRIKE_LIMIT = 1
    admin = login(Client(), staff)
    act(admin, uploader, action="strike", reason="上传他人试卷")
    with pytest.raises(ConversionError) as refused:
        upload(uploader, tmp_path)
    assert refused.value.code == "upload_banned"
    strike = Strike.objects.get(member=uploader)

    page = act(admin, uploader, action="withdraw_strike", strike=strike.pk, reason="")
    assert "请填写理由" in page.content.decode()  # refused: a reason is required
    strike.refresh_from_db()
    assert strike.withdrawn_at is None

    why = "误判，系本人作品"
    html = act(admin, uploader, action="withdraw_strike", strike=strike.pk, reason=why)
    html = html.content.decode()
    assert "已撤销违规记录" in html and why in html
    strike.refresh_from_db()
    assert strike.withdrawn_at and strike.withdrawn_by == staff  # the row stays
    assert upload(uploader, tmp_path).pk  # uploads again
    assert Message.objects.filter(recipient=uploader, body__contains="误判").exists()

    again = act(admin, uploader, action="withdraw_strike", strike=strike.pk, reason="再来一次")
    assert "该违规记录已撤销" in again.content.decode()
    rows = AuditEntry.objects.filter(action="strike_withdrawn", member_pk=uploader.pk)
    assert rows.count() == 1 and rows.get().actor_name == staff.get_username()


def test_a_lifted_ban_lets_the_member_back_in(staff, uploader, tmp_path):
    admin = login(Client(), staff)
    act(admin, uploader, action="ban", reason="批量上传广告")
    assert not Client().login(username="uploader", password=PASSWORD)
    page = admin.get(reverse("moderation:member", args=[uploader.pk])).content.decode()
    assert 'value="lift_ban"' in page and 'value="ban"' not in page

    act(admin, uploader, action="lift_ban", reason="  ")
    assert Ban.objects.get(member=uploader).lifted_at is None

    page = act(admin, uploader, action="lift_ban", reason="申诉成立").content.decode()
    assert "已解除封禁" in page and 'value="ban"' in page
    assert Client().login(username="uploader", password=PASSWORD)
    assert upload(uploader, tmp_path).pk
    ban = Ban.objects.get(member=uploader)
    assert ban.lifted_at and ban.lift_reason == "申诉成立" and ban.lifted_by == staff
    actions = list(
        AuditEntry.objects.filter(member_pk=uploader.pk).values_list("action", flat=True)
    )
    assert actions.count("ban_lifted") == 1
    assert actions.index("member_banned") < actions.index("ban_lifted")
    not_banned = act(admin, uploader, action="lift_ban", reason="再解除一次").content.decode()
    assert "该会员未被封禁" in not_banned
    assert AuditEntry.objects.filter(action="ban_lifted").count() == 1


def test_only_staff_see_or_act(uploader, make_user, staff):
    other = login(Client(), make_user("someone"))
    page = reverse("moderation:member", args=[uploader.pk])
    assert Client().get(page).status_code == 404
    assert other.get(page).status_code == 404
    response = other.post(
        reverse("moderation:member_action", args=[uploader.pk]),
        {"action": "ban", "reason": "x"},
    )
    assert response.status_code == 404
    uploader.refresh_from_db()
    assert uploader.is_active and not Ban.objects.exists()
    # Staff reach the page from a document's moderation page too.
    assert login(Client(), staff).get(page).status_code == 200


def test_member_actions_through_the_api(staff, uploader, make_user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff)
    url = f"/api/v1/moderation/members/{uploader.pk}/actions"
    body = api.post(url, {"action": "strike", "reason": "抄袭"}, format="json").json()
    assert body["member"]["strike_count"] == 1
    strike_id = body["member"]["strikes"][0]["id"]
    stranger = make_user("stranger")
    other_strike = Strike.objects.create(member=stranger, reason="别人的")
    wrong = api.post(
        url,
        {"action": "withdraw_strike", "strike": other_strike.pk, "reason": "x"},
        format="json",
    )
    assert wrong.status_code == 404 and wrong.json()["error"] == "no_strike"
    ok = api.post(url, {"action": "withdraw_strike", "strike": strike_id, "reason": "误判"})
    member = ok.json()["member"]
    assert ok.status_code == 200 and member["strike_count"] == 0
    assert member["strikes"][0]["withdraw_reason"] == "误判"
    assert api.post(url, {"action": "lift_ban", "reason": "x"}).status_code == 409
    assert api.post(url, {"action": "ban"}).status_code == 400  # no reason
    assert api.get(f"/api/v1/moderation/members/{uploader.pk}").json()["banned"] is False
    outsider = APIClient()
    outsider.force_authenticate(stranger)
    assert outsider.post(url, {"action": "ban", "reason": "x"}).status_code == 403
