from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wenku.library.models import Category


def _nav_categories() -> list:
    return list(Category.objects.filter(parent__isnull=True).order_by("order", "id")[:12])


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # Queried only when a template shows the category bar.
        "nav_categories": SimpleLazyObject(_nav_categories),
    }
