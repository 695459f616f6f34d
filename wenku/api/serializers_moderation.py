"""Shapes of the complaint and moderation endpoints (views_moderation): the responses, and the
request bodies (validated by the moderation pages' own forms)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from wenku.library.models import Document
from wenku.moderation import audit, forms, services
from wenku.moderation.actions import ACTIONS
from wenku.moderation.filing import ComplaintError
from wenku.moderation.members import MEMBER_ACTIONS
from wenku.moderation.models import Complaint, ComplaintItem, Evidence
from wenku.publishing.forms import form_errors

from .forms_bridge import FormSerializer


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


def complaint_form_data(data: Any) -> dict:
    """Form input from a JSON object or a multipart body (lists become lines of text)."""
    if hasattr(data, "getlist"):
        return {k: "\n".join(str(v) for v in data.getlist(k)) for k in data if k != "evidence"}
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["The body must be an object."]})
    out = {}
    for key, value in data.items():
        if isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        out[key] = value if isinstance(value, bool) else str(value)
    return out


class NewComplaintSerializer(serializers.Serializer):
    """Every complaint type's fields; `kind` says which apply (its web form validates them:
    views_moderation picks the form)."""

    kind = serializers.ChoiceField(choices=Complaint.Kind.choices)
    notice = serializers.IntegerField(required=False, help_text="counter: the notice's id")
    documents = serializers.CharField(
        required=False, help_text="copyright: document ids or addresses, one per line"
    )
    document = serializers.CharField(
        required=False, help_text="mismatch, download, illegal, spam: id or address"
    )
    name = serializers.CharField(required=False, help_text="copyright, counter: real name")
    email = serializers.EmailField(required=False)
    phone = serializers.CharField(required=False)
    address = serializers.CharField(required=False, help_text="postal address")
    work = serializers.CharField(required=False, help_text="copyright: the work")
    details = serializers.CharField(required=False)
    good_faith = serializers.BooleanField(required=False, help_text="copyright statement")
    accuracy = serializers.BooleanField(required=False, help_text="copyright, counter")
    not_infringing = serializers.BooleanField(required=False, help_text="counter statement")
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="multipart only"
    )

    def run_validation(self, data: Any = serializers.empty) -> dict:
        """The type's own web form decides (context: `user`, `files`). After it, `self.form`
        is the valid form and the result has `kind` and, for a counter-notice, `notice`."""
        raw = complaint_form_data({} if data is serializers.empty else data)
        kind = raw.get("kind", "")
        files = MultiValueDict({"evidence": list(self.context.get("files", []))})
        notice = None
        if kind == Complaint.Kind.COUNTER:
            notice = _notice(raw.get("notice", ""))
            self.form = forms.CounterNoticeForm(raw, files)
        elif kind in forms.FORMS:
            self.form = forms.FORMS[kind](raw, files, user=self.context.get("user"))
        else:
            raise ComplaintError("bad_kind", _("Unknown complaint type."), field="kind")
        if not self.form.is_valid():
            raise ValidationError(form_errors(self.form))
        return {**self.form.cleaned_data, "kind": kind, "notice": notice}


def _notice(raw: object) -> Complaint:
    """A counter-notice's copyright notice, by id (digits only; an unknown id is a 404)."""
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise ComplaintError("incomplete", _("Give the notice's id as `notice`."), field="notice")
    notice = Complaint.objects.filter(pk=int(raw), kind=Complaint.Kind.COPYRIGHT).first()
    if notice is None:
        raise ComplaintError("not_found", _("There is no such copyright notice."), status=404)
    return notice


class ComplaintFiledSerializer(ComplaintSerializer):
    duplicate = serializers.SerializerMethodField(help_text="the same complaint was sent before")

    class Meta(ComplaintSerializer.Meta):
        fields = ComplaintSerializer.Meta.fields + ["duplicate"]

    def get_duplicate(self, case: Complaint) -> bool:
        return bool(self.context.get("duplicate"))


class _ModerationForm(FormSerializer):
    def make_form(self, data: Any) -> Any:
        return self.form_class(complaint_form_data(data))


class ActionSerializer(_ModerationForm):
    form_class = forms.ActionForm

    action = serializers.ChoiceField(choices=list(ACTIONS))
    reason = serializers.CharField(required=False, max_length=2000)
    document = serializers.IntegerField(
        required=False, help_text="a case's action on one of its documents only"
    )


class MemberActionSerializer(_ModerationForm):
    form_class = forms.MemberActionForm

    action = serializers.ChoiceField(choices=list(MEMBER_ACTIONS))
    reason = serializers.CharField(required=False, max_length=500)
    strike = serializers.IntegerField(
        required=False, min_value=1, help_text="withdraw_strike: the strike's id"
    )


class ActedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "visibility"]


class ActionResultSerializer(serializers.Serializer):
    """What was done; the case (if the action was on one) and the document (if on one)."""

    detail = serializers.CharField()
    case = StaffComplaintSerializer(required=False)
    document = ActedDocumentSerializer(required=False)

    def to_representation(self, instance: dict) -> dict:
        present = {key: value for key, value in instance.items() if value is not None}
        return super().to_representation(present)


class MemberActionResultSerializer(serializers.Serializer):
    detail = serializers.CharField()
    member = MemberSerializer()


class HeldDocumentSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.get_username")

    class Meta:
        model = Document
        fields = ["id", "title", "owner"]


class CaseQueueSerializer(serializers.Serializer):
    """A page of open cases (PagePagination's keys), and the documents held for review."""

    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ComplaintSerializer(many=True)
    held_documents = HeldDocumentSerializer(many=True, help_text="the oldest 100")
