"""Reading the stored findings and rule statuses (what the pages and the CLI show)."""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core.db import query
from analytics.core.filters import Condition, Filters


def findings_where(filters: Filters) -> Condition:
    """The filters on stored findings: one without a month shows in every month range, and one about a pair of
    programs when either program is chosen."""
    return filters.where(undated=True, second_program=True)


def findings(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The stored findings within the filters (a finding without a month shows in every month range)."""
    return query(con, "finding_list", {"codes": list(codes)}, filters=findings_where(filters)).df()


def status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per code: ok or 缺少数据 (with the datasets it waits for), how many findings, as of when."""
    return query(con, "finding_status_list").df()
