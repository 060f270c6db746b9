"""Single values as the store, pandas and openpyxl hand them over: whether one is missing, the plain Python value, and
dates and months as text."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def missing(value) -> bool:
    """None, NaN, NaT or pd.NA. A text (even an empty one), a list or a dict is a value."""
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))


def blank(value) -> bool:
    """Missing, or a text of spaces only: what a form or a spreadsheet cell left empty."""
    return missing(value) or (isinstance(value, str) and not value.strip())


def plain(value):
    """A plain Python value for a pandas or numpy one: missing → None, Timestamp → date, numpy scalar → int/float."""
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def date_text(value, if_missing: str | None = "") -> str | None:
    """A day as 2022-01-05."""
    return if_missing if missing(value) else f"{value:%Y-%m-%d}"


def period_text(value, if_missing: str | None = "") -> str | None:
    """A month as 2022-01 (a period column, a file name's month)."""
    return if_missing if missing(value) else f"{value:%Y-%m}"


def month_label(month: dt.date) -> str:
    """A month as people say it: 2022年1月."""
    return f"{month.year}年{month.month}月"
