"""Reporting completeness and timeliness (数据完整性), the way DHIS2 shows it: for each monthly dataset × program ×
village × month, whether it was uploaded and whether on time.

What is expected: a (dataset, program, village) is expected every month from the first month it ever reported up to
the store's latest month (a program a village never had is not expected). On time: first uploaded on or before day
`rules.report_due_day` of the following month. Completeness = uploaded ÷ expected; timeliness = on time ÷ expected.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.config import Config
from analytics.contract import DATASETS
from analytics.filters import Filters
from analytics.metrics import data_months
from analytics.store import query

ON_TIME, LATE, MISSING = "按时", "迟报", "未报"
KINDS = ("roster", "payments")


def cells(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters) -> pd.DataFrame:
    """One row per expected (dataset, program, village, month): its state, first upload and due date."""
    one_off = [p.name for p in config.programs if p.pays == "one-off"]
    reported = query(con, "completeness_reported", filters.params() | {"one_off": one_off}).df()
    reported = reported[reported["live"]]
    if reported.empty:
        return pd.DataFrame(columns=["dataset", "kind", "program", "village", "month", "state", "first_uploaded",
                                     "due"])
    reported["month"] = pd.to_datetime(reported["month"]).dt.date
    last = data_months(con)[-1]
    expected = (reported.groupby(["kind", "program", "village"])["month"].min().reset_index()
                .assign(month=lambda f: f["month"].map(lambda first: _months(first, last))).explode("month"))
    frame = expected.merge(reported, on=["kind", "program", "village", "month"], how="left")
    frame = frame[_within(frame["month"], filters)]
    frame["due"] = frame["month"].map(lambda m: _due(m, config.rules.report_due_day))
    uploaded = pd.to_datetime(frame["first_uploaded"]).dt.date
    frame["state"] = [MISSING if pd.isna(u) else ON_TIME if u <= d else LATE for u, d in zip(uploaded, frame["due"])]
    frame["dataset"] = frame["kind"].map(lambda k: DATASETS[k].label) + "·" + frame["program"]
    return frame[["dataset", "kind", "program", "village", "month", "state", "first_uploaded", "due"]] \
        .sort_values(["kind", "program", "village", "month"]).reset_index(drop=True)


def rates(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Expected, uploaded and on-time counts with completeness and timeliness (0–1) per group."""
    grouped = frame.assign(uploaded=frame["state"] != MISSING, on_time=frame["state"] == ON_TIME).groupby(by)
    out = grouped.agg(应报=("state", "size"), 已报=("uploaded", "sum"), 按时=("on_time", "sum")).reset_index()
    out["完整率"] = out["已报"] / out["应报"]
    out["及时率"] = out["按时"] / out["应报"]
    return out


def by_village_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates per village and month (for the heat map)."""
    return rates(frame, ["village", "month"])


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _due(month: dt.date, day: int) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following.replace(day=day)


def _within(months: pd.Series, filters: Filters) -> pd.Series:
    keep = pd.Series(True, index=months.index)
    if filters.month_from:
        keep &= months >= filters.month_from
    if filters.month_to:
        keep &= months <= filters.month_to
    return keep


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a table for people: Chinese headers, months as 2022年3月, times to the minute."""
    out = frame[["dataset", "village", "month", "state", "due", "first_uploaded"]].copy()
    out["month"] = out["month"].map(lambda m: f"{m.year}年{m.month}月")
    out["due"] = out["due"].map(lambda d: f"{d:%Y-%m-%d}")
    out["first_uploaded"] = pd.to_datetime(out["first_uploaded"]).dt.strftime("%Y-%m-%d %H:%M").fillna("")
    return out.rename(columns={"dataset": "数据类别", "village": "村(居)", "month": "月份", "state": "状态",
                               "due": "按时截止", "first_uploaded": "首次导入时间"})
