"""Resident ID numbers (GB 11643-1999) and bank accounts: normalise, validate, explain.

The checks return a reason in Chinese instead of raising, because the importer collects every problem of a file
before reporting (style habit 7).
"""
from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from typing import NamedTuple

import numpy as np

from analytics.core import clock

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
NUMBER_STORED = "身份证号被 Excel 存为数字，末几位已丢失，请把该列设为文本后重新导出"


class Checked(NamedTuple):
    value: str | None
    error: str | None = None
    warning: str | None = None


_NOISE = str.maketrans("", "", " \t\r\n\u3000\xa0'‘’`\"")


def normalise(raw: str) -> str:
    """Strip spaces and apostrophes, fold full-width characters to ASCII, upper-case the x."""
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", raw)
    return raw.translate(_NOISE).upper()


def check_char(first17: str) -> str:
    total = sum(map(int.__mul__, map(int, first17), _WEIGHTS))
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
        if float(cell).is_integer() and len(str(int(cell))) == 15:  # a legacy ID fits a number's 15 digits
            return _check_id_text(str(int(cell)))
        return Checked(None, NUMBER_STORED)
    return _check_id_text(str(cell))


@functools.lru_cache(maxsize=1 << 18)  # a payments file repeats each ID as beneficiary, head and payee
def _check_id_text(raw: str) -> Checked:
    text = normalise(raw)
    if "E+" in text or text.endswith(".0"):
        return Checked(None, NUMBER_STORED)
    if len(text) == 15 and text.isascii() and text.isdigit():
        if birth_date(upgrade_15(text)) is None:
            return Checked(None, "15 位旧身份证号中的出生日期无效，请核对")
        return Checked(upgrade_15(text))
    if len(text) != 18:
        return Checked(None, f"身份证号应为 18 位（或 15 位旧号），此处为 {len(text)} 位，请核对")
    if not (text.isascii() and text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")):
        return Checked(None, "身份证号只能由数字和末位 X 组成，请核对")
    born = birth_date(text)
    if born is None or born.year < 1900 or born > clock.today():
        return Checked(None, "身份证号中的出生日期无效，请核对")
    if check_char(text[:17]) != text[17]:
        return Checked(None, f"身份证号校验位错误（应为 {check_char(text[:17])}），请核对是否录错")
    return Checked(text)


_DOUBLED = str.maketrans("0123456789", "0246813579")  # a doubled digit's digit sum, for Luhn


_WEIGHT_VECTOR = np.array(_WEIGHTS, dtype=np.int64)
_CHECK_CODES = np.frombuffer(_CHECK_CHARS.encode(), dtype=np.uint8)
_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def check_person_ids(cells: list) -> tuple[list, dict[int, tuple]]:
    """check_person_id over a column: (values, {row index: (error, warning)}). Clean 18-character text IDs, nearly
    all of a real column, are checked at once with numpy; the rest go through check_person_id one by one."""
    values, issues = list(cells), {}
    for i in _vector_failures(cells, 18, _id_ok):
        result = check_person_id(cells[i])
        values[i] = result.value
        if result.error or result.warning:
            issues[i] = (result.error, result.warning)
    return values, issues


def _id_ok(codes: np.ndarray) -> np.ndarray:
    digits = codes[:, :17].astype(np.int64) - 48
    well_formed = ((digits >= 0) & (digits <= 9)).all(axis=1) & (((codes[:, 17] >= 48) & (codes[:, 17] <= 57))
                                                                 | (codes[:, 17] == ord("X")))
    checked = _CHECK_CODES[(np.clip(digits, 0, 9) @ _WEIGHT_VECTOR) % 11] == codes[:, 17]
    return well_formed & checked & _valid_births(np.clip(digits, 0, 9))


def _vector_failures(cells: list, length: int | None, ok) -> list[int]:
    """Indexes of the cells that the vectorised check `ok` cannot pass: not ASCII text of the length, or failing."""
    if set(map(type, cells)) == {str}:
        lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    else:
        lengths = np.array([len(c) if c.__class__ is str else -1 for c in cells], dtype=np.int64)
    sizes = [length] if length is not None else [int(n) for n in np.unique(lengths) if n > 0]
    failures = np.flatnonzero(~np.isin(lengths, sizes)).tolist()
    for size in sizes:
        indexes = np.flatnonzero(lengths == size)
        if not len(indexes):
            continue
        whole = len(indexes) == len(cells)  # the usual column: every cell text of one length
        text = "".join(cells if whole else [cells[i] for i in indexes.tolist()])
        if not text.isascii():  # rare: full-width digits and the like, normalised one by one
            failures += indexes.tolist()
            continue
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(-1, size)
        failures += indexes[~ok(codes)].tolist()
    return failures


def _valid_births(digits: np.ndarray) -> np.ndarray:
    year = digits[:, 6] * 1000 + digits[:, 7] * 100 + digits[:, 8] * 10 + digits[:, 9]
    month = digits[:, 10] * 10 + digits[:, 11]
    day = digits[:, 12] * 10 + digits[:, 13]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = _MONTH_DAYS[np.clip(month, 0, 12)] - ((month == 2) & ~leap)
    today = clock.today()
    not_future = year * 10000 + month * 100 + day <= today.year * 10000 + today.month * 100 + today.day
    return (year >= 1900) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days) & not_future


def check_bank_accounts(cells: list) -> tuple[list, dict[int, tuple]]:
    """check_bank_account over a column, as check_person_ids: digit strings get their Luhn check at once."""
    values, issues = list(cells), {}
    for i in _vector_failures(cells, None, _luhn_ok):
        result = check_bank_account(cells[i])
        values[i] = result.value
        if result.error or result.warning:
            issues[i] = (result.error, result.warning)
    return values, issues


def _luhn_ok(codes: np.ndarray) -> np.ndarray:
    digits = codes.astype(np.int16) - 48
    reverse = np.clip(digits, 0, 9)[:, ::-1]
    doubled = reverse[:, 1::2] * 2
    total = reverse[:, 0::2].sum(axis=1) + (doubled - 9 * (doubled > 9)).sum(axis=1)
    return ((digits >= 0) & (digits <= 9)).all(axis=1) & (total % 10 == 0)


def luhn_ok(digits: str) -> bool:
    reverse = digits[::-1]
    return (sum(map(int, reverse[0::2])) + sum(map(int, reverse[1::2].translate(_DOUBLED)))) % 10 == 0


ACCOUNT_DIGITS_ONLY = "银行账号只能包含数字，请核对"


def check_bank_account(cell: object) -> Checked:
    if cell is None or cell == "":
        return Checked(None)
    if isinstance(cell, float) and cell >= 1e15:
        return Checked(None, "银行账号被 Excel 存为数字，末几位已丢失，请把该列设为文本后重新导出")
    if isinstance(cell, bool) or (isinstance(cell, float) and not cell.is_integer()) or \
            (isinstance(cell, (int, float)) and cell < 0):
        return Checked(None, ACCOUNT_DIGITS_ONLY)  # a negative, a fraction or TRUE is no account: never read digits out
    if isinstance(cell, (dt.date, dt.datetime)):
        return Checked(None, f"银行账号应为数字，此处是日期“{cell}”，请核对该列")
    return _check_account_text(str(int(cell)) if isinstance(cell, (int, float)) else str(cell))


@functools.lru_cache(maxsize=1 << 16)
def _check_account_text(raw: str) -> Checked:
    text = normalise(raw).replace("-", "")
    if not (text.isascii() and text.isdigit()):
        return Checked(None, ACCOUNT_DIGITS_ONLY)
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
