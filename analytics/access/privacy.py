"""What may be shown: ID numbers masked to their first 6 and last 4, bank accounts to their last 4, and in 投屏模式
(projector mode) names to their first and last character. Applied to every table and export at the edge."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pandas as pd

from analytics.importing.ids import mask_id

ID_COLUMNS = ("person_id", "head_id", "payee_id", "proxy_id", "related_staff_id", "身份证号", "户主身份证号",
              "代领人身份证号")
ACCOUNT_COLUMNS = ("bank_account", "银行账号")
TEXT_COLUMNS = ("explanation", "说明")
NAME_COLUMNS = ("name", "head_name", "payee_name", "proxy_name", "姓名", "户主姓名", "收款人姓名", "代领人姓名")


@dataclass(frozen=True)
class Privacy:
    projector: bool = False  # 投屏模式: names masked too


def mask_account(account: str | None) -> str:
    if not account:
        return ""
    return "*" * max(len(account) - 4, 0) + account[-4:]


def mask_name(name: str | None) -> str:
    """张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def masked(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """A copy with every ID, account (and in projector mode every name) column masked."""
    shown = frame.copy()
    for column in shown.columns:
        if column in TEXT_COLUMNS:
            shown[column] = shown[column].map(lambda v: mask_text(v) if isinstance(v, str) else v)
        elif column in ID_COLUMNS:
            shown[column] = shown[column].map(lambda v: mask_id(v) if isinstance(v, str) else "")
        elif column in ACCOUNT_COLUMNS:
            shown[column] = shown[column].map(lambda v: mask_account(v) if isinstance(v, str) else "")
        elif privacy.projector and column in NAME_COLUMNS:
            shown[column] = shown[column].map(lambda v: mask_name(v) if isinstance(v, str) else "")
    return shown


_ID_IN_TEXT = re.compile(r"(?<![0-9])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9])")
_ACCOUNT_IN_TEXT = re.compile(r"(?<![0-9])\d{8,}(\d{4})(?![0-9Xx])")


def mask_text(text: str | None) -> str:
    """IDs and account numbers inside a sentence (an explanation naming the proxy's ID or the shared account)."""
    if not text:
        return ""
    text = _ID_IN_TEXT.sub(lambda m: m[1] + "*" * 8 + m[3][-4:], text)
    return _ACCOUNT_IN_TEXT.sub(lambda m: "*" * (len(m[0]) - 4) + m[1], text)


def mask_persons(text: str | None) -> str | None:
    """The names listed in a ledger's 涉及对象: “3人：张三、李小明” → “3人：张*、李*明”."""
    if not isinstance(text, str) or "：" not in text:
        return text
    head, names = text.split("：", 1)
    return head + "：" + "、".join(mask_name(n) if n != "等" else n for n in names.split("、"))


def shown_name(name: str | None, privacy: Privacy) -> str:
    return mask_name(name) if privacy.projector else (name or "")


def person_token(person_id: str, secret: str) -> str:
    """What a link to a person carries instead of the ID: a keyed hash, stable for the store, not reversible."""
    return hashlib.sha256(f"{secret}:{person_id}".encode()).hexdigest()[:16]
