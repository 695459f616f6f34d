"""The OpenAPI schema and its Swagger UI / Redoc pages, assets served from this site
(drf-spectacular-sidecar): the network may be closed and a CDN is a third party anyway."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from wenku.security.headers import DOCS_CSP


class _DocsCSP:
    """Swagger UI and Redoc inject styles: a looser style-src on these two pages only."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerView(_DocsCSP, SpectacularSwaggerSplitView):  # split: no inline <script>
    url_name = "api:schema"


class RedocView(_DocsCSP, SpectacularRedocView):
    url_name = "api:schema"
    template_name = "api/redoc.html"  # (wenku.security's templates) no Google Fonts


docs_urls = [
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", SwaggerView.as_view(), name="docs"),
    path("redoc", RedocView.as_view(), name="redoc"),
]
