"""The monthly money reconciliation (资金对账, issue 21): per program and month, 应发 (the rosters) against 实发 (the
payments for that month) against 区拨付 (the district's transfer, the optional 区拨付资金 dataset), with 结余 and 退回.

One query (analytics/analysis/sql/reconcile_months.sql); the district's transfer is town-wide, so a table narrowed to
villages leaves it out rather than showing the town's money beside one village's payments.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core.db import query
from analytics.core.filters import Filters

MONEY = ("应发", "实发", "未发", "区拨付", "退回", "结余")
DEFINITIONS = {
    "应发": "当月名册中在保对象的核定月保障金额之和（低保按户，金额在户主行）",
    "实发": "所属期为当月的发放金额之和（只计金额大于 0 的发放）",
    "未发": "应发 − 实发（负数表示实发多于应发，如补发）",
    "区拨付": "区里拨付到镇的当月资金（区拨付资金台账；未导入则空白）",
    "退回": "拨付资金中退回区财政的部分",
    "结余": "区拨付 − 实发 − 退回（留在镇里尚未发出的钱；负数表示实发超出拨付）",
}
TOWN_ONLY = "区拨付资金按镇拨付，不分村(居)：选择了村(居)时不显示区拨付、退回和结余。"


def months(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per program and month: persons, 应发, payments, 实发, 未发, 区拨付, 退回, 结余 (money as float; 区拨付,
    退回 and 结余 blank where no transfer was recorded or villages are chosen)."""
    by_village = bool(filters.villages)
    frame = query(con, "reconcile_months", {"by_village": by_village},
                  filters=filters.where(only=("months", "villages", "programs")),
                  program_months=filters.where(only=("months", "programs"))).df()
    for column in ("expected", "paid", "transferred", "returned"):
        frame[column] = frame[column].astype("float64")
    frame["unpaid"] = frame["expected"] - frame["paid"]
    frame["balance"] = frame["transferred"] - frame["paid"] - frame["returned"].fillna(0)
    return frame


def totals(frame: pd.DataFrame) -> dict:
    """The money over every program and month of the table (区拨付 and 结余 only over the months it covers)."""
    with_transfer = frame[frame["transferred"].notna()]
    return {"expected": float(frame["expected"].sum()), "paid": float(frame["paid"].sum()),
            "transferred": float(with_transfer["transferred"].sum()) if len(with_transfer) else None,
            "returned": float(with_transfer["returned"].sum()) if len(with_transfer) else None,
            "balance": float(with_transfer["balance"].sum()) if len(with_transfer) else None}


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with Chinese headers (月份 as 2022年6月, and/or 救助类别, as the frame has them)."""
    out = pd.DataFrame(index=frame.index)
    if "period" in frame:
        out["月份"] = [f"{p.year}年{p.month}月" for p in pd.to_datetime(frame["period"])]
    if "program" in frame:
        out["救助类别"] = frame["program"]
    if "period" in frame and "program" in frame:  # added over programs or months it would count one person twice
        out["应发人数"] = frame["persons"].astype("Int64")
    for label, column in zip(MONEY, ("expected", "paid", "unpaid", "transferred", "returned", "balance")):
        out[label] = frame[column]
    return out.reset_index(drop=True)


def _summed(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Money added up per `by`; a column with no value in a group stays blank (no transfer is not a zero transfer)."""
    columns = ("persons", "expected", "paid", "unpaid", "transferred", "returned", "balance")
    summed = frame.groupby(by, as_index=False).agg({c: lambda s: s.sum(min_count=1) for c in columns})
    return summed.sort_values(by).reset_index(drop=True)


def by_month(frame: pd.DataFrame) -> pd.DataFrame:
    """All programs together, per month."""
    return _summed(frame, "period")


def by_program(frame: pd.DataFrame) -> pd.DataFrame:
    """All months together, per program."""
    return _summed(frame, "program")
