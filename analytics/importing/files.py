"""Files from bytes to report dicts: plan, commit unless dry-run, audit, recompute the findings once.

`commit_files` is the one way in for the CLI's import, the upload page and the ledger page's workbook import;
`import_file` does one file without the audit or the findings, for tests and the sample loader.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass

import duckdb

from analytics.access import audit
from analytics.access.scope import LOCAL_SCOPE, Scope
from analytics.core.config import Config
from analytics.core.contract import DATASETS
from analytics.core.errors import FileRejected
from analytics.findings import refresh
from analytics.importing import batches
from analytics.importing.ahead import PlansAhead, Source, plan_of
from analytics.importing.plan import ImportPlan


@dataclass(frozen=True)
class Imported:
    """What commit_files did: one report per file, in the order given, and whether the findings were recomputed."""
    files: list[dict]
    refreshed: bool

    @property
    def failed(self) -> bool:
        return any(r["status"] == "rejected" for r in self.files)


def commit_files(con: duckdb.DuckDBPyConnection | None, files: Iterable[Source] | PlansAhead, config: Config, *,
                 scope: Scope = LOCAL_SCOPE, log: duckdb.DuckDBPyConnection | None = None,
                 noted: dict | None = None, kind: str | None = None, program: str | None = None,
                 period: dt.date | None = None, strict: bool = False, dry_run: bool = False,
                 progress: Callable[[float, str], None] | None = None, given: dict[str, str] | None = None,
                 replace: bool = False) -> Imported:
    """Each file committed on its own (a rejected one leaves the others committed) and audited in `log` (default
    `con`) under the scope's user, with `noted` added to its entry; then the findings recomputed once if a file
    changed rows they read. The next files are read while one is written (`files` may be reading already: its own
    kind, program, period and given values then hold). A dry run only plans: nothing written, nothing audited.
    `progress(share, text)` hears of each file before it is written and of the recomputing. `given`: values stated
    for every file, by column name; `replace`: a 比对 list replaces the earlier lists of its 比对来源 instead of
    adding to them."""
    ahead = files if isinstance(files, PlansAhead) else \
        PlansAhead(files, config, kind=kind, program=program, period=period, given=given)
    reports = []
    with ahead:
        for done, source in enumerate(ahead):
            report = _imported(con, source, config, strict=strict, dry_run=dry_run, scope=scope,
                               before_commit=_writing(progress, done / len(ahead)), replace=replace, **ahead.options)
            if not dry_run:
                audit.record(log or con, scope.user, audit.IMPORT, *_audit_entry(report, noted or {}))
            reports.append(report)
    changed = not dry_run and any(_changes_findings(r) for r in reports)
    if changed:
        if progress:
            progress(1.0, "正在重新计算疑点…")
        refresh(con, config)
    return Imported(reports, changed)


def _writing(progress: Callable[[float, str], None] | None, share: float) -> Callable[[ImportPlan], None] | None:
    if progress is None:
        return None
    return lambda plan: progress(share, f"正在写入 {plan.file_name}（{plan.rows.num_rows:,} 行）")


def import_file(con: duckdb.DuckDBPyConnection | None, file_name: str, data: bytes, config: Config, *,
                kind: str | None = None, program: str | None = None, period: dt.date | None = None,
                strict: bool = False, dry_run: bool = False, scope: Scope = LOCAL_SCOPE,
                given: dict[str, str] | None = None, replace: bool = False) -> dict:
    return _imported(con, (file_name, data), config, kind=kind, program=program, period=period, strict=strict,
                     dry_run=dry_run, scope=scope, given=given, replace=replace)


def _imported(con, source: Source | Future, config: Config, *, kind, program, period, strict: bool, dry_run: bool,
              scope: Scope, before_commit: Callable[[ImportPlan], None] | None = None, given=None,
              replace: bool = False) -> dict:
    try:
        plan = plan_of(source, config, kind, program, period, given)
        report = plan_report(plan)
        if dry_run:
            return report
        if before_commit:
            before_commit(plan)
        result = batches.commit(con, plan, scope=scope, strict=strict, replace=replace)
    except FileRejected as error:
        return rejected_report(error.file_name, error, source.kind if isinstance(source, ImportPlan) else kind)
    report.update(status="committed", batch_id=result.batch_id, rows_replaced=result.rows_replaced,
                  unchanged=result.status == "unchanged")
    return report


def _audit_entry(report: dict, noted: dict) -> tuple[dict, int | None]:
    """The entry the upload page has always written (a file found identical to a live batch imported nothing)."""
    if report["status"] == "rejected":
        return {"文件": report["file"], "结果": "拒绝"} | noted, None
    same = report["unchanged"]
    return ({"文件": report["file"], "批次": report["batch_id"], "结果": "unchanged" if same else "committed",
             "隔离行数": 0 if same else report["rows_quarantined"]} | noted, 0 if same else report["rows_imported"])


def _changes_findings(report: dict) -> bool:
    """New rows the findings read: every dataset but the ledger, which no rule reads (and whose imported issues
    are not made from findings, so the re-check has nothing new to see either)."""
    return report["status"] == "committed" and not report["unchanged"] and report["kind"] != batches.LEDGER_KIND


def plan_report(plan: ImportPlan) -> dict:
    return {"file": plan.file_name, "kind": plan.kind, "program": plan.program,
            "period": plan.period.strftime("%Y-%m") if plan.period else None,
            "rows_read": plan.rows_read, "rows_imported": plan.rows.num_rows,
            "rows_quarantined": len(plan.quarantine), "status": "dry-run",
            "problems": _problems(plan.problems), "notes": plan.notes, "sources": plan.sources}


def rejected_report(file_name: str, error: FileRejected, kind: str | None) -> dict:
    """The refusal first, then the row problems behind it when there are any (a file whose every row failed)."""
    return {"file": file_name, "kind": kind, "program": None, "period": None, "rows_read": 0, "rows_imported": 0,
            "rows_quarantined": 0, "status": "rejected",
            "problems": [{"sheet": None, "row": None, "column": None, "value": None, "message": str(error),
                          "level": "错误"}, *_problems(error.problems)], "notes": [], "sources": []}


def _problems(problems: list) -> list[dict]:
    return [{"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value, "message": p.message,
             "level": p.level} for p in problems]


def report_row(report: dict) -> str:
    """One line per file for the terminal, then its problems."""
    label = DATASETS[report["kind"]].label if report.get("kind") else "未知"
    status = {"committed": "已导入", "rejected": "未导入", "dry-run": "仅校验"}[report["status"]]
    if report.get("unchanged"):
        status = f"与批次 {report['batch_id']} 相同，未作改动"
    lines = [f"{report['file']}：{status}  {label} {report['program'] or ''} {report['period'] or ''}  "
             f"读取 {report['rows_read']} 行，有效 {report['rows_imported']} 行，隔离 {report['rows_quarantined']} 行"]
    lines += [f"  [来源] {source}" for source in report.get("sources", [])]
    lines += [f"  [说明] {note}" for note in report["notes"]]
    lines += [f"  [{p['level']}] " + (f"工作表“{p['sheet']}” 第 {p['row']} 行 “{p['column']}” 值“{p['value']}”："
                                     if p["row"] else "") + p["message"] for p in report["problems"]]
    return "\n".join(lines)
