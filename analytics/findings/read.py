"""Reading the stored findings and rule statuses (what the pages and the CLI show)."""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core.db import query
from analytics.core.filters import Condition, Filters


def findings_where(filters: Filters, alias: str = "") -> Condition:
    """The filters on stored findings: one without a month shows in every month range, and one about a pair of
    programs when either program is chosen."""
    return filters.where(alias, undated=True, second_program=True)


def findings(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), codes: tuple[str, ...] = (),
             dismissed: bool = False) -> pd.DataFrame:
    """The stored findings within the filters (a finding without a month shows in every month range), with their
    latest verification; those judged 不属实 leave the list and are read with dismissed=True."""
    return query(con, "finding_list", {"codes": list(codes), "dismissed": [dismissed]},
                 filters=findings_where(filters, "f")).df()


def status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per code: ok or 缺少数据 (with the datasets it waits for), how many findings, as of when."""
    return query(con, "finding_status_list").df()
