"""The ledger as a workbook: the 问题台账 sheet re-imports into the same ledger (its columns are the contract's, in its
order, with a title row above), followed by read-only columns the app computes; a second sheet holds the change log."""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import duckdb
import pandas as pd
from openpyxl import Workbook

from analytics.access.privacy import Privacy, mask_persons, mask_text
from analytics.access.scope import Scope
from analytics.campaign import ledger
from analytics.core.db import query
from analytics.core.values import missing
from analytics.core.xlsx import write_table

SHEET, LOG_SHEET = "问题台账", "变更记录"
COMPUTED = {"bucket": "期限情况", "days_left": "剩余天数", "recheck": "复核结果", "findings": "关联疑点数"}
# the ledger as a list on screen: the columns that identify and follow an issue
LIST_COLUMNS = {"issue_no": "问题编号", "village": "村(居)/单位", "focus": "整治重点", "category": "问题类别",
                "description": "问题描述", "status": "整改状态", "deadline": "整改时限", "bucket": "期限情况",
                "days_left": "剩余天数", "recheck": "复核结果", "amount": "涉及金额(元)", "recovered": "追回金额(元)",
                "referred": "移送纪委"}
MONEY = (ledger.LABELS["amount"], ledger.LABELS["recovered"])


def workbook(con: duckdb.DuckDBPyConnection, issues: pd.DataFrame, town: str, as_of: dt.date,
             privacy: Privacy, scope: Scope) -> bytes:
    """`issues` as analytics.campaign.ledger.issues gives them; ID numbers and accounts inside text are always masked, names in
    涉及对象 too in 投屏模式 (analytics.campaign.ledger keeps a masked name from overwriting the real one on re-import)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.cell(1, 1, f"{town}困难群众救助补助突出问题专项整治问题台账（截至 {as_of:%Y-%m-%d}）")
    write_table(sheet, shown(issues, privacy), money=MONEY, first_row=2)
    log = book.create_sheet(LOG_SHEET)
    write_table(log, changes(con, issues["issue_no"].tolist(), scope))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def shown(issues: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    frame = issues[[f.name for f in ledger.FIELDS] + list(COMPUTED)].copy()
    for name in ledger.TEXT_FIELDS:
        frame[name] = frame[name].map(lambda v: mask_text(v) if isinstance(v, str) else v)
    if privacy.projector:
        frame["persons"] = frame["persons"].map(mask_persons)
    frame["days_left"] = frame["days_left"].astype("Int64")
    return frame.rename(columns=ledger.LABELS | COMPUTED)


def details(issue: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """One issue (a one-row frame) as 项目/内容 pairs for reading: dates as days, money to the fen, blanks blank."""
    row = shown(issue, privacy).iloc[0]
    return pd.DataFrame({"项目": row.index, "内容": [_readable(v) for v in row]})


def _readable(value) -> str:
    if missing(value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (float, Decimal)):
        return f"{value:,.2f}"
    return str(value)


def shown_list(issues: pd.DataFrame) -> pd.DataFrame:
    """The ledger as a list on screen (LIST_COLUMNS), days left as whole numbers."""
    shown = issues[list(LIST_COLUMNS)].rename(columns=LIST_COLUMNS)
    shown["剩余天数"] = shown["剩余天数"].astype("Int64")
    shown["整改时限"] = pd.to_datetime(shown["整改时限"]).dt.strftime("%Y-%m-%d").fillna("")
    return shown


def changes(con: duckdb.DuckDBPyConnection, issue_nos: list[str], scope: Scope) -> pd.DataFrame:
    """The change log of these issues, each of which must be of the user's village."""
    ledger.check_visible(con, issue_nos, scope)
    log = query(con, "ledger_events_of", {"issue_nos": issue_nos}).df()
    log["changes"] = log["changes"].map(_changes_text)
    return log.rename(columns={"issue_no": "问题编号", "done_at": "时间", "done_by": "操作人", "action": "操作",
                               "from_status": "原状态", "to_status": "新状态", "changes": "修改内容", "note": "说明"})


def _changes_text(changes: str | float | None) -> str:
    if not isinstance(changes, str) or not changes:  # pandas reads a missing text as NaN
        return ""
    return "；".join(f"{field}：{old or '（空）'} → {new or '（空）'}" for field, (old, new) in json.loads(changes).items())
