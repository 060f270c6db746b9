"""What the pages show, as DataFrames with Chinese column names where they are shown as tables."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.core.contract import DATASETS
from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.core.values import period_text
from analytics.importing import batches
from analytics.importing.parse import month_end

HISTORY_COLUMNS = {"batch_id": "批次", "state": "状态", "way": "导入方式", "kind_label": "数据", "month": "月份",
                   "file_name": "文件",
                   "rows_read": "读取行数", "rows_imported": "有效行数", "rows_quarantined": "隔离行数",
                   "rows_live": "生效行数", "program": "救助类别", "villages": "村(居)", "uploaded_by": "导入人",
                   "uploaded_at": "导入时间"}


def live_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = query(con, "live_row_counts").df()
    frame["label"] = frame["kind"].map(lambda k: DATASETS[k].label)
    return frame


def shown_live_rows(counts: pd.DataFrame) -> pd.DataFrame:
    months = counts["latest_period"].map(lambda p: period_text(p, "—"))
    return pd.DataFrame({"数据": counts["label"], "生效行数": counts["live_rows"], "最新月份": months})


def data_months(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    return [row[0] for row in query(con, "data_months").fetchall()]


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    return last_day_of(data_months(con))


def last_day_of(months: list[dt.date]) -> dt.date | None:
    """The last day of the latest month in rosters or payments: the default as-of (domain.md §5)."""
    return month_end(months[-1]) if months else None


def data_overview(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return query(con, "data_overview", filters=filters.where()).df()


def data_overview_and_table(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The overview and its table as shown, cached together: formatting a district's rows is not free."""
    overview = data_overview(con, filters)
    return overview, None if overview.empty else shown_overview(overview)


def monthly_totals(overview: pd.DataFrame) -> pd.DataFrame:
    """Per month: persons on the rosters and money paid, from data_overview."""
    if overview.empty:
        return pd.DataFrame(columns=["period", "persons", "paid"])
    frame = overview.assign(paid=overview["paid"].astype(float).fillna(0.0))
    return frame.groupby("period", as_index=False)[["persons", "paid"]].sum()


OVERVIEW_COLUMNS = {"period": "月份", "village": "村(居)", "program": "救助类别", "persons": "名册人数",
                    "approved": "核定金额(元)", "payment_rows": "发放笔数", "paid": "发放金额(元)"}


def shown_overview(overview: pd.DataFrame) -> pd.DataFrame:
    """Months, villages and programs as categories: a district's rows repeat a few hundred of them, sent once each
    instead of once per row."""
    shown = overview.assign(period=overview["period"].map(lambda p: f"{p:%Y-%m}"),
                            approved=overview["approved"].astype("float64"), paid=overview["paid"].astype("float64"))
    return shown.astype({"period": "category", "village": "category", "program": "category"}) \
        .rename(columns=OVERVIEW_COLUMNS)


def import_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = batches.history(con)
    frame["kind_label"] = frame["kind"].map(lambda k: DATASETS[k].label)
    frame["month"] = frame["period"].map(lambda p: period_text(p, "—"))
    frame["program"] = frame["program"].fillna("—")
    frame["villages"] = frame["villages"].replace("", "—").fillna("—")
    frame["way"] = frame["adds"].map({True: "追加（不替换旧数据）", False: "替换同范围旧数据"})
    return frame


def shown_history(history: pd.DataFrame) -> pd.DataFrame:
    return history[list(HISTORY_COLUMNS)].rename(columns=HISTORY_COLUMNS)


def quarantined_rows(con: duckdb.DuckDBPyConnection, batch_id: int) -> pd.DataFrame:
    frame = query(con, "quarantined_rows", {"batch_id": batch_id}).df()
    return frame.rename(columns={"sheet": "工作表", "row_no": "行号", "reasons": "问题", "raw": "原始内容"})


def batch_problems(con: duckdb.DuckDBPyConnection, batch_id: int) -> pd.DataFrame:
    frame = query(con, "batch_problems", {"batch_id": batch_id}).df()
    return frame.rename(columns=PROBLEM_COLUMNS)


PROBLEM_COLUMNS = {"sheet": "工作表", "row_no": "行号", "row": "行号", "column_name": "列", "column": "列",
                   "value": "值", "message": "问题与改法", "level": "级别"}


