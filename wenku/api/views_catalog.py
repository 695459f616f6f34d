"""/api/v1/categories and /api/v1/tags: the browse tree and the tag list."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from wenku.library.models import Category, Document, Tag

from .filters import TagFilter
from .schema import errors
from .serializers import CategorySerializer, TagSerializer


@extend_schema(responses={200: CategorySerializer(many=True), **errors(404)})
class CategoryList(generics.ListAPIView):
    """Every category in display order; `parent` links build the tree."""

    serializer_class = CategorySerializer
    queryset = Category.objects.all()
    pagination_class = None  # a small tree that clients want whole


class TagList(generics.ListAPIView):
    """Tags with the number of listed documents, most used first; ?q= filters by name."""

    serializer_class = TagSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = TagFilter

    def get_queryset(self) -> QuerySet[Tag]:
        listed = Q(
            documents__status=Document.Status.READY,
            documents__visibility=Document.Visibility.PUBLIC,
        )
        tags = Tag.objects.annotate(documents_count=Count("documents", filter=listed))
        return tags.filter(documents_count__gt=0).order_by("-documents_count", "name")

    @extend_schema(responses={200: TagSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
