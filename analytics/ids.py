"""Resident ID numbers (GB 11643-1999) and bank accounts: normalise, validate, explain.

The checks return a reason in Chinese instead of raising, because the importer collects every problem of a file
before reporting (style habit 7).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
NUMBER_STORED = "身份证号被 Excel 存为数字，末几位已丢失，请把该列设为文本后重新导出"


@dataclass(frozen=True)
class Checked:
    value: str | None
    error: str | None = None
    warning: str | None = None


def normalise(raw: str) -> str:
    """Strip spaces and apostrophes, fold full-width characters to ASCII, upper-case the x."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "'‘’`\"").upper()


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def birth_date(person_id: str) -> dt.date | None:
    try:
        return dt.date(int(person_id[6:10]), int(person_id[10:12]), int(person_id[12:14]))
    except ValueError:
        return None


def upgrade_15(legacy: str) -> str:
    """A 15-digit ID has a 2-digit year of the 1900s and no check character."""
    first17 = legacy[:6] + "19" + legacy[6:]
    return first17 + check_char(first17)


def check_person_id(cell: object) -> Checked:
    if cell is None or cell == "":
        return Checked(None)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return Checked(None, NUMBER_STORED)
    text = normalise(str(cell))
    if "E+" in text or text.endswith(".0"):
        return Checked(None, NUMBER_STORED)
    if len(text) == 15 and text.isdigit():
        if birth_date(upgrade_15(text)) is None:
            return Checked(None, "15 位旧身份证号中的出生日期无效，请核对")
        return Checked(upgrade_15(text))
    if len(text) != 18:
        return Checked(None, f"身份证号应为 18 位（或 15 位旧号），此处为 {len(text)} 位，请核对")
    if not (text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")):
        return Checked(None, "身份证号只能由数字和末位 X 组成，请核对")
    if birth_date(text) is None:
        return Checked(None, "身份证号中的出生日期无效，请核对")
    if check_char(text[:17]) != text[17]:
        return Checked(None, f"身份证号校验位错误（应为 {check_char(text[:17])}），请核对是否录错")
    return Checked(text)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def check_bank_account(cell: object) -> Checked:
    if cell is None or cell == "":
        return Checked(None)
    if isinstance(cell, float) and cell >= 1e15:
        return Checked(None, "银行账号被 Excel 存为数字，末几位已丢失，请把该列设为文本后重新导出")
    text = normalise(str(int(cell)) if isinstance(cell, (int, float)) else str(cell)).replace("-", "")
    if not text.isdigit():
        return Checked(None, "银行账号只能包含数字，请核对")
    if not luhn_ok(text):
        return Checked(text, warning="银行账号未通过 Luhn 校验（存折账号可能如此），请核对")
    return Checked(text)


def mask_id(person_id: str | None) -> str:
    if not person_id:
        return ""
    return person_id[:6] + "*" * (len(person_id) - 10) + person_id[-4:] if len(person_id) > 10 else person_id


def make_id(area: str, birth: dt.date, sequence: int) -> str:
    """A synthetic, valid ID: for the sample town and the tests, never for real people."""
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
