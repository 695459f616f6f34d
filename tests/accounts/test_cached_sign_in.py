"""The signed-in member comes from memory (wenku.accounts.backends), and every change to the
member takes effect on their very next request: a ban, a password changed in another
browser, a staff flag taken away, a new name, a lost version stamp. Each is tried on a session
whose row is in memory already (two requests before the change)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wenku.moderation import blocklist

pytestmark = pytest.mark.django_db
PASSWORD = "pw-member-2026"


@pytest.fixture
def member():
    return get_user_model().objects.create_user("reader", password=PASSWORD, display_name="读者甲")


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("staffer", password=PASSWORD, is_staff=True)


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # a real sign-in
    for _ in range(2):  # the row is read, then served from memory
        assert client.get(reverse("web:my_documents")).status_code == 200
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("web:my_documents")).status_code == 200


def test_the_second_request_reads_no_user_row(member):
    client = signed_in(member)
    with CaptureQueriesContext(connection) as queries:
        assert is_signed_in(client)
    assert not [q for q in queries.captured_queries if '"accounts_user"' in q["sql"]]


def test_a_ban_signs_the_member_out_at_once(member, staff):
    client = signed_in(member)
    blocklist.ban(member, actor=staff, reason="恶意刷单")
    assert not is_signed_in(client)
    blocklist.lift_ban(member, actor=staff, reason="误封")
    assert client.login(username="reader", password=PASSWORD) and is_signed_in(client)


def test_a_password_changed_elsewhere_ends_the_other_sessions(member):
    old = signed_in(member)
    member.set_password("another-pw-2026")
    member.save()
    assert not is_signed_in(old)


def test_a_staff_flag_taken_away_closes_the_moderation_queue_at_once(staff):
    client = signed_in(staff)
    assert client.get(reverse("moderation:queue")).status_code == 200
    staff.is_staff = False
    staff.save(update_fields=["is_staff"])
    assert client.get(reverse("moderation:queue")).status_code != 200


def test_a_new_name_shows_in_the_header_at_once(member):
    client = signed_in(member)
    member.display_name = "读者乙"
    member.save(update_fields=["display_name"])
    assert "读者乙" in client.get(reverse("web:my_documents")).content.decode()


def test_a_lost_version_stamp_reads_the_row_again(member):
    """The shared cache cleared or evicted: no row stored before is served (a ban made while
    the cache was away shows too)."""
    client = signed_in(member)
    cache.clear()
    get_user_model().objects.filter(pk=member.pk).update(is_active=False)  # behind our back
    assert not is_signed_in(client)


def test_a_row_edited_by_hand_shows_after_purge_pages_member(member):
    """Edits behind the site's back (SQL by hand) are what `purge_pages --member` is for."""
    client = signed_in(member)
    get_user_model().objects.filter(pk=member.pk).update(is_active=False)  # by hand
    assert is_signed_in(client)  # the kept row, as documented
    call_command("purge_pages", member=member.pk)
    assert not is_signed_in(client)
