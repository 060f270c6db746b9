"""Reading uploads: xlsx and xls through calamine, CSV in the encodings Chinese offices use, sniffed from the bytes."""
import datetime as dt
import io

import openpyxl
import pytest

from analytics.core.errors import FileRejected
from analytics.importing.readers import OLE_MAGIC, decode_text, read_file
from analytics.importing.templates import template_workbook
from conftest import PAYMENT_HEADER, csv_bytes, payment_rows, xls_bytes, xlsx_bytes

TITLE = ["2022年6月特困供养发放明细"]
RARE = "王䶮"  # U+4DAE: in GB18030, not in GBK


def rows_with_rare_name():
    rows = [TITLE, PAYMENT_HEADER, *payment_rows(2)]
    rows[2][1] = RARE
    return rows


def as_text(rows):
    return [[str(c) for c in row] for row in rows]


def test_xlsx_sheet_is_read_with_its_name_and_stored_types():
    data = xlsx_bytes(("发放", [TITLE, PAYMENT_HEADER, [1, "张三", 5.00224195001012e17, "特困供养", 932.5,
                                                        dt.date(2022, 6, 20), "冬笋村"]]))
    [sheet] = read_file("发放.xlsx", data)
    assert sheet.name == "发放" and sheet.first_row == 1
    assert sheet.rows[0][0] == TITLE[0] and sheet.rows[1] == PAYMENT_HEADER
    row = sheet.rows[2]
    assert isinstance(row[2], float)  # an ID stored as a number stays a number, so it can be explained
    assert row[4] == 932.5 and row[5] == dt.date(2022, 6, 20)


def test_xlsx_with_leading_blank_rows_reports_the_row_number_the_user_sees():
    book = openpyxl.Workbook()
    book.active.title = "名册"
    book.active["A3"] = "姓名"
    book.active["B3"] = "身份证号"
    buffer = io.BytesIO()
    book.save(buffer)
    [sheet] = read_file("名册.xlsx", buffer.getvalue())
    assert sheet.first_row == 3 and sheet.rows[0] == ["姓名", "身份证号"]


def test_every_sheet_of_a_workbook_is_read_in_order():
    data = xlsx_bytes(("冬笋村", [PAYMENT_HEADER]), ("金源村", [PAYMENT_HEADER]), ("说明", [["本表说明"]]))
    assert [s.name for s in read_file("a.xlsx", data)] == ["冬笋村", "金源村", "说明"]


def test_legacy_xls_is_read():
    data = xls_bytes(("发放", rows_with_rare_name()))
    [sheet] = read_file("发放.xls", data)
    assert sheet.name == "发放"
    assert sheet.rows[1] == PAYMENT_HEADER and sheet.rows[2][1] == RARE
    assert sheet.rows[2][2] == payment_rows(1)[0][2]


def hidden_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "冬笋村"
    book.active.append(PAYMENT_HEADER)
    for name, state in (("旧表", "hidden"), ("底稿", "veryHidden")):
        sheet = book.create_sheet(name)
        sheet.append(PAYMENT_HEADER)
        sheet.sheet_state = state
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_hidden_and_very_hidden_sheets_are_skipped():
    assert [s.name for s in read_file("a.xlsx", hidden_workbook())] == ["冬笋村"]


def test_template_drop_down_list_sheet_is_hidden_and_skipped(config):
    names = [s.name for s in read_file("模板.xlsx", template_workbook("visits", config))]
    assert names == ["走访记录", "填表说明"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_is_read_in_the_encodings_offices_use(encoding):
    rows = rows_with_rare_name()
    [sheet] = read_file("发放.csv", csv_bytes(rows, encoding))
    assert sheet.name == "" and sheet.first_row == 1
    assert sheet.rows == as_text(rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"])
def test_decode_text_picks_the_encoding_from_the_bytes(encoding):
    text = "姓名,身份证号\n" + RARE + ",500224195001020015\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_text(data) == text


def test_gbk_csv_is_read_as_gb18030():
    rows = [PAYMENT_HEADER, *payment_rows(1)]
    assert read_file("a.csv", csv_bytes(rows, "gbk"))[0].rows == as_text(rows)


def test_csv_saved_with_an_xlsx_name_still_reads():
    rows = rows_with_rare_name()
    [sheet] = read_file("发放.xlsx", csv_bytes(rows, "gb18030"))
    assert sheet.name == "" and sheet.rows == as_text(rows)


def test_workbook_saved_with_a_csv_name_still_reads():
    data = xlsx_bytes(("发放", [PAYMENT_HEADER]))
    assert read_file("发放.csv", data)[0].name == "发放"


def test_quoted_amount_with_commas_stays_one_cell():
    rows = [PAYMENT_HEADER, [1, "张三", "500224195001020015", "特困供养", "1,234.00", "2022-06-20", "冬笋村"]]
    assert read_file("a.csv", csv_bytes(rows))[0].rows[1][4] == "1,234.00"


def test_tab_separated_unicode_text_is_split_on_tabs():
    rows = [PAYMENT_HEADER, *payment_rows(2)]
    text = "\r\n".join("\t".join(str(c) for c in row) for row in rows)
    assert read_file("发放.txt", text.encode("utf-16"))[0].rows == as_text(rows)


def test_tab_separated_unicode_text_with_a_title_row_is_split_on_tabs():
    rows = [TITLE, PAYMENT_HEADER, *payment_rows(2)]
    text = "\r\n".join("\t".join(str(c) for c in row) for row in rows)
    assert read_file("发放.txt", text.encode("utf-16"))[0].rows[1] == PAYMENT_HEADER


def rejected(data: bytes, name: str = "上传.xlsx") -> str:
    with pytest.raises(FileRejected) as caught:
        read_file(name, data)
    assert caught.value.file_name == name
    return str(caught.value)


def test_zero_byte_file_is_rejected_with_a_chinese_message():
    message = rejected(b"")
    assert message.startswith("文件“上传.xlsx”未导入") and "0 字节" in message


def test_garbage_binary_is_rejected():
    assert "不是可识别的表格文件" in rejected(bytes(range(256)) * 4, "a.csv")


def test_a_picture_is_named_as_what_it_is():
    assert "这是 PNG 图片，不是表格文件" in rejected(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_broken_xlsx_is_rejected_as_a_damaged_workbook():
    assert "文件不完整或已损坏" in rejected(b"PK\x03\x04" + b"not really a zip" * 20)


def test_truncated_xlsx_is_rejected_as_a_damaged_workbook():
    data = xlsx_bytes(("发放", [PAYMENT_HEADER]))
    assert "文件不完整或已损坏" in rejected(data[: len(data) // 2])


def test_broken_xls_is_rejected_as_a_damaged_workbook():
    assert "文件不完整或已损坏" in rejected(OLE_MAGIC + b"\x00" * 1000, "旧表.xls")


def test_bytes_in_no_text_encoding_are_rejected():
    assert "文字编码" in rejected(bytes(range(1, 256)) * 20, "a.csv")


def test_a_panic_in_the_workbook_reader_is_reported_as_a_damaged_workbook(monkeypatch):
    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    class Panicking:
        @staticmethod
        def from_filelike(_):
            raise PanicException("index out of bounds")

    monkeypatch.setattr("analytics.importing.readers.CalamineWorkbook", Panicking)
    assert "工作簿已损坏" in rejected(xlsx_bytes(("发放", [PAYMENT_HEADER])))
