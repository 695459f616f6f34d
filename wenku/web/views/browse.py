"""Browsing: home page, categories, robots.txt."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wenku.library import services
from wenku.library.models import Category

from ..pagecache import shared_page

PER_PAGE = 24


@shared_page()
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    listed = services.listed_documents()
    roots = Category.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(
        request,
        "web/home.html",
        {
            "latest": list(listed.order_by("-created_at", "-id")[:12]),
            "popular": list(listed.filter(views__gt=0).order_by("-views", "-id")[:12]),
            "categories": roots,
        },
    )


@shared_page()
@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    cat = get_object_or_404(Category, slug=slug)
    documents = services.listed_documents().filter(category_id__in=cat.descendant_ids())
    paginator = Paginator(documents.order_by("-created_at", "-id"), PER_PAGE)
    # get_page copes with ?page=abc, ?page=-1 and ?page=99999 (first or last page).
    page = paginator.get_page(request.GET.get("page"))
    canonical = cat.get_absolute_url()
    if page.number > 1:
        canonical += f"?page={page.number}"
    return render(
        request,
        "web/category.html",
        {
            "category": cat,
            "breadcrumb": cat.ancestors(),
            "children": cat.children.order_by("order", "id"),
            "page_obj": page,
            "documents": page.object_list,
            "canonical_path": canonical,
        },
    )


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: " + reverse("web:upload"),
        "Disallow: " + reverse("web:my_documents"),
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "Disallow: /api/",
        "Disallow: /d/*/status.json",
        "Disallow: /d/*/edit/",
        "Disallow: /d/*/delete/",
        "Disallow: /d/*/retry/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('web:sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
