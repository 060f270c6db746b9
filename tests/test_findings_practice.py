"""Findings on money as it is really paid (issue 16), each rule as "given these rows, expect exactly these findings"
with a control row that must still fire. The rules not listed here are not built yet."""
from __future__ import annotations

import datetime as dt

import pytest

from analytics.core.contract import STATUSES_ACTIVE, STATUSES_INACTIVE
from analytics.findings import findings, refresh
from analytics.importing.files import import_file
from conftest import csv_bytes, person
from test_findings import Rows, keys

A, B, C, D = (person(n) for n in range(1, 5))


def test_s12_a_stopped_row_of_zero_is_not_below_the_standard(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 6, "0", status="停发")
    rows.roster(B, "特困供养", 6, "900")  # control: active and below 932
    assert keys(fresh_db, config, "BELOW_STANDARD") == {(B, "特困供养", "2022-06")}


def test_s14_wealth_cross_checks_question_means_tested_programs_only(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "高龄津贴", 6, "50")
    rows.roster(B, "困难残疾人生活补贴", 6, "70")
    rows.roster(C, "低保", 6, "300")  # control: means-tested
    for pid in (A, B, C):
        rows.add("crosscheck", person_id=pid, source="车辆", event_date=dt.date(2022, 3, 1))
    rows.add("crosscheck", person_id=B, source="死亡", event_date=dt.date(2022, 5, 1))  # a death applies to everyone
    assert keys(fresh_db, config, "CROSSCHECK_HIT", dt.date(2022, 6, 30)) == {(C, "车辆")}
    assert set(findings(fresh_db, codes=("DEAD_ON_ROSTER",))["person_id"]) == {B}


def test_s15_a_payment_made_after_the_analysis_date_is_not_paid_at_that_date(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 6)
    rows.payment(A, "特困供养", 6, paid_date=dt.date(2022, 7, 5))   # June's money paid on 07-05
    rows.roster(B, "特困供养", 6)
    rows.payment(B, "特困供养", 6, day=20)                          # control: paid in time
    june_end = dt.date(2022, 6, 30)
    assert keys(fresh_db, config, "UNPAID", june_end) == {(A, "特困供养", "2022-06")}
    assert keys(fresh_db, config, "LATE_PAID", june_end) == set()   # no lateness reported with a future date
    assert keys(fresh_db, config, "LATE_PAID", dt.date(2022, 7, 31)) == {(A, "特困供养", "2022-06")}
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 7, 31)) == set()


@pytest.mark.parametrize("status, active", [(s, True) for s in STATUSES_ACTIVE if s] +
                         [(s, False) for s in STATUSES_INACTIVE])
def test_s17_every_status_spelling_imports_and_reads_as_active_or_not(fresh_db, config, status, active):
    roster = csv_bytes([["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "名册月份", "状态"],
                        ["甲", A, "冬笋村", "特困供养", "932", "2022-06", status],
                        ["乙", B, "冬笋村", "特困供养", "932", "2022-06", "在保"]])
    paid = csv_bytes([["发放年月", "姓名", "享受人身份证号码", "项目名称", "发放金额", "发放日期", "村(居)"],
                      ["2022-06", "甲", A, "特困供养", "932.00", "2022-06-20", "冬笋村"],
                      ["2022-06", "乙", B, "特困供养", "932.00", "2022-06-20", "冬笋村"]])
    for name, data in (("2022年6月特困供养名册.csv", roster), ("2022年6月特困供养发放.csv", paid)):
        report = import_file(fresh_db, name, data, config)
        assert (report["status"], report["rows_quarantined"]) == ("committed", 0), report["problems"]
    refresh(fresh_db, config, dt.date(2022, 6, 30))
    flagged = set(findings(fresh_db, codes=("INACTIVE_PAID",))["person_id"])
    assert flagged == (set() if active else {A})  # 乙, active and paid, is the control that never fires


def test_s13_yes_and_no_however_written_are_read_as_yes_and_no(fresh_db, config):
    header = ["机构名称", "法人登记", "消防验收", "合法产权", "食品经营许可", "财务管理制度", "护理人员数", "供养人数"]
    ledger = csv_bytes([header,
                        ["庆隆镇敬老院", "已办理", "已验收", "有", "已取得", "√", "3", "20"],
                        ["庆隆镇冬笋村互助养老点", "是", "×", "是", "是", "是", "2", "10"],       # control: 无消防验收
                        ["庆隆镇金源村农村幸福院", "是", "办理中", "是", "是", "是", "2", "10"]])  # other text: not 是
    report = import_file(fresh_db, "供养机构台账.csv", ledger, config, kind="institutions")
    assert (report["status"], report["rows_quarantined"]) == ("committed", 0), report["problems"]
    assert fresh_db.execute("select fire_approval from institutions order by name").fetchall() == \
        [("否",), ("是",), ("办理中",)]
    refresh(fresh_db, config, dt.date(2022, 6, 30))
    found = findings(fresh_db, codes=("INSTITUTION_RISK",))
    assert sorted(zip(found["institution"], found["item"])) == [("庆隆镇冬笋村互助养老点", "fire_approval"),
                                                                 ("庆隆镇金源村农村幸福院", "fire_approval")]


def test_s9_a_payment_to_someone_on_no_roster_of_the_program_is_found_whatever_its_village(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(B, "特困供养", 6)
    rows.roster(D, "特困供养", 6, status="停发")
    rows.payment(A, "特困供养", 6, village=None)       # a town-wide file without a village column
    rows.payment(B, "特困供养", 6, village=None)       # listed and active: no finding
    rows.payment(C, "特困供养", 6, village="金源村")   # 金源村 has no roster this month; C is on none
    rows.payment(D, "特困供养", 6)                     # control: listed 停发 in 冬笋村, found as before
    assert keys(fresh_db, config, "INACTIVE_PAID", dt.date(2022, 6, 30)) == \
        {(A, "特困供养", "2022-06"), (C, "特困供养", "2022-06"), (D, "特困供养", "2022-06")}
    found = findings(fresh_db, codes=("INACTIVE_PAID",)).set_index("person_id")
    assert "名册中无此人" in found.loc[A, "explanation"] and "金源村特困供养名册中无此人" in found.loc[C, "explanation"]


def test_s16_someone_a_town_wide_roster_no_longer_lists_has_left(fresh_db, config):
    left, stays = person(11, dt.date(1960, 1, 1)), person(12, dt.date(1960, 2, 2))  # both too young for 高龄津贴
    rows = Rows(fresh_db)
    for month in range(1, 13):
        if month <= 6:
            rows.roster(left, "高龄津贴", month, "100", village="金源村")  # the only one of 金源村, gone from July
        rows.roster(stays, "高龄津贴", month, "100")                      # control: listed to December
        rows.roster(person(15, dt.date(1930, 1, 1)), "高龄津贴", month, "100", village="镜滩社区")
    assert keys(fresh_db, config, "AGE_INELIGIBLE", dt.date(2022, 12, 31)) == {(stays, "高龄津贴")}


def test_s16_a_roster_of_one_village_covers_that_village_only(fresh_db, config):
    other, kept = person(13, dt.date(1960, 1, 1)), person(14, dt.date(1960, 2, 2))
    rows = Rows(fresh_db)
    rows.roster(other, "高龄津贴", 6, "100", village="金源村")
    rows.roster(kept, "高龄津贴", 6, "100")
    later = Rows(fresh_db)          # another batch: 冬笋村's July roster alone says nothing of 金源村
    later.roster(kept, "高龄津贴", 7, "100")
    assert keys(fresh_db, config, "AGE_INELIGIBLE", dt.date(2022, 7, 31)) == {(other, "高龄津贴"), (kept, "高龄津贴")}


def test_s1_s2_no_unpaid_before_a_payments_file_covers_the_village_and_month(fresh_db, config):
    rows = Rows(fresh_db)
    for month in range(1, 7):  # rosters back-loaded for January to June
        rows.roster(A, "特困供养", month)
        rows.roster(B, "特困供养", month, village="金源村")
        rows.roster(C, "特困供养", month)
    rows.payment(A, "特困供养", 6)  # June's file names 冬笋村 only: 金源村's June file not imported yet
    rows.roster(D, "高龄津贴", 6, "100", village="金源村")
    rows.add("payments", person_id=C, name="丙", program="高龄津贴", period=dt.date(2022, 6, 1), amount=100,
             paid_date=dt.date(2022, 6, 20))                            # 高龄津贴: a file with no village column
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 6, 30)) == {(C, "特困供养", "2022-06"),  # control
                                                                     (D, "高龄津贴", "2022-06")}


def test_s5_money_of_a_person_in_an_institution_goes_to_the_institution(fresh_db, config):
    rows = Rows(fresh_db)
    staff = person(30)
    rows.add("staff", person_id=staff, name="院长甲", kind="工作人员", unit="庆隆镇敬老院")
    rows.add("proxy_agreements", person_id=B, proxy_name="乙之子", signed_date=dt.date(2022, 1, 1))  # the rule runs
    for pid, sub in ((A, "集中"), (B, "分散")):
        rows.roster(pid, "特困供养", 6, sub_type=sub)
    rows.roster(C, "特困供养", 6, sub_type="集中")
    rows.payment(C, "特困供养", 6, payee_id=staff, payee_name="庆隆镇敬老院")      # the institution's account
    rows.roster(D, "特困供养", 6, sub_type="分散")
    rows.payment(D, "特困供养", 6, payee_id=staff, payee_name="院长甲")            # control: a staff member
    june_end = dt.date(2022, 6, 30)
    assert keys(fresh_db, config, "UNPAID", june_end) == {(B, "特困供养", "2022-06")}  # A is 集中: paid to the 院
    assert keys(fresh_db, config, "STAFF_PROXY", june_end) == {(D, "特困供养", "2022-06")}
    assert keys(fresh_db, config, "PROXY_UNAGREED", june_end) == {(D, "特困供养", "2022-06")}


def test_payments_without_a_paid_date_import_and_lateness_says_what_it_could_not_judge(fresh_db, config):
    from analytics.findings import status
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 6)
    rows.roster(B, "特困供养", 6)
    rows.payment(A, "特困供养", 6, paid_date=None)              # a 一卡通 清册 row: paid, date unknown
    rows.payment(B, "特困供养", 6, paid_date=dt.date(2022, 7, 2))  # control: late
    assert keys(fresh_db, config, "LATE_PAID", dt.date(2022, 7, 31)) == {(B, "特困供养", "2022-06")}
    late = status(fresh_db).set_index("code").loc["LATE_PAID"]
    assert (late["status"], late["missing"]) == ("ok", "1 笔发放缺少发放日期，未判断是否迟发")
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 7, 31)) == set()  # an undated payment is a payment
