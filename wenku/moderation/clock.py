"""The moderation clock: one function to patch in tests (waiting periods, monthly counts).

Every service reads the time through `now()` (or a `now=` argument), never timezone.now()
directly, so a test can move through a 15-day waiting period without sleeping.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()
