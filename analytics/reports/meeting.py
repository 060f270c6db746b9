"""会议材料 (the leadership group's meeting pack) as data: headline numbers at `as_of` with the change since the previous
meeting `since`, the villages ranked red/amber/green by a rule stated in words, findings by code and village, the
ledger with overdue and open issues first, phase progress and reporting completeness. analytics.reports.meeting_xlsx and
analytics.reports.meeting_pdf draw it; the overview page's button and `python -m analytics export` call `build`.

Dates: as_of defaults to the date the stored findings were computed for (what the pages show), since to a month
before as_of (the previous month's last day when as_of is a month's last day). Each number at either date:
- findings: the stored ones when the date is their as-of, else computed for that date inside a transaction that is
  rolled back (analytics.findings.engine.computed_at) — nothing stored changes;
- ledger: from its business dates (analytics/reports/sql/meeting_ledger_at.sql): open at D = 发现日期 ≤ D and not 销号 by D,
  overdue at D = open and 整改时限 before D;
- 在保对象, 发放 and payment timeliness: the latest month of roster or payment data up to the date;
- milestones: completions dated up to the date (analytics.campaign.phases).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.access.privacy import mask_text
from analytics.access.scope import Scope
from analytics.analysis import completeness, overview, payouts
from analytics.analysis.metrics import data_months, default_as_of
from analytics.campaign import ledger, phases
from analytics.core import clock
from analytics.core.config import Config
from analytics.core.contract import ISSUE_CLOSED
from analytics.core.db import query
from analytics.core.errors import JiuzhuError
from analytics.core.filters import Filters
from analytics.core.values import missing, month_label
from analytics.findings import findings, summary
from analytics.findings.engine import computed_at
from analytics.importing.parse import month_end

RED, AMBER, GREEN = "红", "黄", "绿"
COLOURS = {RED: "#c0392b", AMBER: "#e0b040", GREEN: "#2e8b57"}  # the palette's alarm, warning and good
RED_OVERDUE = 3  # a village with this many overdue issues is red
RED_HIGH = 6     # … or this many persons with a high-severity finding
COLOUR_RULE = (f"红：已超期问题≥{RED_OVERDUE}件，或高风险对象≥{RED_HIGH}人，或有逾期未完成的村级里程碑；"
               f"黄：未到红色，但有已超期问题或高风险对象；绿：既无已超期问题，也无高风险对象。"
               "同一颜色内按已超期问题、高风险对象、涉及人数从多到少排列。高风险对象：有高风险疑点的人（不论几个月）；"
               "核实为不属实的疑点不计。")
TOWN_LEVEL = "镇级"  # findings of no village (an institution) and the town's own units
MONEY_FIGURES = {figure: summary.money_label(figure)[0] for figure in summary.MONEY_FIGURES}  # 应追回, 应补发, …
MONEY = (*MONEY_FIGURES.values(), "涉及金额", "追回金额")
RATES = ("数据完整率", "完整率", "及时率")
RATE_COLUMNS = ["村(居)", "应报", "已报", "按时", "完整率", "及时率"]
GAP_COLUMNS = ["数据类别", "村(居)", "月份", "状态", "按时截止", "首次导入时间"]


class MeetingError(JiuzhuError):
    pass


@dataclass(frozen=True)
class Figure:
    """One headline number at as_of and at since (None: not comparable); kind is count, money or rate."""
    label: str
    now: float | None
    before: float | None
    kind: str = "count"
    note: str = ""

    @property
    def change(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before


@dataclass(frozen=True)
class Pack:
    town: str
    village: str | None
    as_of: dt.date
    since: dt.date
    dates_note: str
    figures: tuple[Figure, ...]
    ranking: pd.DataFrame        # one row per village, its colour in 评级
    by_code: pd.DataFrame        # every rule, its findings per village, the change since
    ledger: pd.DataFrame         # the issues found by as_of, overdue and open first
    buckets: pd.DataFrame        # open issues at as_of per overdue bucket
    timeline: pd.DataFrame
    milestones: pd.DataFrame
    progress: str
    by_phase: pd.DataFrame
    completeness: pd.DataFrame   # rates per village
    gaps: pd.DataFrame           # the late or missing monthly files
    colour_rule: str = COLOUR_RULE

    @property
    def scope(self) -> str:
        return self.village or f"全镇（{self.town}）"

    @property
    def title(self) -> str:
        return f"{self.town}{self.village or ''}困难群众救助补助突出问题专项整治会议材料"

    @property
    def overdue(self) -> pd.DataFrame:
        return self.ledger[self.ledger["截至分析日期"] == "已超期"]

    def file_name(self, suffix: str) -> str:
        return f"会议材料_{self.village or self.town}_{self.as_of:%Y%m%d}{suffix}"


@dataclass(frozen=True)
class _Snapshot:
    """What the pack reads at one date."""
    day: dt.date
    month: dt.date | None
    codes: pd.DataFrame      # analytics.findings.summary.by_code
    found: pd.DataFrame      # code and village of each finding
    headline: dict           # analytics.findings.summary.headline
    villages: pd.DataFrame   # analytics.findings.summary.headline_by_village
    issues: pd.DataFrame     # meeting_ledger_at.sql
    covered: int | None
    paid: float | None
    timeliness: dict
    items: pd.DataFrame      # milestone items
    progress: dict


def build(con: duckdb.DuckDBPyConnection, config: Config, *, scope: Scope, as_of: dt.date | None = None,
          since: dt.date | None = None, village: str | None = None) -> Pack:
    """The meeting pack for the whole town, or with `village` that village's own material (all the user's scope
    allows: a 村(居) account its own village only)."""
    if village is not None and village not in config.village_names:
        raise MeetingError(f"没有名为“{village}”的村(居)；可选：{'、'.join(config.village_names)}")
    scope.check_export(village)
    as_of, since, note = dates(con, as_of, since)
    filters = scope.filters(Filters(villages=(village,) if village else ()))
    now, before = (_snapshot(con, config, day, filters) for day in (as_of, since))
    rates, gaps = _completeness(con, config, filters.narrowed(month_to=now.month))
    villages = (village,) if village else config.village_names
    return Pack(
        town=config.town, village=village, as_of=as_of, since=since, dates_note=note,
        figures=_figures(now, before), ranking=ranking(now, before, villages, rates),
        by_code=_by_code(now, before, villages), ledger=_ledger_shown(now.issues), buckets=_buckets(now.issues),
        timeline=phases.timeline(config, as_of).rename(columns={"phase": "阶段", "start": "开始", "end": "结束",
                                                                 "state": "状态"}),
        milestones=_milestones_shown(now.items), progress=_progress_text(now.progress),
        by_phase=phases.issues_by_phase(config, _by_business_dates(now.issues)),
        completeness=rates, gaps=gaps,
    )


def dates(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, since: dt.date | None) -> tuple[dt.date, dt.date, str]:
    """as_of and since with their defaults, and a sentence saying which were defaulted."""
    defaults = ((query(con, "finding_as_of").fetchone()[0], "当前疑点的计算日期"),
                (default_as_of(con), "最新数据月份的最后一天"), (clock.today(), "今天"))
    why = "" if as_of else next(f"（默认：{why}）" for day, why in defaults if day)
    as_of = as_of or next(day for day, _ in defaults if day)
    note = f"分析日期 {as_of:%Y-%m-%d}{why}；变化对比上次会议日期 " + \
        (f"{since:%Y-%m-%d}" if since else f"{month_before(as_of):%Y-%m-%d}（默认：分析日期前一个月）")
    since = since or month_before(as_of)
    if since >= as_of:
        raise MeetingError(f"上次会议日期 {since:%Y-%m-%d} 应早于分析日期 {as_of:%Y-%m-%d}")
    return as_of, since, note


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier (the last day when the month is shorter, or when `day` is a month's last day)."""
    last_of_previous = day.replace(day=1) - dt.timedelta(days=1)
    return last_of_previous if day == month_end(day) else last_of_previous.replace(day=min(day.day,
                                                                                          last_of_previous.day))


def _snapshot(con, config: Config, day: dt.date, filters: Filters) -> _Snapshot:
    def read(c):
        return (summary.by_code(c, filters), findings(c, filters)[["code", "village"]], summary.headline(c, filters),
                summary.headline_by_village(c, filters))
    stored = query(con, "finding_as_of").fetchone()[0]
    codes, found, headline, villages = read(con) if stored == day else computed_at(con, config, day, read)
    month = max((m for m in data_months(con) if m <= day), default=None)
    covered = overview.covered(con, filters, month)[1] if month else None
    paid = overview.paid(con, filters, month)[1] if month else None
    timeliness = payouts.headline(payouts.outcomes(con, filters.narrowed(month_to=month, as_of=day), config)) \
        if month else {}
    items = phases.milestones(con, config, day)
    if filters.villages:
        items = items[items["village"].isin([*filters.villages, phases.TOWN])]
    issues = query(con, "meeting_ledger_at", {"as_of": day}, filters=filters.where(only=("villages",))).df()
    return _Snapshot(day, month, codes, found, headline, villages.set_index("village"), issues, covered,
                     paid, timeliness, items, phases.progress(config, items, day))


def _figures(now: _Snapshot, before: _Snapshot) -> tuple[Figure, ...]:
    def pair(read, label, kind="count", note=""):
        return Figure(label, _number(read(now)), _number(read(before)), kind, note)

    def month_of(s: _Snapshot) -> str:
        return month_label(s.month) if s.month else "无数据"
    months = f"本期 {month_of(now)}，上次 {month_of(before)}"
    return (
        pair(lambda s: s.covered, "在保对象（人）", note=f"数据月份名册在保人数（{months}）"),
        pair(lambda s: s.paid, "当月发放金额", "money", f"数据月份所属期发放（{months}）"),
        pair(lambda s: s.headline["findings"], "疑点（条）", note="截至该日计算的疑点，核实为不属实的不计"),
        pair(lambda s: s.headline["persons"], "涉及人数（人）", note="同一人多个月、多条疑点只算一人"),
        pair(lambda s: s.headline["households"], "涉及户数（户）"),
        pair(lambda s: int(s.villages["high_persons"].sum()), "其中高风险对象（人）", note="有高风险疑点的人"),
        *(pair(lambda s, figure=figure: s.headline["money"][figure], label, "money", summary.money_label(figure)[1])
          for figure, label in MONEY_FIGURES.items()),
        pair(lambda s: s.timeliness.get("unpaid"), "欠付（笔）", note="截至该日已过发放期限仍未发放"),
        pair(lambda s: s.timeliness.get("unpaid_amount"), "欠付金额", "money"),
        pair(lambda s: s.timeliness.get("late"), "迟发（笔）"),
        pair(lambda s: s.timeliness.get("on_time_rate"), "按时发放率", "rate", "已到期应发笔数中按时发放的比例"),
        pair(lambda s: int(s.issues["is_open"].sum()), "未销号问题（件）", note="发现日期在该日及以前、该日尚未销号"),
        pair(lambda s: int(s.issues["overdue"].sum()), "其中已超期（件）", note="未销号且已过整改时限"),
        pair(lambda s: int((s.issues["found"] & ~s.issues["is_open"]).sum()), "已销号问题（件）"),
        pair(lambda s: s.issues.loc[s.issues["is_open"], "amount"].astype("float64").sum(), "未销号问题涉及金额",
             "money"),
        pair(lambda s: s.progress["share"], "里程碑完成率", "rate",
             f"已完成 {now.progress['done']}/{now.progress['total']} 项"),
        pair(lambda s: s.progress["time_share"], "时间进度", "rate", "整治期已过天数占比"),
    )


def colour(overdue: int, high: int, late_milestones: int) -> str:
    """The village's colour by COLOUR_RULE."""
    if overdue >= RED_OVERDUE or high >= RED_HIGH or late_milestones > 0:
        return RED
    return AMBER if overdue or high else GREEN


def ranking(now: _Snapshot, before: _Snapshot, villages: tuple[str, ...], rates: pd.DataFrame) -> pd.DataFrame:
    """One row per village with its colour, ordered as COLOUR_RULE says."""
    found, issues, items = now.found, now.issues, now.items
    rows = []
    for v in villages:
        open_ = issues[(issues["village"] == v) & issues["is_open"]]
        mine = now.villages.loc[v] if v in now.villages.index else None
        overdue, high = int(open_["overdue"].sum()), int(mine["high_persons"]) if mine is not None else 0
        late = int(((items["village"] == v) & (items["status"] == phases.OVERDUE)).sum())
        rate = rates.loc[rates["村(居)"] == v, "完整率"]
        findings_now = int((found["village"] == v).sum())
        rows.append({"村(居)": v, "评级": colour(overdue, high, late), "已超期问题": overdue, "未销号问题": len(open_),
                     "高风险对象": high, "涉及人数": int(mine["persons"]) if mine is not None else 0,
                     "疑点总数": findings_now, "疑点较上次": findings_now - int((before.found["village"] == v).sum()),
                     **{label: float(mine[figure]) if mine is not None else 0.0
                        for figure, label in MONEY_FIGURES.items()},
                     "逾期未完成里程碑": late, "数据完整率": float(rate.iloc[0]) if len(rate) else None})
    frame = pd.DataFrame(rows, columns=["村(居)", "评级", "已超期问题", "未销号问题", "高风险对象", "涉及人数", "疑点总数",
                                        "疑点较上次", *MONEY_FIGURES.values(), "逾期未完成里程碑", "数据完整率"])
    frame["order"] = frame["评级"].map({RED: 0, AMBER: 1, GREEN: 2})
    frame = frame.sort_values(["order", "已超期问题", "高风险对象", "涉及人数"], ascending=[True, False, False, False],
                              kind="stable").drop(columns="order")
    frame.insert(0, "排名", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)


def _by_code(now: _Snapshot, before: _Snapshot, villages: tuple[str, ...]) -> pd.DataFrame:
    """Every rule in the code table's order: its findings per village (镇级: of no village), in all, at since and the
    change; a rule still waiting for data shows 缺少数据 and no counts."""
    places = now.found["village"].fillna(TOWN_LEVEL).replace("", TOWN_LEVEL)
    columns = [*villages, *([TOWN_LEVEL] if (places == TOWN_LEVEL).any() else [])]
    grid = pd.crosstab(now.found["code"], places).reindex(index=now.codes["code"], columns=columns, fill_value=0)
    ran = pd.Series(now.codes["status"].eq("ok").to_numpy())

    def counts(values) -> pd.Series:
        return pd.Series(values, dtype="Int64").where(ran)
    frame = pd.DataFrame({"疑点代码": now.codes["code"], "疑点": now.codes["title"], "整治重点": now.codes["focus"],
                          "严重程度": now.codes["severity"]}).reset_index(drop=True)
    for column in columns:
        frame[column] = counts(grid[column].to_numpy())
    frame["合计"] = counts(now.codes["findings"].fillna(0).to_numpy())
    frame["上次"] = counts(now.codes["code"].map(before.found["code"].value_counts()).fillna(0).to_numpy())
    frame["变化"] = frame["合计"] - frame["上次"]
    frame["涉及金额"] = now.codes["amount"].astype("float64")
    frame["状态"] = [(f"已计算（{m}）" if m else "已计算") if s == "ok" else f"缺少数据：{m}"
                   for s, m in zip(now.codes["status"], now.codes["missing"].fillna(""))]
    return frame


def _ledger_shown(issues: pd.DataFrame) -> pd.DataFrame:
    found = issues[issues["found"]].copy()
    found["state"] = found["bucket"].map(lambda b: b if b in ("已超期", ISSUE_CLOSED) else "未超期")
    found["description"] = found["description"].map(mask_text)
    found["days_left"] = found["days_left"].astype("Int64")
    for name in ("amount", "recovered"):
        found[name] = found[name].astype("float64")
    labels = {"issue_no": "问题编号", "village": "村(居)/单位", "focus": "整治重点", "category": "问题类别",
              "description": "问题描述", "found_date": "发现日期", "deadline": "整改时限", "state": "截至分析日期",
              "days_left": "剩余天数", "bucket": "期限情况", "status": "当前整改状态", "closed_date": "销号日期",
              "amount": "涉及金额", "recovered": "追回金额", "responsible_unit": "责任单位",
              "responsible_person": "责任人", "referred": "是否移送纪委"}
    return found[list(labels)].rename(columns=labels).reset_index(drop=True)


def _buckets(issues: pd.DataFrame) -> pd.DataFrame:
    open_ = issues[issues["is_open"]]
    counted = open_.groupby("bucket").agg(问题数=("issue_no", "count"), 涉及金额=("amount", "sum"))
    counted = counted.reindex(ledger.BUCKETS, fill_value=0).rename_axis("期限").reset_index()
    counted["涉及金额"] = counted["涉及金额"].astype("float64")
    return counted


def _by_business_dates(issues: pd.DataFrame) -> pd.DataFrame:
    """found_date and closed_date as known at the date (for phases.issues_by_phase)."""
    found = issues[issues["found"]]
    return found.assign(closed_date=found["closed_date"].where(~found["is_open"]))


def _milestones_shown(items: pd.DataFrame) -> pd.DataFrame:
    shown = items.assign(village=items["village"].replace(phases.TOWN, "全镇"))
    shown = shown[["phase", "milestone", "village", "due", "completed_on", "status", "evidence"]]
    return shown.rename(columns=phases.LABELS).reset_index(drop=True)


def _progress_text(progress: dict) -> str:
    return (f"里程碑已完成 {progress['done']}/{progress['total']} 项（{progress['share']:.0%}）；时间进度 "
            f"{progress['days']}/{progress['campaign_days']} 天（{progress['time_share']:.0%}）。{phases.PROGRESS_RULE}")


def _completeness(con, config: Config, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rates per village, and the late or missing monthly files, up to the data month (none: empty tables)."""
    cells = completeness.cells(con, config, filters) if filters.month_to else pd.DataFrame()
    if cells.empty:
        return pd.DataFrame(columns=RATE_COLUMNS), pd.DataFrame(columns=GAP_COLUMNS)
    rates = completeness.rates(cells, ["village"]).rename(columns={"village": "村(居)"})[RATE_COLUMNS]
    return rates, completeness.shown(cells[cells["state"] != completeness.ON_TIME]).reset_index(drop=True)


def _number(value) -> float | int | None:
    """A plain int or float (numpy's and pandas' scalars too), None for a missing one."""
    if missing(value):
        return None
    return int(value) if float(value).is_integer() and not isinstance(value, float) else float(value)
