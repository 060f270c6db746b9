"""问题线索移送登记: the leads the town transfers to 纪委 — 线索来源, 涉及人员 (the cadre or staff member, not the
beneficiary), 问题性质, 涉及金额, 移送日期, 接收单位, 办理结果, 处理处分 — each linked to the ledger issues and findings it
came from. 纪委 and 管理员 only (Scope.check_referrals), for reading, keeping and exporting; every creation and change
is audited with what changed.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal, InvalidOperation

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from analytics.access import audit
from analytics.access.privacy import mask_text
from analytics.access.scope import Scope
from analytics.core import clock
from analytics.core.contract import REFERRAL_NATURES, REFERRAL_OUTCOMES
from analytics.core.db import query, transaction, write_lock
from analytics.core.errors import JiuzhuError
from analytics.core.values import blank, plain
from analytics.core.xlsx import write_table

# field -> Chinese label, in the register's order
LABELS = {"referral_no": "线索编号", "source": "线索来源", "persons": "涉及人员", "nature": "问题性质", "amount": "涉及金额",
          "referred_on": "移送日期", "receiver": "接收单位", "outcome": "办理结果", "sanction": "处理处分",
          "issue_nos": "关联问题编号", "finding_keys": "关联疑点", "note": "备注"}
REQUIRED = ("source", "persons", "nature", "referred_on", "receiver")
EDITABLE = tuple(f for f in LABELS if f != "referral_no")
NATURES, OUTCOMES = REFERRAL_NATURES, REFERRAL_OUTCOMES
MONEY = ("涉及金额(元)",)
PREFIX = "XS"


class ReferralError(JiuzhuError):
    pass


def referrals(con: duckdb.DuckDBPyConnection, scope: Scope) -> pd.DataFrame:
    """The register, newest transfer first."""
    scope.check_referrals()
    return query(con, "referral_list").df()


def next_no(con: duckdb.DuckDBPyConnection, year: int) -> str:
    """XS-<year>-NNN, one past the highest number of that year."""
    taken = query(con, "referral_list").df()["referral_no"]
    ends = [n.rsplit("-", 1)[1] for n in taken if n.startswith(f"{PREFIX}-{year}-")]
    numbers = [int(end) for end in ends if end.isdigit()]
    return f"{PREFIX}-{year}-{max(numbers, default=0) + 1:03d}"


def add(con: duckdb.DuckDBPyConnection, values: dict, *, scope: Scope,
        log: duckdb.DuckDBPyConnection | None = None) -> str:
    """Register one lead (its number given, or the next of its transfer year); audited in `log`, by default the same
    store. Returns its number."""
    scope.check_referrals()
    record = _checked({f: values.get(f) for f in EDITABLE})
    with write_lock, transaction(con):
        number = (values.get("referral_no") or "").strip() or next_no(con, record["referred_on"].year)
        if query(con, "referral_one", {"referral_no": number}).fetchone():
            raise ReferralError(f"线索编号“{number}”已存在，请换一个编号")
        _check_links(con, record, ())
        query(con, "referral_insert", {**record, "referral_no": number, "done_by": scope.user, "done_at": clock.now()})
        if log is None:
            _audit(con, scope, number, "新建", {LABELS[f]: v for f, v in record.items() if not blank(v) and v != []})
    if log is not None:
        _audit(log, scope, number, "新建", {LABELS[f]: v for f, v in record.items() if not blank(v) and v != []})
    return number


def edit(con: duckdb.DuckDBPyConnection, referral_no: str, changes: dict, *, scope: Scope,
         log: duckdb.DuckDBPyConnection | None = None) -> dict:
    """Change a lead's fields; returns {label: [old, new]} of what actually changed (nothing changed: nothing
    written, nothing audited)."""
    scope.check_referrals()
    if "referral_no" in changes:
        raise ReferralError("线索编号不能修改")
    with write_lock, transaction(con):
        current = one(con, referral_no, scope)
        record = _checked({f: changes.get(f, current[f]) for f in EDITABLE})
        diff = {LABELS[f]: [current[f], record[f]] for f in EDITABLE if _differs(current[f], record[f])}
        if not diff:
            return {}
        _check_links(con, record, current)
        query(con, "referral_update", {**record, "referral_no": referral_no, "done_by": scope.user,
                                       "done_at": clock.now()})
        if log is None:
            _audit(con, scope, referral_no, "修改", diff)
    if log is not None:
        _audit(log, scope, referral_no, "修改", diff)
    return diff


def one(con: duckdb.DuckDBPyConnection, referral_no: str, scope: Scope) -> dict:
    scope.check_referrals()
    frame = query(con, "referral_one", {"referral_no": referral_no}).df()
    if frame.empty:
        raise ReferralError(f"找不到线索“{referral_no}”")
    return {k: _listed(v) if k in ("issue_nos", "finding_keys") else plain(v) for k, v in frame.iloc[0].items()}


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The register with Chinese headers, links as text: for the page and the workbook."""
    table = frame[list(LABELS)].copy()
    for column in ("issue_nos", "finding_keys"):  # a finding's key holds the beneficiary's ID: masked
        table[column] = table[column].map(lambda v: mask_text("、".join(_listed(v))))
    table["amount"] = table["amount"].map(lambda v: None if blank(v) else float(v))
    table["referred_on"] = table["referred_on"].map(plain)
    return table.rename(columns={**LABELS, "amount": MONEY[0]})


def workbook(frame: pd.DataFrame, town: str, as_of: dt.date) -> bytes:
    """The register as one sheet: a title row, then the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "问题线索移送登记"
    sheet.cell(1, 1, f"{town}问题线索移送登记表（截至 {as_of:%Y-%m-%d}，共 {len(frame)} 件）").font = Font(bold=True, size=14)
    write_table(sheet, shown(frame), money=MONEY, first_row=3)
    sheet.page_setup.paperSize, sheet.page_setup.orientation = sheet.PAPERSIZE_A4, "landscape"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _checked(record: dict) -> dict:
    """Texts trimmed, the amount a non-negative number, the date a date, links lists; every problem at once."""
    problems = [f"请填写{LABELS[f]}" for f in REQUIRED if blank(record.get(f))]
    out = {f: (record[f].strip() or None) if isinstance(record.get(f), str) else record.get(f) for f in EDITABLE}
    if not blank(out["amount"]):
        try:
            out["amount"] = Decimal(str(out["amount"]).replace(",", "").removesuffix("元").strip())
            if out["amount"] < 0:
                problems.append("涉及金额不能为负数")
        except InvalidOperation:
            problems.append(f"涉及金额“{out['amount']}”不是数字")
    else:
        out["amount"] = None
    if isinstance(out["referred_on"], str):
        try:
            out["referred_on"] = dt.date.fromisoformat(out["referred_on"])
        except ValueError:
            problems.append(f"移送日期“{out['referred_on']}”应写作 YYYY-MM-DD")
    elif isinstance(out["referred_on"], dt.datetime):
        out["referred_on"] = out["referred_on"].date()
    for field in ("issue_nos", "finding_keys"):
        out[field] = sorted({str(v).strip() for v in _listed(out[field]) if str(v).strip()})
    if problems:
        raise ReferralError("；".join(problems))
    return out


def _check_links(con: duckdb.DuckDBPyConnection, record: dict, current) -> None:
    """Newly linked issues and findings must exist; links kept from before stay even if a recompute dropped them."""
    new_issues = [n for n in record["issue_nos"] if not current or n not in current["issue_nos"]]
    new_keys = [k for k in record["finding_keys"] if not current or k not in current["finding_keys"]]
    issues, findings = query(con, "referral_links_known",
                             {"issue_nos": new_issues, "finding_keys": new_keys}).fetchone()
    unknown = [f"问题编号“{n}”" for n in new_issues if n not in (issues or [])] + \
              [f"疑点“{k}”" for k in new_keys if k not in (findings or [])]
    if unknown:
        raise ReferralError(f"找不到{'、'.join(unknown)}，请核对后再关联")


def _listed(value) -> list[str]:
    if value is None or (not isinstance(value, (list, tuple)) and blank(value)):
        return []
    return [str(v) for v in value]


def _differs(old, new) -> bool:
    if isinstance(old, (list, tuple)) or isinstance(new, (list, tuple)):
        return sorted(_listed(old)) != sorted(_listed(new))
    if blank(old) and blank(new):
        return False
    if isinstance(old, (Decimal, float, int)) and isinstance(new, (Decimal, float, int)):
        return Decimal(str(old)) != Decimal(str(new))
    return old != new


def _audit(con: duckdb.DuckDBPyConnection, scope: Scope, number: str, what: str, detail: dict) -> None:
    audit.record(con, scope.user, audit.REFERRAL, {"线索编号": number, "操作": what, **detail})
