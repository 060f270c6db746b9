#!/usr/bin/env bash
# Start the dashboard on http://127.0.0.1:8501 (local only: .streamlit/config.toml) from the project's own .venv,
# installed from requirements.lock by scripts/bootstrap.py (from wheelhouse/ with no network when it exists).
# On a desktop the browser opens by itself; on a server (no display) it stays headless.
# Once accounts exist (README 部署与账号), open it to the office network with: bash scripts/start.sh --server.address 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
desktop=()
[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || desktop=(--desktop)
python=python3  # the newest Python 3.11+ on PATH (an older python3 first, as on some 信创 systems, is passed over)
for candidate in python3.12 python3.11 python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then python=$candidate; break; fi
done
command -v "$python" >/dev/null || { echo "未找到 Python 3.11 或更高版本：请先安装（Debian/UOS/Kylin：apt-get install python3 python3-venv）" >&2; exit 1; }
exec "$python" scripts/bootstrap.py start "${desktop[@]}" "$@"
