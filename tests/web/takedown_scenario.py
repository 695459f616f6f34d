"""Child process of test_takedown_live.py: readers against a real gunicorn while staff take a
document down through the staff API. Prints one JSON line of counts.

Runs with WENKU_DATABASE_URL (a fresh PostgreSQL database) and WENKU_DATA_DIR (a fresh folder:
the file cache the gunicorn workers share with this process) set by the test.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import django

ROOT = Path(__file__).resolve().parents[2]
READERS = 8


def seed() -> tuple[int, str, list[str]]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from wenku.library.models import Category, Document, Page
    from wenku.search.indexing import sync_document

    call_command("migrate", verbosity=0)
    User = get_user_model()
    owner = User.objects.create_user("author")
    staff = User.objects.create_user("staffer", is_staff=True)
    category = Category.objects.create(name="职业教育", slug="vocational")
    ids = []
    for n in range(6):  # few enough that every list and related block shows all
        doc = Document.objects.create(
            owner=owner,
            title=f"职业教育会议材料第{n}号",
            category=category,
            original="originals/x/x.pdf",
            original_name="x.pdf",
            format="pdf",
            status=Document.Status.READY,
            page_count=3,
        )
        Page.objects.bulk_create(
            Page(document=doc, number=p, text="职业教育会议的正文内容。" * 20) for p in range(1, 4)
        )
        sync_document(doc)
        ids.append(doc.pk)
    target = ids[-1]  # the newest: on the home page, first in the category
    urls = [
        "/",
        "/c/vocational/",
        f"/search/?q={quote('职业教育')}",
        "/sitemap-documents.xml",
        f"/d/{target}/",
        *[f"/d/{pk}/" for pk in ids[:3]],  # their related documents include the target
    ]
    return target, Token.objects.create(user=staff).key, urls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(conn: http.client.HTTPConnection, url: str) -> tuple[int, str]:
    conn.request("GET", url)
    response = conn.getresponse()
    return response.status, response.read().decode()


def main() -> None:
    django.setup()
    target, token, urls = seed()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wenku.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "3", "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    marker = f"/d/{target}/"
    log: list[tuple[float, str, bool]] = []  # (request started, url, shows the target)
    stop = threading.Event()
    lock = threading.Lock()

    def reader(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = index
        while not stop.is_set():
            url = urls[i % len(urls)]
            i += 1
            started = time.monotonic()
            status, body = get(conn, url)
            shown = status == 200 and marker in body if url != marker else status == 200
            with lock:
                log.append((started, url, shown))

    try:
        for _ in range(100):
            try:
                get(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
        for t in threads:
            t.start()
        time.sleep(3)  # every page cached by now
        staff = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        staff.request(
            "POST",
            f"/api/v1/staff/documents/{target}/visibility",
            body=json.dumps({"visibility": "hidden"}),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        answer = staff.getresponse()
        answer.read()
        returned = time.monotonic()
        time.sleep(3)
        stop.set()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=20)
    before = [e for e in log if e[0] < returned]
    after = [e for e in log if e[0] >= returned]
    print(
        json.dumps(
            {
                "takedown_status": answer.status,
                "before": len(before),
                "before_shown": sum(1 for e in before if e[2]),
                "before_shown_urls": sorted({e[1] for e in before if e[2]}),
                "after": len(after),
                "after_urls": sorted({e[1] for e in after}),
                "stale": sum(1 for e in after if e[2]),
                "stale_urls": sorted({e[1] for e in after if e[2]}),
                "urls": urls,
            }
        )
    )


if __name__ == "__main__":
    main()
