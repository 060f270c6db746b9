"""One file from bytes to a report dict: plan, then commit unless dry-run. Shared by the CLI and the upload page."""
from __future__ import annotations

import datetime as dt

import duckdb

from analytics.importing import batches
from analytics.core.config import Config
from analytics.core.contract import DATASETS
from analytics.core.errors import FileRejected
from analytics.importing.plan import ImportPlan, plan_import
from analytics.access.scope import LOCAL_SCOPE, Scope


def plan_report(plan: ImportPlan) -> dict:
    return {"file": plan.file_name, "kind": plan.kind, "program": plan.program,
            "period": plan.period.strftime("%Y-%m") if plan.period else None,
            "rows_read": plan.rows_read, "rows_imported": plan.rows.num_rows,
            "rows_quarantined": len(plan.quarantine), "status": "dry-run",
            "problems": _problems(plan.problems), "notes": plan.notes}


def rejected_report(file_name: str, error: FileRejected, kind: str | None) -> dict:
    """The refusal first, then the row problems behind it when there are any (a file whose every row failed)."""
    return {"file": file_name, "kind": kind, "program": None, "period": None, "rows_read": 0, "rows_imported": 0,
            "rows_quarantined": 0, "status": "rejected",
            "problems": [{"sheet": None, "row": None, "column": None, "value": None, "message": str(error),
                          "level": "错误"}, *_problems(error.problems)], "notes": []}


def _problems(problems: list) -> list[dict]:
    return [{"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value, "message": p.message,
             "level": p.level} for p in problems]


def import_file(con: duckdb.DuckDBPyConnection | None, file_name: str, data: bytes, config: Config, *,
                kind: str | None = None, program: str | None = None, period: dt.date | None = None,
                strict: bool = False, dry_run: bool = False, scope: Scope = LOCAL_SCOPE) -> dict:
    try:
        plan = plan_import(file_name, data, config, kind=kind, program=program, period=period)
        report = plan_report(plan)
        if dry_run:
            return report
        result = batches.commit(con, plan, scope=scope, strict=strict)
    except FileRejected as error:
        return rejected_report(file_name, error, kind)
    report.update(status="committed", batch_id=result.batch_id, rows_replaced=result.rows_replaced,
                  unchanged=result.status == "unchanged")
    return report


def report_row(report: dict) -> str:
    """One line per file for the terminal, then its problems."""
    label = DATASETS[report["kind"]].label if report.get("kind") else "未知"
    status = {"committed": "已导入", "rejected": "未导入", "dry-run": "仅校验"}[report["status"]]
    if report.get("unchanged"):
        status = f"与批次 {report['batch_id']} 相同，未作改动"
    lines = [f"{report['file']}：{status}  {label} {report['program'] or ''} {report['period'] or ''}  "
             f"读取 {report['rows_read']} 行，有效 {report['rows_imported']} 行，隔离 {report['rows_quarantined']} 行"]
    lines += [f"  [说明] {note}" for note in report["notes"]]
    lines += [f"  [{p['level']}] " + (f"工作表“{p['sheet']}” 第 {p['row']} 行 “{p['column']}” 值“{p['value']}”："
                                     if p["row"] else "") + p["message"] for p in report["problems"]]
    return "\n".join(lines)
