"""Reporting completeness and timeliness (数据完整性), the way DHIS2 shows it: for each monthly dataset × program ×
village × month, whether it was uploaded and whether on time.

What is expected: a (dataset, program, village) is expected every month from the first month it ever reported up to
the store's latest month (a program a village never had is not expected). On time: first uploaded on or before day
`rules.report_due_day` of the following month. Completeness = uploaded ÷ expected; timeliness = on time ÷ expected.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.analysis.metrics import data_months
from analytics.core.config import Config
from analytics.core.contract import DATASETS
from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.core.values import date_text, month_label

ON_TIME, LATE, MISSING = "按时", "迟报", "未报"
KINDS = ("roster", "payments")
# a row per village reads for a town's few, not for a district's hundreds
GRID_VILLAGES = 20
COLUMNS = ["dataset", "kind", "program", "village", "month", "state", "first_uploaded", "due"]


def cells(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters) -> pd.DataFrame:
    """One row per expected (dataset, program, village, month): its state, first upload and due date."""
    months = data_months(con)
    params = {"one_off": [p.name for p in config.programs if p.pays == "one-off"],
              "last": months[-1] if months else None, "due_day": config.rules.report_due_day,
              "on_time": ON_TIME, "late": LATE, "missing": MISSING, "village_names": list(config.village_names)}
    frame = query(con, "completeness_cells", params, place_filter=filters.where("s", only=("villages", "programs")),
                  month_filter=filters.where("e", only=("months",), period="month")).df()
    frame["month"] = frame["month"].dt.date
    frame["due"] = frame["due"].dt.date
    frame["dataset"] = frame["kind"].map({k: DATASETS[k].label for k in KINDS}) + "·" + frame["program"]
    return frame[COLUMNS]


@dataclass(frozen=True)
class Summary:
    """What the 数据完整性 page draws, computed together so that one entry of the results cache holds it all."""
    overall: pd.Series               # 应报, 已报, 按时, 完整率, 及时率 of every cell
    by_village_month: pd.DataFrame   # the heat map's rates
    by_dataset: pd.DataFrame         # rates per 数据类别
    problems: pd.DataFrame           # the late and missing cells as shown, each column a category


def summary(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters) -> Summary | None:
    """The page's figures and tables; None when no monthly roster or payment list was imported."""
    frame = cells(con, config, filters)
    if frame.empty:
        return None
    # categories: each column repeats a few values, sent to the browser once each instead of once per cell
    problems = shown(frame[frame["state"] != ON_TIME]).astype("category")
    return Summary(rates(frame.assign(all="全部"), ["all"]).iloc[0], by_village_month(frame),
                   rates(frame, ["dataset"]).rename(columns={"dataset": "数据类别"}), problems)


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


def worst_villages(rates: pd.DataFrame, n: int = GRID_VILLAGES) -> pd.DataFrame:
    """The heat map's rows of the n villages with the lowest timeliness over the months, then completeness."""
    totals = rates.groupby("village")[["应报", "已报", "按时"]].sum()
    totals = totals.assign(timely=totals["按时"] / totals["应报"], complete=totals["已报"] / totals["应报"])
    worst = totals.sort_values(["timely", "complete"], kind="stable").head(n).index
    return rates[rates["village"].isin(worst)]


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a table for people: Chinese headers, months as 2022年3月, times to the minute."""
    out = frame[["dataset", "village", "month", "state", "due", "first_uploaded"]].copy()
    out["month"] = _each_once(out["month"], month_label)
    out["due"] = _each_once(out["due"], date_text)
    out["first_uploaded"] = pd.to_datetime(out["first_uploaded"]).dt.strftime("%Y-%m-%d %H:%M").fillna("")
    return out.rename(columns={"dataset": "数据类别", "village": "村(居)", "month": "月份", "state": "状态",
                               "due": "按时截止", "first_uploaded": "首次导入时间"})


def _each_once(values: pd.Series, label) -> pd.Series:
    """`label` of each distinct value: a district's tens of thousands of cells hold a few dozen months."""
    return values.map({value: label(value) for value in values.unique()})
