"""The Celery app. Only `tasks.py` modules define queued work."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")

app = Celery("wenku")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
