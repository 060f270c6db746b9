"""Read an uploaded file into raw sheets: Excel through python-calamine, CSV through a sniffed text encoding.

The format is sniffed from the bytes (analytics.importing.containers), not trusted from the extension, so a CSV saved as .xlsx
still reads, with a note. Cells keep the type the file stored (a number stays a float) so that an ID saved as a number
can be explained.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from analytics.core.errors import FileRejected
from analytics.importing import containers
from analytics.importing.containers import OLE_MAGIC, ZIP_MAGIC  # noqa: F401 - the tests build files from them

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
NAMED_AS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".csv": "text", ".txt": "text"}
FORMAT_LABEL = {"xlsx": "Excel 工作簿（.xlsx）", "xls": "旧版 Excel 工作簿（.xls）", "text": "CSV 文本"}


@dataclass
class RawSheet:
    name: str           # "" for a CSV
    rows: list[list]    # cell values as stored
    first_row: int = 1  # the spreadsheet row number of rows[0], as the user sees it
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based, sheet coordinates
    row_numbers: list[int] | None = None  # each row's number when not consecutive (a wide row split into persons)


@dataclass
class RawFile:
    sheets: list[RawSheet]
    notes: list[str] = field(default_factory=list)


def read_file(file_name: str, data: bytes, max_upload_mb: int = 50) -> list[RawSheet]:
    return read_upload(file_name, data, max_upload_mb).sheets


def read_upload(file_name: str, data: bytes, max_upload_mb: int = 50) -> RawFile:
    container = containers.identify(file_name, data, max_upload_mb)
    notes = []
    named = NAMED_AS.get(PurePath(file_name).suffix.lower())
    if named and named != container.format:
        notes.append(f"文件扩展名是 {PurePath(file_name).suffix}，但内容是{FORMAT_LABEL[container.format]}，已按实际内容读取")
    if container.format == "text":
        return RawFile([RawSheet("", _read_csv_rows(file_name, data))], notes)
    return RawFile(_read_workbook(file_name, data, container), notes)


def _read_workbook(file_name: str, data: bytes, container: containers.Container) -> list[RawSheet]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, hidden = [], []
        for meta in book.sheets_metadata:
            if str(meta.visible).lower().endswith("hidden"):
                hidden.append(meta.name)
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=True)
            sheets.append(RawSheet(meta.name, rows, sheet.start[0] + 1 if sheet.start else 1,
                                   list(sheet.merged_cell_ranges or [])))
    except PasswordError:
        raise FileRejected(file_name, containers.PASSWORD) from None
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRejected(file_name, f"工作簿已损坏或格式不符，无法读取（{_short(exc)}）；{containers.REPACK}") from None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3's form of a Rust panic, e.g. on a malformed record
            raise
        raise FileRejected(file_name, f"工作簿已损坏，读取程序无法解析（{_short(exc)}）；{containers.REPACK}") from None
    if not any(any(map(any, s.rows)) for s in sheets):
        raise FileRejected(file_name, _why_no_cells(sheets, hidden, container))
    return sheets


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def _why_no_cells(sheets: list[RawSheet], hidden: list[str], container: containers.Container) -> str:
    named = "、".join(f"“{s.name}”" for s in sheets)
    if not sheets and hidden:
        return f"工作簿中的工作表全部是隐藏的（{'、'.join(hidden)}），没有可读取的数据；请在 Excel 中取消隐藏后另存再上传"
    if container.has_drawings:
        return f"工作表{named}中没有任何单元格数据，只有图片或图表；请上传填有数据的表格（图片中的文字无法读取）"
    return f"工作表{named}是空的，没有任何单元格数据"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else GB18030 — a superset of GBK with rare name characters."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    guess = from_bytes(data[:200_000]).best()
    if guess is None:
        raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no encoding fits")
    return data.decode(guess.encoding)


def _read_csv_rows(file_name: str, data: bytes) -> list[list]:
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise FileRejected(file_name, "含有二进制内容，不是可识别的表格文件（应为 .xlsx、.xls 或 .csv）")
    text = _decode_csv(file_name, data)
    sample = text[:8192]
    delimiter = max(",\t;", key=sample.count)  # a title row above the header defeats csv.Sniffer
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and rows[-1] and "\n" in rows[-1][-1]:
        _refuse_open_quote(file_name, text, rows[-1][-1])
    # whitespace-only cells are blank: a ghost row of spaces is a blank row, not a row of missing values
    rows = [[cell.strip() for cell in row] for row in rows]
    if not any(map(any, rows)):
        raise FileRejected(file_name, "CSV 文件中只有空行或空格，没有任何内容")
    return rows


def _refuse_open_quote(file_name: str, text: str, last_cell: str) -> None:
    """csv swallows everything after a quote that never closes into one cell; say where instead of importing it."""
    if text.rstrip("\r\n").endswith('"'):
        return  # a quoted last cell that holds a line break, closed properly
    line = text.count("\n") - last_cell.count("\n") + 1
    raise FileRejected(file_name, f"CSV 第 {line} 行有一个左引号（\"）没有配对，其后所有内容都会被并入同一个单元格；"
                                  "文件可能被截断，或该单元格的引号需要成对出现，请改正后重新上传")


_CJK_PAIR = re.compile("[\u4e00-\u9fff].*[\u4e00-\u9fff]")


def _decode_csv(file_name: str, data: bytes) -> str:
    """decode_text, refusing what decoding alone would hide: a file cut in the middle of a character (UTF-8 would
    fall back to GB18030 and read garbled), and lines in two encodings (some rows would import garbled)."""
    if not data.startswith(UTF16_BOMS):
        body = data.removeprefix(codecs.BOM_UTF8)
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as error:
            _refuse_cut_character(file_name, error, len(body))
        _refuse_mixed_lines(file_name, body)
        try:
            return body.decode("gb18030")
        except UnicodeDecodeError as error:
            _refuse_cut_character(file_name, error, len(body))
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise FileRejected(file_name, "无法识别 CSV 文件的文字编码，请另存为 UTF-8 或 GB18030 编码") from None


def _refuse_cut_character(file_name: str, error: UnicodeDecodeError, size: int) -> None:
    """The only decoding error is a multi-byte character cut off at the very end: the file was truncated."""
    if error.reason in ("unexpected end of data", "incomplete multibyte sequence") and error.start >= size - 3:
        raise FileRejected(file_name, "文件末尾不完整：最后一个字只有半截（可能未下载完整或被截断），"
                                      "请重新导出或重新下载后上传")


def _refuse_mixed_lines(file_name: str, body: bytes) -> None:
    lines = body.splitlines()
    utf8_line = bad_line = None
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad_line = bad_line or number
            continue
        if utf8_line is None and _CJK_PAIR.search(text):
            utf8_line = number
        if utf8_line and bad_line:
            break
    if utf8_line and bad_line:
        raise FileRejected(file_name, f"CSV 文件混用了两种文字编码：第 {utf8_line} 行是 UTF-8，第 {bad_line} 行不是（可能是 "
                                      "GBK）；各行会有一部分变成乱码，请在同一个程序中把整个文件另存为 UTF-8 后重新上传")
