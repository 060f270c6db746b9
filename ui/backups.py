"""The automatic daily backup while the app runs: one daemon thread per store file, started by the first page run.

A thread rather than a backup on some page's visit, so the day's backup is taken even when nobody opens the dashboard
that day. It opens the store for each check and closes it after (DuckDB shares one database per file within a
process), so between checks it holds nothing that would keep the file open.
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import duckdb

from analytics.core import backup, store
from analytics.core.errors import JiuzhuError

CHECK_SECONDS = 3600  # how often the thread looks whether today's backup is taken
_started: set[str] = set()
_lock = threading.Lock()
_log = logging.getLogger(__name__)


def keep_daily(path: str) -> None:
    with _lock:
        if path in _started:
            return
        _started.add(path)
    threading.Thread(target=_loop, args=(path,), name=f"daily-backup {path}", daemon=True).start()


def _loop(path: str) -> None:
    while True:
        if Path(path).exists():
            try:
                con = store.connect(path)
                try:
                    backup.daily(con)
                finally:
                    con.close()
            except (JiuzhuError, duckdb.Error, OSError):  # a full disk must not end the app: try again in an hour
                _log.exception("daily backup of %s failed", path)
        time.sleep(CHECK_SECONDS)
