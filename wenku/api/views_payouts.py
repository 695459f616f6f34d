"""/api/v1/me/payouts and /api/v1/staff/payouts…: payouts of earned points (wallet.payouts).

Refusals (below the minimum, above the withdrawable amount, not a whole number, a request
already open, decided twice, not staff) rise to wenku.api.errors with their codes."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.wallet import payouts
from wenku.wallet.models import Payout

from .filters import PayoutFilter
from .schema import errors
from .serializers_collections import (
    ApproveSerializer,
    PayoutRequestSerializer,
    PayoutSerializer,
    RejectSerializer,
    WithdrawableSerializer,
)


class MyPayouts(generics.GenericAPIView):
    """Your payout requests with their steps; POST {"points": n} requests one."""

    permission_classes = [IsAuthenticated]
    serializer_class = PayoutSerializer

    @extend_schema(responses={200: PayoutSerializer(many=True), **errors(401, 404)})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(payouts.payouts_of(request.user))
        return self.get_paginated_response(PayoutSerializer(page, many=True).data)

    @extend_schema(
        request=PayoutRequestSerializer, responses={201: PayoutSerializer, **errors(400, 401, 409)}
    )
    def post(self, request: Request) -> Response:
        body = PayoutRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        payout = payouts.request_payout(request.user, body.validated_data["points"])
        return Response(PayoutSerializer(payout).data, status=status.HTTP_201_CREATED)


class MyWithdrawable(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: WithdrawableSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        figures = payouts.withdrawable(request.user)
        data = {**figures.__dict__, "minimum": payouts.minimum(), "fee": payouts.fee()}
        return Response(WithdrawableSerializer(data).data)


class StaffPayouts(generics.GenericAPIView):
    """Payouts for staff; ?status=pending|approved|rejected."""

    permission_classes = [IsAdminUser]
    serializer_class = PayoutSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PayoutFilter

    def get_queryset(self) -> QuerySet[Payout]:
        return payouts.staff_queue()

    @extend_schema(responses={200: PayoutSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request: Request) -> Response:
        rows = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(rows.prefetch_related("events"))
        return self.get_paginated_response(PayoutSerializer(page, many=True).data)


class StaffApprove(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        request=ApproveSerializer,
        responses={200: PayoutSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        payout = payouts.approve(request.user, pk, body.validated_data.get("note", ""))
        return Response(PayoutSerializer(payout).data)


class StaffReject(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        request=RejectSerializer,
        responses={200: PayoutSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        payout = payouts.reject(request.user, pk, body.validated_data["reason"])
        return Response(PayoutSerializer(payout).data)


class StaffExport(APIView):
    """Approved payouts as CSV (UTF-8), for the operator to pay; the export is audited."""

    permission_classes = [IsAdminUser]

    @extend_schema(responses={200: OpenApiResponse(description="text/csv"), **errors(401, 403)})
    def get(self, request: Request) -> HttpResponse:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(payouts.CSV_HEADER)
        for row in payouts.export_rows(request.user):
            writer.writerow([("'" + v) if v[:1] in ("=", "+", "-", "@") else v for v in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="payouts.csv"'
        response["Cache-Control"] = "no-store"
        return response
