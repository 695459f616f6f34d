"""Racing ratings and helpful votes through the real views, on PostgreSQL (child process of
test_race_pg.py): `WENKU_DATABASE_URL=postgres://…/fresh python -m tests.reviews.rating_race`.
Prints one line, RACE {json}."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.urls import reverse

    from wenku.library.models import Document
    from wenku.reviews.models import Comment, HelpfulVote, Rating

    call_command("migrate", verbosity=0, interactive=False)
    settings.MEDIA_ROOT = tempfile.mkdtemp()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.WENKU_RATELIMIT = False
    User = get_user_model()
    author = User.objects.create_user("author")
    racer = User.objects.create_user("racer")
    crowd = [User.objects.create_user(f"reader{n}") for n in range(8)]
    doc = Document.objects.create(
        owner=author, title="赛跑", format="pdf", status="ready", page_count=3
    )
    comment = Comment.objects.create(document=doc, author=author, body="有用吗")
    go, statuses, lock = threading.Barrier(24), [], threading.Lock()

    def attack(i: int) -> None:
        client = Client()
        # 16 requests of one member (two tabs each way), 8 of eight others at the same moment.
        user = racer if i < 16 else crowd[i - 16]
        client.force_login(user)
        go.wait()
        try:
            if i < 8:
                url, form = reverse("reviews:rate", args=[doc.pk]), {"stars": str(1 + i % 5)}
            elif i < 16:
                url, form = reverse("reviews:helpful", args=[comment.pk]), {}
            else:
                url, form = reverse("reviews:rate", args=[doc.pk]), {"stars": "5"}
            status = client.post(url, form).status_code
        except Exception as exc:  # noqa: BLE001 - reported, the parent test fails
            status = f"crash {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    doc.refresh_from_db()
    comment.refresh_from_db()
    racer_stars = Rating.objects.filter(member=racer).values_list("stars", flat=True)
    found = {
        "vendor": connection.vendor,
        "statuses": statuses,
        "racer_ratings": Rating.objects.filter(member=racer).count(),
        "racer_stars": list(racer_stars),
        "ratings": Rating.objects.count(),
        "rating_count": doc.rating_count,
        "rating_average": doc.rating_average,
        "expected_average": round((40 + sum(racer_stars)) / 9, 2),
        "votes": HelpfulVote.objects.count(),
        "helpful_count": comment.helpful_count,
    }
    print("RACE " + json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
