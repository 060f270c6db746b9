"""Cell parsers for dates, months, amounts and counts in every spelling real exports use (domain.md §3).

Each returns (value, error): the error is a Chinese reason with how to fix it, so the importer can report all
problems of a file at once. String parsing is memoised because a column repeats the same few dates and amounts.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

EXCEL_EPOCH = dt.date(1899, 12, 30)
CENT = Decimal("0.01")
DATE_HINT = "可写作 2022-06-01、2022/6/1、2022年6月1日、2022.06 或 202206"
_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
# YYYY年M月, YYYY-MM, YYYYMM, or an export's date stamp _YYYYMMDD (低保人员查询_20240301; not 编号20220615)
_PERIOD_IN_TEXT = re.compile(r"(20\d{2})\s*[年\-/.]\s*(\d{1,2})\s*月?|(20\d{2})(0[1-9]|1[0-2])(?!\d)"
                             r"|(?:(?<=[_\s])|^)(20\d{2})(0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)")


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def parse_date(cell: object) -> tuple[tuple[dt.date, bool] | None, str | None]:
    """A date and whether only its month was given; None for a blank cell."""
    if cell is None or cell == "":
        return None, None
    if isinstance(cell, dt.datetime):
        return (cell.date(), False), None
    if isinstance(cell, dt.date):
        return (cell, False), None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _parse_number(cell)
    return _parse_text(str(cell))


def _parse_number(number: float) -> tuple[tuple[dt.date, bool] | None, str | None]:
    if float(number).is_integer() and len(str(int(number))) in (6, 8):
        return _parse_text(str(int(number)))
    if 1990 <= number < 2100 and not float(number).is_integer():  # 2024.3 typed as a number: a month
        return _parse_text(repr(float(number)))
    if 1 <= number < 80000:  # an Excel serial day number
        return (EXCEL_EPOCH + dt.timedelta(days=int(number)), False), None
    return None, f"无法识别的日期“{number}”，{DATE_HINT}"


@functools.lru_cache(maxsize=4096)
def _parse_text(raw: str) -> tuple[tuple[dt.date, bool] | None, str | None]:
    text = unicodedata.normalize("NFKC", raw).strip().lstrip("'")
    if not text:
        return None, None
    try:
        if match := _FULL.match(text):
            return (dt.date(*map(int, match.groups())), False), None
        if match := _MONTH.match(text):
            return (dt.date(int(match[1]), int(match[2]), 1), True), None
        if text.isdigit() and len(text) == 8:
            return (dt.date(int(text[:4]), int(text[4:6]), int(text[6:])), False), None
        if text.isdigit() and len(text) == 6:
            return (dt.date(int(text[:4]), int(text[4:]), 1), True), None
    except ValueError:
        return None, f"日期“{raw}”不存在（月份或日期超出范围），请核对"
    return None, f"无法识别的日期“{raw}”，{DATE_HINT}"


def parse_as(kind: str, cell: object) -> tuple[dt.date | None, str | None]:
    """kind: 'date' exact day; 'month' first day of the month; 'start_date'/'end_date' widen a month to its ends."""
    parsed, error = parse_date(cell)
    if parsed is None:
        return None, error
    day, month_only = parsed
    if kind == "month":
        return (day if day.day == 1 else day.replace(day=1)), None
    if kind == "end_date" and month_only:
        return month_end(day), None
    return day, None


def period_in_text(text: str) -> dt.date | None:
    """The first 'YYYY年M月' / 'YYYY-MM' / 'YYYYMM' / 'YYYYMMDD' in a title row or file name."""
    for match in _PERIOD_IN_TEXT.finditer(unicodedata.normalize("NFKC", text)):
        year, month = next((match[i], match[i + 1]) for i in (1, 3, 5) if match[i])
        if 1 <= int(month) <= 12:
            return dt.date(int(year), int(month), 1)
    return None


def parse_amount(cell: object) -> tuple[Decimal | None, str | None]:
    if cell is None or cell == "":
        return None, None
    if isinstance(cell, bool):
        return None, f"金额“{cell}”不是数字"
    if isinstance(cell, (int, float)):
        return _checked_amount(Decimal(repr(cell)), int(cell) if float(cell).is_integer() else cell)
    return _parse_amount_text(str(cell))


@functools.lru_cache(maxsize=4096)
def _parse_amount_text(raw: str) -> tuple[Decimal | None, str | None]:
    text = unicodedata.normalize("NFKC", raw).strip()
    for noise in ("元", "¥", "￥", ",", "，", " ", "'"):
        text = text.replace(noise, "")
    if not text:
        return None, None
    try:
        return _checked_amount(Decimal(text), raw)
    except InvalidOperation:
        return None, f"金额“{raw}”不是数字，请只填写数字（可带“元”或千位逗号）"


def _checked_amount(value: Decimal, raw: object) -> tuple[Decimal | None, str | None]:
    if not value.is_finite():
        return None, f"金额“{raw}”不是数字"
    if value < 0:
        return None, f"金额“{raw}”为负数，金额应不小于 0，请核对"
    if value >= Decimal("1e10"):
        return None, f"金额“{raw}”过大，请核对"
    return value.quantize(CENT, rounding=ROUND_HALF_UP), None


def parse_int(cell: object) -> tuple[int | None, str | None]:
    if cell is None or cell == "":
        return None, None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = unicodedata.normalize("NFKC", str(cell)).strip().rstrip("人名个户")
    if text.isascii() and text.isdigit() and len(text) < 9:
        return int(text), None
    if re.fullmatch(r"\d{1,8}\.0*", text) and text.isascii():
        return int(float(text)), None
    return None, f"“{cell}”不是整数，请填写人数等整数"
