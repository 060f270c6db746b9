"""Month-over-month changes: 新增, 恢复, 退出 per village and program, and the exits nothing explains."""
from __future__ import annotations

import datetime as dt

from analytics.core.filters import Filters
from analytics.analysis.changes import changes, changes_summary, unexplained_exits
from test_findings import A, B, C, D, E, F, Rows


def table(con, **kw) -> set[tuple]:
    return {(r.period.month, r.village, r.person_id, r.change, r.reason if isinstance(r.reason, str) else None)
            for r in changes(con, **kw).itertuples()}


def test_entries_exits_and_returns_with_their_reasons(fresh_db):
    rows = Rows(fresh_db)
    for month, people in ((1, (A, B, C, D, E)), (2, (A, B, C, F)), (3, (A, C, D, F))):
        for pid in people:
            rows.roster(pid, "高龄津贴", month, "100")
    rows.roster(B, "高龄津贴", 3, "100", status="退出")
    rows.add("crosscheck", person_id=E, source="死亡", event_date=dt.date(2022, 2, 10))
    assert table(fresh_db) == {
        (2, "冬笋村", D, "退出", None), (2, "冬笋村", E, "退出", "死亡（2022-02-10）"), (2, "冬笋村", F, "新增", None),
        (3, "冬笋村", B, "退出", "2022年3月名册状态为“退出”"), (3, "冬笋村", D, "恢复", None)}
    assert list(unexplained_exits(fresh_db)["person_id"]) == [D]


def test_a_missing_roster_or_a_move_between_villages_is_no_change(fresh_db):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 1, sub_type="分散")
    rows.roster(B, "特困供养", 1, sub_type="分散", village="金源村")
    rows.roster(B, "特困供养", 2, sub_type="分散", village="同康村")  # moved
    rows.roster(C, "特困供养", 3, sub_type="分散")  # 冬笋村 sent no February roster
    assert table(fresh_db) == set()


def test_an_end_date_explains_an_exit_and_filters_apply(fresh_db):
    rows = Rows(fresh_db)
    rows.roster(A, "失能老人补贴", 4, "200", end_date=dt.date(2022, 4, 30))
    rows.roster(B, "失能老人补贴", 4, "200")
    rows.roster(B, "失能老人补贴", 5, "200")
    rows.roster(C, "失能老人补贴", 4, "200", village="金源村")
    rows.roster(D, "失能老人补贴", 5, "200", village="金源村")
    assert table(fresh_db, filters=Filters(villages=("冬笋村",))) == {
        (5, "冬笋村", A, "退出", "截止保障日期 2022-04-30")}
    summary = changes_summary(fresh_db).set_index("village")
    assert summary.loc["金源村", ["新增", "恢复", "退出", "无故退出"]].tolist() == [1, 0, 1, 1]


def test_an_empty_store_has_no_changes(fresh_db):
    assert changes(fresh_db).empty and changes_summary(fresh_db).empty and unexplained_exits(fresh_db).empty
