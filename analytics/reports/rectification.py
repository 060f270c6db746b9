"""整改报告 (the phase's rectification report, issue 21) as data: the standard figures at the phase's report date, each
with its definition, the findings and ledger issues per 整治重点, the 动态管理 rates and the monthly money
reconciliation. analytics.reports.rectification_docx writes it as an editable .docx; the 阶段进度 page and
`python -m analytics report` call `build`.

The report date of a phase is the due date of its milestone marked `report = true` in config.toml (a village's report:
the per-village one), else the phase's end. Findings are read as they stand at that date (computed inside a
transaction that is rolled back when the stored ones are for another date); the ledger by its business dates
(analytics/reports/sql/meeting_ledger_at.sql); rosters, payments, transfers and the 问题线索移送登记 up to that date. A
figure with no data source in the store (问责, 建章立制; 移送问题线索 in a 村(居) account's report, as the register is
hidden from villages) is left blank for the office to fill in, and its definition says so — never a made-up number.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.access.scope import Scope
from analytics.analysis import dynamics, reconcile
from analytics.core.config import Config, Phase
from analytics.core.contract import FOCUSES, PARTLY_TRUE, TRUE
from analytics.core.db import query
from analytics.core.errors import JiuzhuError
from analytics.core.filters import Filters
from analytics.findings.engine import computed_at

TO_FILL = "（待填写）"
NO_SOURCE = "看板中没有此项数据，由镇民政办填写。"
FOCUS_COLUMNS = ["整治重点", "疑点（条）", "已核实（条）", "核实属实（条）", "台账问题（个）", "已整改（个）", "整改率"]


class ReportError(JiuzhuError):
    pass


@dataclass(frozen=True)
class Figure:
    """One standard figure: the value as printed (TO_FILL: the office fills it in), its definition, the numbers."""
    label: str
    value: str
    definition: str
    numbers: tuple[float, ...] = ()


@dataclass(frozen=True)
class Report:
    town: str
    district: str
    village: str | None
    phase: Phase
    as_of: dt.date
    date_note: str
    figures: tuple[Figure, ...]
    by_focus: pd.DataFrame           # FOCUS_COLUMNS, one row per 整治重点 and 合计
    rates: tuple[dynamics.Rate, ...]
    money: pd.DataFrame              # per month, all programs: 月份, 应发, 实发, 未发, 区拨付, 退回, 结余
    money_by_program: pd.DataFrame   # per program over the months
    money_note: str
    sample: bool = False

    @property
    def scope(self) -> str:
        return self.village or self.town

    @property
    def title(self) -> str:
        return f"{self.town}{self.village or ''}困难群众救助补助突出问题专项整治{self.phase.name}阶段工作报告"

    def file_name(self) -> str:
        return file_name(self.phase.name, self.scope, self.as_of)

    def figure(self, label: str) -> Figure:
        return next(f for f in self.figures if f.label == label)


def file_name(phase: str, scope: str, as_of: dt.date) -> str:
    return f"整改报告_{phase}_{scope}_{as_of:%Y%m%d}.docx"


def report_date(config: Config, phase: Phase, village: str | None) -> tuple[dt.date, str]:
    """The phase's report date and where it comes from."""
    marked = [m for m in config.milestones if m.phase == phase.name and m.report and m.per_village == bool(village)]
    if marked:
        last = max(marked, key=lambda m: m.due)
        return last.due, f"“{last.name}”的时限"
    return phase.end, "阶段结束日"


def phase_named(config: Config, name: str) -> Phase:
    found = next((p for p in config.phases if p.name == name), None)
    if found is None:
        raise ReportError(f"没有名为“{name}”的整治阶段；可选：{'、'.join(p.name for p in config.phases)}")
    return found


def build(con: duckdb.DuckDBPyConnection, config: Config, *, scope: Scope, phase: str, village: str | None = None,
          as_of: dt.date | None = None, sample: bool = False) -> Report:
    """The report of `phase` for the town, or with `village` (a 村(居) account: always its own) that village's."""
    village = village or scope.village
    if village is not None and village not in config.village_names:
        raise ReportError(f"没有名为“{village}”的村(居)；可选：{'、'.join(config.village_names)}")
    scope.check_export(village)
    found = phase_named(config, phase)
    due, why = report_date(config, found, village)
    note = f"截至 {as_of:%Y-%m-%d}（指定日期）" if as_of else f"截至 {due:%Y-%m-%d}（{why}）"
    as_of = as_of or due
    filters = scope.filters(Filters(villages=(village,) if village else (), as_of=as_of))
    stored = query(con, "finding_as_of").fetchone()[0]
    read = _reader(filters, as_of)
    focus_findings, pending = read(con) if stored == as_of else computed_at(con, config, as_of, read)
    issues = query(con, "meeting_ledger_at", {"as_of": as_of}, filters=filters.where(only=("villages",))).df()
    issues = issues[issues["found"]]
    changes = dynamics.changes(con, config, filters, as_of)
    exits = dynamics.change_totals(changes, dynamics.EXIT)
    rates = dynamics.rates(con, config, filters, as_of, exits=exits["persons"], pending=pending)
    money, by_program, money_note = _money(con, config, filters, as_of)
    referrals = _referrals(con, filters, as_of) if scope.village is None else None
    return Report(config.town, config.district, village, found, as_of, note,
                  _figures(con, config, filters, as_of, issues, changes, focus_findings, referrals),
                  _by_focus(focus_findings, issues), tuple(rates), money, by_program, money_note, sample)


def _reader(filters: Filters, as_of: dt.date):
    """What the report reads of the findings at as_of: per 整治重点 with their 核实, and the 应退未退 persons."""
    def read(c: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, int]:
        frame = query(c, "report_findings_by_focus", {"as_of": as_of, "true_results": [TRUE, PARTLY_TRUE]},
                      filters=filters.where(only=("villages", "programs"), second_program=True)).df()
        return frame, dynamics.should_exit(c, filters)
    return read


def _referrals(con, filters: Filters, as_of: dt.date) -> int:
    return int(query(con, "report_referrals", {"as_of": as_of, "villages": list(filters.villages)}).fetchone()[0])


def _figures(con, config: Config, filters: Filters, as_of: dt.date, issues: pd.DataFrame, changes: pd.DataFrame,
             findings: pd.DataFrame, referrals: int | None) -> tuple[Figure, ...]:
    start = dynamics.campaign_start(config)
    screened, households = query(con, "report_screened", {"window_start": start, "as_of": as_of},
                                 filters=filters.where(only=("villages",))).fetchone()
    closed = issues[~issues["is_open"]]
    exits = dynamics.change_totals(changes, dynamics.EXIT)
    entries = dynamics.change_totals(changes, dynamics.ENTRY)
    recovered = float(issues["recovered"].astype("float64").fillna(0).sum())
    counted, confirmed = int(findings["findings"].sum()), int(findings["confirmed"].sum())
    rate = f"，整改率 {len(closed) / len(issues):.0%}" if len(issues) else ""
    since = f"{start:%Y-%m-%d}（整治开始）至 {as_of:%Y-%m-%d}"
    return (
        Figure("排查对象（户/人）", f"{households:,} 户 / {screened:,} 人",
               f"{since}各月名册中在保的对象，一人享受多类只计一次；户按户编号或户主归户，无户信息的一人一户。",
               (households, screened)),
        Figure("发现问题（个）", f"{len(issues):,} 个",
               f"问题台账中发现日期在 {as_of:%Y-%m-%d} 及以前的问题，按整治重点分列见表 2。另有数据比对疑点 {counted:,} 条"
               f"（核实为不属实的不计），其中已核实属实或部分属实 {confirmed:,} 条。", (len(issues), counted)),
        Figure("已整改（个）", f"{len(closed):,} 个{rate}",
               f"上述问题中销号日期在 {as_of:%Y-%m-%d} 及以前（已销号）的；已整改待销号的不计。", (len(closed),)),
        Figure("清退（户/人/元）",
               f"{exits['households']:,} 户 / {exits['persons']:,} 人 / {exits['amount']:,.2f} 元",
               f"{since}退出保障的对象：此前在保、其后各月名册中不再在保（村(居)间迁移不算）；户为全户退出的户；"
               "元为退出前最后一个月的核定月保障金额之和（每月减少的支出，低保按户金额计）。",
               (exits["households"], exits["persons"], exits["amount"])),
        Figure("新纳入（户/人）", f"{entries['households']:,} 户 / {entries['persons']:,} 人",
               f"{since}新纳入保障的对象：首次在保的月份在整治期内，且晚于该村(居)该类别的第一份名册；户为此前无成员在保的户。",
               (entries["households"], entries["persons"])),
        Figure("追回资金（元）", f"{recovered:,.2f} 元",
               f"问题台账中发现日期在 {as_of:%Y-%m-%d} 及以前的问题登记的追回金额之和（台账不记追回日期，按当前登记数）。",
               (recovered,)),
        Figure("移送问题线索（件）", TO_FILL, "向纪委移送的问题线索件数；问题线索移送登记只有纪委和管理员可见，村(居)的报告"
               "不含此项，由镇民政办填写。") if referrals is None else
        Figure("移送问题线索（件）", f"{referrals:,} 件",
               f"问题线索移送登记中移送日期在 {as_of:%Y-%m-%d} 及以前的线索"
               + ("（关联本村(居)台账问题或疑点的）" if filters.villages else "") + "。", (referrals,)),
        Figure("问责（人）", TO_FILL, "因本次整治被问责的人数。" + NO_SOURCE),
        Figure("建章立制（项）", TO_FILL, "本阶段新建或修订的制度项数。" + NO_SOURCE),
    )


def _by_focus(findings: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    found = findings.set_index("focus").reindex(FOCUSES).fillna(0).astype(int)
    ledger = issues.groupby("focus").agg(issues=("issue_no", "count"), closed=("is_open", lambda s: int((~s).sum())))
    ledger = ledger.reindex(FOCUSES).fillna(0).astype(int)
    frame = pd.DataFrame({"整治重点": list(FOCUSES), "疑点（条）": found["findings"].to_numpy(),
                          "已核实（条）": found["verified"].to_numpy(), "核实属实（条）": found["confirmed"].to_numpy(),
                          "台账问题（个）": ledger["issues"].to_numpy(), "已整改（个）": ledger["closed"].to_numpy()})
    total = frame.drop(columns="整治重点").sum()
    frame = pd.concat([frame, pd.DataFrame([{"整治重点": "合计", **total.to_dict()}])], ignore_index=True)
    frame["整改率"] = [f"{c / i:.0%}" if i else "—" for c, i in zip(frame["已整改（个）"], frame["台账问题（个）"])]
    return frame[FOCUS_COLUMNS]


def _money(con, config: Config, filters: Filters, as_of: dt.date) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The reconciliation from the campaign's first month to the report's month."""
    window = filters.narrowed(month_from=dynamics.campaign_start(config), month_to=as_of.replace(day=1))
    frame = reconcile.months(con, window)
    note = "；".join(f"{k}：{v}" for k, v in reconcile.DEFINITIONS.items()) + "。"
    if filters.villages:
        note += reconcile.TOWN_ONLY
    if frame["transferred"].isna().all() and not filters.villages:
        note += "未导入区拨付资金台账，区拨付、退回、结余空白。"
    return reconcile.shown(reconcile.by_month(frame)), reconcile.shown(reconcile.by_program(frame)), note
