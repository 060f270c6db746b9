"""The meeting view (总览): who is covered, what was paid, what was found and how it changed since last month."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.findings import summary

COVERED_HEADERS = {"program": "救助类别", "persons": "人数", "households": "户数", "approved": "核定金额(元)"}


def report_month(filters: Filters, months: list[dt.date]) -> dt.date | None:
    """The month the headline numbers are for: the end of the chosen range, else the latest month with data."""
    return filters.month_to or (months[-1] if months else None)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def covered(con: duckdb.DuckDBPyConnection, filters: Filters, month: dt.date) -> tuple[pd.DataFrame, int]:
    """Per program persons, households and approved money; and the persons in all, each counted once."""
    frame = query(con, "covered_by_program", {"month": month},
                  filters=filters.where(only=("villages", "programs"))).df()
    frame["approved"] = frame["approved"].astype("float64")
    total = frame[frame["program"].isna()]
    return frame[frame["program"].notna()].reset_index(drop=True), int(total["persons"].sum()) if len(total) else 0


def covered_shown(covered: pd.DataFrame) -> pd.DataFrame:
    """The persons, households and approved money per program (covered's first part) under Chinese headers."""
    return covered.rename(columns=COVERED_HEADERS)


def paid(con: duckdb.DuckDBPyConnection, filters: Filters, month: dt.date) -> tuple[int, float]:
    payments, amount = query(con, "paid_in_month", {"month": month}, filters=filters.where(only=("villages", "programs"))).fetchone()
    return int(payments), float(amount)


def month_filters(filters: Filters, month: dt.date) -> Filters:
    return filters.narrowed(month_from=month, month_to=month)


def findings_change(con: duckdb.DuckDBPyConnection, filters: Filters, month: dt.date, by: str) -> pd.DataFrame:
    """Findings by severity or 整治重点 for the month (those keyed without a month count in every month) and for the
    month before: the change since last month."""
    read = summary.by_severity if by == "severity" else summary.by_focus
    now = read(con, month_filters(filters, month)).set_index(by)["findings"]
    before = read(con, month_filters(filters, previous_month(month))).set_index(by)["findings"]
    frame = pd.concat([now.rename("findings"), before.rename("previous")], axis=1).fillna(0).astype(int)
    frame["change"] = frame["findings"] - frame["previous"]
    return frame.reset_index().rename(columns={"index": by})


def by_village(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    frame = summary.by_village(con, filters)
    frame["amount"] = frame["amount"].astype("float64")
    return frame


CHART_VILLAGES = 20  # a district has hundreds of villages: a bar chart stays readable with this many


def top_villages(summary: pd.DataFrame, n: int = CHART_VILLAGES) -> pd.DataFrame:
    """The villages with the most findings (the summary comes sorted that way)."""
    return summary.head(n)
