"""Admin: the ledger is read-only (append-only books); failures can be marked resolved."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    Account,
    DownloadFailure,
    Entry,
    LedgerTransaction,
    Payout,
    PayoutEvent,
    Purchase,
    TopUpOrder,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the wallet services: staff look, nobody edits or deletes."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ("account", "amount")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "reason", "reference", "memo", "actor")
    list_filter = ("reason", "created_at")
    search_fields = ("reference", "memo", "entries__account__user__username")
    inlines = [EntryInline]
    date_hierarchy = "created_at"


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ("id", "__str__", "user", "code", "balance", "grant_link")
    search_fields = ("user__username", "code")
    list_select_related = ("user",)

    @admin.display(description=_("grant"))
    def grant_link(self, obj: Account) -> str:
        if obj.user is None:
            return ""
        url = reverse("wallet:staff_grant") + f"?username={obj.user.username}"
        return format_html('<a href="{}">{}</a>', url, _("Grant points"))


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "created_at",
        "buyer",
        "document_title",
        "author",
        "price",
        "commission",
        "author_share",
        "refunded_at",
    )
    list_filter = ("created_at", "refunded_at")
    search_fields = ("buyer__username", "author__username", "document_title")
    list_select_related = ("buyer", "author")


@admin.register(TopUpOrder)
class TopUpOrderAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "user", "points", "amount_cents", "gateway", "status")
    list_filter = ("status", "gateway")
    search_fields = ("user__username", "gateway_ref")


@admin.register(DownloadFailure)
class DownloadFailureAdmin(admin.ModelAdmin):
    list_display = ("created_at", "document", "user", "error", "refund", "resolved")
    list_filter = ("resolved", "created_at")
    list_editable = ("resolved",)
    search_fields = ("user__username", "stored_name", "error")
    readonly_fields = ("user", "document", "purchase", "stored_name", "error", "refund")

    def has_add_permission(self, request) -> bool:
        return False


class PayoutEventInline(admin.TabularInline):
    model = PayoutEvent
    fields = ("created_at", "kind", "actor", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    """Read-only: staff decide on the payout page (wallet:staff_payouts), where the ledger
    moves with the decision."""

    list_display = ("id", "created_at", "author", "points", "fee", "status", "decided_by")
    list_filter = ("status", "created_at")
    search_fields = ("author__username",)
    list_select_related = ("author", "decided_by")
    inlines = [PayoutEventInline]
