#!/usr/bin/env bash
# One command to run the whole test suite: set-up (including PostgreSQL, Redis and chromium
# for the tests that need them), then ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
WENKU_SETUP_TEST=1 bash scripts/setup.sh
bash scripts/services.sh
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
