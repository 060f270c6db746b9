"""The automatic daily backup while the app runs: one daemon thread per store file, started by the first page run.

A thread rather than a backup on some page's visit, so the day's backup is taken even when nobody opens the dashboard
that day; it uses a cursor of its own, as a DuckDB connection is not shared between threads.
"""
from __future__ import annotations

import logging
import threading
import time
import duckdb

from analytics.core import backup
from analytics.core.errors import JiuzhuError

CHECK_SECONDS = 3600  # how often the thread looks whether today's backup is taken
_started: set[str] = set()
_lock = threading.Lock()
_log = logging.getLogger(__name__)


def keep_daily(path: str, con: duckdb.DuckDBPyConnection) -> None:
    with _lock:
        if path in _started:
            return
        _started.add(path)
    threading.Thread(target=_loop, args=(path, con), name=f"daily-backup {path}", daemon=True).start()


def _loop(path: str, con: duckdb.DuckDBPyConnection) -> None:
    while True:
        try:
            cursor = con.cursor()
            try:
                backup.daily(cursor)
            finally:
                cursor.close()
        except (JiuzhuError, duckdb.Error, OSError):  # a full disk must not end the app: try again in an hour
            _log.exception("daily backup of %s failed", path)
        time.sleep(CHECK_SECONDS)
