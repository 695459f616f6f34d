from django import template

from ..services import of_owner

register = template.Library()


@register.simple_tag
def my_collections(user):
    """The member's own collections, for the "add to collection" box of a document page."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(of_owner(user).select_related(None).only("pk", "title")[:100])
