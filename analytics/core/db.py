"""The DuckDB connection and its named queries: opening a file (busy → a Chinese message), transactions, queries.

One process owns the file for writing. Inside it, callers share one connection and take a cursor each;
writes go through `write_lock` so two sessions never race on the same transaction.
"""
from __future__ import annotations

import os
import re
import threading
import warnings
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

import duckdb

from analytics.core import clock
from analytics.core.contract import VOCABULARY
from analytics.core.errors import JiuzhuError, StoreBusyError
from analytics.core.filters import Condition

PACKAGE = Path(__file__).resolve().parent.parent
write_lock = threading.RLock()
# DuckDB keeps what it read cached up to its memory limit, by default 80% of the machine; 2 GB keeps a city-scale
# recompute under 2 GB with no loss of speed.
DEFAULT_MEMORY_LIMIT = "2GB"


def memory_limit() -> str:
    return os.environ.get("JIUZHU_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file, in Beijing time, with no extension downloads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False,
                                                "autoload_known_extensions": False,
                                                "memory_limit": memory_limit()})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(f"数据库文件 {path} 正被另一个程序（如正在运行的看板）使用，暂时无法打开。"
                                 "请在看板的“数据上传”页导入，或先关闭看板再用命令行。") from None
        raise JiuzhuError(f"无法打开数据库文件 {path}：{exc}") from None
    # now() in Beijing time, for this connection and its cursors (ICU is built in: nothing is downloaded)
    con.execute(f"load icu; set global TimeZone = '{clock.ZONE_NAME}'")
    return con


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
def _sql_files() -> dict[str, Path]:
    """Every named query: analytics/<feature>/sql/NAME.sql, named by its path inside that sql/ folder."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.glob("*/sql/**/*.sql")):
        sql_dir = next(p for p in path.parents if p.name == "sql")
        name = path.relative_to(sql_dir).with_suffix("").as_posix()
        if name in found:
            raise RuntimeError(f"two queries named {name}: {found[name]} and {path}")
        found[name] = path
    return found


@cache
def sql(name: str) -> str:
    """A named query's text (see _sql_files)."""
    return _sql_files()[name].read_text(encoding="utf-8")


def bind(text: str, params: dict | None = None) -> dict:
    """The parameters a query's text names, from `params` and the contract's vocabularies: DuckDB refuses a
    parameter the text does not use, and the filters and vocabularies carry more than most queries use."""
    offered = VOCABULARY | (params or {})
    return {k: v for k, v in offered.items() if re.search(rf"\${k}\b", text)}


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None,
          **conditions: Condition) -> duckdb.DuckDBPyConnection:
    """Run a named query with the parameters it names. Each condition (analytics.core.filters.Filters.where) takes
    the place of its {{name}} in the query's text; a {{name}} left over is a syntax error, never a lost filter."""
    return con.execute(*_prepared(name, params, conditions))


def arrow(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, **conditions: Condition):
    """A named query's rows as an Arrow table (pyarrow.Table), with no Python object per value. Run as a statement,
    like `query`: DuckDB's relation API refuses to start while an earlier result of the connection is unread, and
    the one copy it warns of here is of columns, not rows of Python objects."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
        return query(con, name, params, **conditions).to_arrow_table()


def _prepared(name: str, params: dict | None, conditions: dict[str, Condition]) -> tuple[str, dict]:
    text, params = sql(name), dict(params or {})
    for token, condition in conditions.items():
        text = text.replace("{{" + token + "}}", condition.text)
        params = condition.params | params
    return text, bind(text, params)


def quote_identifier(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not an identifier: {name!r}")
    return f'"{name}"'
