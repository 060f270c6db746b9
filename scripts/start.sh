#!/usr/bin/env bash
# Install what the dashboard needs and start it on http://127.0.0.1:8501 (local only: .streamlit/config.toml).
# Once accounts exist (README 部署与账号), open it to the office network with: scripts/start.sh --server.address 0.0.0.0
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements.txt
exec python3 -m streamlit run app.py "$@"
