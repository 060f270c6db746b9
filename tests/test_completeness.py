"""Reporting completeness and timeliness (数据完整性): which village × month × dataset was uploaded, and on time, on a
small store with gaps, late files, replaced and undone batches."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from analytics.importing import batches
from analytics.analysis import completeness
from analytics.core.filters import Filters
from analytics.importing.files import import_file
from conftest import csv_bytes, person

ON_TIME, LATE, MISSING = completeness.ON_TIME, completeness.LATE, completeness.MISSING


def upload(con, config, month: int, village: str = "冬笋村", program: str = "特困供养", *, on: dt.datetime,
           people: int = 1, kind: str = "roster") -> int:
    """One village's file for a month, imported, with its upload time set to `on`; returns the batch id."""
    if kind == "roster":
        rows = [["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "名册月份"]] + \
               [[f"对象{i}", person(i), village, program, "932", f"2022-{month:02d}"] for i in range(1, people + 1)]
    else:
        rows = [["发放年月", "姓名", "享受人身份证号码", "项目名称", "发放金额", "发放日期", "村(居)"]] + \
               [[f"2022-{month:02d}", f"对象{i}", person(i), program, "500.00", f"2022-{month:02d}-20", village]
                for i in range(1, people + 1)]
    report = import_file(con, f"{village}2022年{month}月{program}.csv", csv_bytes(rows), config)
    assert report["status"] == "committed" and not report.get("unchanged"), report
    con.execute("update import_batch set uploaded_at = ? where batch_id = ?", [on, report["batch_id"]])
    return report["batch_id"]


def states(con, config, filters: Filters = Filters(), kinds: tuple[str, ...] = ("roster",)) -> dict:
    """{(kind, program, village, "YYYY-MM"): state} of the cells of these kinds (rosters: most tests are about them;
    a roster's month also expects its payments file, tested on its own)."""
    frame = completeness.cells(con, config, filters)
    return {(r.kind, r.program, r.village, f"{r.month:%Y-%m}"): r.state for r in frame.itertuples() if r.kind in kinds}


def on(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2022, month, day, hour, minute)


def test_a_month_a_village_did_not_upload_is_missing(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 1))
    upload(fresh_db, config, 8, on=on(9, 1))
    upload(fresh_db, config, 7, "金源村", on=on(8, 1))
    upload(fresh_db, config, 8, "金源村", on=on(9, 1))
    assert states(fresh_db, config) == {
        ("roster", "特困供养", "冬笋村", "2022-06"): ON_TIME,
        ("roster", "特困供养", "冬笋村", "2022-07"): MISSING,
        ("roster", "特困供养", "冬笋村", "2022-08"): ON_TIME,
        ("roster", "特困供养", "金源村", "2022-07"): ON_TIME,  # expected from its first month on, not before
        ("roster", "特困供养", "金源村", "2022-08"): ON_TIME}
    frame = completeness.cells(fresh_db, config, Filters())
    missing = frame[(frame["state"] == MISSING) & (frame["kind"] == "roster")].iloc[0]
    assert missing["dataset"] == "救助对象名册·特困供养" and missing["due"] == dt.date(2022, 8, 10)
    assert pd.isna(missing["first_uploaded"])  # never uploaded


def test_a_file_uploaded_after_the_due_day_of_the_following_month_is_late(fresh_db, config):
    assert config.rules.report_due_day == 10
    upload(fresh_db, config, 6, on=on(7, 10, 23, 59))
    upload(fresh_db, config, 7, on=on(8, 11, 0, 1))
    upload(fresh_db, config, 8, on=on(8, 31))  # before the month even ended
    upload(fresh_db, config, 8, kind="payments", on=on(10, 1))
    assert states(fresh_db, config, kinds=("roster", "payments")) == {
        ("roster", "特困供养", "冬笋村", "2022-06"): ON_TIME, ("roster", "特困供养", "冬笋村", "2022-07"): LATE,
        ("roster", "特困供养", "冬笋村", "2022-08"): ON_TIME, ("payments", "特困供养", "冬笋村", "2022-08"): LATE,
        # the rosters of June and July came without their payments files
        ("payments", "特困供养", "冬笋村", "2022-06"): MISSING, ("payments", "特困供养", "冬笋村", "2022-07"): MISSING}
    later_due = dataclasses.replace(config, rules=dataclasses.replace(config.rules, report_due_day=15))
    assert states(fresh_db, later_due)[("roster", "特困供养", "冬笋村", "2022-07")] == ON_TIME


def test_a_replaced_month_keeps_its_first_upload_time(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    upload(fresh_db, config, 6, people=2, on=on(9, 1))  # a corrected file, long after
    frame = completeness.cells(fresh_db, config, Filters()).query("kind == 'roster'")
    assert frame[["state", "first_uploaded"]].values.tolist() == [[ON_TIME, on(7, 5)]]
    assert fresh_db.execute("select count(*) from roster").fetchone()[0] == 2  # the correction is what is live


def test_undone_batches_do_not_count(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    batches.undo(fresh_db, upload(fresh_db, config, 7, on=on(8, 5)))
    upload(fresh_db, config, 8, on=on(9, 5))
    early = upload(fresh_db, config, 6, "金源村", on=on(7, 5))
    batches.undo(fresh_db, early)
    upload(fresh_db, config, 6, "金源村", people=2, on=on(9, 20))  # the undone on-time file does not make this on time
    batches.undo(fresh_db, upload(fresh_db, config, 7, "同康村", on=on(8, 5)))  # a village with nothing live
    assert states(fresh_db, config) == {
        ("roster", "特困供养", "冬笋村", "2022-06"): ON_TIME, ("roster", "特困供养", "冬笋村", "2022-07"): MISSING,
        ("roster", "特困供养", "冬笋村", "2022-08"): ON_TIME, ("roster", "特困供养", "金源村", "2022-06"): LATE,
        ("roster", "特困供养", "金源村", "2022-07"): MISSING, ("roster", "特困供养", "金源村", "2022-08"): MISSING}


def test_rates_are_uploaded_and_on_time_shares_of_what_was_expected(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    upload(fresh_db, config, 7, on=on(8, 20))
    upload(fresh_db, config, 9, on=on(10, 5))
    upload(fresh_db, config, 9, "金源村", on=on(10, 5))
    frame = completeness.cells(fresh_db, config, Filters()).query("kind == 'roster'")
    by_village = completeness.rates(frame, ["village"]).set_index("village")
    assert by_village.loc["冬笋村", ["应报", "已报", "按时"]].tolist() == [4, 3, 2]
    assert by_village.loc["冬笋村", "完整率"] == pytest.approx(3 / 4)
    assert by_village.loc["冬笋村", "及时率"] == pytest.approx(2 / 4)
    assert by_village.loc["金源村", ["完整率", "及时率"]].tolist() == [1.0, 1.0]
    grid = completeness.by_village_month(frame).set_index(["village", "month"])
    assert grid.loc[("冬笋村", dt.date(2022, 8, 1)), "完整率"] == 0.0
    assert grid.loc[("冬笋村", dt.date(2022, 7, 1)), ["完整率", "及时率"]].tolist() == [1.0, 0.0]


def test_filters_narrow_the_cells_and_one_off_relief_is_never_expected(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    upload(fresh_db, config, 7, on=on(8, 5))
    upload(fresh_db, config, 7, "金源村", program="高龄津贴", on=on(8, 5))
    upload(fresh_db, config, 6, program="临时救助", kind="payments", on=on(7, 5))
    assert {key[1] for key in states(fresh_db, config)} == {"特困供养", "高龄津贴"}
    narrowed = Filters(month_from=dt.date(2022, 7, 1), villages=("冬笋村",))
    assert states(fresh_db, config, narrowed) == {("roster", "特困供养", "冬笋村", "2022-07"): ON_TIME}
    assert set(states(fresh_db, config, Filters(programs=("高龄津贴",)))) == {("roster", "高龄津贴", "金源村", "2022-07")}


def test_an_empty_store_has_no_cells(fresh_db, config):
    frame = completeness.cells(fresh_db, config, Filters())
    assert frame.empty and "state" in frame.columns


def test_the_heat_map_keeps_the_villages_least_on_time(fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    upload(fresh_db, config, 7, on=on(8, 20))
    upload(fresh_db, config, 6, "金源村", on=on(7, 20))
    upload(fresh_db, config, 7, "金源村", on=on(8, 20))
    upload(fresh_db, config, 6, "同康村", on=on(7, 5))
    upload(fresh_db, config, 7, "同康村", on=on(8, 5))
    grid = completeness.by_village_month(completeness.cells(fresh_db, config, Filters()))
    assert set(completeness.worst_villages(grid, 2)["village"]) == {"金源村", "冬笋村"}
    assert len(completeness.worst_villages(grid, 2)) == 4  # every month of the villages kept


def test_a_roster_month_without_its_payments_file_is_missing_and_a_town_wide_file_reports_for_every_village(
        fresh_db, config):
    upload(fresh_db, config, 6, on=on(7, 5))
    upload(fresh_db, config, 7, on=on(8, 5))
    upload(fresh_db, config, 7, "金源村", on=on(8, 5))
    upload(fresh_db, config, 7, kind="payments", on=on(8, 5))        # 冬笋村's July payments only
    town_wide = [["发放年月", "姓名", "享受人身份证号码", "项目名称", "发放金额", "发放日期"],
                 ["2022-06", "对象1", person(1), "特困供养", "500.00", "2022-06-20"]]
    report = import_file(fresh_db, "2022年6月特困供养发放.csv", csv_bytes(town_wide), config)
    fresh_db.execute("update import_batch set uploaded_at = ? where batch_id = ?", [on(7, 5), report["batch_id"]])
    payments = {k: v for k, v in states(fresh_db, config, kinds=("payments",)).items() if k[2] in ("冬笋村", "金源村")}
    assert payments == {("payments", "特困供养", "冬笋村", "2022-06"): ON_TIME,   # the town-wide file
                        ("payments", "特困供养", "冬笋村", "2022-07"): ON_TIME,
                        ("payments", "特困供养", "金源村", "2022-06"): ON_TIME,   # the town-wide file
                        ("payments", "特困供养", "金源村", "2022-07"): MISSING}  # its roster came, its payments not
