"""核实: what a check in the village found of a finding — 属实, 不属实 or 部分属实, what was done, a note, who and when.

Recorded against the finding's natural key (finding_key: code, person or household, programs, month or item), never a
row id, so it outlives every recompute; a finding judged 不属实 leaves every count (the view finding_counted) and is
listed apart. The same problem found in a later month has another key: a new finding, to be checked again.
"""
from __future__ import annotations

import duckdb

from analytics.access import audit
from analytics.access.scope import Scope
from analytics.core.contract import NOT_TRUE, VERIFY_ACTIONS, VERIFY_RESULTS
from analytics.core.db import query, transaction, write_lock
from analytics.core.errors import JiuzhuError


def verify(con: duckdb.DuckDBPyConnection, finding_key: str, result: str, *, note: str, scope: Scope,
           action: str | None = None, log: duckdb.DuckDBPyConnection | None = None) -> dict:
    """Record one verification (audited in `log`, by default the same store) and return what was recorded."""
    note = (note or "").strip()
    if result not in VERIFY_RESULTS:
        raise JiuzhuError(f"核实结论应为 {'、'.join(VERIFY_RESULTS)} 之一，不是“{result}”")
    if action and action not in VERIFY_ACTIONS:
        raise JiuzhuError(f"处理方式应为 {'、'.join(VERIFY_ACTIONS)} 之一，不是“{action}”")
    if not note:
        raise JiuzhuError("请填写核实情况说明")
    with write_lock, transaction(con):
        found = query(con, "finding_by_key", {"finding_key": finding_key}).fetchone()
        if found is None:
            raise JiuzhuError(f"找不到疑点 {finding_key}：可能已在重新计算后消失，请刷新疑点清单")
        village = found[2]
        scope.check_verify(village)
        record = {"finding_key": finding_key, "village": village, "result": result, "action": action or None,
                  "note": note, "dismissed": result == NOT_TRUE, "done_by": scope.user}
        query(con, "verification_insert", record)
        if log is None:
            _audit(con, scope, record)
    if log is not None:
        _audit(log, scope, record)
    return record


def _audit(con: duckdb.DuckDBPyConnection, scope: Scope, record: dict) -> None:
    audit.record(con, scope.user, audit.VERIFY, {"疑点": record["finding_key"], "村(居)": record["village"],
                                                 "结论": record["result"], "处理方式": record["action"] or "",
                                                 "说明": record["note"]})
