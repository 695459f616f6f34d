import functools

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from wenku.library.models import Category

from . import stamps

NAV_PREFIX = "wenku:nav:"
# The header's and footer's fixed links ({{ links.home }}): the same on every page.
SITE_LINKS = {
    "home": "web:home",
    "search": "search:results",
    "upload": "web:upload",
    "my_documents": "web:my_documents",
    "points": "wallet:home",
    "inbox": "moderation:inbox",
    "queue": "moderation:queue",
    "logout": "accounts:logout",
    "login": "accounts:login",
    "register": "accounts:register",
    "set_language": "set_language",
}


@functools.lru_cache(maxsize=256)
def _link(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


class Links:
    """Each fixed link reversed once per process, URL configuration and script prefix: a
    {% url %} costs as much as the rest of the header, on every page a member opens."""

    def __getitem__(self, key: str) -> str:
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _link(SITE_LINKS[key], urlconf, get_script_prefix())


def _nav_categories() -> list[dict[str, str]]:
    """The category bar, kept in this process's memory under the "lists" stamp (read first: a
    category changed while this is queried leaves the stored bar unreachable at once), so a
    member's page, which the page cache does not share, does not query it every time."""
    stamp = stamps.current([stamps.LISTS], create=True)[stamps.LISTS]
    key = f"{NAV_PREFIX}{stamp}"
    bar = caches["fragments"].get(key)
    if bar is None:
        rows = Category.objects.filter(parent__isnull=True).order_by("order", "id")[:12]
        bar = [{"url": c.get_absolute_url(), "name": c.name} for c in rows]
        caches["fragments"].set(key, bar, settings.WENKU_PAGE_CACHE_SECONDS)
    return bar


LINKS = Links()


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "links": LINKS,
        # The header's search box (request.GET.q in a template raises and logs when absent).
        "search_query": request.GET.get("q", ""),
        # Read only when a template shows the category bar.
        "nav_categories": SimpleLazyObject(_nav_categories),
    }
