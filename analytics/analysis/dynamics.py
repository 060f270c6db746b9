"""动态管理: who left and who joined the programs during the campaign, and the five rates the campaign is judged by
(issue 21) — on 总览 and in the 整改报告, each with the definition shown beside it.

The changes read the rosters (analytics/analysis/sql/dynamic_changes.sql); 应退未退 reads the counted findings of the
connection given, so a caller wanting another date reads them inside analytics.findings.engine.computed_at.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.filters import Filters

EXIT, ENTRY = "退出", "新纳入"
# findings that say a person should have left a program and is still on it (domain.md §1 应退未退, §5)
SHOULD_EXIT_CODES = ("DEAD_ON_ROSTER", "AGE_INELIGIBLE", "CROSSCHECK_HIT")
NO_POPULATION = "未配置人口数"
DEFINITIONS = {
    "应退尽退率": "清退人数 ÷（清退人数 + 应退未退人数）。清退：整治开始以来在保、其后各月名册中不再在保的人（在村(居)间迁移不算）；"
              "应退未退：截至日仍在保、但疑点显示应当退出的人（死亡未退保、年龄不符、信息比对疑点），核实为不属实的不计。",
    "漏保纳入率": "摸排名单中截至日已在所摸排类别最新名册中在保的人数 ÷ 摸排名单人数（按人和类别计）。",
    "保障面": "截至日各村(居)最新名册中在保的人数（一人享受多类只计一次）÷ 户籍人口（config.toml 各村(居)的 population）；"
           "所选村(居)有一个未配置人口数即不计算。",
    "全额保占比": "低保最新名册中，户月保障金额 ≥ 低保标准 × 在保人数的户（全额保）÷ 低保户数；标准按城市、农村取 config.toml 中"
             "当月有效的低保标准，无标准的户不计入。",
    "人均补差": "低保最新名册的户月保障金额之和 ÷ 在保人数（元/人·月）。",
}


@dataclass(frozen=True)
class Rate:
    """One rate: value None when it cannot be computed (why in `missing`); numerator and denominator as counted."""
    label: str
    value: float | None
    numerator: float | None
    denominator: float | None
    kind: str = "rate"   # rate (shown as %) or money (元)
    missing: str = ""

    @property
    def definition(self) -> str:
        return DEFINITIONS[self.label]

    @property
    def shown(self) -> str:
        if self.value is None:
            return self.missing or "—"
        return f"{self.value:.1%}" if self.kind == "rate" else f"{self.value:,.2f} 元"

    @property
    def counted(self) -> str:
        """The figures the rate was computed from, in words."""
        if self.numerator is None or self.denominator is None:
            return ""
        if self.kind == "money":
            return f"{self.numerator:,.2f} 元 ÷ {self.denominator:,.0f} 人"
        return f"{self.numerator:,.0f} ÷ {self.denominator:,.0f}"


def campaign_start(config: Config) -> dt.date:
    """The first day of the first phase (no phases: every month counts)."""
    return min((p.start for p in config.phases), default=dt.date.min).replace(day=1)


def changes(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters, as_of: dt.date) -> pd.DataFrame:
    """One row per person, program and change (退出 / 新纳入) during the campaign up to as_of: village, household,
    the last approved monthly amount (amount), the month of the change, and household_whole (the whole household
    left or joined)."""
    frame = query(con, "dynamic_changes", {"as_of": as_of, "window_start": campaign_start(config)},
                  filters=filters.where(only=("villages", "programs"))).df()
    frame["amount"] = frame["amount"].astype("float64")
    return frame


def change_totals(frame: pd.DataFrame, change: str) -> dict:
    """Persons, households (whole households only) and the monthly money of one kind of change."""
    rows = frame[frame["change"] == change]
    return {"persons": int(rows["person_id"].nunique()),
            "households": int(rows.loc[rows["household_whole"], "household"].nunique()),
            "amount": float(rows["amount"].sum())}


def should_exit(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """应退未退 persons among the counted findings of `con`."""
    condition = filters.where(only=("villages", "programs"), second_program=True)
    return int(query(con, "dynamic_should_exit", {"codes": list(SHOULD_EXIT_CODES)}, filters=condition).fetchone()[0])


def rates(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters, as_of: dt.date,
          exits: int | None = None, pending: int | None = None) -> list[Rate]:
    """The five rates at as_of. `exits` (清退 persons) and `pending` (应退未退 persons, from the findings at as_of) when
    the caller has counted them already; else counted here, 应退未退 from the findings stored in `con`."""
    if exits is None:
        exits = change_totals(changes(con, config, filters, as_of), EXIT)["persons"]
    if pending is None:
        pending = should_exit(con, filters)
    flagged, enrolled = query(con, "dynamic_potential", {"as_of": as_of},
                              filters=filters.where("f", only=("villages", "programs"))).fetchone()
    return [_share("应退尽退率", exits, exits + pending), _share("漏保纳入率", enrolled, flagged),
            coverage(con, config, filters, as_of), *dibao(con, config, filters, as_of)]


def coverage(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters, as_of: dt.date) -> Rate:
    """保障面 over the villages in the filters (all of them when none is chosen)."""
    villages = filters.villages or config.village_names
    population = {v.name: v.population for v in config.villages}
    if any(population.get(v) is None for v in villages):
        return Rate("保障面", None, None, None, missing=NO_POPULATION)
    within = filters if filters.villages else filters.narrowed(villages=tuple(villages))  # the configured ones only
    persons = query(con, "dynamic_recipients", {"as_of": as_of},
                    filters=within.where(only=("villages", "programs"))).df()
    return _share("保障面", int(persons["persons"].sum()), sum(population[v] for v in villages))


def dibao(con: duckdb.DuckDBPyConnection, config: Config, filters: Filters, as_of: dt.date) -> list[Rate]:
    """全额保占比 and 人均补差 of the household-paid program (低保) on its latest roster."""
    program = next((p.name for p in config.programs if p.pays == "household"), None)
    if program is None or (filters.programs and program not in filters.programs):
        return [Rate("全额保占比", None, None, None, missing="未选低保"),
                Rate("人均补差", None, None, None, "money", missing="未选低保")]
    standards = [s for s in config.standards if s.program == program]
    households = query(con, "dynamic_dibao", {
        "as_of": as_of, "program": program, "std_sub_type": [s.sub_type for s in standards],
        "std_effective": [s.effective for s in standards], "std_amount": [s.amount for s in standards]},
        filters=filters.where(only=("villages",))).df()
    judged = households[households["standard"].notna()]
    full = int((judged["amount"] >= judged["standard"] * judged["persons"]).sum())
    money, persons = float(households["amount"].sum()), int(households["persons"].sum())
    return [_share("全额保占比", full, len(judged)),
            Rate("人均补差", money / persons if persons else None, money, persons, "money",
                 missing="" if persons else "无低保对象")]


def _share(label: str, part: int, whole: int) -> Rate:
    return Rate(label, part / whole if whole else None, part, whole, missing="" if whole else "无数据")


def shown(rates: list[Rate]) -> pd.DataFrame:
    """The rates as a table: 指标, 数值, 计算, 口径."""
    return pd.DataFrame({"指标": [r.label for r in rates], "数值": [r.shown for r in rates],
                         "计算": [r.counted for r in rates], "口径": [r.definition for r in rates]})
