"""Every export's sheet writer: text that looks like a formula stays text, money shows 元, the header stays in view."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from analytics.core.xlsx import DATE_FORMAT, MONEY_FORMAT, display_width, write_table


def written(frame: pd.DataFrame, **kw) -> openpyxl.worksheet.worksheet.Worksheet:
    """The frame written by write_table, saved and read back as Excel would see it."""
    book = openpyxl.Workbook()
    write_table(book.active, frame, **kw)
    buffer = io.BytesIO()
    book.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", "+1", "-1", "@x", "=HYPERLINK(\"http://x\",\"点我\")"])
def test_text_that_looks_like_a_formula_comes_back_as_text(text):
    cell = written(pd.DataFrame({"说明": [text]}))["A2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_money_cells_are_numbers_shown_in_yuan_and_other_cells_are_not():
    sheet = written(pd.DataFrame({"姓名": ["张三", "李四"], "金额": [Decimal("932.50"), None], "人数": [3, 4]}),
                    money=("金额",))
    assert sheet["B2"].value == 932.5 and sheet["B2"].data_type == "n"
    assert sheet["B2"].number_format == MONEY_FORMAT == '#,##0.00" 元"'
    assert sheet["B3"].value is None
    assert sheet["C2"].number_format == "General" and sheet["C2"].value == 3


def test_the_header_row_is_frozen_wherever_the_table_starts():
    assert written(pd.DataFrame({"a": [1]})).freeze_panes == "A2"
    sheet = written(pd.DataFrame({"问题编号": ["QL-1"]}), first_row=2)
    assert sheet.freeze_panes == "A3"
    assert (sheet["A2"].value, sheet["A3"].value) == ("问题编号", "QL-1")


def test_dates_are_dates_and_blanks_stay_empty():
    frame = pd.DataFrame({"日期": [dt.date(2022, 9, 20), None], "时间": [pd.Timestamp("2022-09-20 08:30"), pd.NaT]})
    sheet = written(frame)
    assert sheet["A2"].value == dt.datetime(2022, 9, 20) and sheet["A2"].number_format == DATE_FORMAT
    assert sheet["B2"].value == dt.datetime(2022, 9, 20, 8, 30) and sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["A3"].value is None and sheet["B3"].value is None


def test_columns_are_wide_enough_for_chinese_text():
    assert display_width("冬笋村") == 6 and display_width("QL-1") == 4 and display_width(None) == 0
    sheet = written(pd.DataFrame({"村": ["冬笋村民委员会"], "n": [1]}))
    assert sheet.column_dimensions["A"].width == 16 and sheet.column_dimensions["B"].width == 8


def test_the_findings_cli_workbook_keeps_formula_like_text_as_text():
    from analytics.findings import export
    row = {key: None for key in export.LABELS} | {
        "code": "LATE_PAID", "title": "拨付不及时", "severity": "中", "focus": "资金使用管理", "village": "冬笋村",
        "name": "=HYPERLINK(\"http://x\")", "amount": 932.0, "explanation": "+1 迟发", "sources": "[]",
        "period": pd.Timestamp("2022-06-01"), "paid_date": pd.NaT, "days_late": 3}
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(pd.DataFrame([row])))).active
    values = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert values["姓名"].data_type == "s" and values["姓名"].value.startswith("=HYPERLINK")
    assert values["说明"].value == "+1 迟发" and values["涉及金额(元)"].number_format.endswith('" 元"')
