from django.contrib import admin

from .models import Comment, Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["document", "member", "stars", "buyer", "updated_at"]
    list_filter = ["stars", "buyer"]
    raw_id_fields = ["document", "member"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Hiding goes through the document page or the moderation case (audited), not here.
    list_display = [
        "pk",
        "document",
        "author",
        "parent",
        "helpful_count",
        "hidden_at",
        "created_at",
    ]
    list_filter = ["hidden_at"]
    raw_id_fields = ["document", "author", "parent"]
    readonly_fields = ["hidden_at", "hidden_reason", "helpful_count"]
    search_fields = ["body"]
