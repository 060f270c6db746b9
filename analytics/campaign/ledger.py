"""The rectification ledger (问题台账, domain.md §6): issues created in the app, from findings or by import, moved through
the status flow, with every change kept (who, when, what, a note) in the append-only ledger_event table.

Rules a careful office keeps, enforced here and not only in the page:
- the status moves only along FLOW; 销号 needs a 销号日期 and 佐证材料;
- an import adds new issues and changes existing ones as filled in; an empty cell never erases what the ledger holds;
- an issue made from findings is re-checked after each recompute (`recheck`): its problem found again in a month after
  the issue was made → 整改未见效; not found again → 可销号.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics.core.contract import DATASETS
from analytics.core.errors import FileRejected, JiuzhuError
from analytics.core.filters import Filters
from analytics.core.values import blank, month_label, plain
from analytics.access.privacy import mask_persons, mask_text
from analytics.core.db import query, transaction, write_lock

if TYPE_CHECKING:  # analytics.access.scope builds its rights from this module's fields and statuses
    from analytics.access.scope import Scope

STATUSES = ("待整改", "整改中", "已整改待销号", "已销号", "长期整改")
CLOSED = "已销号"
OPEN_STATUSES = tuple(s for s in STATUSES if s != CLOSED)
# the status flow: from each status, where it may go next (已整改待销号 → 整改中 when the check finds it not done)
FLOW = {
    "待整改": ("整改中", "长期整改"),
    "整改中": ("已整改待销号", "长期整改"),
    "长期整改": ("整改中", "已整改待销号"),
    "已整改待销号": ("已销号", "整改中"),
    "已销号": (),
}
# what the ledger's heat map can count: issues in one of these statuses
HEAT_COUNTS = {"未销号": OPEN_STATUSES, "已销号": (CLOSED,), "全部": STATUSES}
HEAT_VILLAGES = 20  # the heat map's rows at most: the villages with most issues
BUCKETS = ("已超期", "剩余≤10天", "剩余≤20天", "20天以上", "未定时限")
NOT_EFFECTIVE, READY_TO_CLOSE = "整改未见效", "可销号"
FIELDS = DATASETS["issues"].fields
LABELS = {f.name: f.label for f in FIELDS}
EDITABLE = tuple(f.name for f in FIELDS if f.name not in ("issue_no", "status"))
FROM_FINDINGS_ORIGIN = "信息比对"
TEXT_FIELDS = ("description", "persons", "measures", "evidence", "note")  # exports mask IDs (and names) in these


class LedgerError(JiuzhuError):
    pass


def issues(con: duckdb.DuckDBPyConnection, filters: Filters, as_of: dt.date) -> pd.DataFrame:
    """The ledger within the village filter, open issues first by urgency, with days left and the overdue bucket."""
    return query(con, "ledger_list", filters.params() | {"as_of": as_of}).df()


def issue(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> dict:
    """One issue, if it is of the user's village (a 村(居) account) — else Forbidden."""
    current = _issue(con, issue_no)
    scope.check_village(current["village"])
    return current


def _issue(con: duckdb.DuckDBPyConnection, issue_no: str) -> dict:
    found = query(con, "ledger_issue", {"issue_no": issue_no}).df()
    if found.empty:
        raise LedgerError(f"台账中没有编号为“{issue_no}”的问题")
    return {k: plain(v) for k, v in found.iloc[0].to_dict().items()}


def check_visible(con: duckdb.DuckDBPyConnection, issue_nos: list[str], scope: Scope) -> None:
    """Refuse unless every one of these issues is of the user's village."""
    if scope.village is not None:
        for (village,) in query(con, "ledger_villages_of", {"issue_nos": list(issue_nos)}).fetchall():
            scope.check_village(village)


def history(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> pd.DataFrame:
    check_visible(con, [issue_no], scope)
    return query(con, "ledger_history", {"issue_no": issue_no}).df()


def linked_findings(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> pd.DataFrame:
    """The findings an issue was made from, with whether each is still among the current findings."""
    check_visible(con, [issue_no], scope)
    return query(con, "ledger_linked_findings", {"issue_no": issue_no}).df()


def next_issue_no(con: duckdb.DuckDBPyConnection, year: int) -> str:
    prefix = f"QL-{year}-"
    numbers = [int(n[len(prefix):]) for (n,) in query(con, "ledger_issue_numbers").fetchall()
               if n.startswith(prefix) and n[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def create(con: duckdb.DuckDBPyConnection, values: dict, *, scope: Scope, note: str = "",
           finding_keys: tuple[str, ...] = ()) -> str:
    """Add one issue (status 待整改 unless given), if the user may fill every field; with finding_keys, link the
    findings it was made from."""
    scope.check_fields(EDITABLE)
    values = _checked_new(values)
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
        current = issue(con, issue_no, scope)
        diff = _diff(current, changes)
        scope.check_fields(list(diff))
        merged = _checked({**current, **{k: new for k, (_, new) in diff.items()}})
        if merged["status"] == CLOSED:
            _require_closing(merged)
        if diff:
            _update(con, merged)
            _event(con, issue_no, "修改", None, None, diff, note, scope.user)
    return diff


def change_status(con: duckdb.DuckDBPyConnection, issue_no: str, to: str, *, scope: Scope, note: str = "",
                  closed_date: dt.date | None = None, evidence: str | None = None) -> None:
    with write_lock, transaction(con):
        current = issue(con, issue_no, scope)
        closing = {"closed_date": closed_date, "evidence": evidence} if to == CLOSED else {}
        changes = {"status": to} | {k: v for k, v in closing.items() if not blank(v)}  # a blank keeps what is held
        _check_transition(current["status"], to, current | changes)
        scope.check_status_change(to)
        diff = _diff(current, changes)
        _update(con, current | {k: new for k, (_, new) in diff.items()})
        _event(con, issue_no, "状态变更", current["status"], to, {k: v for k, v in diff.items() if k != "status"},
               note, scope.user)


def draft_from_findings(con: duckdb.DuckDBPyConnection, chosen: pd.DataFrame, as_of: dt.date) -> dict:
    """An issue pre-filled from chosen findings (rows of analytics.findings.findings): one village and 整治重点 if they
    share one, the titles as category, the persons and the money involved, source 信息比对."""
    villages = chosen["village"].dropna().unique()
    focuses = chosen["focus"].value_counts()
    people = chosen["name"].dropna().unique()
    titles = list(dict.fromkeys(chosen["title"]))
    return {
        "issue_no": next_issue_no(con, as_of.year),
        "village": villages[0] if len(villages) == 1 else None,
        "focus": focuses.index[0] if len(focuses) else None,
        "category": "、".join(titles),
        "description": "；".join(chosen["explanation"].head(5).map(mask_text)) + ("等" if len(chosen) > 5 else ""),
        "origin": FROM_FINDINGS_ORIGIN,
        "found_date": as_of,
        "persons": f"{len(people)}人：" + "、".join(people[:10]) + ("等" if len(people) > 10 else "")
                   if len(people) else None,
        "amount": Decimal(str(chosen["amount"].fillna(0).sum())).quantize(Decimal("0.01")) or None,
        "deadline": as_of + dt.timedelta(days=30),
        "status": STATUSES[0],
        "referred": "否",
    }


def recheck(con: duckdb.DuckDBPyConnection, as_of: dt.date, *, user: str) -> dict[str, int]:
    """Re-check every issue made from findings against the stored findings (as of `as_of`, whose newest month of data
    is the one that counts); record each change of outcome as an event. Runs inside the findings refresh's
    transaction."""
    before = dict(query(con, "ledger_recheck_state").fetchall())
    month = _data_month(con, as_of)
    query(con, "ledger_recheck", {"month": month})
    after = dict(query(con, "ledger_recheck_state").fetchall())
    for issue_no, outcome in after.items():
        if outcome and outcome != before.get(issue_no):
            _event(con, issue_no, "复核", None, None, {}, f"{month_label(month)}数据复核：{outcome}", user)
    return {o: sum(1 for v in after.values() if v == o) for o in (NOT_EFFECTIVE, READY_TO_CLOSE)}


def headline(ledger: pd.DataFrame) -> dict[str, int]:
    """The ledger's numbers for the overview: issues, open, overdue, referred, and the re-check outcomes."""
    open_ = ledger[ledger["status"] != CLOSED]
    return {"issues": len(ledger), "open": len(open_), "overdue": int((open_["bucket"] == "已超期").sum()),
            "closed": len(ledger) - len(open_), "referred": int((ledger["referred"] == "是").sum()),
            "not_effective": int((open_["recheck"] == NOT_EFFECTIVE).sum()),
            "ready_to_close": int((open_["recheck"] == READY_TO_CLOSE).sum())}


def narrowed(ledger: pd.DataFrame, statuses: list[str], buckets: list[str], referred_only: bool,
             text: str = "") -> pd.DataFrame:
    """The issues with one of `statuses` and `buckets` (empty: any), only those referred to 纪委 if asked, and with
    `text` in their number, description or persons."""
    keep = pd.Series(True, index=ledger.index)
    if text.strip():
        searched = ledger[["issue_no", "description", "persons"]].fillna("").agg(" ".join, axis=1)
        keep &= searched.str.contains(text.strip(), regex=False)
    if statuses:
        keep &= ledger["status"].isin(statuses)
    if buckets:
        keep &= ledger["bucket"].isin(buckets)
    if referred_only:
        keep &= ledger["referred"] == "是"
    return ledger[keep]


def buckets(ledger: pd.DataFrame) -> pd.DataFrame:
    """Open issues per overdue bucket (all buckets, zero included), with the money involved."""
    open_ = ledger[ledger["status"] != CLOSED]
    counted = open_.groupby("bucket").agg(问题数=("issue_no", "count"), 涉及金额=("amount", "sum"))
    return counted.reindex(BUCKETS, fill_value=0).rename_axis("期限").reset_index()


def heatmap(ledger: pd.DataFrame, villages: tuple[str, ...], focuses: tuple[str, ...],
            statuses: tuple[str, ...]) -> pd.DataFrame:
    """Issues with one of `statuses` per village (rows) × 整治重点 (columns), every village and focus present."""
    chosen = ledger[ledger["status"].isin(statuses)]
    rows = list(dict.fromkeys([*villages, *ledger["village"]]))
    return (chosen.pivot_table(index="village", columns="focus", values="issue_no", aggfunc="count")
            .reindex(index=rows, columns=list(focuses)).fillna(0).astype(int))


def busiest(grid: pd.DataFrame, limit: int = HEAT_VILLAGES) -> pd.DataFrame:
    """The `limit` villages of a heat-map grid with most issues, in the grid's order: a district's hundred rows made
    a chart several screens tall."""
    if len(grid) <= limit:
        return grid
    kept = set(grid.sum(axis=1).sort_values(ascending=False, kind="stable").index[:limit])
    return grid[grid.index.isin(kept)]


def money(ledger: pd.DataFrame) -> pd.DataFrame:
    """涉及金额 and 追回金额 per village."""
    return (ledger.groupby("village")[["amount", "recovered"]].sum().astype(float)
            .rename(columns={"amount": "涉及金额", "recovered": "追回金额"}).rename_axis("村(居)").reset_index())


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
                _insert(con, _checked_new(values), baseline_month=None)
                _event(con, values["issue_no"], "导入新建", None, values["status"] or STATUSES[0], {},
                       f"导入文件“{file_name}”", user)
                added += 1
        except LedgerError as error:
            raise FileRejected(file_name, f"{where}：{error}") from None
    return {"added": added, "changed": changed, "unchanged": len(rows) - added - changed}


def _merge_existing(con, values: dict, file_name: str, user: str) -> int:
    current = _issue(con, values["issue_no"])
    diff = _diff(current, {k: v for k, v in values.items() if v is not None and not _masked_copy(current, k, v)})
    if not diff:
        return 0
    if "status" in diff:
        _check_transition(current["status"], values["status"],
                          current | {k: v for k, v in values.items() if v is not None})
    _update(con, _checked(current | {k: new for k, (_, new) in diff.items()}))
    to = diff.get("status", (None, None))[1]
    _event(con, values["issue_no"], "导入修改", current["status"] if to else None, to,
           {k: v for k, v in diff.items() if k != "status"}, f"导入文件“{file_name}”", user)
    return 1


def _masked_copy(current: dict, name: str, value) -> bool:
    """A text field as a masked export showed it: the ledger's own value stays."""
    return name in TEXT_FIELDS and value in (mask_text(current[name]), mask_persons(mask_text(current[name])))


def _check_transition(from_status: str, to: str, after: dict) -> None:
    if to not in STATUSES:
        raise LedgerError(f"“{LABELS['status']}”只能是：{'、'.join(STATUSES)}")
    if to == from_status:
        raise LedgerError(f"问题 {after['issue_no']} 已经是“{to}”")
    if to not in FLOW[from_status]:
        allowed = "、".join(FLOW[from_status]) or "无（已销号的问题不能再变更）"
        raise LedgerError(f"“{LABELS['status']}”：问题 {after['issue_no']} 不能从“{from_status}”改为“{to}”"
                          f"（可改为：{allowed}）")
    if to == CLOSED:
        _require_closing(after)


def _require_closing(values: dict) -> None:
    missing = [LABELS[k] for k in ("closed_date", "evidence") if blank(values.get(k))]
    if missing:
        raise LedgerError(f"“{'”和“'.join(missing)}”：销号需要填写销号日期和佐证材料")


def _checked_new(values: dict) -> dict:
    values = {f.name: values.get(f.name) for f in FIELDS}
    values["status"] = values["status"] or STATUSES[0]
    values["referred"] = values["referred"] or "否"
    if not values["issue_no"] or not re.fullmatch(r"\S+", str(values["issue_no"])):
        raise LedgerError(f"“{LABELS['issue_no']}”不能为空，且不能含空格")
    if values["status"] not in STATUSES:
        raise LedgerError(f"“{LABELS['status']}”只能是：{'、'.join(STATUSES)}")
    if values["status"] == CLOSED:
        _require_closing(values)
    return _checked(values)


def _checked(values: dict) -> dict:
    """Required fields filled, choices among theirs; the message names the column."""
    for f in FIELDS:
        value = values.get(f.name)
        if f.required and blank(value):
            raise LedgerError(f"“{f.label}”不能为空")
        if f.choices and value not in (None, "") and value not in f.choices:
            raise LedgerError(f"“{f.label}”只能是：{'、'.join(c for c in f.choices if c)}（现为“{value}”）")
    for name in ("amount", "recovered"):
        if values.get(name) is not None and Decimal(str(values[name])) < 0:
            raise LedgerError(f"“{LABELS[name]}”不能为负数")
    return values


def _diff(current: dict, changes: dict) -> dict:
    """{field: (old, new)} for each change that differs from what the ledger holds."""
    diff = {}
    for name, new in changes.items():
        if name not in LABELS:
            continue
        new = None if blank(new) else plain(new)
        if _comparable(current.get(name)) != _comparable(new):
            diff[name] = (current.get(name), new)
    return diff


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


def _comparable(value):
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(_comparable(value))  # money as 300.00 whether typed in the app or read from a file
    return str(value)
