#!/usr/bin/env bash
# Install what the tests need (Python packages; Debian's chromium, CJK fonts and poppler where missing) and run every
# test. poppler-utils renders the meeting brief (pdftoppm, pdftotext); poppler-data maps its CID font's text back to
# Unicode.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
        || ! command -v pdftoppm >/dev/null 2>&1 || [ ! -d /usr/share/poppler/cMap ]; then
    export DEBIAN_FRONTEND=noninteractive
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk poppler-utils poppler-data >/dev/null
fi
exec python3 -m pytest -q "$@"
