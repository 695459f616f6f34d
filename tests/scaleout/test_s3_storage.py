"""Originals and previews in S3-compatible object storage (django-storages).

The S3 server is moto's server mode started by the test: real HTTP, real S3 API, no cloud.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.samples import make_docx
from wenku.library import services as library
from wenku.publishing import tasks as conversion
from wenku.publishing import uploads

pytestmark = pytest.mark.django_db
BUCKET = "wenku-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "moto did not start"
            time.sleep(0.2)
    yield endpoint
    os.killpg(server.pid, 15)
    server.wait(20)


@pytest.fixture
def s3(settings, s3_endpoint):
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": None,
                "file_overwrite": True,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_upload_convert_serve_and_delete_through_s3(
    s3, client, django_user_model, tmp_path, settings
):
    owner = django_user_model.objects.create_user("s3author", password="pw-123456-x")
    docx = make_docx(tmp_path / "对象存储.docx", pages=7)
    doc = uploads.create_document(owner, docx, filename=docx.name, enqueue=False)
    assert keys(s3) == {doc.original.name}  # the original is in the bucket, not on disk

    assert conversion.convert(doc.pk) == "ready"
    stored = keys(s3)
    assert f"documents/{doc.pk}/pages/5-1000.webp" in stored
    assert f"documents/{doc.pk}/pages/6-1000.webp" not in stored
    assert f"documents/{doc.pk}/converted.pdf" in stored

    page1 = client.get(f"/d/{doc.pk}/page/1-500.webp")
    assert page1.status_code == 200
    assert b"".join(page1.streaming_content)[8:12] == b"WEBP"
    assert client.get(f"/d/{doc.pk}/page/6-500.webp").status_code == 404

    # Page 6 is rendered on demand from the PDF in the bucket, by the worker (eager here, so
    # the answer waits for it: a real site answers 404 + Retry-After until it is done).
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(owner)
    assert client.get(f"/d/{doc.pk}/page/6-500.webp").status_code == 200
    assert f"documents/{doc.pk}/pages/6-500.webp" in keys(s3)

    library.delete_document(doc)
    assert keys(s3) == set()
