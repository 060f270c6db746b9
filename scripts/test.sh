#!/usr/bin/env bash
# Install what the tests need and run every test: the project's .venv from requirements-dev.lock, and Debian's
# chromium, CJK fonts and poppler where missing (scripts/bootstrap.py; apt-get as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3  # the newest Python 3.11+ on PATH (an older python3 first, as on some 信创 systems, is passed over)
for candidate in python3.12 python3.11 python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then python=$candidate; break; fi
done
command -v "$python" >/dev/null || { echo "未找到 Python 3.11 或更高版本：请先安装（Debian/UOS/Kylin：apt-get install python3 python3-venv）" >&2; exit 1; }
exec "$python" scripts/bootstrap.py test "$@"
