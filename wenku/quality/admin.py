"""Reports and matches in the Django admin (read-mostly: the checks write them)."""

from django.contrib import admin

from .models import Match, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["document", "action", "decision", "stuffed", "stuffing_score", "checked_at"]
    list_filter = ["action", "decision", "stuffed"]
    search_fields = ["document__title", "=document__id"]
    raw_id_fields = ["document", "reviewed_by"]
    readonly_fields = ["checked_at", "text_chars", "duplicate_fraction", "spans"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["document", "other", "kind", "similarity", "same_owner"]
    list_filter = ["kind", "same_owner"]
    search_fields = ["=document__id", "=other__id"]
    raw_id_fields = ["document", "other"]
