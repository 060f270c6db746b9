"""Month-over-month changes per village and program (新增 / 退出 / 恢复), and the exits nothing explains.

Computed on demand from the live rosters (analytics/analysis/sql/changes_persons.sql) within the sidebar filters; people are
matched on the findings' integer person keys (the person_key macro, created on the connection if missing).
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.core.db import query, sql
from analytics.core.filters import Filters

KINDS = ("新增", "恢复", "退出")
NO_REASON = "无故退出"


def changes(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(),
            as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per person and change: period, village, program, person_id, name, change, reason (退出 only; blank =
    nothing explains the exit)."""
    con.execute(sql("finding_macro_person_key"))
    return query(con, "changes_persons", {"as_of": as_of or filters.as_of},
                 program_filter=filters.where(only=("programs",)), filters=filters.where(only=("villages", "months"))).df()


def unexplained_exits(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(),
                      as_of: dt.date | None = None) -> pd.DataFrame:
    frame = changes(con, filters, as_of)
    return frame[(frame["change"] == "退出") & frame["reason"].isna()].reset_index(drop=True)


def changes_summary(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(),
                    as_of: dt.date | None = None) -> pd.DataFrame:
    """Per (period, village, program): how many 新增, 恢复, 退出 and 无故退出."""
    frame = changes(con, filters, as_of)
    counts = pd.crosstab([frame["period"], frame["village"], frame["program"]], frame["change"])
    counts = counts.reindex(columns=list(KINDS), fill_value=0)
    unexplained = frame[(frame["change"] == "退出") & frame["reason"].isna()]
    counts[NO_REASON] = unexplained.groupby(["period", "village", "program"]).size()
    counts[NO_REASON] = counts[NO_REASON].fillna(0).astype(int)
    return counts.reset_index().rename_axis(columns=None)
