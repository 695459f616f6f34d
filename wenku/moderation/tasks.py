"""Queued work of moderation: the periodic tick (CELERY_BEAT_SCHEDULE "wenku.moderation_tick")."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="wenku.moderation_tick", ignore_result=True)
def moderation_tick() -> int:
    from .services import tick

    return tick()
