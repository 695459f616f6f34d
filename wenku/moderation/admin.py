"""Admin: complaints and their records are read-only here; staff act through the queue
(/moderation/queue/), which writes the audit log. The audit log can never be changed."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    AuditEntry,
    Ban,
    BlockedFingerprint,
    Complaint,
    ComplaintItem,
    Message,
    RevenueHold,
    Strike,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ItemInline(admin.TabularInline):
    model = ComplaintItem
    fk_name = "complaint"
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in ComplaintItem._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "status", "reporter", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["id", "name", "email", "work"]
    inlines = [ItemInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "complaint", "document_pk", "reason"]
    list_filter = ["action"]
    search_fields = ["actor_name", "reason", "document_pk"]


@admin.register(Strike)
class StrikeAdmin(ReadOnlyAdmin):
    list_display = ["member", "reason", "complaint", "created_at", "withdrawn_at"]


@admin.register(Ban)
class BanAdmin(ReadOnlyAdmin):
    list_display = ["member", "reason", "created_at", "lifted_at"]


@admin.register(BlockedFingerprint)
class BlockedFingerprintAdmin(ReadOnlyAdmin):
    list_display = ["kind", "sha256", "document_pk", "complaint", "created_at", "lifted_at"]


@admin.register(RevenueHold)
class RevenueHoldAdmin(ReadOnlyAdmin):
    list_display = ["author", "points", "state", "document_pk", "complaint", "created_at"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["recipient", "subject", "created_at", "read_at"]
