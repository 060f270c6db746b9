"""Sheet layout: the header below title rows (maybe two merged rows), columns to fields, the dataset, program and month."""
import datetime as dt

import pytest

from analytics.importing import layout
from analytics.core.contract import DATASETS
from analytics.importing.layout import detect_kind, find_header, is_total_or_blank, map_columns, norm_header, program_in_text

ROSTER_HEADER = ["序号", "姓名", "身份证号", "村(居)", "保障金额", "状态"]
DATA_ROW = [1, "张三", "500224195001020015", "冬笋村", "581", "在保"]


def test_header_is_found_below_two_title_rows():
    rows = [["2022年6月农村低保名册", "", ""], ["制表单位：庆隆镇", "", "制表日期：2022年7月5日"], ROSTER_HEADER, DATA_ROW]
    found = find_header(rows)
    assert found.header_index == 2
    assert found.headers == ROSTER_HEADER
    assert found.title == "2022年6月农村低保名册 制表单位：庆隆镇 制表日期：2022年7月5日"


def test_header_on_the_first_row_has_an_empty_title():
    found = find_header([ROSTER_HEADER, DATA_ROW])
    assert (found.header_index, found.title) == (0, "")


def test_header_cells_are_stripped_and_blank_cells_kept_as_empty_text():
    found = find_header([[" 姓名 ", None, "身份证号", ""], DATA_ROW])
    assert found.headers == ["姓名", "", "身份证号", ""]


def test_a_single_known_word_is_not_a_header():
    assert find_header([["姓名"], ["张三"]]) is None
    assert find_header([["2022年6月低保名册"], ["本表姓名由村填写"], []]) is None


def test_no_header_in_the_first_30_rows_is_not_found():
    rows = [[f"说明第{i}行"] for i in range(layout.HEADER_SCAN_ROWS)] + [ROSTER_HEADER, DATA_ROW]
    assert find_header(rows) is None
    assert find_header(rows[1:]).header_index == layout.HEADER_SCAN_ROWS - 1


def test_two_row_merged_header_joins_the_group_with_its_sub_columns():
    rows = [["2022年6月农村低保名册"],
            ["序号", "姓名", "身份证号", "户主", None, "保障金额"],
            [None, None, None, "姓名", "身份证号", None],
            DATA_ROW]
    found = find_header(rows)
    assert found.header_index == 2
    assert found.headers == ["序号", "姓名", "身份证号", "户主姓名", "户主身份证号", "保障金额"]
    columns, duplicates = map_columns(found.headers, "roster")
    assert columns == {1: "name", 2: "person_id", 3: "head_name", 4: "head_id", 5: "monthly_amount"}
    assert duplicates == []


def test_group_word_ending_in_xinxi_is_dropped_when_joining():
    rows = [["姓名", "身份证号", "户主信息", ""], ["", "", "姓名", "身份证号"]]
    assert find_header(rows).headers == ["姓名", "身份证号", "户主姓名", "户主身份证号"]


def test_group_that_makes_no_known_header_keeps_the_sub_column_name():
    rows = [["序号", "姓名", "基本情况", "", "保障金额"], ["", "", "身份证号", "村(居)", ""]]
    assert find_header(rows).headers == ["序号", "姓名", "身份证号", "村(居)", "保障金额"]


def test_a_data_row_below_the_header_is_not_taken_for_a_sub_header():
    rows = [ROSTER_HEADER, ["", "姓名", "", "", "581", ""]]
    found = find_header(rows)
    assert found.header_index == 0 and found.headers == ROSTER_HEADER


def test_two_row_header_whose_top_row_holds_only_group_words():
    rows = [["序号", "救助对象", None, "户主", None, "保障金额"],
            [None, "姓名", "身份证号", "姓名", "身份证号", None],
            DATA_ROW]
    found = find_header(rows)
    columns, duplicates = map_columns(found.headers, "roster")
    assert duplicates == []
    assert columns == {1: "name", 2: "person_id", 3: "head_name", 4: "head_id", 5: "monthly_amount"}


@pytest.mark.parametrize("written, normal", [
    ("村（居）", "村(居)"), ("保障金（元）", "保障金"), ("发放金额(元)", "发放金额"), ("姓 名", "姓名"), ("*身份证号", "身份证号"),
    ("救助类别：", "救助类别"), ("\u3000姓名\u3000", "姓名"), (None, ""), (123, "123"),
])
def test_header_spellings_are_normalised(written, normal):
    assert norm_header(written) == normal


@pytest.mark.parametrize("header, kind, field", [
    ("村（居）", "roster", "village"), ("村(社区)", "roster", "village"), ("所属村", "roster", "village"),
    ("保障金（元）", "roster", "monthly_amount"), ("保障金额(元)", "roster", "monthly_amount"),
    ("月保障金额 (元)", "roster", "monthly_amount"), ("公民身份号码", "roster", "person_id"),
    ("享受人身份证号码", "payments", "person_id"), ("发放合计（元）", "payments", "amount"),
    ("发放金额（元）", "payments", "amount"), ("所属期", "payments", "paid_for"), ("到账日期", "payments", "paid_date"),
    ("领取人", "payments", "payee_name"), ("代领人身份证号码", "proxy_agreements", "proxy_id"),
    ("探访日期", "visits", "visit_date"), ("人员类别", "staff", "kind"),
])
def test_column_spellings_map_to_their_field(header, kind, field):
    columns, duplicates = map_columns(["序号", header], kind)
    assert columns == {1: field} and duplicates == []


def test_unknown_columns_such_as_signatures_are_ignored():
    columns, _ = map_columns(["序号", "姓名", "领款人签字", "身份证号"], "payments")
    assert columns == {1: "name", 3: "person_id"}


def test_two_columns_for_one_field_are_reported_as_duplicates():
    columns, duplicates = map_columns(["身份证号", "姓名", "身份证号码"], "roster")
    assert columns == {0: "person_id", 1: "name"}
    assert duplicates == [("person_id", [0, 2])]


@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_each_dataset_is_detected_from_its_template_headers(kind):
    headers = [f.label for f in DATASETS[kind].fields]
    assert detect_kind(headers)[0] == (kind, [])


def test_payments_file_with_the_common_export_header_is_payments():
    headers = ["序号", "姓名", "身份证号", "项目名称", "发放金额", "发放日期", "村(居)"]
    assert detect_kind(headers)[0] == ("payments", [])


def test_file_name_hint_breaks_a_tie():
    headers = ["身份证号", "姓名", "村(居)"]
    assert detect_kind(headers, "2022年摸排对象.xlsx")[0] == ("potential", [])
    assert detect_kind(headers, "低保花名册.xlsx")[0] == ("roster", [])


def test_headers_without_the_required_columns_match_no_dataset_fully():
    assert all(missing for _, missing in detect_kind(["序号", "姓名", "金额"]))
    assert detect_kind(["机构名称"]) == []


def test_a_payment_list_missing_its_amount_is_still_a_payment_list():
    headers = ["序号", "姓名", "身份证号", "项目名称", "发放日期", "村(居)"]
    assert detect_kind(headers, "2022年6月特困供养发放明细.xlsx")[0] == ("payments", ["amount"])


@pytest.mark.parametrize("text, found", [
    ("城保名册", ("低保", "城市")),
    ("农保名册", ("低保", "农村")),
    ("2022年6月农村低保发放明细", ("低保", "农村")),
    ("城乡低保", ("低保", "")),
    ("散居孤儿花名册", ("孤儿", "散居")),
    ("集中供养孤儿", ("孤儿", "集中")),
    ("孤儿", ("孤儿", "")),
    ("农村五保名册", ("特困供养", "")),
    ("重度残疾人护理补贴发放表", ("重度残疾人护理补贴", "")),
    ("经济困难失能老人补贴", ("失能老人补贴", "")),
    ("特困人员与孤儿名册", None),
    ("花名册", None),
    ("", None),
])
def test_program_in_text_names_exactly_one_program(config, text, found):
    assert program_in_text(text, config) == found


@pytest.mark.parametrize("title, period", [
    ("2022年6月农村低保发放明细 制表单位：庆隆镇 制表日期：2022年7月5日", dt.date(2022, 6, 1)),
    ("农村低保发放明细（2022年6月） 日期：2022-07-05", dt.date(2022, 6, 1)),
    ("庆隆镇 2022-06 特困供养名册", dt.date(2022, 6, 1)),
    ("庆隆镇特困供养名册", None),
    ("", None),
])
def test_period_in_title_takes_the_month_the_sheet_is_for(title, period):
    assert layout.period_in_title(title) == period


@pytest.mark.parametrize("title", ["庆隆镇农村低保名册 制表日期：2022年7月5日",
                                   "制表日期：2022年7月5日  2022年6月农村低保名册"])
def test_period_in_title_never_takes_the_date_the_sheet_was_made(title):
    assert layout.period_in_title(title) in (None, dt.date(2022, 6, 1))


@pytest.mark.parametrize("row", [
    ["合计", "", "", 2796], ["", "小 计", 932], ["总计：", 1], ["", "", "", "合  计"], ["\u3000合计", None],
    ["", "", None], [None, None], [], ["  ", "\u3000", None, ""],
])
def test_total_and_blank_rows_are_recognised(row):
    assert is_total_or_blank(row)


@pytest.mark.parametrize("row", [
    DATA_ROW, ["小明", "500224195001020015"], ["总", "金额"], [1, "", "", ""],
])
def test_data_rows_are_not_taken_for_totals(row):
    assert not is_total_or_blank(row)
