"""The append-only audit log (issue 7): who did what, when, with what detail. Nothing here updates or deletes an entry.

A detail never holds a password or a hash (such keys and values are blanked) and never a full ID number or account
(masked with privacy.mask_text). An unmask event keeps only the masked number and the stated reason.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re

import duckdb
import pandas as pd

from analytics.access.privacy import mask_text
from analytics.access.scope import Scope
from analytics.core import clock, xlsx
from analytics.core.db import query, write_lock
from analytics.core.errors import JiuzhuError

LOGIN, LOGIN_FAILED, LOGOUT = "登录", "登录失败", "退出"
IMPORT, UNDO, RESTORE = "导入", "撤销", "恢复"
LEDGER, MILESTONE, EXPORT, UNMASK, ACCOUNT = "台账修改", "里程碑登记", "导出", "查看完整证件号", "账户变更"
VERIFY = "疑点核实"
REFERRAL, SAMPLE = "线索登记", "抽查"
ACTIONS = (LOGIN, LOGIN_FAILED, LOGOUT, IMPORT, UNDO, RESTORE, LEDGER, MILESTONE, EXPORT, UNMASK, ACCOUNT, VERIFY,
           REFERRAL, SAMPLE)
COLUMNS = {"seq": "序号", "logged_at": "时间", "user_name": "用户", "action": "操作", "detail": "详情", "rows": "行数"}
HIDDEN = "（已隐去）"
_SECRET_KEY = re.compile(r"password|passwd|secret|密码|口令", re.IGNORECASE)
_HASH_VALUE = re.compile(r"scrypt\$\d+\$")


def record(con: duckdb.DuckDBPyConnection, user: str, action: str, detail: dict, rows: int | None = None, *,
           now: dt.datetime | None = None) -> None:
    """Append one entry. A single insert: inside the caller's transaction it commits or rolls back with it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if action == UNMASK:
        detail = {"号码": mask_text(str(detail.get("号码", ""))), "原因": str(detail.get("原因", ""))}
    else:
        detail = _cleaned(detail)
    with write_lock:
        query(con, "audit_record", {"logged_at": now or clock.now(), "user_name": user, "action": action,
                                    "detail": json.dumps(detail, ensure_ascii=False, default=str), "rows": rows})


def record_unmask(con: duckdb.DuckDBPyConnection, scope: Scope, number: str, reason: str, *,
                  now: dt.datetime | None = None) -> None:
    """Before a full ID number or account is shown: only a 管理员 with a stated reason, and it is logged."""
    scope.check_unmask()
    if not reason or not reason.strip():
        raise JiuzhuError("请填写查看完整号码的原因")
    record(con, scope.user, UNMASK, {"号码": number, "原因": reason.strip()}, now=now)


def entries(con: duckdb.DuckDBPyConnection, since: dt.datetime | None = None, user: str | None = None,
            action: str | None = None) -> pd.DataFrame:
    """The log, oldest first, optionally from `since` on, of one user, of one action."""
    return query(con, "audit_entries", {"since": since, "user_name": user, "action": action}).df()


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The entries with Chinese headers and each detail as readable text (键：值；…), for the page and the export."""
    return frame.assign(detail=frame["detail"].map(_readable)).rename(columns=COLUMNS)


def to_xlsx(frame: pd.DataFrame) -> bytes:
    """The entries as one sheet, as `shown`."""
    import openpyxl  # loaded by the export, not by every command that records an entry
    shown_frame = shown(frame)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "审计日志"
    xlsx.write_table(sheet, shown_frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cleaned(value, key: str = ""):
    """Secrets blanked and ID numbers or accounts masked, at any depth of the detail."""
    if _SECRET_KEY.search(key):
        return HIDDEN
    if isinstance(value, dict):
        return {str(k): _cleaned(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cleaned(v) for v in value]
    if isinstance(value, str):
        return HIDDEN if _HASH_VALUE.search(value) else mask_text(value)
    return value


def _readable(detail: str) -> str:
    values = json.loads(detail)
    return "；".join(f"{k}：{'、'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in values.items())
