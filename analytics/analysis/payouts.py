"""Payment timeliness and coverage over the months: what the overview and the payment page draw.

payment_outcomes is the one query (analytics/analysis/sql/payment_outcomes.sql); the functions below reshape it for each chart.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core import clock
from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.filters import Filters

LATE_BUCKETS = ((1, 3, "1–3天"), (4, 7, "4–7天"), (8, 15, "8–15天"), (16, 30, "16–30天"), (31, 10**6, "30天以上"))


def outcomes(con: duckdb.DuckDBPyConnection, filters: Filters, config: Config) -> pd.DataFrame:
    params = {"due_day": config.rules.due_day, "as_of": filters.as_of or clock.today(),
              "one_off": [p.name for p in config.programs if p.pays == "one-off"]}
    frame = query(con, "payment_outcomes", params, filters=filters.where()).df()
    for column in ("expected", "paid"):
        frame[column] = frame[column].astype("float64")
    return frame


def by_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Per month and outcome: how many expected payments and how much money."""
    return frame.groupby(["period", "outcome"], as_index=False)[["payments", "expected", "paid"]].sum()


def on_time_rate(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """按时 ÷ all payments that were due (未到期 left out), per the given columns."""
    due = frame[frame["outcome"] != "未到期"]
    totals = due.groupby(by)["payments"].sum()
    on_time = due[due["outcome"] == "按时"].groupby(by)["payments"].sum()
    rate = (on_time.reindex(totals.index, fill_value=0) / totals).rename("rate")
    return pd.concat([totals.rename("due"), on_time.reindex(totals.index, fill_value=0).rename("on_time"), rate],
                     axis=1).reset_index()


def late_days(frame: pd.DataFrame) -> pd.DataFrame:
    """How many late payments fell into each days-late bucket."""
    late = frame[frame["outcome"] == "迟发"]
    counts = {label: int(late[(late["days_late"] >= low) & (late["days_late"] <= high)]["payments"].sum())
              for low, high, label in LATE_BUCKETS}
    return pd.DataFrame({"bucket": list(counts), "payments": list(counts.values())})


def headline(frame: pd.DataFrame) -> dict:
    """Counts and money of 欠付 and 迟发, and the on-time rate, over the filtered months."""
    def total(outcome: str, column: str) -> float:
        return float(frame.loc[frame["outcome"] == outcome, column].sum())
    due = frame[frame["outcome"] != "未到期"]["payments"].sum()
    return {"unpaid": int(total("欠付", "payments")), "unpaid_amount": total("欠付", "expected"),
            "late": int(total("迟发", "payments")), "late_amount": total("迟发", "paid"),
            "on_time_rate": total("按时", "payments") / due if due else None}


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
