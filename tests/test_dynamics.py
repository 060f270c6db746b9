"""动态管理: 清退 and 新纳入 during the campaign and the five rates, on hand-made rosters with the rows that must not
count beside the ones that must (the campaign starts 2022-05-01 in config.toml)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from analytics.analysis import dynamics
from analytics.core.filters import Filters
from analytics.findings import refresh
from conftest import person
from test_findings import A, B, C, D, E, F, Rows

G, H1, H2, H3, P, Q, R = (person(n) for n in range(7, 14))
AS_OF = dt.date(2022, 6, 30)


@pytest.fixture
def town(fresh_db):
    rows = Rows(fresh_db)
    for month in range(1, 7):
        rows.roster(A, "特困供养", month)                      # stays: no change
        rows.roster(G, "特困供养", month)                      # dead since March, still on: 应退未退
        rows.roster(E, "特困供养", month, village="冬笋村" if month <= 3 else "金源村")  # moved: no change
        if month <= 5:
            rows.roster(B, "特困供养", month)                  # gone in June: 清退
        if month <= 3:
            rows.roster(C, "特困供养", month)                  # gone in April, before the campaign: not counted
        if month >= 5:
            rows.roster(F, "特困供养", month, village="金源村")  # in 金源村 from May: 新纳入 there
        for head, amount, member in ((H1, "1162", H2), (H3, "300", P)):   # two 农村低保 households of two
            rows.roster(head, "低保", month, amount, household_id=head, sub_type="农村")
            rows.roster(member, "低保", month, None, household_id=head, sub_type="农村")
    rows.roster(D, "特困供养", 6)                              # first on the June roster: 新纳入
    rows.roster(Q, "特困供养", 6, village="同康村")            # 同康村's first roster: no entry, its first data
    rows.roster(R, "失能老人补贴", 6, "200", village="外镇某村")  # a village of no population in config: not in 保障面
    rows.add("crosscheck", person_id=G, source="死亡", event_date=dt.date(2022, 3, 5))
    rows.add("potential", person_id=D, program="特困供养", village="冬笋村")   # later enrolled
    rows.add("potential", person_id=C, program="特困供养", village="冬笋村")   # not enrolled
    return fresh_db


def test_exits_and_entries_during_the_campaign_only(town, config):
    frame = dynamics.changes(town, config, Filters(), AS_OF)
    assert {(r.change, r.person_id, r.village, r.month.month) for r in frame.itertuples()} == {
        (dynamics.EXIT, B, "冬笋村", 6), (dynamics.ENTRY, D, "冬笋村", 6), (dynamics.ENTRY, F, "金源村", 5)}
    assert dynamics.change_totals(frame, dynamics.EXIT) == {"persons": 1, "households": 1, "amount": 932.0}


def test_the_rates_on_a_small_town(town, config):
    refresh(town, config, AS_OF)
    rates = {r.label: r for r in dynamics.rates(town, config, Filters(), AS_OF)}
    assert (rates["应退尽退率"].numerator, rates["应退尽退率"].denominator) == (1, 2)      # B ÷ (B + G)
    assert (rates["漏保纳入率"].numerator, rates["漏保纳入率"].denominator) == (1, 2)      # D of D and C
    assert rates["保障面"].numerator == 10 and rates["保障面"].denominator == 14884     # A G E F D Q H1 H2 H3 P
    assert (rates["全额保占比"].numerator, rates["全额保占比"].denominator) == (1, 2)    # 1162 = 581 × 2
    assert rates["人均补差"].value == pytest.approx((1162 + 300) / 4)
    assert all(r.definition for r in rates.values())


def test_one_village_and_a_village_without_population(town, config):
    rates = {r.label: r for r in dynamics.rates(town, config, Filters(villages=("金源村",)), AS_OF)}
    assert rates["保障面"].value == pytest.approx(2 / 2650) and rates["应退尽退率"].shown == "无数据"
    unknown = dataclasses.replace(config, villages=tuple(dataclasses.replace(v, population=None)
                                                         if v.name == "金源村" else v for v in config.villages))
    assert dynamics.coverage(town, unknown, Filters(villages=("金源村",)), AS_OF).shown == dynamics.NO_POPULATION
    assert dynamics.coverage(town, unknown, Filters(villages=("冬笋村",)), AS_OF).value is not None


def test_a_population_that_is_not_a_positive_number_is_refused_at_load(tmp_path):
    from analytics.core import config as config_module
    from analytics.core.errors import ConfigError
    bad = tmp_path / "config.toml"
    text = config_module.DEFAULT_PATH.read_text(encoding="utf-8")
    bad.write_text(text.replace("population = 2870", "population = 0"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"villages\[1\]\.population"):
        config_module.load(bad)
