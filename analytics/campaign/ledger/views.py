"""The ledger as read: the list within the filters, one issue with its history and findings, and the figures, buckets
and grids the pages draw from that list."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics.access.privacy import mask_text
from analytics.campaign.ledger.rules import CLOSED, NOT_EFFECTIVE, OPEN_STATUSES, READY_TO_CLOSE, STATUSES, LedgerError
from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.core.values import plain

if TYPE_CHECKING:  # at run time scope imports the ledger package (its rules), which imports this module
    from analytics.access.scope import Scope

# what the ledger's heat map can count: issues in one of these statuses
HEAT_COUNTS = {"未销号": OPEN_STATUSES, CLOSED: (CLOSED,), "全部": STATUSES}
HEAT_VILLAGES = 20  # the heat map's rows at most: the villages with most issues
BUCKETS = ("已超期", "剩余≤10天", "剩余≤20天", "20天以上", "未定时限")
FROM_FINDINGS_ORIGIN = "信息比对"


def issues(con: duckdb.DuckDBPyConnection, filters: Filters, as_of: dt.date) -> pd.DataFrame:
    """The ledger within the village filter, open issues first by urgency, with days left and the overdue bucket."""
    return query(con, "ledger_list", {"as_of": as_of}, filters=filters.where("i", only=("villages",))).df()


def issue(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> dict:
    """One issue, if it is of the user's village (a 村(居) account) — else Forbidden."""
    current = held(con, issue_no)
    scope.check_village(current["village"])
    return current


def held(con: duckdb.DuckDBPyConnection, issue_no: str) -> dict:
    """One issue as the ledger holds it, whoever asks: for an import, whose rights were checked before."""
    found = query(con, "ledger_issue", {"issue_no": issue_no}).df()
    if found.empty:
        raise LedgerError(f"台账中没有编号为“{issue_no}”的问题")
    return {k: plain(v) for k, v in found.iloc[0].to_dict().items()}


def check_visible(con: duckdb.DuckDBPyConnection, issue_nos: list[str], scope: Scope) -> None:
    """Refuse unless every one of these issues is of the user's village."""
    if scope.village is not None:
        for (village,) in query(con, "ledger_villages_of", {"issue_nos": list(issue_nos)}).fetchall():
            scope.check_village(village)


def history(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> pd.DataFrame:
    check_visible(con, [issue_no], scope)
    return query(con, "ledger_history", {"issue_no": issue_no}).df()


def linked_findings(con: duckdb.DuckDBPyConnection, issue_no: str, scope: Scope) -> pd.DataFrame:
    """The findings an issue was made from, with whether each is still among the current findings."""
    check_visible(con, [issue_no], scope)
    return query(con, "ledger_linked_findings", {"issue_no": issue_no}).df()


def next_issue_no(con: duckdb.DuckDBPyConnection, year: int) -> str:
    prefix = f"QL-{year}-"
    numbers = [int(n[len(prefix):]) for (n,) in query(con, "ledger_issue_numbers").fetchall()
               if n.startswith(prefix) and n[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def draft_from_findings(con: duckdb.DuckDBPyConnection, chosen: pd.DataFrame, as_of: dt.date) -> dict:
    """An issue pre-filled from chosen findings (rows of analytics.findings.findings): one village and 整治重点 if they
    share one, the titles as category, the persons and the money involved, source 信息比对."""
    villages = chosen["village"].dropna().unique()
    focuses = chosen["focus"].value_counts()
    people = chosen["name"].dropna().unique()
    titles = list(dict.fromkeys(chosen["title"]))
    return {
        "issue_no": next_issue_no(con, as_of.year),
        "village": villages[0] if len(villages) == 1 else None,
        "focus": focuses.index[0] if len(focuses) else None,
        "category": "、".join(titles),
        "description": "；".join(chosen["explanation"].head(5).map(mask_text)) + ("等" if len(chosen) > 5 else ""),
        "origin": FROM_FINDINGS_ORIGIN,
        "found_date": as_of,
        "persons": f"{len(people)}人：" + "、".join(people[:10]) + ("等" if len(people) > 10 else "")
                   if len(people) else None,
        "amount": Decimal(str(chosen["amount"].fillna(0).sum())).quantize(Decimal("0.01")) or None,
        "deadline": as_of + dt.timedelta(days=30),
        "status": STATUSES[0],
        "referred": "否",
    }


def headline(ledger: pd.DataFrame) -> dict[str, int]:
    """The ledger's numbers for the overview: issues, open, overdue, referred, and the re-check outcomes."""
    open_ = ledger[ledger["status"] != CLOSED]
    return {"issues": len(ledger), "open": len(open_), "overdue": int((open_["bucket"] == "已超期").sum()),
            "closed": len(ledger) - len(open_), "referred": int((ledger["referred"] == "是").sum()),
            "not_effective": int((open_["recheck"] == NOT_EFFECTIVE).sum()),
            "ready_to_close": int((open_["recheck"] == READY_TO_CLOSE).sum())}


def narrowed(ledger: pd.DataFrame, statuses: list[str], buckets: list[str], referred_only: bool,
             text: str = "") -> pd.DataFrame:
    """The issues with one of `statuses` and `buckets` (empty: any), only those referred to 纪委 if asked, and with
    `text` in their number, description or persons."""
    keep = pd.Series(True, index=ledger.index)
    if text.strip():
        searched = ledger[["issue_no", "description", "persons"]].fillna("").agg(" ".join, axis=1)
        keep &= searched.str.contains(text.strip(), regex=False)
    if statuses:
        keep &= ledger["status"].isin(statuses)
    if buckets:
        keep &= ledger["bucket"].isin(buckets)
    if referred_only:
        keep &= ledger["referred"] == "是"
    return ledger[keep]


def totals(ledger: pd.DataFrame) -> tuple[float, float]:
    """涉及金额 and 追回金额 of all the issues."""
    return float(ledger["amount"].astype(float).sum()), float(ledger["recovered"].astype(float).sum())


def in_cell(ledger: pd.DataFrame, village: str, focus: str, counted: str) -> pd.DataFrame:
    """The issues a heat-map cell counts: of `village` and `focus`, with a status of HEAT_COUNTS[counted]."""
    return ledger[(ledger["village"] == village) & (ledger["focus"] == focus)
                  & ledger["status"].isin(HEAT_COUNTS[counted])]


def buckets(ledger: pd.DataFrame) -> pd.DataFrame:
    """Open issues per overdue bucket (all buckets, zero included), with the money involved."""
    open_ = ledger[ledger["status"] != CLOSED]
    counted = open_.groupby("bucket").agg(问题数=("issue_no", "count"), 涉及金额=("amount", "sum"))
    return counted.reindex(BUCKETS, fill_value=0).rename_axis("期限").reset_index()


def heatmap(ledger: pd.DataFrame, villages: tuple[str, ...], focuses: tuple[str, ...],
            statuses: tuple[str, ...]) -> pd.DataFrame:
    """Issues with one of `statuses` per village (rows) × 整治重点 (columns), every village and focus present."""
    chosen = ledger[ledger["status"].isin(statuses)]
    rows = list(dict.fromkeys([*villages, *ledger["village"]]))
    return (chosen.pivot_table(index="village", columns="focus", values="issue_no", aggfunc="count")
            .reindex(index=rows, columns=list(focuses)).fillna(0).astype(int))


def busiest(grid: pd.DataFrame, limit: int = HEAT_VILLAGES) -> pd.DataFrame:
    """The `limit` villages of a heat-map grid with most issues, in the grid's order: a district's hundred rows made
    a chart several screens tall."""
    if len(grid) <= limit:
        return grid
    kept = set(grid.sum(axis=1).sort_values(ascending=False, kind="stable").index[:limit])
    return grid[grid.index.isin(kept)]


def money(ledger: pd.DataFrame) -> pd.DataFrame:
    """涉及金额 and 追回金额 per village, the largest 涉及金额 first."""
    return (ledger.groupby("village")[["amount", "recovered"]].sum().astype(float)
            .rename(columns={"amount": "涉及金额", "recovered": "追回金额"}).rename_axis("村(居)")
            .sort_values("涉及金额", ascending=False, kind="stable").reset_index())
