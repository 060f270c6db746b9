"""The persistent store: where it lives, and opening it ready for use — connected, backed up if a migration is due
on a store that holds data, and migrated. The only module that opens the store for the app, the CLI and the tests."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from analytics.core import backup, db, migrate

ROOT = db.PACKAGE.parent
DEFAULT_DB = ROOT / "data" / "jiuzhu.duckdb"
DEMO_DB = ROOT / "data" / "demo.duckdb"


def default_path() -> Path:
    return Path(os.environ.get("JIUZHU_DB") or DEFAULT_DB)


def demo_path() -> Path:
    """The sample town's own store, never the real one."""
    return Path(os.environ.get("JIUZHU_DEMO_DB") or DEMO_DB)


def connect(path: str | os.PathLike | None = None, upto: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the store (up to `upto`, for tests of older stores)."""
    con = db.connect(Path(path or default_path()))
    with db.write_lock:
        due = migrate.pending(con, upto)
        if due and migrate.schema_version(con) > 0 and any(
                n for t, n in backup.table_rows(con).items() if t != "schema_version"):
            backup.before_migration(con, due[0][0])
        migrate.migrate(con, upto)
    return con
