"""The ledger's writes: an issue created, edited or moved along the status flow, re-checked against the findings, or
brought in from an imported workbook — each with its entry in the append-only ledger_event table (who, when, what, a
note), inside one transaction."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING

import duckdb

from analytics.access.privacy import mask_persons, mask_text
from analytics.campaign.ledger import rules, views
from analytics.campaign.ledger.rules import (
    CLOSED,
    EDITABLE,
    FIELDS,
    LABELS,
    RECHECK_OUTCOMES,
    STATUSES,
    TEXT_FIELDS,
    LedgerError,
)
from analytics.core.db import query, transaction, write_lock
from analytics.core.errors import FileRejected
from analytics.core.values import blank, month_label, plain

if TYPE_CHECKING:  # at run time scope imports the ledger package (its rules), which imports this module
    from analytics.access.scope import Scope


def create(con: duckdb.DuckDBPyConnection, values: dict, *, scope: Scope, note: str = "",
           finding_keys: tuple[str, ...] = ()) -> str:
    """Add one issue (status 待整改 unless given), if the user may fill every field; with finding_keys, link the
    findings it was made from."""
    scope.check_fields(EDITABLE)
    values = rules.checked_new(values)
    scope.check_village(values["village"])
    with write_lock, transaction(con):
        if query(con, "ledger_issue", {"issue_no": values["issue_no"]}).fetchone():
            raise LedgerError(f"问题编号“{values['issue_no']}”已存在，请换一个编号")
        _insert(con, values, baseline_month=_findings_month(con) if finding_keys else None)
        if finding_keys:
            linked = query(con, "ledger_link_findings", {"issue_no": values["issue_no"],
                                                          "keys": list(finding_keys)}).fetchone()[0]
            if linked != len(set(finding_keys)):
                raise LedgerError("所选疑点已不在当前疑点中（可能已重新计算），请刷新后重选")
        _event(con, values["issue_no"], "新建", None, values["status"], {}, note, scope.user)
    return values["issue_no"]


def edit(con: duckdb.DuckDBPyConnection, issue_no: str, changes: dict, *, scope: Scope, note: str = "") -> dict:
    """Change fields other than the status, those the user may change; returns {field: (old, new)} of what actually
    changed."""
    if "status" in changes or "issue_no" in changes:
        raise LedgerError("整改状态请用“变更状态”修改，问题编号不能修改")
    with write_lock, transaction(con):
        current = views.issue(con, issue_no, scope)
        diff = rules.diff(current, changes)
        scope.check_fields(list(diff))
        merged = rules.checked({**current, **{k: new for k, (_, new) in diff.items()}})
        if merged["status"] == CLOSED:
            rules.require_closing(merged)
        if diff:
            _update(con, merged)
            _event(con, issue_no, "修改", None, None, diff, note, scope.user)
        if "recovered" in diff and current["baseline_month"] is not None:
            as_of = query(con, "finding_as_of").fetchone()[0]
            if as_of is not None:
                recheck(con, as_of, user=scope.user)  # the money recovered may be what closing waited for
    return diff


def change_status(con: duckdb.DuckDBPyConnection, issue_no: str, to: str, *, scope: Scope, note: str = "",
                  closed_date: dt.date | None = None, evidence: str | None = None) -> None:
    with write_lock, transaction(con):
        current = views.issue(con, issue_no, scope)
        closing = {"closed_date": closed_date, "evidence": evidence} if to == CLOSED else {}
        changes = {"status": to} | {k: v for k, v in closing.items() if not blank(v)}  # a blank keeps what is held
        rules.check_transition(current["status"], to, current | changes)
        scope.check_status_change(to)
        diff = rules.diff(current, changes)
        _update(con, current | {k: new for k, (_, new) in diff.items()})
        _event(con, issue_no, "状态变更", current["status"], to, {k: v for k, v in diff.items() if k != "status"},
               note, scope.user)


def recheck(con: duckdb.DuckDBPyConnection, as_of: dt.date, *, user: str) -> dict[str, int]:
    """Re-check every issue made from findings against the stored findings (as of `as_of`, whose newest month of data
    is the one that counts): its problem found again in a month after the issue was made → 整改未见效; not found
    again, but money it was made from still owed (no payment for that month covering the approved amount) →
    待补发到位, or paid wrongly and not recovered in full (追回金额) → 待追回资金; else 可销号. Each change of
    outcome is recorded as an event. Runs inside the findings refresh's transaction."""
    before = dict(query(con, "ledger_recheck_state").fetchall())
    month = _data_month(con, as_of)
    query(con, "ledger_recheck", {"month": month} | RECHECK_OUTCOMES)
    after = dict(query(con, "ledger_recheck_state").fetchall())
    for issue_no, outcome in after.items():
        if outcome and outcome != before.get(issue_no):
            _event(con, issue_no, "复核", None, None, {}, f"{month_label(month)}数据复核：{outcome}", user)
    return {o: sum(1 for v in after.values() if v == o) for o in RECHECK_OUTCOMES.values()}


def merge_import(con: duckdb.DuckDBPyConnection, batch_id: int, file_name: str, *, user: str) -> dict[str, int]:
    """Bring an imported 问题台账 batch into the ledger, inside the import's transaction: new issue numbers are added,
    existing ones changed as filled in (empty cells keep what the ledger holds); a status change off the flow refuses
    the whole file, naming the sheet, row and column."""
    rows = query(con, "ledger_imported_rows", {"batch_id": batch_id}).df()
    added = changed = 0
    for row in rows.itertuples(index=False):
        values = {k: plain(v) for k, v in row._asdict().items()}
        where = f"工作表“{values.pop('sheet')}” 第 {values.pop('row_no')} 行"
        try:
            if query(con, "ledger_issue", {"issue_no": values["issue_no"]}).fetchone():
                changed += _merge_existing(con, values, file_name, user)
            else:
                _insert(con, rules.checked_new(values), baseline_month=None)
                _event(con, values["issue_no"], "导入新建", None, values["status"] or STATUSES[0], {},
                       f"导入文件“{file_name}”", user)
                added += 1
        except LedgerError as error:
            raise FileRejected(file_name, f"{where}：{error}") from None
    return {"added": added, "changed": changed, "unchanged": len(rows) - added - changed}


def _merge_existing(con, values: dict, file_name: str, user: str) -> int:
    current = views.held(con, values["issue_no"])
    diff = rules.diff(current, {k: v for k, v in values.items() if v is not None and not _masked_copy(current, k, v)})
    if not diff:
        return 0
    if "status" in diff:
        rules.check_transition(current["status"], values["status"],
                               current | {k: v for k, v in values.items() if v is not None})
    _update(con, rules.checked(current | {k: new for k, (_, new) in diff.items()}))
    to = diff.get("status", (None, None))[1]
    _event(con, values["issue_no"], "导入修改", current["status"] if to else None, to,
           {k: v for k, v in diff.items() if k != "status"}, f"导入文件“{file_name}”", user)
    return 1


def _masked_copy(current: dict, name: str, value) -> bool:
    """A text field as a masked export showed it: the ledger's own value stays."""
    return name in TEXT_FIELDS and value in (mask_text(current[name]), mask_persons(mask_text(current[name])))


def _insert(con, values: dict, baseline_month: dt.date | None) -> None:
    query(con, "ledger_insert", values | {"baseline_month": baseline_month})


def _update(con, record: dict) -> None:
    query(con, "ledger_update", {f.name: record.get(f.name) for f in FIELDS})


def _event(con, issue_no: str, action: str, from_status: str | None, to_status: str | None, diff: dict, note: str,
           user: str) -> None:
    changes = {LABELS[k]: [_text(old), _text(new)] for k, (old, new) in diff.items()}
    query(con, "ledger_event_insert", {"issue_no": issue_no, "action": action, "from_status": from_status,
                                       "to_status": to_status,
                                       "changes": json.dumps(changes, ensure_ascii=False) if changes else None,
                                       "note": note or None, "user": user})


def _findings_month(con) -> dt.date | None:
    as_of = query(con, "finding_as_of").fetchone()
    return _data_month(con, as_of[0]) if as_of and as_of[0] else None


def _data_month(con, as_of: dt.date) -> dt.date | None:
    """The latest month of roster or payment data up to as_of: findings as of a later day saw no newer month."""
    return max((m for (m,) in query(con, "data_months").fetchall() if m <= as_of), default=None)


def _text(value) -> str | None:
    """A value as the change log writes it."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(rules.comparable(value))  # money as 300.00 whether typed in the app or read from a file
    return str(value)
