#!/usr/bin/env bash
# One command to run the whole test suite: set-up (including PostgreSQL, Redis and chromium
# for the tests that need them), then ruff, the import contract, the code-shape check and
# pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
WENKU_SETUP_TEST=1 bash scripts/setup.sh
bash scripts/services.sh
.venv/bin/ruff check .
.venv/bin/lint-imports  # the layers (pyproject.toml [tool.importlinter], docs/architecture.md)
.venv/bin/python scripts/check_code.py  # in-function imports have reasons; size limits
.venv/bin/mypy wenku/library wenku/wallet wenku/publishing  # [tool.mypy] in pyproject.toml
exec .venv/bin/python -m pytest "$@"
