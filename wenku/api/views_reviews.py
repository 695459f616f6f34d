"""/api/v1/documents/{id}/rating, /documents/{id}/comments and /comments/{id}/…: ratings and
comments. Thin over wenku.reviews.services: a document or comment you may not see is 404, a
document that takes none (hidden, removed, held) is 403 `closed`, new comments are rate-limited
per member with the site's counter (429)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library import access
from wenku.library.models import Document
from wenku.reviews import services
from wenku.reviews.models import Comment

from .schema import errors
from .serializers_reviews import (
    CommentOrderSerializer,
    CommentRequestSerializer,
    CommentSerializer,
    HelpfulRequestSerializer,
    HelpfulSerializer,
    ModerateRequestSerializer,
    RatingRequestSerializer,
    RatingSerializer,
    ReplySerializer,
    ReportRequestSerializer,
    ReportSerializer,
)


def _document(request: Request, pk: int) -> Document:
    doc = Document.objects.filter(pk=pk).first()
    if (
        doc is None
        or not access.can_view(request.user, doc)
        or not services.may_see(request.user, doc)
    ):
        raise services.NotFound()
    return doc


def _rating(doc: Document, user) -> dict:
    mine = services.rating_of(user, doc)
    return {
        "document": doc,
        "stars": mine.stars if mine else None,
        "buyer": bool(mine and mine.buyer),
    }


class DocumentRating(APIView):
    """GET the document's average and count (and your rating); PUT rates it 1–5 (again:
    changes your rating). Not your own document; only while it is listed."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: RatingSerializer, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        return Response(RatingSerializer(_rating(_document(request, pk), request.user)).data)

    @extend_schema(
        request=RatingRequestSerializer,
        responses={200: RatingSerializer, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, pk: int) -> Response:
        body = RatingRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.rate(request.user, pk, body.validated_data["stars"])
        doc = Document.objects.get(pk=pk)
        return Response(RatingSerializer(_rating(doc, request.user)).data)


class DocumentComments(generics.GenericAPIView):
    """GET the top-level comments with their replies (?order=newest or helpful); POST writes a
    comment, or a reply with `parent` (a top-level comment of the same document)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentSerializer

    @extend_schema(
        parameters=[CommentOrderSerializer],
        responses={200: CommentSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        doc = _document(request, pk)
        query = CommentOrderSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = services.top_level(request.user, doc, query.validated_data["order"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)

    @extend_schema(
        request=CommentRequestSerializer,
        responses={201: ReplySerializer, **errors(400, 401, 403, 404, 429)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = CommentRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        new = services.comment(request.user, pk, data["body"], data.get("parent"))
        return Response(ReplySerializer(new).data, status=status.HTTP_201_CREATED)


class CommentHelpful(APIView):
    """Mark a comment helpful (once per member; not your own), or take the vote back."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=HelpfulRequestSerializer,
        responses={200: HelpfulSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = HelpfulRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = services.vote_helpful(request.user, pk, body.validated_data["helpful"])
        return Response(HelpfulSerializer(target).data)


class CommentReport(APIView):
    """Report a comment to staff (a complaint of the kind `comment`; again: the first one)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ReportRequestSerializer,
        responses={201: ReportSerializer, 200: ReportSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = ReportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filed = services.report(request.user, pk, body.validated_data["details"])
        code = status.HTTP_200_OK if filed.duplicate else status.HTTP_201_CREATED
        return Response(ReportSerializer(filed).data, status=code)


class CommentModerate(APIView):
    """Staff: hide a comment (and its replies) or show it again, with a reason (audited)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ModerateRequestSerializer,
        responses={200: ReplySerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        body = ModerateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["hidden"]:
            services.hide(request.user, pk, data["reason"])
        else:
            services.show(request.user, pk, data["reason"])
        return Response(ReplySerializer(Comment.objects.get(pk=pk)).data)
