"""Collections (文集/专辑): a member's ordered list of documents, public or private."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Collection(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="doc_collections", on_delete=models.CASCADE
    )
    # Stored as typed; templates escape it (HTML in a title is text, never markup).
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    documents = models.ManyToManyField(
        "library.Document", through="CollectionItem", related_name="in_collections"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        indexes = [models.Index(fields=["is_public", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collections:detail", args=[self.pk])


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, related_name="items", on_delete=models.CASCADE)
    document = models.ForeignKey("library.Document", related_name="+", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "document"], name="collection_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}[{self.position}]={self.document_id}"


class CollectionFavourite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    collection = models.ForeignKey(
        Collection, related_name="favourited_by", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "collection"], name="collection_favourite_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}♥{self.collection_id}"
