#!/usr/bin/env bash
# One command to run the site: set-up, then web server + worker on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/wenku run "$@"
