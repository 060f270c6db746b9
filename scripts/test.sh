#!/usr/bin/env bash
# Install what the tests need and run every test: the project's .venv from requirements-dev.lock, and Debian's
# chromium, CJK fonts and poppler where missing (scripts/bootstrap.py; apt-get as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bootstrap.py test "$@"
