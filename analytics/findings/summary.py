"""What the pages show of the stored findings: counts by code, severity, 整治重点 and village within the filters,
and the headline a leader can repeat — findings, persons, households and the money in its meanings, each yuan once.
Findings judged 不属实 on verification are left out of all of them (the view finding_counted).

Each reads the finding table (analytics/findings/sql/finding_summary_*.sql) and returns quickly at any scale; the
money is DECIMAL in SQL and float here, formatted at the edge.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.core.contract import MONEY_KINDS
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


# the headline's money figures, as `summary --format json` names them → the money kind each sums
MONEY_FIGURES = {"to_recover": "recover", "owed": "owed", "paid_late": "late", "approved_monthly": "approved"}


def money_label(figure: str) -> tuple[str, str]:
    """(label, one-line definition) of a headline money figure."""
    return MONEY_KINDS[MONEY_FIGURES[figure]]


def headline(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), keys: tuple[str, ...] | None = None) -> dict:
    """{"findings", "persons", "households", "by_code": {code: findings}, "money": {figure: 元}, "dismissed"}: the same
    figures on 总览, in the meeting pack and from `python -m analytics summary`; `keys` narrows the count and money to
    those findings (a list narrowed further on the page)."""
    bound = {"keys": None if keys is None else list(keys)}
    findings, persons, households, *money = query(con, "finding_headline", bound,
                                                  filters=findings_where(filters)).fetchone()
    dismissed = query(con, "finding_dismissed_count", filters=findings_where(filters, "f")).fetchone()[0]
    codes = by_code(con, filters)
    return {"findings": int(findings), "persons": int(persons), "households": int(households),
            "by_code": {row.code: int(row.findings) for row in codes.itertuples() if row.status == "ok"},
            "money": {figure: float(amount) for figure, amount in zip(MONEY_FIGURES, money)},
            "dismissed": int(dismissed)}


def headline_by_village(con: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> pd.DataFrame:
    """Per village: findings, persons, households, persons with a 高 finding (high_persons) and the money figures."""
    frame = query(con, "finding_headline_by_village", filters=findings_where(filters)).df()
    return frame.astype({figure: "float64" for figure in MONEY_FIGURES})
