"""Campaign phases and milestones (domain.md §7): which phase a date falls in, each milestone's status at an as-of
date, completions recorded in the app (append-only, latest wins), issues found and closed per phase, and one overall
progress figure with the rule that computes it.

A milestone's status at as_of: 已完成 when completed on or before as_of; 逾期未完成 when its due date (configured, else
its phase's end) is before as_of; otherwise 未到期. A per-village milestone is one item per configured village.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.access.scope import Scope
from analytics.core.config import Config
from analytics.core.db import query, transaction, write_lock
from analytics.core.errors import JiuzhuError
from analytics.core.values import date_text, missing

DONE, OVERDUE, NOT_DUE = "已完成", "逾期未完成", "未到期"
TOWN = ""  # the village of a town-level milestone's record
LABELS = {"phase": "阶段", "milestone": "里程碑", "village": "村(居)", "due": "时限", "completed_on": "完成日期",
          "evidence": "佐证材料", "on_time": "按期完成", "status": "状态"}
PROGRESS_RULE = ("总体进度 = 截至分析日期已完成的里程碑事项数 ÷ 全部事项数；按村(居)上报的事项每个村(居)各算一项。"
                 "时间进度 = 第一阶段开始至分析日期的天数 ÷ 整个整治期的天数，二者对照可看出是否滞后。")


class MilestoneError(JiuzhuError):
    pass


def milestones(con: duckdb.DuckDBPyConnection, config: Config, as_of: dt.date) -> pd.DataFrame:
    """One row per milestone item (per village for per-village milestones) with its status at as_of."""
    records = {(r.milestone, r.village): r for r in query(con, "milestone_latest").df().itertuples()}
    rows = []
    for m in config.milestones:
        for village in config.village_names if m.per_village else (TOWN,):
            record = records.get((m.name, village))
            completed = _date(record.completed_on) if record is not None else None
            done = completed is not None and completed <= as_of
            rows.append({"phase": m.phase, "milestone": m.name, "village": village, "due": m.due,
                         "completed_on": completed if done else None,
                         "evidence": record.evidence if done else None,
                         "on_time": done and completed <= m.due,
                         "status": DONE if done else OVERDUE if m.due < as_of else NOT_DUE})
    return pd.DataFrame(rows, columns=["phase", "milestone", "village", "due", "completed_on", "evidence", "on_time",
                                       "status"])


def record(con: duckdb.DuckDBPyConnection, config: Config, milestone: str, village: str, completed_on: dt.date | None,
           evidence: str | None, *, scope: Scope) -> None:
    """Record a completion (date and evidence required) or, with completed_on None, withdraw one — if the user may."""
    scope.check_milestones()
    found = next((m for m in config.milestones if m.name == milestone), None)
    if found is None:
        raise MilestoneError(f"没有名为“{milestone}”的里程碑")
    if found.per_village and village not in config.village_names:
        raise MilestoneError(f"“{milestone}”按村(居)记录，请选择村(居)")
    if not found.per_village:
        village = TOWN
    if completed_on is not None and not (evidence or "").strip():
        raise MilestoneError("请填写佐证材料（如文件名、文号或会议纪要）")
    with write_lock, transaction(con):
        query(con, "milestone_insert", {"milestone": milestone, "village": village, "completed_on": completed_on,
                                        "evidence": (evidence or "").strip() or None, "user": scope.user})


def town_table(items: pd.DataFrame) -> pd.DataFrame:
    """The town-level milestones with Chinese headers; a date not yet recorded and missing evidence blank (the grid
    would show "None")."""
    town = items[items["village"] == TOWN].drop(columns=["village"])
    for column in ("due", "completed_on"):
        town[column] = town[column].map(date_text)
    return town.assign(evidence=town["evidence"].fillna("")).rename(columns=LABELS)


def village_grid(items: pd.DataFrame) -> pd.DataFrame:
    """Per-village milestones: villages as rows (headed 村(居)), milestones as columns, the status in each cell."""
    per_village = items[items["village"] != TOWN]
    return per_village.pivot(index="village", columns="milestone", values="status").rename_axis(index="村(居)",
                                                                                                columns=None)


def phase_of(config: Config, day: dt.date | None) -> str | None:
    return next((p.name for p in config.phases if day and p.start <= day <= p.end), None)


def timeline(config: Config, as_of: dt.date) -> pd.DataFrame:
    """The phases with their dates and whether each is over, under way or ahead at as_of."""
    return pd.DataFrame([{"phase": p.name, "start": p.start, "end": p.end,
                          "state": "已结束" if p.end < as_of else "进行中" if p.start <= as_of else "未开始"}
                         for p in config.phases])


def issues_by_phase(config: Config, ledger: pd.DataFrame) -> pd.DataFrame:
    """Issues found (发现日期) and closed (销号日期) within each phase; dates outside every phase under 阶段外, no date
    not counted."""
    names = [p.name for p in config.phases]
    found = ledger["found_date"].dropna().map(lambda d: phase_of(config, _date(d)) or "阶段外").value_counts()
    closed = ledger["closed_date"].dropna().map(lambda d: phase_of(config, _date(d)) or "阶段外").value_counts()
    frame = pd.DataFrame({"发现问题": found, "销号": closed}).reindex([*names, "阶段外"]).fillna(0).astype(int)
    frame = frame.rename_axis("阶段").reset_index()
    return frame[(frame["阶段"] != "阶段外") | (frame[["发现问题", "销号"]].sum(axis=1) > 0)]


def progress(config: Config, items: pd.DataFrame, as_of: dt.date) -> dict:
    """Milestone progress and time progress, each as done/total and a share (see PROGRESS_RULE)."""
    done, total = int((items["status"] == DONE).sum()), len(items)
    if not config.phases:
        return {"done": done, "total": total, "share": done / total if total else 0.0, "days": 0,
                "campaign_days": 0, "time_share": 0.0}
    start, end = min(p.start for p in config.phases), max(p.end for p in config.phases)
    elapsed = min(max((as_of - start).days + 1, 0), (end - start).days + 1)
    return {"done": done, "total": total, "share": done / total if total else 0.0,
            "days": elapsed, "campaign_days": (end - start).days + 1,
            "time_share": elapsed / ((end - start).days + 1)}


def _date(value) -> dt.date | None:
    if missing(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value
