"""Filters of the ratings and comments box (reviews/_reviews.html, reviews/_comment.html)."""

from __future__ import annotations

from typing import Any

from django import template

from .. import services

register = template.Library()


@register.filter
def author_of(comment: Any) -> str:
    return services.author_name(comment)


@register.filter
def lookup(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None
