from django.contrib import admin

from .models import Collection, CollectionItem


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    fields = ("position", "document", "added_at")
    readonly_fields = ("added_at",)
    raw_id_fields = ("document",)
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "owner", "is_public", "updated_at")
    list_filter = ("is_public",)
    search_fields = ("title", "owner__username")
    raw_id_fields = ("owner",)
    inlines = [CollectionItemInline]
