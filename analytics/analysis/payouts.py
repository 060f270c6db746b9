"""Payment timeliness and coverage over the months: what the overview and the payment page draw.

payment_outcomes is the one query (analytics/analysis/sql/payment_outcomes.sql); the functions below reshape it for each chart.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core import clock
from analytics.core.config import Config
from analytics.core.contract import NO_PAYMENTS_FILE, NOT_DUE, NOT_PAID, ON_TIME, PAID_LATE, PAID_UNDATED
from analytics.core.db import query
from analytics.core.filters import Filters

NOT_JUDGED = (NOT_DUE, NO_PAYMENTS_FILE, PAID_UNDATED)   # left out of the on-time rate
LATE_BUCKETS = ((1, 3, "1–3天"), (4, 7, "4–7天"), (8, 15, "8–15天"), (16, 30, "16–30天"), (31, 10**6, "30天以上"))


def outcomes(con: duckdb.DuckDBPyConnection, filters: Filters, config: Config) -> pd.DataFrame:
    params = {"due_day": config.rules.due_day, "as_of": filters.as_of or clock.today(),
              "one_off": [p.name for p in config.programs if p.pays == "one-off"],
              "household_programs": [p.name for p in config.programs if p.pays == "household"],
              "village_names": list(config.village_names)}
    frame = query(con, "payment_outcomes", params, filters=filters.where()).df()
    for column in ("expected", "paid"):
        frame[column] = frame[column].astype("float64")
    return frame


def by_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Per month and outcome: how many expected payments and how much money."""
    return frame.groupby(["period", "outcome"], as_index=False)[["payments", "expected", "paid"]].sum()


def on_time_rate(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """按时 ÷ all payments that were due and can be judged (NOT_JUDGED left out), per the given columns."""
    due = frame[~frame["outcome"].isin(NOT_JUDGED)]
    totals = due.groupby(by)["payments"].sum()
    on_time = due[due["outcome"] == ON_TIME].groupby(by)["payments"].sum()
    rate = (on_time.reindex(totals.index, fill_value=0) / totals).rename("rate")
    return pd.concat([totals.rename("due"), on_time.reindex(totals.index, fill_value=0).rename("on_time"), rate],
                     axis=1).reset_index()


def late_days(frame: pd.DataFrame) -> pd.DataFrame:
    """How many late payments fell into each days-late bucket."""
    late = frame[frame["outcome"] == PAID_LATE]
    counts = {label: int(late[(late["days_late"] >= low) & (late["days_late"] <= high)]["payments"].sum())
              for low, high, label in LATE_BUCKETS}
    return pd.DataFrame({"bucket": list(counts), "payments": list(counts.values())})


def headline(frame: pd.DataFrame) -> dict:
    """Counts and money of 欠付 and 迟发, and the on-time rate, over the filtered months."""
    def total(outcome: str, column: str) -> float:
        return float(frame.loc[frame["outcome"] == outcome, column].sum())
    due = frame[~frame["outcome"].isin(NOT_JUDGED)]["payments"].sum()
    return {"unpaid": int(total(NOT_PAID, "payments")), "unpaid_amount": total(NOT_PAID, "expected"),
            "late": int(total(PAID_LATE, "payments")), "late_amount": total(PAID_LATE, "paid"),
            "on_time_rate": total(ON_TIME, "payments") / due if due else None,
            "not_judged": int(frame.loc[frame["outcome"] == NO_PAYMENTS_FILE, "payments"].sum())}


def unpaid_help(headline: dict) -> str:
    """What the 欠付 count holds, and what it could not judge."""
    said = f"应发未发金额 {headline['unpaid_amount']:,.2f} 元"
    if headline["not_judged"]:
        said += f"；另有 {headline['not_judged']:,} 笔应发所属月份未上传发放数据，未判断是否欠付"
    return said


def coverage_by_month(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return query(con, "coverage_by_month", filters=filters.where()).df()


CHART_LINES = 10  # one line per village is readable for a town's five, not for a district's two hundred


def worst_villages(rates: pd.DataFrame, n: int = CHART_LINES) -> pd.DataFrame:
    """The per-month on-time rates of the n villages with the lowest rate over the whole range."""
    overall = rates.groupby("village")["on_time"].sum() / rates.groupby("village")["due"].sum()
    return rates[rates["village"].isin(overall.nsmallest(n).index)]


def more_villages_than_drawn(frame: pd.DataFrame, n: int = CHART_LINES) -> bool:
    """Whether a chart of one line per village (worst_villages, largest_villages) leaves some of the frame's out."""
    return frame["village"].nunique() > n


def largest_villages(coverage: pd.DataFrame, n: int = CHART_LINES) -> pd.DataFrame:
    """Coverage rows of the n villages with the most persons in the latest month."""
    latest = coverage[coverage["period"] == coverage["period"].max()].groupby("village")["persons"].sum()
    return coverage[coverage["village"].isin(latest.nlargest(n).index)]
