"""What the pages show of the stored findings: counts by code, severity, 整治重点 and village within the filters.

Each reads the finding table (analytics/findings/sql/finding_summary_*.sql) and returns quickly at any scale; the money is
DECIMAL in SQL and float here, formatted at the edge.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.findings.params import code_params
from analytics.findings.read import findings_where


def by_code(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    """Every rule in the code table's order: status (ok/缺少数据), findings, persons, amount (null while 缺少数据)."""
    return query(con, "finding_summary_by_code", code_params(), filters=findings_where(filters)).df()


def by_severity(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    return query(con, "finding_summary_by_severity", filters=findings_where(filters)).df()


def by_focus(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    return query(con, "finding_summary_by_focus", filters=findings_where(filters)).df()


def by_village(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    return query(con, "finding_summary_by_village", filters=findings_where(filters)).df()


SUMMARIES = {"by_code": by_code, "by_severity": by_severity, "by_focus": by_focus, "by_village": by_village}
