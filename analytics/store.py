"""The persistent DuckDB store: where it lives, opening it (busy → a Chinese message), ordered migrations, queries.

One process owns the file for writing. Inside it, callers share one connection and take a cursor each;
writes go through `write_lock` so two sessions never race on the same transaction.
"""
from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

import duckdb

from analytics import clock
from analytics.errors import JiuzhuError, StoreBusyError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "jiuzhu.duckdb"
DEMO_DB = ROOT / "data" / "demo.duckdb"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQL_DIR = Path(__file__).resolve().parent / "sql"
write_lock = threading.RLock()
# DuckDB keeps what it read cached up to its memory limit, by default 80% of the machine: after a few recomputes at
# city scale the process held ~5 GB. 2 GB keeps a city-scale recompute under 2 GB with no loss of speed (measured).
DEFAULT_MEMORY_LIMIT = "2GB"


def default_path() -> Path:
    return Path(os.environ.get("JIUZHU_DB") or DEFAULT_DB)


def demo_path() -> Path:
    """The sample town's own store, never the real one."""
    return Path(os.environ.get("JIUZHU_DEMO_DB") or DEMO_DB)


def connect(path: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the store."""
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False,
                                                "autoload_known_extensions": False,
                                                "memory_limit": os.environ.get("JIUZHU_MEMORY_LIMIT")
                                                or DEFAULT_MEMORY_LIMIT})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(f"数据库文件 {path} 正被另一个程序（如正在运行的看板）使用，暂时无法打开。"
                                 "请在看板的“数据上传”页导入，或先关闭看板再用命令行。") from None
        raise JiuzhuError(f"无法打开数据库文件 {path}：{exc}") from None
    # now() in Beijing time, for this connection and its cursors (ICU is built in: nothing is downloaded)
    con.execute(f"load icu; set global TimeZone = '{clock.ZONE_NAME}'")
    migrate(con)
    return con


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


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> int:
    """Apply the pending migrations (up to `upto`, for tests of older stores), each in its own transaction. A store
    that holds data is backed up next to itself first (analytics.backup.before_migration)."""
    from analytics import backup  # imports this module
    with write_lock:
        current = schema_version(con)
        pending = [(v, p) for v, p in migration_files() if v > current and (upto is None or v <= upto)]
        if pending and current > 0 and any(n for t, n in backup.table_rows(con).items() if t != "schema_version"):
            backup.before_migration(con, pending[0][0])
        for version, path in pending:
            with transaction(con):
                con.execute(path.read_text(encoding="utf-8"))
                con.execute("insert into schema_version values (?, now())", [version])
            current = version
    return current


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


@cache
def sql(name: str) -> str:
    """A named query from analytics/sql/NAME.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> duckdb.DuckDBPyConnection:
    """Run a named query, binding only the parameters it names (the filters carry more than most queries use)."""
    text = sql(name)
    used = {k: v for k, v in (params or {}).items() if re.search(rf"\${k}\b", text)}
    return con.execute(text, used)


def quote_identifier(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not an identifier: {name!r}")
    return f'"{name}"'
