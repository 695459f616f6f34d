"""Wenku (文库): a self-hostable document-sharing library."""

from .celery import app as celery_app

__all__ = ["celery_app"]
