"""Downloadable template workbooks, one per dataset, generated from the contract and the configuration."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analytics.core.config import Config
from analytics.core.contract import DATASETS, Field

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
TEXT_TYPES = ("id", "account")
LIST_ROWS = 5000  # drop-down lists cover this many data rows


def template_workbook(kind: str, config: Config) -> bytes:
    dataset = DATASETS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = dataset.label
    sheet.append([f.label for f in dataset.fields])
    sheet.append([f.example or None for f in dataset.fields])
    for col, f in enumerate(dataset.fields, start=1):
        letter = get_column_letter(col)
        cell = sheet.cell(row=1, column=col)
        cell.fill = HEADER_FILL
        if f.required:
            cell.font = REQUIRED_FONT
        sheet.column_dimensions[letter].width = max(12, 2.2 * len(f.label) + 2)
        if f.type in TEXT_TYPES:  # IDs and accounts typed as numbers lose their last digits
            for row in range(2, LIST_ROWS + 2):
                sheet.cell(row=row, column=col).number_format = "@"
        choices = _choices(f, config)
        if choices:
            _add_list(sheet, book, f, choices, f"{letter}2:{letter}{LIST_ROWS + 1}")
    sheet.freeze_panes = "A2"
    _add_notes(book, dataset.fields)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choices(f: Field, config: Config) -> list[str]:
    if f.type == "program":
        return list(config.program_names)
    if f.type == "village":
        return list(config.village_names)
    if f.type == "yesno":
        return ["是", "否"]
    return [c for c in f.choices if c]


def _add_list(sheet, book: Workbook, f: Field, choices: list[str], cells: str) -> None:
    """Lists go on a hidden sheet: an inline list is limited to 255 characters."""
    lists = book["选项"] if "选项" in book.sheetnames else book.create_sheet("选项")
    lists.sheet_state = "hidden"
    col = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
    letter = get_column_letter(col)
    lists.cell(row=1, column=col, value=f.label)
    for i, choice in enumerate(choices, start=2):
        lists.cell(row=i, column=col, value=choice)
    rule = DataValidation(type="list", formula1=f"'选项'!${letter}$2:${letter}${len(choices) + 1}", allow_blank=True,
                          showErrorMessage=True, errorTitle="无效的值", error=f"请从下拉列表中选择{f.label}")
    sheet.add_data_validation(rule)
    rule.add(cells)


def _add_notes(book: Workbook, fields: tuple[Field, ...]) -> None:
    notes = book.create_sheet("填表说明")
    notes.append(["列名", "是否必填", "也可写作"])
    for f in fields:
        notes.append([f.label, "必填" if f.required else "", "、".join(f.spellings)])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["C"].width = 60
