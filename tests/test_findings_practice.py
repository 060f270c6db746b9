"""Findings on money as it is really paid (issue 16), each rule as "given these rows, expect exactly these findings"
with a control row that must still fire. The rules not listed here are not built yet."""
from __future__ import annotations

import datetime as dt

import pytest

from analytics.core.contract import STATUSES_ACTIVE, STATUSES_INACTIVE
from analytics.core.errors import NeedsInput
from analytics.findings import findings, refresh, status
from analytics.importing.files import import_file
from analytics.importing.plan import build_plan
from conftest import csv_bytes, person
from test_findings import Rows, keys, one

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
    # what it could not judge: 冬笋村 January–May and 金源村 January–June of 特困供养
    unpaid = status(fresh_db).set_index("code").loc["UNPAID"]
    assert (unpaid["status"], unpaid["missing"]) == ("ok", "11 个村(居)·月份只有名册、未上传发放数据，未判断是否欠付")


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
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 6)
    rows.roster(B, "特困供养", 6)
    rows.payment(A, "特困供养", 6, paid_date=None)              # a 一卡通 清册 row: paid, date unknown
    rows.payment(B, "特困供养", 6, paid_date=dt.date(2022, 7, 2))  # control: late
    assert keys(fresh_db, config, "LATE_PAID", dt.date(2022, 7, 31)) == {(B, "特困供养", "2022-06")}
    late = status(fresh_db).set_index("code").loc["LATE_PAID"]
    assert (late["status"], late["missing"]) == ("ok", "1 笔发放缺少发放日期，未判断是否迟发")
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 7, 31)) == set()  # an undated payment is a payment


ROSTER_HEADER = ["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "名册月份"]
PAID_HEADER = ["发放年月", "所属期", "姓名", "享受人身份证号码", "项目名称", "发放金额", "发放日期", "村(居)", "备注"]


def imported(con, config, name: str, rows: list[list], **options) -> dict:
    report = import_file(con, name, csv_bytes(rows), config, **options)
    assert (report["status"], report["rows_quarantined"]) == ("committed", 0), report["problems"]
    return report


def rosters(con, config, months: tuple[int, ...], *pids: str) -> None:
    for month in months:
        imported(con, config, f"2022年{month}月特困供养名册.csv",
                 [ROSTER_HEADER, *([f"对象{p[-4:]}", p, "冬笋村", "特困供养", "932", f"2022-{month:02d}"] for p in pids)])


def test_s7_back_pay_listed_under_the_month_it_was_paid_counts_for_the_month_it_is_for(fresh_db, config):
    rosters(fresh_db, config, (10, 11), A, B)
    imported(fresh_db, config, "2022年10月特困供养发放.csv", [
        PAID_HEADER, ["2022-10", "", "甲", A, "特困供养", "800", "2022-10-20", "冬笋村", ""],
        ["2022-10", "", "乙", B, "特困供养", "800", "2022-10-20", "冬笋村", ""]])   # control: 乙's 132 never paid
    imported(fresh_db, config, "2022年11月特困供养发放.csv", [
        PAID_HEADER, ["2022-11", "", "甲", A, "特困供养", "932", "2022-11-20", "冬笋村", ""],
        ["2022-11", "", "甲", A, "特困供养", "132", "2022-11-20", "冬笋村", "补发2022年10月"],
        ["2022-11", "", "乙", B, "特困供养", "932", "2022-11-20", "冬笋村", ""]])
    assert fresh_db.execute("select paid_for from payments where note is not null").fetchall() == \
        [(dt.date(2022, 10, 1),)]
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", dt.date(2022, 11, 30)) == {(B, "特困供养", "2022-10")}
    assert keys(fresh_db, config, "DOUBLE_PAID", dt.date(2022, 11, 30)) == set()


def test_s8_june_paid_in_july_under_its_own_month_is_late_not_unpaid_nor_double(fresh_db, config):
    rosters(fresh_db, config, (6, 7), A, B)
    imported(fresh_db, config, "2022年7月特困供养发放.csv", [
        PAID_HEADER, ["2022-07", "2022-06", "甲", A, "特困供养", "932", "2022-07-05", "冬笋村", ""],
        ["2022-07", "2022-07", "甲", A, "特困供养", "932", "2022-07-20", "冬笋村", ""],
        ["2022-07", "2022-07", "乙", B, "特困供养", "932", "2022-07-20", "冬笋村", ""],
        ["2022-07", "2022-07", "乙", B, "特困供养", "932", "2022-07-21", "冬笋村", ""]])  # control: 乙 twice in July
    july_end = dt.date(2022, 7, 31)
    assert keys(fresh_db, config, "LATE_PAID", july_end) == {(A, "特困供养", "2022-06")}
    assert keys(fresh_db, config, "UNPAID", july_end) == {(B, "特困供养", "2022-06")}  # 乙's June: in no file
    assert keys(fresh_db, config, "DOUBLE_PAID", july_end) == {(B, "特困供养", "2022-07")}
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", july_end) == {(B, "特困供养", "2022-07")}


def test_s6_a_supplementary_file_adds_to_the_month_and_never_replaces_it(fresh_db, config):
    rosters(fresh_db, config, (6,), A, B, C, D)
    imported(fresh_db, config, "2022年6月特困供养发放.csv", [
        PAID_HEADER, *(["2022-06", "", "某", p, "特困供养", "932", "2022-06-20", "冬笋村", ""] for p in (A, B))])
    report = imported(fresh_db, config, "2022年6月特困供养补发.csv", [
        PAID_HEADER, ["2022-06", "", "丙", C, "特困供养", "932", "2022-06-28", "冬笋村", ""]])
    assert report["rows_replaced"] == 0
    assert "补充发放（标题或文件名含“补发”），不替换本月已导入的发放明细" in report["notes"]
    assert fresh_db.execute("select count(*) from payments").fetchone()[0] == 3
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 6, 30)) == {(D, "特困供养", "2022-06")}  # control
    again = imported(fresh_db, config, "2022年6月特困供养发放.csv", [   # a corrected main file still replaces
        PAID_HEADER, *(["2022-06", "", "某", p, "特困供养", "932", "2022-06-20", "冬笋村", ""] for p in (A, B, D))])
    assert again["rows_replaced"] == 2 and fresh_db.execute("select count(*) from payments").fetchone()[0] == 4


DEATHS = ["姓名", "身份证号", "比对来源", "事项日期"]


def test_s10_a_death_without_a_date_counts_from_the_list_date(fresh_db, config):
    rosters(fresh_db, config, (5, 6), A, B, C)
    report = imported(fresh_db, config, "2022年5月公安比对死亡名单.csv",
                      [DEATHS, ["甲", A, "死亡", ""], ["乙", B, "死亡", "2022-04-10"]])  # 乙: the dated control
    assert "比对日期“2022-05-31”取自文件名所述月份的最后一天" in report["sources"]
    found = findings(refresh_and(fresh_db, config, dt.date(2022, 6, 30)), codes=("DEAD_ON_ROSTER",))
    said = dict(zip(found["person_id"], found["explanation"]))
    assert set(said) == {A, B}
    assert "2022-05-31的死亡名单已列为死亡（名单未写死亡日期，按名单日期计）" in said[A]
    assert "已于 2022-04-10 死亡（死亡记录）" in said[B]


def test_s11_death_lists_accumulate_and_a_corrected_list_replaces_only_when_asked(fresh_db, config):
    rosters(fresh_db, config, (8,), A, B, C)
    may = [DEATHS, ["甲", A, "死亡", "2022-05-03"]]
    july = [DEATHS, ["乙", B, "死亡", "2022-07-09"]]
    imported(fresh_db, config, "2022年5月死亡名单.csv", may)
    imported(fresh_db, config, "2022年7月死亡名单.csv", july)
    august = dt.date(2022, 8, 31)
    assert {k[0] for k in keys(fresh_db, config, "DEAD_ON_ROSTER", august)} == {A, B}   # May's death still counts
    assert imported(fresh_db, config, "2022年7月死亡名单.csv", july)["unchanged"]
    assert fresh_db.execute("select count(*) from crosscheck").fetchone()[0] == 2
    only_july = imported(fresh_db, config, "2022年7月死亡名单.csv", july, replace=True)  # asked: July's is all of it
    assert not only_july["unchanged"] and only_july["rows_replaced"] == 2  # May's, and the copy of July's
    assert {k[0] for k in keys(fresh_db, config, "DEAD_ON_ROSTER", august)} == {B}
    corrected = imported(fresh_db, config, "2022年7月死亡名单（更正）.csv", [DEATHS, ["丙", C, "死亡", "2022-07-09"]],
                         replace=True)
    assert corrected["rows_replaced"] == 1
    assert {k[0] for k in keys(fresh_db, config, "DEAD_ON_ROSTER", august)} == {C}


def refresh_and(con, config, as_of: dt.date):
    refresh(con, config, as_of)
    return con


def test_s18_amounts_in_fen_are_asked_about_and_never_imported_as_yuan_silently(fresh_db, config):
    rosters(fresh_db, config, (6,), A, B)
    fen = [PAID_HEADER, *(["2022-06", "", "某", p, "特困供养", "93200", "2022-06-20", "冬笋村", ""] for p in (A, B))]
    with pytest.raises(NeedsInput) as asked:  # the upload form asks for it with these choices
        build_plan("2022年6月特困供养发放.csv", csv_bytes(fen), config)
    assert asked.value.needs == {"金额单位": ("元", "分")}
    refused = import_file(fresh_db, "2022年6月特困供养发放.csv", csv_bytes(fen), config)
    assert refused["status"] == "rejected"
    assert "特困供养的金额中位数为 93,200，是标准 932 元的 100 倍" in refused["problems"][0]["message"]
    assert fresh_db.execute("select count(*) from payments").fetchone()[0] == 0
    report = imported(fresh_db, config, "2022年6月特困供养发放.csv", fen, given={"金额单位": "分"})
    assert "金额按“分”换算为元（÷100）" in report["notes"]
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", dt.date(2022, 6, 30)) == set()
    said_yuan = [row[:5] + ["93300"] + row[6:] if row is not PAID_HEADER else row for row in fen]
    yuan = imported(fresh_db, config, "2022年6月特困供养发放（更正）.csv", said_yuan, given={"金额单位": "元"})
    assert yuan["rows_replaced"] == 2 and "金额按“分”换算为元（÷100）" not in yuan["notes"]
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", dt.date(2022, 6, 30)) == {(A, "特困供养", "2022-06"),
                                                                               (B, "特困供养", "2022-06")}


def test_s3_s4_dibao_is_compared_per_household_and_named_by_its_head(fresh_db, config):
    rows = Rows(fresh_db)
    people = [person(n) for n in range(50, 62)]
    a, b, c, d, e, f, g, h, i, j, k, l_ = people

    def household(number: str, head: str, members: dict[str, str | None]) -> None:
        for pid, amount in members.items():
            rows.roster(pid, "低保", 6, amount, household_id=number, head_id=head)

    household("低保001", a, {a: "300", b: "300", c: "300"})  # each member's share on the roster
    rows.payment(a, "低保", 6, "900")                        # the household's money paid to its head
    household("低保002", d, {d: "900", e: None})             # the household amount once, on the head's row
    rows.payment(e, "低保", 6, "900")                        # paid to the spouse's card
    household("低保003", f, {f: "600", g: None})
    for pid in (f, g):
        rows.payment(pid, "低保", 6, "300")                  # each member's share paid
    household("低保004", h, {h: "600", i: None})             # control: 少发 100, named by the head
    rows.payment(h, "低保", 6, "500")
    household("低保005", j, {j: "500", k: None, l_: None})   # control: unpaid, the head named, no member
    june_end = dt.date(2022, 6, 30)
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", june_end) == {(h, "低保", "2022-06")}
    assert keys(fresh_db, config, "UNPAID", june_end) == {(j, "低保", "2022-06")}
    assert keys(fresh_db, config, "DOUBLE_PAID", june_end) == set()
    assert keys(fresh_db, config, "INACTIVE_PAID", june_end) == set()
    assert one(fresh_db, "AMOUNT_MISMATCH")["explanation"] == "2022年6月核定 600.00 元，实发 500.00 元（1 笔），少发 100.00 元"


def test_s3_a_household_paid_twice_over_is_double_paid(fresh_db, config):
    rows = Rows(fresh_db)
    head, member = person(70), person(71)
    for pid, amount in ((head, "600"), (member, None)):
        rows.roster(pid, "低保", 6, amount, household_id="低保009", head_id=head)
    rows.payment(head, "低保", 6, "600")
    rows.payment(member, "低保", 6, "600", day=25)
    assert keys(fresh_db, config, "DOUBLE_PAID", dt.date(2022, 6, 30)) == {(head, "低保", "2022-06")}


def test_s4_a_household_amount_repeated_on_every_member_row_is_the_household_amount_once(fresh_db, config):
    a, b, c, d, e = (person(n) for n in range(80, 85))
    header = ["姓名", "身份证号", "户主身份证号", "低保证号", "村(居)", "救助类别", "户月保障金额", "名册月份"]
    imported(fresh_db, config, "2022年6月低保名册.csv", [
        header, ["甲", a, a, "低保101", "冬笋村", "低保", "900", "2022-06"],
        ["乙", b, a, "低保101", "冬笋村", "低保", "900", "2022-06"],
        ["丙", c, a, "低保101", "冬笋村", "低保", "900", "2022-06"],
        ["丁", d, d, "低保102", "冬笋村", "低保", "600", "2022-06"],     # control: paid 500
        ["戊", e, d, "低保102", "冬笋村", "低保", "600", "2022-06"]])
    imported(fresh_db, config, "2022年6月低保发放.csv", [
        PAID_HEADER, ["2022-06", "", "甲", a, "低保", "900", "2022-06-20", "冬笋村", ""],
        ["2022-06", "", "丁", d, "低保", "500", "2022-06-20", "冬笋村", ""]])
    assert fresh_db.execute("select sum(monthly_amount) from roster").fetchone()[0] == 1500
    assert keys(fresh_db, config, "AMOUNT_MISMATCH", dt.date(2022, 6, 30)) == {(d, "低保", "2022-06")}
    assert keys(fresh_db, config, "UNPAID", dt.date(2022, 6, 30)) == set()


def test_owed_money_paid_later_under_another_month_closes_the_ledger_issue(fresh_db, config):
    from analytics.access.scope import LOCAL_SCOPE
    from analytics.campaign import ledger
    rows = Rows(fresh_db)
    for month in (6, 7):
        rows.roster(C, "特困供养", month)
        rows.payment(C, "特困供养", month, "800" if month == 6 else "932")  # June 少发 132
    refresh(fresh_db, config, dt.date(2022, 7, 31))
    short = findings(fresh_db, codes=("AMOUNT_MISMATCH",))
    draft = ledger.draft_from_findings(fresh_db, short, dt.date(2022, 7, 31))
    issue_no = ledger.create(fresh_db, draft, scope=LOCAL_SCOPE, finding_keys=tuple(short["finding_key"]))
    rows.roster(C, "特困供养", 8)
    rows.payment(C, "特困供养", 8)
    rows.payment(C, "特困供养", 8, "132", paid_for=dt.date(2022, 6, 1), note="补发2022年6月")  # under August
    refresh(fresh_db, config, dt.date(2022, 8, 31))
    assert findings(fresh_db, codes=("AMOUNT_MISMATCH",)).empty
    assert ledger.issue(fresh_db, issue_no, LOCAL_SCOPE)["recheck"] == ledger.READY_TO_CLOSE  # June is paid in full
