"""The caller's own things: favourites and API tokens."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library import favourites

from .schema import errors
from .serializers import FavouriteSerializer, TokenSerializer
from .views_documents import viewable


class FavouriteList(generics.ListAPIView):
    """Your favourites, newest first. Documents hidden since show only their id."""

    permission_classes = [IsAuthenticated]
    serializer_class = FavouriteSerializer

    def get_queryset(self):
        return favourites.of(self.request.user)

    @extend_schema(responses={200: FavouriteSerializer(many=True), **errors(401, 404)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class Favourite(APIView):
    """PUT adds the document to your favourites, DELETE removes it (both idempotent)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: FavouriteSerializer, 201: FavouriteSerializer, **errors(401, 404)},
    )
    def put(self, request: Request, pk: int) -> Response:
        fav, created = favourites.add(request.user, viewable(request, pk))
        data = FavouriteSerializer(fav, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        favourites.remove(request.user, viewable(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenView(APIView):
    """POST user name and password for your API token (made on first use); send it as
    `Authorization: Token <token>`. DELETE revokes it. Log-in rate limits apply."""

    def get_authenticators(self):
        # POST is a log-in: no session (hence no CSRF) and no token needed to get one.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    @extend_schema(
        request=AuthTokenSerializer, responses={200: TokenSerializer, **errors(400, 429)}
    )
    def post(self, request: Request) -> Response:
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        response = Response(TokenSerializer({"token": token.key}).data)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(responses={204: None, **errors(401)})
    def delete(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
