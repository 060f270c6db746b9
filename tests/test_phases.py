"""Campaign phases and milestones (domain.md §7): each milestone's status around its due date, completions recorded
with evidence (per village where configured), withdrawals, issues per phase and the overall progress figures."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from analytics.campaign import ledger, phases
from analytics.core.filters import Filters
from analytics.access.scope import ADMIN, Scope

DAY = dt.timedelta(days=1)
PLAN, TOWN_REPORT, SELF_CHECK = "制定实施方案并上报区", "镇汇总报告上报区", "各村(居)上报自查情况"


def item(con, config, as_of: dt.date, milestone: str, village: str = phases.TOWN) -> dict:
    items = phases.milestones(con, config, as_of)
    (row,) = items[(items["milestone"] == milestone) & (items["village"] == village)].to_dict("records")
    return row


def test_the_configured_milestones_fall_due_on_their_date_or_their_phases_end(fresh_db, config):
    items = phases.milestones(fresh_db, config, dt.date(2022, 5, 1)).drop_duplicates("milestone")
    assert dict(zip(items["milestone"], items["due"])) == {
        "成立领导小组": dt.date(2022, 5, 31), PLAN: dt.date(2022, 6, 15), SELF_CHECK: dt.date(2022, 9, 20),
        TOWN_REPORT: dt.date(2022, 9, 25), "违纪线索移送镇纪委": dt.date(2022, 9, 30),
        "配合区督导抽查": dt.date(2022, 10, 31), "督导发现问题整改": dt.date(2022, 10, 31),
        "专项整治工作总结上报区": dt.date(2022, 12, 25)}


def test_an_uncompleted_milestone_is_not_due_until_the_day_after_its_due_date(fresh_db, config):
    got, expected = [], []
    for m in config.milestones:
        village = config.village_names[0] if m.per_village else phases.TOWN
        for as_of, state in ((m.due - DAY, phases.NOT_DUE), (m.due, phases.NOT_DUE), (m.due + DAY, phases.OVERDUE)):
            got.append((m.name, as_of, item(fresh_db, config, as_of, m.name, village)["status"]))
            expected.append((m.name, as_of, state))
    assert got == expected


def test_a_completion_counts_from_its_date_on_and_says_whether_it_was_on_time(fresh_db, config):
    phases.record(fresh_db, config, PLAN, "", dt.date(2022, 6, 15), "庆隆府发〔2022〕12号", scope=Scope("张办事员", ADMIN))
    phases.record(fresh_db, config, TOWN_REPORT, "", dt.date(2022, 9, 27), "  汇总报告  ", scope=Scope("张办事员", ADMIN))
    before = item(fresh_db, config, dt.date(2022, 6, 14), PLAN)
    assert (before["status"], before["completed_on"], before["evidence"]) == (phases.NOT_DUE, None, None)
    done = item(fresh_db, config, dt.date(2022, 6, 15), PLAN)
    assert (done["status"], done["completed_on"], done["evidence"], done["on_time"]) == \
        (phases.DONE, dt.date(2022, 6, 15), "庆隆府发〔2022〕12号", True)
    assert item(fresh_db, config, dt.date(2022, 9, 26), TOWN_REPORT)["status"] == phases.OVERDUE  # done only later
    late = item(fresh_db, config, dt.date(2022, 9, 27), TOWN_REPORT)
    assert (late["status"], late["on_time"], late["evidence"]) == (phases.DONE, False, "汇总报告")


def test_the_town_table_leaves_what_is_not_recorded_blank(fresh_db, config):
    phases.record(fresh_db, config, PLAN, "", dt.date(2022, 6, 15), "实施方案", scope=Scope("张办事员", ADMIN))
    table = phases.town_table(phases.milestones(fresh_db, config, dt.date(2022, 12, 31))).set_index("里程碑")
    assert tuple(table.loc[PLAN, ["完成日期", "佐证材料"]]) == ("2022-06-15", "实施方案")
    assert tuple(table.loc[TOWN_REPORT, ["完成日期", "佐证材料"]]) == ("", "")
    assert "村(居)" not in table.columns and not table.isna().any().any()


def test_a_per_village_milestone_is_one_item_per_village(fresh_db, config):
    phases.record(fresh_db, config, SELF_CHECK, "冬笋村", dt.date(2022, 9, 18), "冬笋村自查报告", scope=Scope("u", ADMIN))
    phases.record(fresh_db, config, SELF_CHECK, "金源村", dt.date(2022, 9, 22), "金源村自查报告", scope=Scope("u", ADMIN))
    items = phases.milestones(fresh_db, config, dt.date(2022, 9, 21))
    mine = items[items["milestone"] == SELF_CHECK]
    assert mine["village"].tolist() == list(config.village_names)
    grid = phases.village_grid(items)
    assert grid.columns.tolist() == [SELF_CHECK] and sorted(grid.index) == sorted(config.village_names)
    assert grid.index.name == "村(居)" and grid.columns.name is None  # headed as the page shows it
    assert grid[SELF_CHECK].to_dict() == {"镜滩社区": phases.OVERDUE, "冬笋村": phases.DONE, "金源村": phases.OVERDUE,
                                          "庆新村": phases.OVERDUE, "同康村": phases.OVERDUE}
    assert (items["village"] == phases.TOWN).sum() == len(config.milestones) - 1


def test_a_withdrawn_completion_no_longer_counts_and_every_record_is_kept(fresh_db, config):
    phases.record(fresh_db, config, PLAN, "", dt.date(2022, 6, 10), "实施方案", scope=Scope("张办事员", ADMIN))
    phases.record(fresh_db, config, PLAN, "", None, None, scope=Scope("李站长", ADMIN))
    withdrawn = item(fresh_db, config, dt.date(2022, 7, 1), PLAN)
    assert (withdrawn["status"], withdrawn["completed_on"]) == (phases.OVERDUE, None)
    phases.record(fresh_db, config, PLAN, "", dt.date(2022, 6, 12), "实施方案（修订）", scope=Scope("李站长", ADMIN))
    assert item(fresh_db, config, dt.date(2022, 7, 1), PLAN)["evidence"] == "实施方案（修订）"
    kept = fresh_db.execute("select completed_on, done_by from milestone_record order by done_at").fetchall()
    assert kept == [(dt.date(2022, 6, 10), "张办事员"), (None, "李站长"), (dt.date(2022, 6, 12), "李站长")]


def test_a_town_milestone_recorded_with_a_village_is_kept_for_the_town(fresh_db, config):
    phases.record(fresh_db, config, PLAN, "冬笋村", dt.date(2022, 6, 10), "实施方案", scope=Scope("u", ADMIN))
    assert item(fresh_db, config, dt.date(2022, 7, 1), PLAN)["status"] == phases.DONE


@pytest.mark.parametrize("milestone, village, evidence, message", [
    ("开展宣传", "", "材料", "没有名为“开展宣传”的里程碑"),
    (SELF_CHECK, "", "材料", "“各村\\(居\\)上报自查情况”按村\\(居\\)记录，请选择村\\(居\\)"),
    (SELF_CHECK, "新村", "材料", "请选择村\\(居\\)"),
    (PLAN, "", None, "请填写佐证材料"),
    (PLAN, "", "   ", "请填写佐证材料"),
])
def test_a_completion_is_refused_in_chinese_when_it_cannot_be_kept(fresh_db, config, milestone, village, evidence,
                                                                     message):
    with pytest.raises(phases.MilestoneError, match=message):
        phases.record(fresh_db, config, milestone, village, dt.date(2022, 6, 10), evidence, scope=Scope("u", ADMIN))
    assert fresh_db.execute("select count(*) from milestone_record").fetchone()[0] == 0


def test_progress_counts_done_items_and_elapsed_days_as_the_rule_says(fresh_db, config):
    assert "每个村(居)各算一项" in phases.PROGRESS_RULE and "整个整治期的天数" in phases.PROGRESS_RULE
    phases.record(fresh_db, config, PLAN, "", dt.date(2022, 6, 10), "实施方案", scope=Scope("u", ADMIN))
    phases.record(fresh_db, config, SELF_CHECK, "冬笋村", dt.date(2022, 9, 18), "自查报告", scope=Scope("u", ADMIN))
    phases.record(fresh_db, config, SELF_CHECK, "金源村", dt.date(2022, 9, 19), "自查报告", scope=Scope("u", ADMIN))
    total = len(config.milestones) - 1 + len(config.village_names)  # 7 town items + 5 villages = 12
    figures = {}
    for as_of in (dt.date(2022, 4, 30), dt.date(2022, 5, 1), dt.date(2022, 9, 18), dt.date(2022, 12, 31),
                  dt.date(2023, 3, 1)):
        got = phases.progress(config, phases.milestones(fresh_db, config, as_of), as_of)
        figures[as_of] = (got["done"], got["total"], got["days"], got["campaign_days"])
        assert got["share"] == got["done"] / got["total"] and got["time_share"] == got["days"] / got["campaign_days"]
    assert figures == {dt.date(2022, 4, 30): (0, total, 0, 245), dt.date(2022, 5, 1): (0, total, 1, 245),
                       dt.date(2022, 9, 18): (2, total, 141, 245), dt.date(2022, 12, 31): (3, total, 245, 245),
                       dt.date(2023, 3, 1): (3, total, 245, 245)}


def test_the_timeline_says_which_phases_are_over_under_way_or_ahead(config):
    states = phases.timeline(config, dt.date(2022, 9, 30)).set_index("phase")["state"].to_dict()
    assert states == {"部署启动": "已结束", "自查自纠": "进行中", "督导抽查": "未开始", "总结深化": "未开始"}
    assert phases.timeline(config, dt.date(2022, 10, 1)).set_index("phase").loc["自查自纠", "state"] == "已结束"
    assert [phases.phase_of(config, d) for d in (dt.date(2022, 4, 30), dt.date(2022, 5, 31), dt.date(2022, 6, 1),
                                                  dt.date(2022, 12, 31), None)] == \
        [None, "部署启动", "自查自纠", "总结深化", None]


def test_issues_are_counted_in_the_phase_they_were_found_and_closed_in(fresh_db, config):
    def add(no: str, found: dt.date | None, **values) -> None:
        ledger.create(fresh_db, {"issue_no": no, "village": "冬笋村", "focus": "政策执行", "description": "x",
                                 "found_date": found, "amount": Decimal("1")} | values, scope=Scope("u", ADMIN))

    add("QL-1", dt.date(2022, 6, 1), status=ledger.CLOSED, closed_date=dt.date(2022, 10, 31), evidence="凭证")
    add("QL-2", dt.date(2022, 9, 30))
    add("QL-3", dt.date(2022, 10, 1), status=ledger.CLOSED, closed_date=dt.date(2023, 1, 3), evidence="凭证")
    add("QL-4", None)  # no 发现日期: in no phase, and not 阶段外 either
    table = phases.issues_by_phase(config, ledger.issues(fresh_db, Filters(), dt.date(2022, 12, 31)))
    assert table.values.tolist() == [["部署启动", 0, 0], ["自查自纠", 2, 0], ["督导抽查", 1, 1], ["总结深化", 0, 0],
                                     ["阶段外", 0, 1]]
    assert table.columns.tolist() == ["阶段", "发现问题", "销号"]
    empty = phases.issues_by_phase(config, ledger.issues(fresh_db, Filters(villages=("同康村",)), dt.date(2022, 12, 31)))
    assert empty["阶段"].tolist() == ["部署启动", "自查自纠", "督导抽查", "总结深化"] and empty["发现问题"].sum() == 0
