"""Serializers of ratings and comments (/api/v1/documents/{id}/rating, …/comments, /comments).

Comment text is returned as typed (JSON is not HTML: the client escapes it, as the site's
templates do); the services refuse empty or over-long text with their own codes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wenku.reviews import services
from wenku.reviews.models import Comment


class CommentOrderSerializer(serializers.Serializer):
    order = serializers.ChoiceField(
        choices=list(services.ORDERS), default="newest", help_text="newest or most helpful first"
    )


class RatingRequestSerializer(serializers.Serializer):
    stars = serializers.IntegerField(min_value=1, max_value=5, help_text="1 to 5")


class RatingSerializer(serializers.Serializer):
    """The document's rating, and yours (null until you rate it)."""

    average = serializers.FloatField(source="document.rating_average")
    count = serializers.IntegerField(source="document.rating_count")
    stars = serializers.IntegerField(allow_null=True, help_text="your rating")
    buyer = serializers.BooleanField(help_text="you had bought the document when you rated it")


class ReplySerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "helpful_count", "parent", "hidden", "created_at"]
        read_only_fields = fields

    def get_author(self, comment: Comment) -> str:
        return services.author_name(comment)


class CommentSerializer(ReplySerializer):
    replies = serializers.SerializerMethodField()

    class Meta(ReplySerializer.Meta):
        fields = [*ReplySerializer.Meta.fields, "replies"]
        read_only_fields = fields

    @extend_schema_field(ReplySerializer(many=True))
    def get_replies(self, comment: Comment) -> list[dict]:
        rows = getattr(comment, "shown_replies", [])
        return ReplySerializer(rows, many=True).data  # type: ignore[return-value]


class CommentRequestSerializer(serializers.Serializer):
    body = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="plain text, 1–2000 characters"
    )
    # The API's field name; the stubs type Field.parent (the containing serializer) otherwise.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        required=False, allow_null=True, help_text="the top-level comment this one answers"
    )


class HelpfulRequestSerializer(serializers.Serializer):
    helpful = serializers.BooleanField(default=True, help_text="false takes your vote back")


class HelpfulSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "helpful_count"]
        read_only_fields = fields


class ReportRequestSerializer(serializers.Serializer):
    details = serializers.CharField(max_length=2000, help_text="what is wrong with the comment")


class ReportSerializer(serializers.Serializer):
    complaint = serializers.IntegerField(source="complaint.pk")
    duplicate = serializers.BooleanField()


class ModerateRequestSerializer(serializers.Serializer):
    hidden = serializers.BooleanField(default=True, help_text="false shows it again")
    reason = serializers.CharField(max_length=500)
