"""Output shapes of the complaint and moderation endpoints (views_moderation)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wenku.moderation import audit, services
from wenku.moderation.models import Complaint, ComplaintItem, Evidence


@extend_schema_field(OpenApiTypes.DATETIME)
class IsoDateTime(serializers.Field):
    """datetime.isoformat() (UTC offset as stored), the format these endpoints always gave."""

    def to_representation(self, value: Any) -> str | None:
        return value.isoformat() if value else None


class ComplaintItemSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="document_number")
    restore_due_at = IsoDateTime()

    class Meta:
        model = ComplaintItem
        fields = ["id", "title", "state", "restore_due_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "name", "format", "size", "url"]

    def get_url(self, evidence: Evidence) -> str:
        return reverse("moderation:evidence", args=[evidence.pk])


class HistorySerializer(serializers.Serializer):
    at = IsoDateTime()
    actor = serializers.CharField(source="actor_name")
    action = serializers.CharField()
    label = serializers.SerializerMethodField()
    reason = serializers.CharField()
    document = serializers.IntegerField(source="document_pk", allow_null=True)
    data = serializers.JSONField()

    def get_label(self, row: Any) -> str:
        return str(audit.label(row.action))


class ComplaintSerializer(serializers.ModelSerializer):
    """A complaint as its reporter sees it."""

    created_at = IsoDateTime()
    notice = serializers.IntegerField(source="notice_id", allow_null=True)
    url = serializers.SerializerMethodField()
    documents = ComplaintItemSerializer(source="items", many=True)

    class Meta:
        model = Complaint
        fields = ["id", "kind", "status", "created_at", "notice", "url", "documents"]

    def get_url(self, case: Complaint) -> str:
        return reverse("moderation:complaint", args=[case.pk])


class StaffComplaintSerializer(ComplaintSerializer):
    """A complaint as staff see it: the claimant's details, evidence and the audit history."""

    reporter = serializers.SerializerMethodField()
    legal_action_at = IsoDateTime()
    counter_notices = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True)
    history = serializers.SerializerMethodField()

    class Meta(ComplaintSerializer.Meta):
        fields = ComplaintSerializer.Meta.fields + [
            "reporter",
            "name",
            "email",
            "phone",
            "address",
            "work",
            "details",
            "statements",
            "legal_action_at",
            "decision_reason",
            "counter_notices",
            "evidence",
            "history",
        ]

    def get_reporter(self, case: Complaint) -> str:
        return case.reporter.get_username()

    def get_counter_notices(self, case: Complaint) -> list[int]:
        return list(case.counter_notices.values_list("pk", flat=True))

    def get_history(self, case: Complaint) -> list[dict]:
        return HistorySerializer(services.case_history(case), many=True).data


class StrikeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reason = serializers.CharField()
    complaint = serializers.IntegerField(source="complaint_id", allow_null=True)
    document = serializers.IntegerField(source="document_pk", allow_null=True)
    created_at = serializers.DateTimeField(format=None)
    withdrawn_at = serializers.DateTimeField(format=None, allow_null=True)
    withdraw_reason = serializers.CharField()


class BanSerializer(serializers.Serializer):
    reason = serializers.CharField()
    created_at = serializers.DateTimeField(format=None)
    lifted_at = serializers.DateTimeField(format=None, allow_null=True)
    lift_reason = serializers.CharField()


# Strikes and bans keep the datetime objects (format=None): DRF's JSON encoder writes them as
# the hand-built dicts did.
class MemberSerializer(serializers.Serializer):
    """A member as the moderation page sees them (services.member_summary)."""

    id = serializers.IntegerField(source="member.pk")
    username = serializers.CharField(source="member.get_username")
    active = serializers.BooleanField(source="member.is_active")
    banned = serializers.BooleanField()
    upload_banned = serializers.BooleanField()
    strike_count = serializers.IntegerField()
    strike_limit = serializers.IntegerField()
    strikes = StrikeSerializer(many=True)
    bans = BanSerializer(many=True)
    held_points = serializers.IntegerField()
