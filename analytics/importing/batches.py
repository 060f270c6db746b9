"""Commit an ImportPlan in one transaction, and keep the history of batches: undo an import, restore a replaced one.

Every data row lives exactly once: in its dataset table while live, or in `<dataset>_archive` once replaced or undone,
marked with the event that moved it. Rows move between the two; nothing is deleted, so any batch can come back.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.access.scope import LOCAL_SCOPE, Scope
from analytics.campaign import ledger
from analytics.core.db import sql, transaction, write_lock
from analytics.core.errors import BatchNotFound, FileRejected, JiuzhuError
from analytics.importing.moves import Moves, insert_all
from analytics.importing.plan import ImportPlan

LEDGER_KIND = "issues"
LEDGER_IS_MERGED = ("问题台账导入时已并入台账（之后可能又在看板中修改过），不能整批撤销或恢复；"
                    "请在“问题台账”页修改，或导入一份改好的台账")


@dataclass(frozen=True)
class CommitResult:
    batch_id: int
    status: str          # committed | unchanged
    rows_imported: int
    rows_quarantined: int
    rows_replaced: int


def commit(con: duckdb.DuckDBPyConnection, plan: ImportPlan, *, scope: Scope = LOCAL_SCOPE,
           strict: bool = False, replace: bool = False) -> CommitResult:
    """Write a planned import as one batch, if the user may import (the command line is the local administrator).
    A file that adds (plan.adds) keeps the live rows of its scope; `replace` makes a list that accumulates (比对名单)
    replace its scope's earlier lists all the same — a corrected list, as the user says."""
    scope.check_import()
    user = scope.user
    if strict and plan.quarantine:
        raise FileRejected(plan.file_name, f"严格模式下不允许有错误行，本文件有 {len(plan.quarantine)} 行未通过校验，"
                                           "整个文件未导入")
    replacing = replace and plan.dataset.accumulates  # asked to replace: even a list already live replaces the rest
    with write_lock, transaction(con):
        same = con.execute(sql("batch_same_live_file"), {"sha256": plan.sha256, "kind": plan.kind, "period": plan.period,
                                                         "program": "、".join(plan.programs) or None}).fetchone()
        if same and not replacing:
            return CommitResult(same[0], "unchanged", 0, 0, 0)
        batch_id, event_id = _next_ids(con)
        adds = plan.adds and not replacing
        _insert_batch(con, plan, batch_id, user, strict, adds)
        moves = Moves(plan.kind)
        con.register("staging", plan.rows)
        try:
            replaced = 0 if adds else _archive_staged_scope(con, moves, event_id, plan.sub_type)
            con.execute(moves.insert_staged(), [batch_id])
        finally:
            con.unregister("staging")
        _insert_quarantine(con, plan, batch_id)
        _insert_event(con, event_id, batch_id, "导入", None, user, plan.rows.num_rows, replaced)
        if plan.kind == LEDGER_KIND:
            ledger.merge_import(con, batch_id, plan.file_name, user=user)
    return CommitResult(batch_id, "committed", plan.rows.num_rows, len(plan.quarantine), replaced)


def _next_ids(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    return con.execute("select nextval('batch_id_seq'), nextval('event_id_seq')").fetchone()


def _insert_batch(con, plan: ImportPlan, batch_id: int, user: str, strict: bool, adds: bool) -> None:
    con.execute(
        "insert into import_batch (batch_id, file_name, sha256, size_bytes, kind, program, period, sheets, villages, "
        "uploaded_by, uploaded_at, rows_read, rows_imported, rows_quarantined, strict, adds, sub_type) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?)",
        [batch_id, plan.file_name, plan.sha256, plan.size, plan.kind, "、".join(plan.programs) or None, plan.period,
         "、".join(plan.sheets), "、".join(plan.villages), user, plan.rows_read, plan.rows.num_rows,
         len(plan.quarantine), strict, adds, plan.sub_type])


def _archive_staged_scope(con, moves: Moves, event_id: int, sub_type: str | None) -> int:
    """Move the live rows a staged import replaces into the archive (of a file for one 类别, that 类别's only);
    return how many moved."""
    by_sub_type = [sub_type] if sub_type else []
    moved = con.execute(moves.archive_staged_scope(bool(by_sub_type)), [event_id, *by_sub_type]).fetchone()[0]
    con.execute(moves.delete_staged_scope(bool(by_sub_type)), by_sub_type)
    return moved


def _insert_quarantine(con, plan: ImportPlan, batch_id: int) -> None:
    quarantined = pa.table({
        "batch_id": pa.array([batch_id] * len(plan.quarantine), pa.int64()),
        "kind": pa.array([plan.kind] * len(plan.quarantine), pa.string()),
        "sheet": pa.array([q.sheet for q in plan.quarantine], pa.string()),
        "row_no": pa.array([q.row_no for q in plan.quarantine], pa.int32()),
        "raw": pa.array([json.dumps(q.raw, ensure_ascii=False) for q in plan.quarantine], pa.string()),
        "reasons": pa.array(["；".join(q.reasons) for q in plan.quarantine], pa.string()),
    })
    problems = pa.Table.from_pylist([{"batch_id": batch_id, "sheet": p.sheet, "row_no": p.row, "column_name": p.column,
                                      "value": p.value, "message": p.message, "level": p.level}
                                     for p in plan.problems],
                                    schema=pa.schema([("batch_id", pa.int64()), ("sheet", pa.string()),
                                                      ("row_no", pa.int32()), ("column_name", pa.string()),
                                                      ("value", pa.string()), ("message", pa.string()),
                                                      ("level", pa.string())]))
    for name, table in (("quarantine", quarantined), ("import_problem", problems)):
        con.register("incoming", table)
        try:
            con.execute(insert_all(name))
        finally:
            con.unregister("incoming")


def _insert_event(con, event_id: int, batch_id: int, action: str, undoes: int | None, user: str,
                  rows_in: int, rows_out: int) -> None:
    con.execute("insert into batch_event values (?, ?, ?, ?, ?, now(), ?, ?)",
                [event_id, batch_id, action, undoes, user, rows_in, rows_out])


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = con.execute(sql("batch_history")).df()
    frame["state"] = [_state(r) for r in frame.itertuples()]
    return frame


def _state(row) -> str:
    if row.last_action == "撤销":
        return "已撤销"
    if row.rows_live == row.rows_imported:
        return "生效中"
    return "已被替换" if row.rows_live == 0 else "部分被替换"


def _batch(con, batch_id: int) -> pd.Series:
    frame = history(con)
    found = frame[frame.batch_id == batch_id]
    if found.empty:
        raise BatchNotFound(f"没有编号为 {batch_id} 的导入批次")
    return found.iloc[0]


def undo(con: duckdb.DuckDBPyConnection, batch_id: int, *, scope: Scope = LOCAL_SCOPE) -> int:
    """Take a batch's rows out and bring back what its latest import or restore replaced."""
    scope.check_import()
    with write_lock, transaction(con):
        batch = _batch(con, batch_id)
        if batch.kind == LEDGER_KIND:
            raise JiuzhuError(LEDGER_IS_MERGED)
        if batch.state == "已撤销":
            raise JiuzhuError(f"批次 {batch_id} 已经撤销过了")
        if batch.state != "生效中":
            raise JiuzhuError(f"批次 {batch_id} 的数据已（部分）被后来的导入替换，请先撤销替换它的批次")
        (event_id,) = con.execute("select nextval('event_id_seq')").fetchone()
        moves, undone = Moves(batch.kind), int(batch.last_event)
        con.execute(moves.archive_batch(), [event_id, batch_id])
        con.execute(moves.delete_batch(), [batch_id])
        back = con.execute(moves.bring_back_event(), [undone]).fetchone()[0]
        con.execute(moves.forget_event(), [undone])
        _insert_event(con, event_id, batch_id, "撤销", undone, scope.user, back, int(batch.rows_live))
    return back


def restore(con: duckdb.DuckDBPyConnection, batch_id: int, *, scope: Scope = LOCAL_SCOPE) -> int:
    """Make a replaced or undone batch live again; it replaces what is live in its scope, as a re-import would."""
    scope.check_import()
    with write_lock, transaction(con):
        batch = _batch(con, batch_id)
        if batch.kind == LEDGER_KIND:
            raise JiuzhuError(LEDGER_IS_MERGED)
        if batch.state == "生效中":
            raise JiuzhuError(f"批次 {batch_id} 正在生效，无需恢复")
        (event_id,) = con.execute("select nextval('event_id_seq')").fetchone()
        moves = Moves(batch.kind)
        con.execute(moves.stage_archived_batch(), [batch_id])
        try:
            replaced = _archive_staged_scope(con, moves, event_id, batch.sub_type if isinstance(batch.sub_type, str)
                                             else None)
            back = con.execute(moves.insert_restaged()).fetchone()[0]
        finally:
            con.execute("drop table staging")
        con.execute(moves.forget_archived_batch(), [batch_id])
        _insert_event(con, event_id, batch_id, "恢复", None, scope.user, back, replaced)
    return back
