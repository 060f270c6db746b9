"""One village and one person: the drill-down of the meeting (town → village → person).

A person is reached by a token (analytics.privacy.person_token), so no link carries an ID number in clear.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.filters import Filters
from analytics.privacy import person_token
from analytics.store import query

PROFILE_PARTS = ("roster", "payments", "findings", "visits", "agreements", "crosscheck")


def link_secret(con: duckdb.DuckDBPyConnection) -> str:
    return query(con, "app_setting", {"key": "person_link_secret"}).fetchone()[0]


def token_of(con: duckdb.DuckDBPyConnection, person_id: str) -> str:
    return person_token(person_id, link_secret(con))


def person_of(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    found = query(con, "person_by_token", {"token": token, "secret": link_secret(con)}).fetchone()
    return found[0] if found else None


def village_people(con: duckdb.DuckDBPyConnection, village: str, filters: Filters) -> pd.DataFrame:
    frame = query(con, "village_people", filters.params() | {"village": village}).df()
    frame["amount"] = frame["amount"].astype("float64")
    return frame


def profile(con: duckdb.DuckDBPyConnection, person_id: str) -> dict[str, pd.DataFrame]:
    """Everything the store holds about one person, part by part."""
    return {part: query(con, f"person_{part}", {"person_id": person_id}).df() for part in PROFILE_PARTS}


def timeline(roster: pd.DataFrame) -> pd.DataFrame:
    """Per program, the months the person was on its roster, and whether active."""
    frame = roster[["period", "program", "status", "monthly_amount"]].copy()
    frame["active"] = frame["status"].fillna("").isin(["", "在保", "正常"])
    return frame
