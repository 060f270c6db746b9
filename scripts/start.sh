#!/usr/bin/env bash
# Start the dashboard on http://127.0.0.1:8501 (local only: .streamlit/config.toml) from the project's own .venv,
# installed from requirements.lock by scripts/bootstrap.py (from wheelhouse/ with no network when it exists).
# On a desktop the browser opens by itself; on a server (no display) it stays headless.
# Once accounts exist (README 部署与账号), open it to the office network with: bash scripts/start.sh --server.address 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
desktop=()
[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || desktop=(--desktop)
exec python3 scripts/bootstrap.py start "${desktop[@]}" "$@"
