"""plan_import: one uploaded file into an ImportPlan of typed rows, quarantined rows and every problem at once."""
import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal

import pyarrow as pa
import pytest

from analytics.core.errors import FileRejected, NeedsInput
from analytics.importing.ids import NUMBER_STORED
from analytics.importing.plan import plan_import
from conftest import PAYMENT_HEADER, csv_bytes, payment_rows, person, xls_bytes, xlsx_bytes

JUNE = dt.date(2022, 6, 1)
TITLE = ["2022年6月特困供养发放明细"]
ROSTER_HEADER = ["序号", "姓名", "身份证号", "保障金额", "状态"]  # no village, no program, no month: all inferred


def payments_file(rows, header=PAYMENT_HEADER, title=TITLE) -> bytes:
    return xlsx_bytes(("发放", [title, ["制表单位：庆隆镇民政办"], header, *rows]))


def roster_rows(n: int, start: int = 1, amount="581"):
    return [[i, f"对象{i}", person(i), amount, "在保"] for i in range(start, start + n)]


def rejected(file_name, data, config, **kw) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        plan_import(file_name, data, config, **kw)
    return caught.value


def with_limits(config, **limits):
    return dataclasses.replace(config, limits=dataclasses.replace(config.limits, **limits))


def test_payments_file_is_recognised_with_program_and_month_from_its_title(config):
    data = payments_file(payment_rows(3))
    plan = plan_import("uploads/发放.xlsx", data, config)
    assert (plan.kind, plan.program, plan.period) == ("payments", "特困供养", JUNE)
    assert plan.file_name == "发放.xlsx" and plan.size == len(data)
    assert plan.sha256 == hashlib.sha256(data).hexdigest()
    assert plan.sheets == ["发放"] and plan.rows.num_rows == 3 == plan.rows_read
    assert plan.problems == [] and plan.quarantine == [] and plan.villages == ["冬笋村"]


def test_rows_are_typed_arrow_columns(config):
    rows = payment_rows(2)
    rows[0][4], rows[1][4] = "1,234.5元", 932
    rows[1][5] = dt.date(2022, 6, 21)
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    schema = plan.rows.schema
    assert schema.field("amount").type == pa.decimal128(12, 2)
    assert schema.field("paid_date").type == pa.date32() and schema.field("period").type == pa.date32()
    assert schema.field("row_no").type == pa.int32() and schema.field("person_id").type == pa.string()
    assert plan.rows.column("amount").to_pylist() == [Decimal("1234.50"), Decimal("932.00")]
    assert plan.rows.column("paid_date").to_pylist() == [dt.date(2022, 6, 20), dt.date(2022, 6, 21)]
    assert plan.rows.column("period").to_pylist() == [JUNE, JUNE]
    assert plan.rows.column("sheet").to_pylist() == ["发放", "发放"]
    assert plan.rows.column("row_no").to_pylist() == [4, 5]  # as Excel numbers them: 2 title rows, the header


def test_roster_dates_counts_and_month_only_end_date_are_typed(config):
    header = ["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "保障人数", "起始保障年月", "截止保障年月"]
    row = ["张三", person(1), "冬笋村", "特困供养", "932", "1人", "2021.03", "2022.06"]
    plan = plan_import("2022年6月名册.xlsx", xlsx_bytes(("名册", [header, row])), config)
    assert plan.kind == "roster"
    got = plan.rows.to_pylist()[0]
    assert got["household_size"] == 1 and plan.rows.schema.field("household_size").type == pa.int32()
    assert (got["start_date"], got["end_date"]) == (dt.date(2021, 3, 1), dt.date(2022, 6, 30))
    assert got["monthly_amount"] == Decimal("932.00") and got["period"] == JUNE


def test_one_sheet_per_village_without_a_village_column_takes_the_sheet_name(config):
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]),
                      ("金源村委会", [["2022年6月"], ROSTER_HEADER, *roster_rows(3, start=10)]))
    plan = plan_import("农保名册.xlsx", data, config)
    assert plan.kind == "roster" and plan.sheets == ["冬笋村", "金源村委会"]
    assert plan.rows.column("village").to_pylist() == ["冬笋村"] * 2 + ["金源村"] * 3
    assert plan.rows.column("sheet").to_pylist() == ["冬笋村"] * 2 + ["金源村委会"] * 3
    assert plan.villages == ["冬笋村", "金源村"]


def test_explanation_sheet_is_skipped_with_a_note(config):
    data = xlsx_bytes(("说明", [["本表为庆隆镇农村低保名册，请勿改动表头"], ["联系人：民政办"]]),
                      ("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]))
    plan = plan_import("农保名册.xlsx", data, config)
    assert plan.sheets == ["冬笋村"] and plan.rows.num_rows == 2
    assert any("说明" in note and "跳过" in note for note in plan.notes)


def test_sheet_with_another_layout_is_skipped_with_a_note(config):
    other = ["姓名", "身份证号", "走访日期", "走访人"]
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]),
                      ("金源村", [["2022年6月"], ROSTER_HEADER, *roster_rows(1, start=5)]),
                      ("走访", [other, ["张三", person(9), "2022-06-01", "李四"]]))
    plan = plan_import("农保名册.xlsx", data, config)
    assert plan.sheets == ["冬笋村", "金源村"] and plan.rows.num_rows == 3
    assert any("走访" in note and "跳过" in note for note in plan.notes)


def test_legacy_xls_named_chengbao_gives_urban_dibao_and_the_month_of_its_title(config):
    data = xls_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]))
    plan = plan_import("城保名册.xls", data, config)
    assert (plan.kind, plan.program, plan.period) == ("roster", "低保", JUNE)
    assert plan.rows.column("program").to_pylist() == ["低保", "低保"]
    assert plan.rows.column("sub_type").to_pylist() == ["城市", "城市"]
    assert plan.rows.column("batch_period").to_pylist() == [JUNE, JUNE]


def test_month_can_come_from_the_file_name(config):
    data = xlsx_bytes(("冬笋村", [ROSTER_HEADER, *roster_rows(1)]))
    plan = plan_import("农保名册202207.xlsx", data, config)
    assert (plan.program, plan.period) == ("低保", dt.date(2022, 7, 1))


def test_month_given_by_the_user_wins_over_the_title(config):
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(1)]))
    plan = plan_import("农保名册.xlsx", data, config, period=dt.date(2022, 8, 1))
    assert plan.period == dt.date(2022, 8, 1) and plan.rows.column("period").to_pylist() == [dt.date(2022, 8, 1)]


def test_missing_month_of_a_monthly_dataset_asks_for_input(config):
    data = xlsx_bytes(("冬笋村", [["城保名册"], ROSTER_HEADER, *roster_rows(2)]))
    error = rejected("城保名册.xls", data, config)
    assert isinstance(error, NeedsInput) and error.missing == "所属月份"
    assert "所属月份" in str(error) and "上传时选择" in str(error)
    plan = plan_import("城保名册.xls", data, config, period=JUNE)
    assert (plan.program, plan.period, plan.rows.num_rows) == ("低保", JUNE, 2)


def test_missing_program_asks_for_input_and_works_when_given(config):
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]))
    error = rejected("名册.xlsx", data, config)
    assert isinstance(error, NeedsInput) and error.missing == "救助类别"
    plan = plan_import("名册.xlsx", data, config, program="散居孤儿")
    assert plan.program == "孤儿" and plan.rows.column("sub_type").to_pylist() == ["散居", "散居"]


def test_unknown_program_given_by_the_user_is_refused(config):
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *roster_rows(1)]))
    assert "五保户补贴" in str(rejected("名册.xlsx", data, config, program="五保户补贴"))


def test_month_in_a_period_column_needs_no_title(config):
    header = [*PAYMENT_HEADER, "发放年月"]
    rows = [[*r, "2022.07"] for r in payment_rows(2)]
    plan = plan_import("一卡通.xlsx", xlsx_bytes(("Sheet1", [header, *rows])), config)
    assert plan.kind == "payments" and plan.period is None
    assert plan.rows.column("period").to_pylist() == [dt.date(2022, 7, 1)] * 2
    assert plan.rows.column("batch_period").to_pylist() == [dt.date(2022, 7, 1)] * 2


def test_file_without_a_header_is_rejected(config):
    data = xlsx_bytes(("Sheet1", [["庆隆镇民政办"], ["2022年6月"], [1, 2, 3]]))
    error = rejected("无表头.xlsx", data, config)
    assert "找不到表头" in str(error) and str(error).startswith("文件“无表头.xlsx”未导入")


def test_headers_of_no_dataset_are_rejected(config):
    data = xlsx_bytes(("Sheet1", [["姓名", "金额", "备注"], ["张三", "123", ""]]))
    assert "下载对应模板" in str(rejected("金额.xlsx", data, config))


def test_required_column_missing_is_rejected_naming_it(config):
    header = [h for h in PAYMENT_HEADER if h != "发放金额"]
    rows = [r[:4] + r[5:] for r in payment_rows(2)]
    error = rejected("发放.xlsx", payments_file(rows, header), config, kind="payments")
    assert "发放金额" in str(error) and "缺少必需的列" in str(error)


def test_payments_file_missing_its_amount_column_is_not_imported_as_a_roster(config):
    header = [h for h in PAYMENT_HEADER if h != "发放金额"]
    rows = [r[:4] + r[5:] for r in payment_rows(2)]
    with pytest.raises(FileRejected, match="发放金额"):
        plan_import("2022年6月特困供养发放明细.xlsx", payments_file(rows, header), config)


def test_duplicated_header_is_rejected_naming_the_columns(config):
    header = [*PAYMENT_HEADER, "身份证号码"]
    rows = [[*r, person(99)] for r in payment_rows(2)]
    error = rejected("发放.xlsx", payments_file(rows, header), config)
    assert "对应了多列" in str(error) and "第 3、8 列" in str(error)


def test_roster_without_village_column_on_a_sheet_not_named_after_a_village_is_rejected(config):
    data = xlsx_bytes(("Sheet1", [["2022年6月"], ROSTER_HEADER, *roster_rows(2)]))
    assert "村(居)" in str(rejected("农保名册.xlsx", data, config))


def test_every_bad_cell_of_every_row_is_reported_at_once(config):
    header = [*PAYMENT_HEADER[:4], "发放金额（元）", *PAYMENT_HEADER[5:]]
    rows = payment_rows(4)
    rows[1][2], rows[1][4], rows[1][5] = "12345", "-5", "2022/13/1"
    rows[3][4] = "九百"
    plan = plan_import("发放.xlsx", payments_file(rows, header), config)
    assert [(p.row, p.column, p.value, p.level) for p in plan.problems] == [
        (5, "身份证号", "12345", "错误"), (5, "发放金额（元）", "-5", "错误"), (5, "发放日期", "2022/13/1", "错误"),
        (7, "发放金额（元）", "九百", "错误")]
    assert all(p.sheet == "发放" for p in plan.problems)
    assert "18 位" in plan.problems[0].message and "负数" in plan.problems[1].message
    assert "不存在" in plan.problems[2].message and "不是数字" in plan.problems[3].message
    assert plan.rows.column("row_no").to_pylist() == [4, 6]
    assert [(q.row_no, len(q.reasons)) for q in plan.quarantine] == [(5, 3), (7, 1)]


def test_quarantined_row_keeps_its_raw_values_under_the_headers_as_written(config):
    rows = payment_rows(2)
    rows[1][4] = "-5"
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    [bad] = plan.quarantine
    assert bad.sheet == "发放" and bad.row_no == 5
    assert bad.raw == {"序号": "2", "姓名": "测试2", "身份证号": person(2), "项目名称": "特困供养", "发放金额": "-5",
                       "发放日期": "2022-06-20", "村(居)": "冬笋村"}
    assert plan.rows.column("name").to_pylist() == ["测试1"] and plan.rows_read == 2


def test_problems_of_several_sheets_name_their_sheet_and_row(config):
    first, second = roster_rows(2), roster_rows(3, start=10)
    first[1][2] = person(2)[:17] + ("0" if person(2)[17] != "0" else "1")
    second[2][3] = "abc"
    data = xlsx_bytes(("冬笋村", [["2022年6月"], ROSTER_HEADER, *first]),
                      ("金源村", [ROSTER_HEADER, *second]))
    plan = plan_import("农保名册.xlsx", data, config)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("冬笋村", 4, "身份证号"), ("金源村", 4, "保障金额")]
    assert plan.rows.num_rows == 3


def test_unknown_village_and_program_are_explained(config):
    rows = payment_rows(3)
    rows[0][6], rows[1][3] = "火星村", "五保户补贴"
    plan = plan_import("发放.xlsx", payments_file(rows, title=["2022年6月发放明细"]), config)
    village, program = plan.problems
    assert village.column == "村(居)" and "火星村" in village.message and "冬笋村" in village.message
    assert "config.toml" in village.message
    assert program.column == "项目名称" and "五保户补贴" in program.message and "特困供养" in program.message
    assert plan.rows.num_rows == 1 and len(plan.quarantine) == 2


def test_village_aliases_are_accepted(config):
    rows = payment_rows(2)
    rows[0][6], rows[1][6] = "冬笋村委会", "金源"
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    assert plan.problems == [] and plan.rows.column("village").to_pylist() == ["冬笋村", "金源村"]


def test_blank_required_field_is_reported_with_its_label(config):
    rows = payment_rows(3)
    rows[0][1], rows[1][2] = "", None
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    assert [(p.row, p.column, p.value) for p in plan.problems] == [(4, "姓名", ""), (5, "身份证号", "")]
    assert all("必填项" in p.message and "为空" in p.message for p in plan.problems)
    assert plan.rows.num_rows == 1


def test_id_stored_as_number_in_the_workbook_is_reported_not_guessed(config):
    rows = payment_rows(3)
    rows[0][2], rows[1][2] = float(person(1)), "5.00224E+17"
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    assert [p.message for p in plan.problems] == [NUMBER_STORED, NUMBER_STORED]
    assert plan.rows.num_rows == 1


def test_luhn_warning_keeps_the_row(config):
    header = [*PAYMENT_HEADER, "银行账号"]
    rows = [[*r, "6222021234567890129"] for r in payment_rows(1)]
    plan = plan_import("发放.xlsx", payments_file(rows, header), config)
    [warning] = plan.problems
    assert warning.level == "提示" and "Luhn" in warning.message and warning.row == 4
    assert plan.rows.num_rows == 1 and plan.quarantine == []
    assert plan.rows.column("bank_account").to_pylist() == ["6222021234567890129"]


def test_ids_are_normalised_before_they_are_stored(config):
    rows = payment_rows(2)
    rows[0][2] = f" '{person(1)[:6]} {person(1)[6:]}"
    rows[1][2] = person(2).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    assert plan.problems == [] and plan.rows.column("person_id").to_pylist() == [person(1), person(2)]


def test_total_and_blank_rows_are_dropped_with_a_note_not_quarantined(config):
    rows = [*payment_rows(2), [None] * 7, ["合计", "", "", "", "1864", "", ""], ["", "小 计", "", "", "1864", "", ""]]
    plan = plan_import("发放.xlsx", payments_file(rows), config)
    assert plan.rows.num_rows == 2 and plan.quarantine == [] and plan.problems == []
    assert any("3 行" in note for note in plan.notes)


def test_ghost_row_holding_only_a_space_is_dropped(config):
    rows = [TITLE, PAYMENT_HEADER, *payment_rows(2), ["", "", "", "", "", " ", ""]]
    plan = plan_import("发放.csv", csv_bytes(rows), config)
    assert plan.problems == [] and plan.quarantine == []


def test_gb18030_csv_with_a_rare_name_character_is_imported(config):
    rows = [TITLE, PAYMENT_HEADER, *payment_rows(2)]
    rows[2][1] = "王䶮"
    plan = plan_import("发放.csv", csv_bytes(rows, "gb18030"), config)
    assert plan.kind == "payments" and plan.sheets == [""]
    assert plan.rows.column("name").to_pylist() == ["王䶮", "测试2"]
    assert plan.rows.column("row_no").to_pylist() == [3, 4]


def test_ragged_csv_row_is_read_with_blank_cells(config):
    text = "\n".join([",".join(PAYMENT_HEADER[1:]), ",".join(payment_rows(1)[0][1:]), f"李四,{person(2)},特困供养"])
    plan = plan_import("2022年6月发放.csv", text.encode(), config)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "发放金额")]  # a paid date may be unknown


def test_row_limit_rejects_a_file_with_more_data_rows(config):
    small = with_limits(config, max_rows=2)
    assert plan_import("发放.xlsx", payments_file(payment_rows(2)), small).rows.num_rows == 2
    error = rejected("发放.xlsx", payments_file(payment_rows(3)), small)
    assert "数据行数 3 超过上限 2" in str(error)


def test_size_limit_rejects_a_big_file_before_reading_it(config):
    tiny = with_limits(config, max_upload_mb=1)
    error = rejected("大文件.xlsx", b"\x00" * (1024 * 1024 + 1), tiny)
    assert "超过上限 1 MB" in str(error)


def test_empty_file_is_rejected(config):
    assert "0 字节" in str(rejected("空.xlsx", b"", config))
