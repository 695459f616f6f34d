import functools

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from wenku.accounts import views as account_views
from wenku.collections import views as collection_views
from wenku.search import views as search_views

from .pagecache import shared_page
from .sitemaps import SITEMAPS
from .views import browse, document, manage, reader

# The search, collections and accounts apps sit below the site and know nothing of its page
# cache: their public pages are marked here. Anonymous results of a query asked more than once
# are shared; a public collection's page and an author's page show lists ("lists" stamp: a
# document hidden, edited or removed, a public collection changed, a member renamed).
shared_page(common_only=True)(search_views.results)
shared_page()(collection_views.detail)
shared_page()(account_views.profile)


def _shared(view):
    """A copy of a view (Django's sitemap views) marked as a shared page."""
    return shared_page()(functools.wraps(view)(lambda *args, **kwargs: view(*args, **kwargs)))


app_name = "web"
urlpatterns = [
    path("", browse.home, name="home"),
    path("c/<slug:slug>/", browse.category, name="category"),
    path("d/<int:pk>/", document.document, name="document"),
    path(
        "d/<int:pk>/page/<int:number>-<int:width>.webp",
        document.page_image,
        name="page_image",
    ),
    path("d/<int:pk>/cover.webp", document.cover, name="cover"),
    path("d/<int:pk>/pages.json", document.page_state, name="page_state"),
    path("d/<int:pk>/layer/<int:number>.json", reader.layer, name="text_layer"),
    path("d/<int:pk>/find.json", reader.find, name="find_in_document"),
    path("d/<int:pk>/position.json", reader.position, name="reading_position"),
    path("d/<int:pk>/status.json", document.document_status, name="document_status"),
    path("d/<int:pk>/retry/", document.document_retry, name="document_retry"),
    path("d/<int:pk>/edit/", manage.document_edit, name="document_edit"),
    path("d/<int:pk>/delete/", manage.document_delete, name="document_delete"),
    path("upload/", manage.upload, name="upload"),
    path("me/documents/", manage.my_documents, name="my_documents"),
    path("u/<str:username>/", account_views.profile, name="profile"),
    path(
        "sitemap.xml",
        _shared(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "web:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        _shared(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", browse.robots_txt, name="robots"),
]
