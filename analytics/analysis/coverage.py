"""The coverage gaps (覆盖缺口): who should have left (应退未退), who is covered twice (重复享受), who may be missing
(疑似漏保), and how coverage moved month by month."""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.access.privacy import Privacy
from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.findings import findings, view

SHOULD_EXIT = ("DEATH_PAID", "DEAD_ON_ROSTER", "INACTIVE_PAID", "AGE_INELIGIBLE", "CROSSCHECK_HIT")
SUMMARY_HEADERS = {"title": "疑点", "findings": "疑点（条）", "persons": "对象（人）", "amount": "涉及金额(元)"}
MISSED_SHOWN = ("村(居)", "姓名", "身份证号", "救助类别", "说明")


def should_exit(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    frame = findings(con, filters, SHOULD_EXIT)
    frame["amount"] = frame["amount"].astype("float64")
    return frame


def should_exit_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per code: findings, persons and the money involved."""
    if frame.empty:
        return pd.DataFrame(columns=["title", "findings", "persons", "amount"])
    return (frame.groupby("title", as_index=False)
            .agg(findings=("code", "size"), persons=("person_id", "nunique"), amount=("amount", "sum")))


def should_exit_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The summary per code with Chinese headers, as 覆盖缺口 shows it."""
    return should_exit_summary(frame).rename(columns=SUMMARY_HEADERS)


def exclusive_matrix(con: duckdb.DuckDBPyConnection, filters: Filters, config: Config) -> pd.DataFrame:
    """A programs × programs grid of persons found in both programs of an excluded pair (0 where none)."""
    pairs = query(con, "finding_exclusive_matrix", filters=filters.where(second_program=True)).df()
    programs = [p for p in config.program_names
                if any(p in (pair.a, pair.b) for pair in config.exclusive_pairs)]
    grid = pd.DataFrame(0, index=programs, columns=programs)
    for row in pairs.itertuples():
        grid.loc[row.program, row.program_b] = row.persons
    return grid


def exclusive_persons(con: duckdb.DuckDBPyConnection, filters: Filters, program: str, program_b: str) -> pd.DataFrame:
    frame = findings(con, filters, ("EXCLUSIVE_DUP",))
    pair = frame[((frame["program"] == program) & (frame["program_b"] == program_b))
                 | ((frame["program"] == program_b) & (frame["program_b"] == program))]
    return pair.drop_duplicates("person_id")


def missed(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return findings(con, filters, ("MISSED_ELIGIBLE",))


def missed_shown(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """The persons maybe missed, with Chinese headers, masked: where they live, who, which program and why."""
    return view.shown(frame, privacy)[list(MISSED_SHOWN)]
