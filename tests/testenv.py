"""Loaded with `-p tests.testenv` before Django starts: point WENKU_DATA_DIR at a fresh folder.

Tests must never touch an operator's real data directory.
"""

import os
import tempfile

if not os.environ.get("WENKU_TEST_KEEP_DATA_DIR"):
    os.environ["WENKU_DATA_DIR"] = tempfile.mkdtemp(prefix="wenku-test-")
os.environ.setdefault("WENKU_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
# Rate limits count in the cache, which lives for the whole session: the suite's many
# log-ins and uploads from 127.0.0.1 would trip them. tests/hardening switches them on.
os.environ.setdefault("WENKU_RATELIMIT", "0")
