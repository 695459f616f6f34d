from django import template

from .. import services

register = template.Library()


@register.simple_tag
def my_collections(user) -> list[dict]:
    """The member's own collections, for the "add to collection" box of a document page
    (kept per member in the cache until one of them changes: services.own_titles)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return services.own_titles(user)
