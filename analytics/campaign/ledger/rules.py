"""The ledger's vocabulary and its checks: the statuses and their flow, the fields and their labels, and what a value
or a change of status must satisfy. analytics.access.scope builds its rights from these names, so this module imports
nothing of the ledger's store or views, nor the scope."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from analytics.core.contract import DATASETS, ISSUE_CLOSED, ISSUE_STATUSES, LONG_TERM, RECTIFIED, RECTIFYING, TO_RECTIFY
from analytics.core.errors import JiuzhuError
from analytics.core.values import blank, plain

STATUSES = ISSUE_STATUSES
CLOSED = ISSUE_CLOSED
OPEN_STATUSES = tuple(s for s in STATUSES if s != CLOSED)
# the status flow: from each status, where it may go next (已整改待销号 → 整改中 when the check finds it not done)
FLOW = {
    TO_RECTIFY: (RECTIFYING, LONG_TERM),
    RECTIFYING: (RECTIFIED, LONG_TERM),
    LONG_TERM: (RECTIFYING, RECTIFIED),
    RECTIFIED: (CLOSED, RECTIFYING),
    CLOSED: (),
}
NOT_EFFECTIVE, READY_TO_CLOSE = "整改未见效", "可销号"  # the re-check's outcomes
# …and for an issue made from money findings, the condition still open: the money owed not yet paid for its month,
# or the money paid wrongly not yet recovered in full (追回金额)
AWAITING_PAYMENT, AWAITING_RECOVERY = "待补发到位", "待追回资金"
RECHECK_OUTCOMES = {"not_effective": NOT_EFFECTIVE, "awaiting_payment": AWAITING_PAYMENT,
                    "awaiting_recovery": AWAITING_RECOVERY, "ready_to_close": READY_TO_CLOSE}
FIELDS = DATASETS["issues"].fields
LABELS = {f.name: f.label for f in FIELDS}
EDITABLE = tuple(f.name for f in FIELDS if f.name not in ("issue_no", "status"))
TEXT_FIELDS = ("description", "persons", "measures", "evidence", "note")  # exports mask IDs (and names) in these


class LedgerError(JiuzhuError):
    pass


def check_transition(from_status: str, to: str, after: dict) -> None:
    """A move along FLOW, to 销号 with its date and evidence in `after` (the issue as it would be)."""
    if to not in STATUSES:
        raise LedgerError(f"“{LABELS['status']}”只能是：{'、'.join(STATUSES)}")
    if to == from_status:
        raise LedgerError(f"问题 {after['issue_no']} 已经是“{to}”")
    if to not in FLOW[from_status]:
        allowed = "、".join(FLOW[from_status]) or "无（已销号的问题不能再变更）"
        raise LedgerError(f"“{LABELS['status']}”：问题 {after['issue_no']} 不能从“{from_status}”改为“{to}”"
                          f"（可改为：{allowed}）")
    if to == CLOSED:
        require_closing(after)


def require_closing(values: dict) -> None:
    missing = [LABELS[k] for k in ("closed_date", "evidence") if blank(values.get(k))]
    if missing:
        raise LedgerError(f"“{'”和“'.join(missing)}”：销号需要填写销号日期和佐证材料")


def checked_new(values: dict) -> dict:
    """A new issue's fields, status 待整改 and 移送 否 unless given, checked."""
    values = {f.name: values.get(f.name) for f in FIELDS}
    values["status"] = values["status"] or STATUSES[0]
    values["referred"] = values["referred"] or "否"
    if not values["issue_no"] or not re.fullmatch(r"\S+", str(values["issue_no"])):
        raise LedgerError(f"“{LABELS['issue_no']}”不能为空，且不能含空格")
    if values["status"] not in STATUSES:
        raise LedgerError(f"“{LABELS['status']}”只能是：{'、'.join(STATUSES)}")
    if values["status"] == CLOSED:
        require_closing(values)
    return checked(values)


def checked(values: dict) -> dict:
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


def diff(current: dict, changes: dict) -> dict:
    """{field: (old, new)} for each change that differs from what the ledger holds."""
    found = {}
    for name, new in changes.items():
        if name not in LABELS:
            continue
        new = None if blank(new) else plain(new)
        if comparable(current.get(name)) != comparable(new):
            found[name] = (current.get(name), new)
    return found


def comparable(value):
    """Money to the fen and a time as its day: 300 typed in the app equals 300.00 read from a file."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if isinstance(value, dt.datetime):
        return value.date()
    return value
