"""/api/v1/complaints and /api/v1/moderation/…: complaints of every type, and staff's queue.

POST /complaints takes JSON or multipart (for `evidence` files) with `kind` one of copyright,
counter, mismatch, download, illegal, spam, and the fields of that type's web form (the same
forms validate both). 201 with the complaint; 200 with "duplicate": true when the same
complaint was sent before. Errors are {"error", "detail"} (+ "fields" for form errors).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library.models import Document
from wenku.library.refusals import Refusal
from wenku.moderation import services
from wenku.moderation.models import Complaint

from .filters import CaseFilter
from .schema import errors
from .serializers_moderation import (
    ActionResultSerializer,
    ActionSerializer,
    CaseQueueSerializer,
    ComplaintFiledSerializer,
    ComplaintSerializer,
    HeldDocumentSerializer,
    MemberActionResultSerializer,
    MemberActionSerializer,
    MemberSerializer,
    NewComplaintSerializer,
    StaffComplaintSerializer,
)

Kind = Complaint.Kind


def complaint_json(case: Complaint, *, staff: bool = False) -> dict:
    serializer = StaffComplaintSerializer if staff else ComplaintSerializer
    return dict(serializer(case).data)


def _file(user, asked: NewComplaintSerializer) -> services.Filed:
    """Hand the valid complaint to the moderation service of its type."""
    kind, clean, form = asked.validated_data["kind"], asked.validated_data, asked.form
    evidence = clean.get("evidence") or []
    if kind == Kind.COUNTER:
        return services.file_counter(
            user, clean["notice"], name=clean["name"], email=clean["email"],
            phone=clean["phone"], address=clean["address"], details=clean["details"],
            statements=form.statements(), files=evidence,
        )  # fmt: skip
    if kind == Kind.COPYRIGHT:
        return services.file_copyright(
            user, clean["documents"], name=clean["name"], email=clean["email"],
            phone=clean["phone"], address=clean["address"], work=clean["work"],
            details=clean["details"], statements=form.statements(), files=evidence,
        )  # fmt: skip
    if kind == Kind.DOWNLOAD:
        return services.file_download_failure(user, clean["document"], details=clean["details"])
    return services.file_report(
        user, kind, clean["document"], details=clean["details"], files=evidence
    )


class Complaints(APIView):
    """File a complaint of any type (see the module's description)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request={
            "application/json": NewComplaintSerializer,
            "multipart/form-data": NewComplaintSerializer,
        },
        responses={
            200: ComplaintFiledSerializer,
            201: ComplaintFiledSerializer,
            **errors(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request) -> Response:
        files = request.FILES.getlist("evidence") if hasattr(request, "FILES") else []
        context = {"user": request.user, "files": files}
        asked = NewComplaintSerializer(data=request.data, context=context)
        asked.is_valid(raise_exception=True)
        filed = _file(request.user, asked)  # refusals rise to errors.py
        shown = {"duplicate": filed.duplicate}
        body = ComplaintFiledSerializer(filed.complaint, context=shown).data
        code = status.HTTP_200_OK if filed.duplicate else status.HTTP_201_CREATED
        return Response(body, status=code)


class ComplaintDetail(APIView):
    """A complaint, for its reporter, the uploaders it names, and staff."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: StaffComplaintSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        case = get_object_or_404(Complaint, pk=pk)
        user = request.user
        notice = case.notice or case
        involved = user.pk == case.reporter_id or notice.items.filter(uploader_id=user.pk).exists()
        if not (user.is_staff or involved):
            raise NotFound()
        return Response(complaint_json(case, staff=user.is_staff))


class _ListWithExtrasSchema(AutoSchema):
    """A paginated list whose body has more than `results` (one named serializer documents
    it): the filters and page parameters are still the list's."""

    def get_filter_backends(self):
        return getattr(self.view, "filter_backends", [])

    def _get_pagination_parameters(self):
        return self._get_paginator().get_schema_operation_parameters(self.view)


class Cases(GenericAPIView):
    """Open complaints, oldest first (?kind= to filter), and the documents held for review."""

    permission_classes = [IsAdminUser]
    serializer_class = ComplaintSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CaseFilter
    schema = _ListWithExtrasSchema()

    def get_queryset(self):
        return services.open_cases()

    @extend_schema(
        operation_id="moderation_cases_list",
        responses={200: CaseQueueSerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        held = services.held_documents()[:100]
        response.data["held_documents"] = HeldDocumentSerializer(held, many=True).data
        return response


class CaseDetail(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(responses={200: StaffComplaintSerializer, **errors(401, 403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        """One case with its documents, evidence, counter-notices and history."""
        return Response(complaint_json(get_object_or_404(Complaint, pk=pk), staff=True))


def _act(request: Request, *, complaint=None, document=None) -> Response:
    asked = ActionSerializer(data=request.data)
    asked.is_valid(raise_exception=True)
    clean = asked.validated_data
    if document is None and clean.get("document"):
        document = get_object_or_404(Document, pk=clean["document"])
    try:
        done = services.act(
            request.user,
            clean["action"],
            complaint=complaint,
            document=document,
            reason=clean["reason"],
        )
    except ValueError as exc:  # an action that does not apply here (a ComplaintError rises)
        raise Refusal(str(exc), code="invalid") from exc
    for row in (complaint, document):
        if row is not None:
            row.refresh_from_db()
    done_on = {"detail": done, "case": complaint, "document": document}
    return Response(ActionResultSerializer(done_on).data)


ACTION_SCHEMA = extend_schema(
    request=ActionSerializer,
    responses={200: ActionResultSerializer, **errors(400, 401, 403, 404, 409)},
)


class CaseAction(APIView):
    """{"action": approve|reject|hide|restore|remove|refund|strike|ban|legal_action,
    "reason": "…", "document": id (optional: one document of the case)}"""

    permission_classes = [IsAdminUser]

    @ACTION_SCHEMA
    def post(self, request: Request, pk: int) -> Response:
        return _act(request, complaint=get_object_or_404(Complaint, pk=pk))


class DocumentAction(APIView):
    """The same actions on a document (pre-publication review: approve / reject)."""

    permission_classes = [IsAdminUser]

    @ACTION_SCHEMA
    def post(self, request: Request, pk: int) -> Response:
        return _act(request, document=get_object_or_404(Document, pk=pk))


def member_json(person) -> dict:
    return dict(MemberSerializer(services.member_summary(person)).data)


class MemberDetail(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(responses={200: MemberSerializer, **errors(401, 403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        """A member's strikes (withdrawn ones included), bans and held revenue."""
        return Response(member_json(get_object_or_404(get_user_model(), pk=pk)))


class MemberAction(APIView):
    """{"action": strike|withdraw_strike|ban|lift_ban, "reason": "…", "strike": id (for
    withdraw_strike)}. A reason is always required; nothing is deleted."""

    permission_classes = [IsAdminUser]

    @extend_schema(
        request=MemberActionSerializer,
        responses={200: MemberActionResultSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(get_user_model(), pk=pk)
        asked = MemberActionSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        clean = asked.validated_data
        done = services.act_on_member(
            request.user, person, clean["action"], clean["reason"], strike_id=clean["strike"]
        )
        person.refresh_from_db()
        result = {"detail": done, "member": services.member_summary(person)}
        return Response(MemberActionResultSerializer(result).data)
