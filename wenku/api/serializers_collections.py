"""Serializers of collections, author pages and payouts (/api/v1/collections, /authors, payouts).

Titles and descriptions are returned as typed (JSON is not HTML: the client escapes them, as
the site's templates do)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wenku.collections.forms import plain_text
from wenku.collections.models import Collection, CollectionItem
from wenku.wallet.models import Payout, PayoutEvent


class CollectionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Collection
        fields = ["id", "title", "description", "is_public", "owner", "url"]
        fields += ["created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_url(self, collection: Collection) -> str:
        return collection.get_absolute_url()

    def validate_title(self, value: str) -> str:
        title = plain_text(value)
        if not title:
            raise serializers.ValidationError("Give the collection a title.")
        return title

    def validate_description(self, value: str) -> str:
        return plain_text(value, keep_newlines=True)


class CollectionItemSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="document_id")
    title = serializers.CharField(source="document.title")
    owner = serializers.CharField(source="document.owner.username")
    url = serializers.SerializerMethodField()

    class Meta:
        model = CollectionItem
        fields = ["document", "title", "owner", "position", "url", "added_at"]

    def get_url(self, item: CollectionItem) -> str:
        return item.document.get_absolute_url()


class AddItemSerializer(serializers.Serializer):
    document = serializers.IntegerField(min_value=1)


class OrderSerializer(serializers.Serializer):
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=500, allow_empty=False
    )


class AuthorSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    bio = serializers.CharField()
    joined = serializers.DateTimeField()
    documents = serializers.IntegerField()
    downloads = serializers.IntegerField()
    rating_count = serializers.IntegerField(help_text="ratings of the listed documents")
    rating_average = serializers.FloatField(allow_null=True, help_text="1–5; null: no ratings")
    collections = CollectionSerializer(many=True)
    url = serializers.CharField()


class PayoutEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PayoutEvent
        fields = ["kind", "note", "created_at"]


class PayoutSerializer(serializers.ModelSerializer):
    net = serializers.IntegerField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    events = PayoutEventSerializer(many=True, read_only=True)

    class Meta:
        model = Payout
        fields = ["id", "author", "points", "fee", "net", "status", "reason", "created_at"]
        fields += ["decided_at", "events"]


@extend_schema_field(OpenApiTypes.INT)
class WalletPoints(serializers.JSONField):
    """A whole number of points. Read as any JSON value and parsed by the wallet
    (wallet.payouts.parse_points), so a float, a negative or a string with letters gets the
    same refusal ("invalid", 400) as on the site."""


class PayoutRequestSerializer(serializers.Serializer):
    points = WalletPoints(help_text="whole points, at least the minimum (me/withdrawable)")


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class WithdrawableSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    held = serializers.IntegerField()
    earned = serializers.IntegerField()
    requested = serializers.IntegerField()
    amount = serializers.IntegerField()
    minimum = serializers.IntegerField()
    fee = serializers.IntegerField()
