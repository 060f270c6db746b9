"""The files offices really have (../shared/real-layouts.md R1–R6), copied in structure with synthetic people:
each imports as it comes, with exact counts, and says where every value from outside the table came from."""
import dataclasses
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.core import clock
from analytics.core.config import Village
from analytics.core.contract import FOCUSES
from analytics.core.errors import NeedsInput
from analytics.importing.files import import_file
from analytics.importing.ids import normalise
from analytics.importing.layout import find_header, map_columns, norm_header
from analytics.importing.plan import build_plan, plan_import
from analytics.importing.validate import VillageNames
from conftest import xlsx_bytes
from real_layouts import (R5_TABLES, r1_villages, r1_xls, r2_households, r2_xlsx, r3_xlsx, r4_xlsx, r5_people, r5_xlsx,
                          r6_xlsx, synthetic_id)

ROOT = Path(__file__).resolve().parent.parent


def import_day(before: dt.date) -> set[str]:
    """What a 火化 list, which names no date of its own, is dated by: the day of its import — the day `before` was read,
    or the next if midnight in Beijing passed meanwhile."""
    return {f"比对日期“{day.isoformat()}”取自导入日期" for day in (before, clock.today())}


# R1 城市居民最低生活保障金发放领取表: four merged header rows, household blocks, one sheet per village
def test_r1_reads_every_person_once_with_month_program_and_villages_from_outside_the_table(config):
    villages = r1_villages()
    plan = build_plan("城保名册.xls", r1_xls(villages), config)
    assert (plan.kind, plan.program, plan.period) == ("roster", "低保", dt.date(2024, 3, 1))
    assert plan.sheets == ["冬笋", "金源", "庆新"]
    people = [normalise(pid) for v in villages for h in v.households for _, pid in h.people]
    assert plan.rows.num_rows == len(people) == 22 and not plan.quarantine
    assert sorted(plan.rows.column("person_id").to_pylist()) == sorted(people)
    assert not [p for p in plan.problems if p.level == "错误"]
    assert plan.sources == ["所属月份“2024年3月”取自标题", "救助类别“低保”取自标题",
                            "工作表“冬笋”的村(居)“冬笋村”取自工作表名“冬笋”", "工作表“金源”的村(居)“金源村”取自工作表名“金源”",
                            "工作表“庆新”的村(居)“庆新村”取自工作表名“庆新”"]


def test_r1_links_members_to_their_household_and_stores_each_household_amount_once(config, fresh_db):
    villages = r1_villages()
    report = import_file(fresh_db, "城保名册.xls", r1_xls(villages), config)
    assert (report["status"], report["rows_imported"], report["rows_quarantined"]) == ("committed", 22, 0)
    by_village = dict(fresh_db.execute("select village, sum(monthly_amount) from roster group by village").fetchall())
    assert by_village == {f"{v.sheet}村": v.total for v in villages}  # each equals the sheet's 合   计 row
    households = fresh_db.execute(
        "select household_id, count(*), count(monthly_amount), count(distinct head_id), min(household_size), "
        "max(household_size), bool_and(head_id is not null) from roster group by household_id order by 1").fetchall()
    expected = sorted((h.number, len(h.people)) for v in villages for h in v.households)
    assert [(h, n) for h, n, *_ in households] == expected
    assert all(amounts == 1 and heads == 1 and lo == hi == n and linked
               for _, n, amounts, heads, lo, hi, linked in households)
    names = dict(fresh_db.execute("select person_id, name from roster").fetchall())
    assert names == {normalise(pid): name for v in villages for h in v.households for name, pid in h.people}
    # the title's 城市居民最低生活保障 is 城市低保
    assert fresh_db.execute("select distinct sub_type from roster").fetchall() == [("城市",)]


def test_r1_split_amounts_are_added_into_the_household_amount(config):
    villages = r1_villages()
    plan = build_plan("城保名册.xls", r1_xls(villages), config)
    amounts = [a for a in plan.rows.column("monthly_amount").to_pylist() if a is not None]
    assert amounts == [h.amount for v in villages for h in v.households]
    assert "“保障金额”为“领取金额”下 家庭补差、重点救助60元、重点救助100元、残疾人救助 之和" in plan.notes
    # each household keeps the parts its amount was given in, on the row that holds the amount
    names = ("家庭补差", "重点救助60元", "重点救助100元", "残疾人救助")
    parts = [p for p in plan.rows.column("amount_parts").to_pylist() if p is not None]
    assert parts == ["；".join(f"{n} {a}.00" for n, a in zip(names, h.parts) if a)
                     for v in villages for h in v.households]


def test_r1_four_row_header_is_read_with_its_merges(config):
    from analytics.importing.readers import read_upload
    sheet = read_upload("城保名册.xls", r1_xls()).sheets[0]
    found = find_header(sheet.rows, sheet.merged, sheet.first_row)
    assert (found.header_index, found.header_rows) == (5, 4)
    assert found.title.startswith("庆隆镇城市居民最低生活保障金发放领取表（2024年3月） 所属地区：")
    columns, duplicates = map_columns(found, "roster")
    assert columns == {1: "name", 2: "household_id", 3: "person_id", 4: "household_size"} and not duplicates


def test_short_village_names_are_automatic_aliases(config):
    bare = dataclasses.replace(config, villages=tuple(Village(v.name) for v in config.villages))
    names = VillageNames(bare)
    assert (names.resolve("冬笋"), names.resolve("镜滩"), names.named_in("所属地区：庆隆镇　金源　村（居）委会")) == \
        ("冬笋村", "镜滩社区", "金源村")


# R2 社会救助 system export: the household's amount repeated on every member's row
def test_r2_household_amount_is_stored_once_per_household(config, fresh_db):
    name = "农村低保人员查询_20240301.xlsx"   # the month: the export's date stamp
    report = import_file(fresh_db, name, r2_xlsx(), config)
    assert (report["status"], report["rows_imported"], report["rows_quarantined"]) == ("committed", 6, 0)
    assert "所属月份“2024年3月”取自文件名" in report["sources"]
    with pytest.raises(NeedsInput) as asked:    # without the stamp, the form asks
        plan_import("农村低保人员查询.xlsx", r2_xlsx(), config)
    assert asked.value.needs == {"所属月份": ()}
    rows = fresh_db.execute("select household_id, count(*), count(monthly_amount), sum(monthly_amount), min(village), "
                            "count(distinct coalesce(head_id, person_id)) from roster group by household_id order by 1"
                            ).fetchall()
    households = [(f"低保{h + 1:04d}", len(members), 1, Decimal(400 + 100 * h), "冬笋村", 1)
                  for h, members in enumerate(r2_households())]
    assert rows == households
    members = fresh_db.execute("select count(*) from roster where head_id is not null and head_id <> person_id").fetchone()
    assert members == (sum(len(m) - 1 for m in r2_households()),)  # every member linked to its head
    assert any("“银行账号”取自“银行帐号”列，“一卡通账号”列未使用" in n for n in report["notes"])


# R3 一卡通 清册: period and program belong to the batch; no paid date
def test_r3_takes_period_and_program_from_the_form_and_imports_without_a_paid_date(config, fresh_db):
    with pytest.raises(NeedsInput) as asked:
        plan_import("一卡通清册.xlsx", r3_xlsx(), config)
    assert set(asked.value.needs) == {"救助类别", "所属月份"}
    assert asked.value.needs["救助类别"] == config.program_names
    report = import_file(fresh_db, "一卡通清册.xlsx", r3_xlsx(4), config, program="高龄津贴", period=dt.date(2024, 4, 1))
    assert (report["kind"], report["rows_imported"], report["rows_quarantined"]) == ("payments", 4, 0)
    assert report["sources"] == ["所属月份“2024年4月”取自上传表单或命令行", "救助类别“高龄津贴”取自上传表单或命令行"]
    assert any(n.startswith("文件没有“发放日期”列：发放日期记为未知") for n in report["notes"])
    assert fresh_db.execute("select count(*), count(paid_date), min(period), min(program), sum(amount), min(name) "
                            "from payments").fetchone() == (4, 0, dt.date(2024, 4, 1), "高龄津贴", Decimal(480), "清册0")


# R4 殡仪馆 火化基本信息统计表: the source is the file itself
def test_r4_source_comes_from_the_title(config, fresh_db):
    before = clock.today()
    report = import_file(fresh_db, "火化信息.xlsx", r4_xlsx(3), config)
    assert (report["kind"], report["rows_imported"], report["rows_quarantined"]) == ("crosscheck", 3, 0)
    source, day = report["sources"]
    assert source == "比对来源“火化”取自标题" and day in import_day(before)
    assert fresh_db.execute("select list(distinct source), min(event_date) from crosscheck").fetchone() == \
        (["火化"], dt.date(2024, 3, 8))


def test_r4_without_a_title_takes_the_source_from_the_form_in_its_own_words(config):
    untitled = xlsx_bytes(("Sheet1", [["姓名", "身份证号", "火化日期"], ["某", synthetic_id(1), "2024-03-01"]]))
    with pytest.raises(NeedsInput) as asked:
        plan_import("名单.xlsx", untitled, config)
    assert "比对来源" in asked.value.needs
    before = clock.today()
    plan = plan_import("名单.xlsx", untitled, config, given={"比对来源": "殡葬火化"})
    source, day = plan.sources
    assert plan.rows.column("source").to_pylist() == ["火化"]
    assert source == "比对来源“火化”取自上传表单或命令行" and day in import_day(before)


# R5 村“两委”成员名册: three tables stacked on one sheet; 类别 from the title
def test_r5_staff_tables_are_read_one_by_one_with_the_kind_from_the_title(config):
    plan = plan_import("冬笋村干部名册.xlsx", r5_xlsx(), config)
    assert plan.kind == "staff" and not plan.quarantine
    tables = r5_people()
    assert plan.rows.num_rows == sum(map(len, tables)) == 7
    assert set(plan.rows.column("kind").to_pylist()) == {"村干部"} and plan.sources == ["类别“村干部”取自标题"]
    roles = [r for _, roles in R5_TABLES for r in roles]
    assert plan.rows.column("role").to_pylist() == roles
    twice = tables[0][2][1]  # a 两委 委员 who is also 一组组长: once per table
    assert plan.rows.column("person_id").to_pylist().count(twice) == 2


# R6 问题台账 as villages keep it: numbered header, a row of instructions, no 问题编号, no 整治重点
def test_r6_issues_are_numbered_and_their_focus_mapped_or_asked(config, fresh_db):
    with pytest.raises(NeedsInput) as asked:
        plan_import("问题台账.xlsx", r6_xlsx(), config)
    assert asked.value.needs == {"整治重点": FOCUSES}
    report = import_file(fresh_db, "问题台账.xlsx", r6_xlsx(), config, given={"整治重点": FOCUSES[3]})
    assert (report["kind"], report["rows_imported"], report["rows_quarantined"]) == ("issues", 4, 0)
    plan = plan_import("问题台账.xlsx", r6_xlsx(), config, given={"整治重点": FOCUSES[3]})
    assert plan.rows.column("issue_no").to_pylist() == ["冬笋村-001", "冬笋村-002", "冬笋村-003", "冬笋村-004"]
    assert plan.rows.column("focus").to_pylist() == [FOCUSES[1], FOCUSES[0], FOCUSES[3], FOCUSES[3]]
    # 9月10日前完成 is a deadline in the title's year (2024); 长期坚持 is no date, kept as written
    assert plan.rows.column("deadline").to_pylist() == [dt.date(2024, 3, 1), dt.date(2024, 9, 10), None,
                                                        dt.date(2024, 4, 1)]
    assert plan.rows.column("note").to_pylist() == [None, None, "完成时限：长期坚持", None]
    assert any("按标题或文件名中的 2024 年读作 2024-09-10" in p.message for p in plan.problems)


@pytest.mark.parametrize("written, normal", [
    ("5.问题描述", "问题描述"), ("10.整改结果", "整改结果"), ("户月保障金额（元）", "户月保障金额"), ("户主   姓名", "户主姓名"),
    ("补贴标准（元/月、人）", "补贴标准"), ("低保（特困）证号", "低保(特困)证号"), ("村（社区）名称", "村(社区)名称"),
])
def test_number_prefixes_units_spaces_and_brackets_are_ignored_in_headers(written, normal):
    assert norm_header(written) == normal


@pytest.mark.parametrize("header, kind, field", [
    ("享受人", "payments", "name"), ("户月保障金额（元）", "roster", "monthly_amount"), ("领取金额", "payments", "amount"),
    ("低保（特困）证号", "roster", "household_id"), ("最初享受月份", "roster", "start_date"),
    ("银行帐号", "roster", "bank_account"), ("一卡通账户", "payments", "bank_account"), ("户名", "payments", "payee_name"),
    ("补贴期号", "payments", "paid_for"), ("发放时间", "payments", "paid_date"), ("火化日期", "crosscheck", "event_date"),
    ("逝者证件号", "crosscheck", "person_id"), ("身份证", "roster", "person_id"), ("所属社区", "roster", "village"),
    ("所属社", "roster", "village"), ("行政村", "roster", "village"), ("村(居)民小组", "roster", "group_name"),
    ("所在村民小组", "roster", "group_name"), ("4.问题类型", "issues", "category"), ("8.完成时限", "issues", "deadline"),
    ("具体问题", "issues", "description"), ("职务/职称", "staff", "role"),
])
def test_real_header_spellings_map_to_their_field(header, kind, field):
    assert map_columns(["序号", header], kind)[0] == {1: field}


def test_a_masked_copy_of_the_id_column_is_set_aside_with_a_note(config):
    pid = synthetic_id(7)
    rows = [["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "身份证号"],
            ["某", pid, "冬笋村", "特困供养", "932", pid[:6] + "********" + pid[-4:]]]
    plan = plan_import("2024年3月名册.xlsx", xlsx_bytes(("名册", rows)), config)
    assert plan.rows.column("person_id").to_pylist() == [pid]
    assert any("隐去部分数字的副本" in n for n in plan.notes)


def test_the_cli_takes_values_missing_from_the_file_with_set(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(xlsx_bytes(("Sheet1", [["姓名", "身份证号", "火化日期"], ["某", synthetic_id(1), "2024-03-01"]])))
    command = [sys.executable, "-m", "analytics", "import", "--db", str(tmp_path / "s.duckdb"), "--json"]
    refused = subprocess.run([*command, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "比对来源" in refused.stdout
    before = clock.today()
    done = subprocess.run([*command, "--set", "比对来源=殡葬火化", str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)["files"]
    source, day = report["sources"]
    assert (report["kind"], report["rows_imported"]) == ("crosscheck", 1)
    assert source == "比对来源“火化”取自上传表单或命令行" and day in import_day(before)


def test_a_disability_certificate_number_gives_the_id_when_there_is_no_id_column(config):
    pid = synthetic_id(8)
    rows = [["姓名", "残疾证号", "残疾等级", "村(居)"], ["某", pid + "42", "二级", "冬笋村"]]
    plan = plan_import("2024年3月名册.xlsx", xlsx_bytes(("名册", rows)), config, program="困难残疾人生活补贴")
    assert plan.rows.column("person_id").to_pylist() == [pid] and not plan.quarantine


def test_headers_that_fit_several_kinds_equally_are_asked_not_guessed(config):
    both = xlsx_bytes(("S", [["姓名", "身份证号"], ["某", synthetic_id(1)]]))
    with pytest.raises(NeedsInput) as asked:
        plan_import("名单.xlsx", both, config)
    assert asked.value.missing == "数据类型" and "救助对象名册" in asked.value.choices
    assert "同样相近" in str(asked.value)


def test_a_staff_list_is_not_taken_for_payments(config):
    rows = [["序号", "姓名", "身份证号", "职务", "村(社区)名称", "联系电话"], [1, "某", synthetic_id(2), "主任", "冬笋村", ""]]
    with pytest.raises(NeedsInput) as asked:
        plan_import("人员名册.xlsx", xlsx_bytes(("S", rows)), config)
    assert asked.value.needs == {"类别": ("工作人员", "村干部", "近亲属")}
    plan = plan_import("人员名册.xlsx", xlsx_bytes(("S", rows)), config, given={"类别": "村干部"})
    assert plan.kind == "staff" and plan.rows.column("unit").to_pylist() == ["冬笋村"]


def test_a_household_on_one_row_with_members_sideways_becomes_one_row_per_person(config):
    ids = [synthetic_id(n) for n in range(1, 5)]
    rows = [["2024年3月农村低保家庭名册"], ["户编号", "村(居)", "姓名", "身份证号", "姓名", "身份证号", "姓名", "身份证号", "保障金额"],
            ["H1", "冬笋村", "甲", ids[0], "乙", ids[1], "丙", ids[2], 900], ["H2", "金源村", "丁", ids[3], None, None, None, None, 400]]
    plan = plan_import("低保家庭.xlsx", xlsx_bytes(("S", rows)), config)
    got = plan.rows.select(["row_no", "person_id", "household_id", "head_id", "monthly_amount"]).to_pylist()
    assert [tuple(r.values()) for r in got] == [
        (3, ids[0], "H1", ids[0], Decimal(900)), (3, ids[1], "H1", ids[0], None), (3, ids[2], "H1", ids[0], None),
        (4, ids[3], "H2", ids[3], Decimal(400))]


def test_two_tables_side_by_side_with_a_blank_gutter_are_read_as_two(config):
    header = ["序号", "姓名", "身份证号", "职务/职称"]
    left = [[i + 1, f"左{i}", synthetic_id(600 + i), "委员"] for i in range(3)]
    right = [[i + 1, f"右{i}", synthetic_id(700 + i), "组长"] for i in range(2)]
    rows = [["冬笋村“两委”成员名册", None, None, None, None, "冬笋村村民小组长名册"], [*header, None, *header]]
    rows += [[*left[i], None, *(right[i] if i < len(right) else [None] * 4)] for i in range(3)]
    plan = plan_import("名册.xlsx", xlsx_bytes(("S", rows)), config)
    assert plan.kind == "staff" and not plan.quarantine
    assert plan.rows.column("name").to_pylist() == ["左0", "左1", "左2", "右0", "右1"]
    assert plan.rows.column("row_no").to_pylist() == [3, 4, 5, 3, 4]


@pytest.mark.parametrize("title, found", [
    ("一品街道城市居民最低生活保障金发放领取表（2024年3月）", ("低保", "城市")),
    ("一品街道农村居民最低生活保障金发放领取表（2024年3月）", ("低保", "农村")),
    ("城乡居民最低生活保障金发放表", ("低保", "")),
])
def test_r1_title_gives_the_program_and_its_sub_type(config, title, found):
    from analytics.importing import layout
    assert layout.program_in_text(title, config) == found


def test_a_village_s_urban_and_rural_dibao_lists_do_not_replace_each_other(config, fresh_db):
    def dibao(kind: str, people: list[int]) -> bytes:
        return xlsx_bytes(("冬笋", [[f"庆隆镇2024年3月{kind}居民最低生活保障对象名册"],
                                    ["姓名", "身份证号", "保障金额"],
                                    *([f"试{n}", synthetic_id(n), "500"] for n in people)]))
    urban = import_file(fresh_db, "城市低保.xlsx", dibao("城市", [301, 302]), config)
    rural = import_file(fresh_db, "农村低保.xlsx", dibao("农村", [401, 402, 403]), config)
    assert (urban["rows_imported"], rural["rows_imported"], rural["rows_replaced"]) == (2, 3, 0)
    corrected = import_file(fresh_db, "城市低保（更正）.xlsx", dibao("城市", [301]), config)
    assert corrected["rows_replaced"] == 2  # the urban list only
    assert fresh_db.execute("select sub_type, count(*) from roster group by 1 order by 1").fetchall() == \
        [("农村", 3), ("城市", 1)]
