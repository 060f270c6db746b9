"""Read an uploaded file into raw sheets: Excel through python-calamine, CSV through a sniffed text encoding.

The format is sniffed from the bytes, not trusted from the extension, so a CSV saved as .xlsx still reads.
Cells keep the type the file stored (a number stays a float) so that an ID saved as a number can be explained.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from analytics.errors import FileRejected

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawSheet:
    name: str           # "" for a CSV
    rows: list[list]    # cell values as stored
    first_row: int = 1  # the spreadsheet row number of rows[0], as the user sees it


def read_file(file_name: str, data: bytes) -> list[RawSheet]:
    if not data:
        raise FileRejected(file_name, "文件是空的（0 字节）")
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return _read_workbook(file_name, data)
    return [RawSheet("", _read_csv_rows(file_name, data))]


def _read_workbook(file_name: str, data: bytes) -> list[RawSheet]:
    if data.startswith(OLE_MAGIC) and b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data:
        raise FileRejected(file_name, "工作簿设有打开密码（已加密），请取消密码后另存再上传")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if str(meta.visible).lower().endswith("hidden"):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=True)
            sheets.append(RawSheet(meta.name, rows, sheet.start[0] + 1 if sheet.start else 1))
        return sheets
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRejected(file_name, f"无法作为 Excel 工作簿读取（文件损坏或格式不符）：{exc}") from None


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
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected(file_name, "不是可识别的表格文件（应为 .xlsx、.xls 或 .csv）")
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise FileRejected(file_name, "无法识别 CSV 文件的文字编码，请另存为 UTF-8 或 GB18030 编码") from None
    sample = text[:8192]
    delimiter = max(",\t;", key=sample.count)  # a title row above the header defeats csv.Sniffer
    # whitespace-only cells are blank: a ghost row of spaces is a blank row, not a row of missing values
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
