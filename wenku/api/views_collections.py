"""/api/v1/collections…: collections (CRUD, items, order, favourite) and /authors/{name}.

Thin over wenku.collections.services: a private collection of someone else is the same 404 as
an unknown id, editing another member's public one is 403 (not_your_collection)."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.accounts.models import User
from wenku.collections import services
from wenku.collections.models import Collection
from wenku.library.services import author_figures

from .schema import errors
from .serializers_collections import (
    AddItemSerializer,
    AuthorSerializer,
    CollectionItemSerializer,
    CollectionSerializer,
    OrderSerializer,
)


class CollectionFilter(django_filters.FilterSet):
    owner = django_filters.CharFilter(field_name="owner__username", help_text="owner's user name")
    mine = django_filters.BooleanFilter(method="only_mine", help_text="only your own")
    favourite = django_filters.BooleanFilter(
        method="only_favourites", help_text="only the ones you favourited"
    )

    class Meta:
        model = Collection
        fields: list[str] = []

    def only_mine(self, rows, name, value):
        user = self.request.user if self.request else None
        if value and user is not None and user.is_authenticated:
            return rows.filter(owner_id=user.pk)
        return rows.none() if value else rows

    def only_favourites(self, rows, name, value):
        user = self.request.user if self.request else None
        if value and user is not None and user.is_authenticated:
            return rows.filter(favourited_by__user_id=user.pk)
        return rows.none() if value else rows


class CollectionList(generics.ListCreateAPIView):
    """Collections you may see (public ones, and your own); POST makes one (private unless
    is_public)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CollectionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CollectionFilter

    def get_queryset(self):
        return services.visible_to(self.request.user).order_by("-updated_at", "-id")

    @extend_schema(responses={200: CollectionSerializer(many=True), **errors(400, 404)})
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(responses={201: CollectionSerializer, **errors(400, 401)})
    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        collection = services.create(request.user, **serializer.validated_data)
        return Response(self.get_serializer(collection).data, status=status.HTTP_201_CREATED)


class CollectionDetail(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: CollectionSerializer, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        return Response(CollectionSerializer(services.get_for_viewer(request.user, pk)).data)

    @extend_schema(
        request=CollectionSerializer,
        responses={200: CollectionSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        collection = services.get_for_owner(request.user, pk)
        serializer = CollectionSerializer(collection, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        collection = services.update(request.user, collection, **serializer.validated_data)
        return Response(CollectionSerializer(collection).data)

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        services.delete(request.user, services.get_for_owner(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollectionItems(generics.GenericAPIView):
    """The documents of a collection you may see, in order; POST adds one at the end."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CollectionItemSerializer

    @extend_schema(responses={200: CollectionItemSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        collection = services.get_for_viewer(request.user, pk)
        page = self.paginate_queryset(services.items(request.user, collection))
        return self.get_paginated_response(CollectionItemSerializer(page, many=True).data)

    @extend_schema(
        request=AddItemSerializer,
        responses={
            200: CollectionItemSerializer,
            201: CollectionItemSerializer,
            **errors(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        body = AddItemSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        collection = services.get_for_owner(request.user, pk)
        item, created = services.add(request.user, collection, body.validated_data["document"])
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(CollectionItemSerializer(item).data, status=code)


class CollectionItem(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: Request, pk: int, document: int) -> Response:
        services.remove(request.user, services.get_for_owner(request.user, pk), document)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollectionOrder(APIView):
    """PUT the document ids in their new order (the ones not named keep theirs after them)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OrderSerializer, responses={204: None, **errors(400, 401, 403, 404)})
    def put(self, request: Request, pk: int) -> Response:
        body = OrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        collection = services.get_for_owner(request.user, pk)
        services.reorder(request.user, collection, body.validated_data["documents"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollectionFavourite(APIView):
    """PUT adds the collection to your favourites, DELETE removes it (both idempotent)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None, **errors(401, 404)})
    def put(self, request: Request, pk: int) -> Response:
        services.favourite(request.user, services.get_for_viewer(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        services.unfavourite(request.user, services.get_for_viewer(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class Author(APIView):
    """An author's public page: listed documents, downloads, ratings, public collections."""

    @extend_schema(responses={200: AuthorSerializer, **errors(404)})
    def get(self, request: Request, username: str) -> Response:
        member = get_object_or_404(User, username=username, is_active=True)
        data = {
            "username": member.username,
            "name": member.shown_name,
            "bio": member.bio,
            "joined": member.date_joined,
            **author_figures(member),
            "collections": services.public_of(member)[:50],
            "url": f"/u/{member.username}/",
        }
        return Response(AuthorSerializer(data).data)
