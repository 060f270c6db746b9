"""Writing tables into .xlsx sheets the way every export here does: Chinese headers in a frozen first row, widths that
fit Chinese text, money as numbers shown with 元, dates as dates, and text that looks like a formula kept as text."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
if TYPE_CHECKING:  # openpyxl is loaded by the export that writes a workbook, not by every module importing this
    from openpyxl.worksheet.worksheet import Worksheet

from analytics.core.values import missing

MONEY_FORMAT = '#,##0.00" 元"'
DATE_FORMAT = "yyyy-mm-dd"


def write_table(sheet: Worksheet, frame: pd.DataFrame, *, money: tuple[str, ...] = (), first_row: int = 1) -> None:
    """The frame's columns as headers on `first_row`, its rows below; nothing in it is ever a formula."""
    for col, header in enumerate(frame.columns, start=1):
        sheet.cell(first_row, col, str(header))
    for r, values in enumerate(frame.itertuples(index=False), start=first_row + 1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col)
            _put(cell, value)
            if frame.columns[col - 1] in money:
                cell.number_format = MONEY_FORMAT
    sheet.freeze_panes = sheet.cell(first_row + 1, 1)
    for col, header in enumerate(frame.columns, start=1):
        longest = max([display_width(header), *(display_width(v) for v in frame.iloc[:200, col - 1])])
        sheet.column_dimensions[sheet.cell(first_row, col).column_letter].width = min(max(8, longest + 2), 60)


def display_width(value) -> int:
    """Columns a value needs: a Chinese character takes two."""
    text = "" if missing(value) else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _put(cell, value) -> None:
    if missing(value):
        return
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (dt.date, dt.datetime)):
        cell.value = value
        cell.number_format = DATE_FORMAT if type(value) is dt.date or value.time() == dt.time() else "yyyy-mm-dd hh:mm"
    elif isinstance(value, Decimal):
        cell.value = float(value)
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would take "=…" as a formula
    elif hasattr(value, "item"):
        cell.value = value.item()
    else:
        cell.value = value
