"""Used by the web tests only while the search app has no `search:results` URL yet."""

from django.http import HttpResponse
from django.urls import include, path

from wenku import urls as project_urls


def _stub(request):
    return HttpResponse("search")


search_patterns = (
    [path("", _stub, name="results"), path("suggest/", _stub, name="suggest")],
    "search",
)
urlpatterns = [path("search/", include(search_patterns))] + [
    p for p in project_urls.urlpatterns if getattr(p, "namespace", None) != "search"
]
