"""The library: categories, tags, documents and their pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import storage_layout
from .failures import reason_text


class Category(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:category", args=[self.slug])

    def ancestors(self) -> list[Category]:
        """Root first, self last: the breadcrumb."""
        chain: list[Category] = []
        node: Category | None = self
        while node is not None and len(chain) < 10:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendant_ids(self) -> list[int]:
        ids, frontier = [self.id], [self.id]
        while frontier:
            frontier = list(
                Category.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
            )
            ids.extend(frontier)
        return ids


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for conversion")
        CONVERTING = "converting", _("Converting")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        HELD = "held", _("Held for review")  # not published until staff approve it
        HIDDEN = "hidden", _("Hidden")
        REMOVED = "removed", _("Removed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="documents", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    category = models.ForeignKey(
        Category, null=True, blank=True, related_name="documents", on_delete=models.SET_NULL
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="documents")

    # The original file. Its stored name is ours (storage_layout), never the uploader's.
    original = models.FileField(_("original file"), upload_to=storage_layout.original_upload_to)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.BigIntegerField(_("file size"), default=0)
    file_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    format = models.CharField(_("format"), max_length=10, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    # Conversion progress: `pages_done` of `progress_total` in the current `progress_stage`.
    progress_stage = models.CharField(max_length=20, blank=True)
    pages_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    text_chars = models.PositiveIntegerField(default=0)
    failure_code = models.CharField(max_length=40, blank=True)
    failure_detail = models.CharField(max_length=500, blank=True)  # for staff, not shown
    conversion_attempts = models.PositiveSmallIntegerField(default=0)
    conversion_heartbeat = models.DateTimeField(null=True, blank=True)
    converted_at = models.DateTimeField(null=True, blank=True)

    # Pages 1..N are free to read; the author may lower the site's N (None = site setting).
    preview_limit = models.PositiveSmallIntegerField(_("free preview pages"), null=True, blank=True)
    price = models.PositiveIntegerField(_("price (points)"), default=0)
    # Off: the text layer stays (screen readers, search highlight) but cannot be selected or
    # copied in the browser. A deterrent only: whoever may read a page may read its text.
    allow_copy = models.BooleanField(_("allow copying text"), default=True)
    # The format version of the stored text layers (library.textlayers); 0 = none yet.
    text_layer = models.PositiveSmallIntegerField(default=0)

    views = models.PositiveIntegerField(_("views"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    # Members' ratings, kept here by wenku.reviews so that "best rated" sorts on one column:
    # the count, the plain average (shown) and a damped score (sorted on; 0 when unrated).
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)
    rating_average = models.FloatField(_("average rating"), default=0)
    rating_score = models.FloatField(default=0, db_index=True)
    # Visible top-level comments (wenku.reviews): the page skips its queries when there are none.
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["status", "visibility", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:document", args=[self.pk])

    @property
    def is_listed(self) -> bool:
        """Shown to the public: converted and not hidden or removed."""
        return self.status == self.Status.READY and self.visibility == self.Visibility.PUBLIC

    @property
    def free_pages(self) -> int:
        """How many leading pages anyone may read (DESIGN §3)."""
        limit = settings.WENKU_PREVIEW_PAGES
        if self.preview_limit is not None:
            limit = min(limit, self.preview_limit)
        return max(0, min(limit, self.page_count))

    @property
    def failure_reason(self) -> str:
        return reason_text(self.failure_code) if self.failure_code else ""


class Page(models.Model):
    """One page of a converted document: its text, size and whether images exist."""

    document = models.ForeignKey(Document, related_name="pages", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()  # 1-based
    text = models.TextField(blank=True)
    width_pt = models.FloatField(default=0)
    height_pt = models.FloatField(default=0)
    rendered = models.BooleanField(default=False)  # preview images exist in storage

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_page_number")
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.number}"


class Favourite(models.Model):
    """A member's bookmark of a document (the API's /me/favourites)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="favourites", on_delete=models.CASCADE
    )
    document = models.ForeignKey(Document, related_name="favourited_by", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "document"], name="unique_favourite")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}♥{self.document_id}"


class ReadingPosition(models.Model):
    """Where a member last was in a document (the reader returns them there)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="reading_positions", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        Document, related_name="reading_positions", on_delete=models.CASCADE
    )
    page = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "document"], name="unique_reading_position")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.document_id}:{self.page}"
