"""Scale-out fixtures: a fresh PostgreSQL database and a Redis database, found through
WENKU_TEST_POSTGRES_URL and WENKU_TEST_REDIS_URL (defaults: this machine's services)."""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("WENKU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def pg_database_url():
    """URL of a new, empty PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"wenku_scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    """A Redis database number of its own, emptied before and after."""
    import redis

    url = REDIS_URL.rsplit("/", 1)[0] + "/13"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
