"""Recompute every finding in one transaction: stage what the rules share, run each rule, store the results.

Staging (analytics/findings/sql/finding_stage_*.sql) reads the live tables once for what several rules share, on exact BIGINT
person keys and the program's position in the configured list (typed keys halve the time and memory of the big joins):
the earliest death per person, which rosters exist and which is each (program, village)'s latest snapshot, who is
active in it, and the (person, program, month) rows where the roster and the payments disagree — only those, a few
thousand of twelve million at city scale. Each rule (analytics/findings/sql/rules/<code>.sql) reads the staging tables and the
live tables and returns its findings with their source rows as (dataset, rowid); finding_insert.sql adds titles, names
and file/sheet/row sources and replaces the stored findings. Temporary tables and macros are dropped before the commit.
`computed_at` runs the same steps for another date inside a transaction it rolls back once the caller has read them.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Callable, TypeVar

import duckdb

from analytics.analysis.metrics import default_as_of
from analytics.campaign import ledger
from analytics.core import clock
from analytics.core.config import Config
from analytics.core.contract import DATASETS
from analytics.core.db import query, quote_identifier, sql, transaction, write_lock
from analytics.findings.codes import BY_CODE, CODES
from analytics.findings.params import code_params, rule_params, run

MACROS = ("person_key", "person_id_of")
STAGES = ("finding_death", "finding_roster_month", "finding_current", "finding_member", "finding_paid_cover",
          "finding_month", "finding_month_payment")
MISSING = "缺少数据"
# a rule that ran without some rows it needs: what the missing data leaves unjudged (finding_partial_data.sql)
PARTIAL = {"LATE_PAID": "{rows} 笔发放缺少发放日期，未判断是否迟发",
           "UNPAID": "{rows} 个村(居)·月份只有名册、未上传发放数据，未判断是否欠付"}
RECHECK_USER = "系统（疑点重新计算后复核）"
T = TypeVar("T")


@dataclass
class Refreshed:
    as_of: dt.date
    counts: dict[str, int]              # findings per code that ran
    missing: dict[str, list[str]]       # code -> the datasets (Chinese) it waits for
    seconds: dict[str, float] = field(default_factory=dict)  # per step: staging tables and codes


def refresh(con: duckdb.DuckDBPyConnection, config: Config, as_of: dt.date | None = None) -> Refreshed:
    """Recompute all findings for as_of (default: the last day of the latest month in rosters or payments)."""
    with write_lock, transaction(con):
        done = _compute(con, config, as_of)
        started = time.perf_counter()
        ledger.recheck(con, done.as_of, user=RECHECK_USER)
        done.seconds["store"] += time.perf_counter() - started
    return done


def computed_at(con: duckdb.DuckDBPyConnection, config: Config, as_of: dt.date,
                read: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """What `read(con)` returns of the findings as they would be at as_of, leaving everything stored as it was: the
    findings are computed into the finding tables inside a transaction that is rolled back once read (the ledger is
    not re-checked). For "the change since the last meeting" without recomputing the stored findings."""
    with write_lock:
        con.execute("begin transaction")
        try:
            _compute(con, config, as_of)
            return read(con)
        finally:
            con.execute("rollback")


def _compute(con, config: Config, as_of: dt.date | None) -> Refreshed:
    """Stage, run every rule whose data is there, and replace the stored findings and statuses (the caller's
    transaction decides whether they stay)."""
    as_of = as_of or default_as_of(con) or clock.today()
    params = rule_params(config, as_of) | code_params()
    missing = missing_datasets(con)
    seconds = _stage(con, params)
    seconds |= _run_rules(con, params, [c.code for c in CODES if not missing[c.code]])
    started = time.perf_counter()
    counts = _store(con, params, missing, as_of)
    _drop_staging(con)
    seconds["store"] = time.perf_counter() - started
    ran = {c.code: counts.get(c.code, 0) for c in CODES if not missing[c.code]}
    return Refreshed(as_of, ran, {k: v for k, v in missing.items() if v}, seconds)


def missing_datasets(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """For each code, the datasets it needs whose live table is empty (never uploaded, or all undone)."""
    empty = {kind for kind, rows, _ in query(con, "live_row_counts").fetchall() if rows == 0}
    return {c.code: [DATASETS[kind].label for kind in c.needs if kind in empty] for c in CODES}


def _stage(con, params: dict) -> dict[str, float]:
    seconds = {}
    for macro in MACROS:
        con.execute(sql(f"finding_macro_{macro}"))
    for table in STAGES:
        started = time.perf_counter()
        run(con, table.replace("finding_", "finding_stage_", 1), params, f"create temp table {table} as ")
        seconds[table] = time.perf_counter() - started
    con.execute(sql("finding_new_table"))
    return seconds


def _run_rules(con, params: dict, codes: list[str]) -> dict[str, float]:
    seconds = {}
    for code in codes:
        started = time.perf_counter()
        run(con, BY_CODE[code].sql_name, params | {"finding_code": code},
            "insert into finding_new by name select $finding_code as code, * from (\n", "\n)")
        seconds[code] = time.perf_counter() - started
    return seconds


def _store(con, params: dict, missing: dict[str, list[str]], as_of: dt.date) -> dict[str, int]:
    con.execute("delete from finding")
    run(con, "finding_insert", params, "insert into finding by name ")
    counts = dict(con.execute("select code, count(*) from finding group by code").fetchall())
    _write_status(con, params, counts, missing, as_of)
    return counts


def _drop_staging(con) -> None:
    """The staging tables and macros are this module's own names (STAGES, MACROS), quoted all the same."""
    for table in ("finding_new", *reversed(STAGES)):
        con.execute("drop table " + quote_identifier(table))
    for macro in MACROS:
        con.execute("drop macro " + quote_identifier(macro))


def _write_status(con, params: dict, counts: dict[str, int], missing: dict[str, list[str]], as_of: dt.date) -> None:
    """Each rule's status: 缺少数据 with the datasets never uploaded, or ok — with, in `missing`, what rows it could
    not judge (PARTIAL)."""
    con.execute("delete from finding_status")
    partial = {code: PARTIAL[code].format(rows=rows)
               for code, rows in run(con, "finding_partial_data", params).fetchall()}
    rows = [(c.code, MISSING if missing[c.code] else "ok", counts.get(c.code, 0),
             "、".join(missing[c.code]) or partial.get(c.code), as_of) for c in CODES]
    con.executemany("insert into finding_status values (?, ?, ?, ?, ?, now())", rows)
