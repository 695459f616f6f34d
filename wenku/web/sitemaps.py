"""sitemap.xml: the home page, categories and every listed document, with SITE_URL's host."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from wenku.library import services
from wenku.library.models import Category


class SiteSitemap(Sitemap):
    """Absolute URLs use settings.SITE_URL, like the canonical links of the pages."""

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"


class HomeSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["web:home"]

    def location(self, item: str) -> str:
        return reverse(item)


class CategorySitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.order_by("id")


class DocumentSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10000

    def items(self):
        return (
            services.listed_documents().select_related(None).order_by("id").only("id", "updated_at")
        )

    def lastmod(self, doc):
        return doc.updated_at


SITEMAPS = {"pages": HomeSitemap, "categories": CategorySitemap, "documents": DocumentSitemap}
