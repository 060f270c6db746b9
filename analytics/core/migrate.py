"""Ordered schema migrations (analytics/core/migrations/NNNN_*.sql), each applied in its own transaction."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from analytics.core.db import transaction, write_lock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migration_files() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        match = re.match(r"(\d{4})_", path.name)
        if match:
            found.append((int(match[1]), path))
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("create table if not exists schema_version (version integer primary key, applied_at timestamp)")
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]


def pending(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> list[tuple[int, Path]]:
    """The migrations not yet applied, by number: one merged after a higher one already ran (parallel work reserving
    numbers) is applied too, not skipped."""
    schema_version(con)
    applied = {row[0] for row in con.execute("select version from schema_version").fetchall()}
    return [(v, p) for v, p in migration_files() if v not in applied and (upto is None or v <= upto)]


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> int:
    """Apply the pending migrations (up to `upto`, for tests of older stores); return the schema version."""
    with write_lock:
        for version, path in pending(con, upto):
            with transaction(con):
                con.execute(path.read_text(encoding="utf-8"))
                con.execute("insert into schema_version values (?, now())", [version])
        return schema_version(con)
