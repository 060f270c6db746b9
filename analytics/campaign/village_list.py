"""村(居)整改清单: each village's open issues and findings as a workbook it fills in and hands back, and the import of
that returned workbook into the ledger.

What the two blank columns mean for the ledger (also written on the sheet itself, row 2):
- 整改措施: replaces the issue's 整改措施 (the old text stays in the change log); an issue still 待整改 moves to 整改中.
- 完成时间: the village reports the rectification done on that day: the issue moves to 已整改待销号 (through 整改中
  when it was 待整改), the day in the change note. It needs 整改措施, filled now or already in the ledger.
- The village never 销号: that stays with the town after its check. Other columns are for reading; edits to them are
  not imported, except that a row whose 问题编号 or 村(居) does not belong to this village refuses the file.
The import checks every row first and reports every problem at once (sheet, row, column); then it writes all changes
through analytics.campaign.ledger in one transaction, so the change log records them and nothing is half-written.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import duckdb
import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from analytics.access.privacy import Privacy, mask_persons, mask_text
from analytics.access.scope import Scope
from analytics.campaign import ledger
from analytics.core import clock
from analytics.core.config import Config
from analytics.core.contract import RECTIFIED, RECTIFYING, TO_RECTIFY
from analytics.core.db import transaction, write_lock
from analytics.core.errors import FileRejected
from analytics.core.filters import Filters
from analytics.core.values import blank
from analytics.core.xlsx import DATE_FORMAT, write_table
from analytics.findings import findings
from analytics.findings.view import MONEY as FINDINGS_MONEY
from analytics.findings.view import shown as shown_findings
from analytics.importing.parse import parse_date
from analytics.reports.meeting import dates

SHEET, FINDINGS_SHEET = "整改清单", "疑点清单"
ISSUE_NO, VILLAGE, MEASURES, DONE = "问题编号", "村(居)", "整改措施", "完成时间"
HEADER_ROW = 3
NOTE = ("填写说明：只填最后两列。“整改措施”写明已采取的措施，导入后替换问题台账中的整改措施（原内容留在变更记录），"
        "“待整改”的问题改为“整改中”；“完成时间”填整改完成的日期（如 2022-12-20），须同时有整改措施，导入后问题改为"
        "“已整改待销号”，由镇里复核后销号——村(居)不能销号。其他列仅供查看，改动不会导入；请勿改动问题编号和村(居)，"
        "也不要新增行，否则整个文件不予导入。")
TO_FILL = PatternFill("solid", fgColor="FFF2CC")
COLUMNS = {"issue_no": ISSUE_NO, "village": VILLAGE, "focus": "整治重点", "category": "问题类别", "description": "问题描述",
           "persons": "涉及对象", "found_date": "发现日期", "deadline": "整改时限", "days_left": "剩余天数",
           "bucket": "期限情况", "status": "整改状态", "responsible_person": "责任人", "measures": "已登记的整改措施"}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    sheet: str = SHEET

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" + (f"第 {self.row} 行" if self.row else "") + \
            (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


def file_name(village: str, as_of: dt.date) -> str:
    return f"整改清单_{village}_{as_of:%Y%m%d}.xlsx"


def workbook(con: duckdb.DuckDBPyConnection, config: Config, village: str, *, scope: Scope,
             as_of: dt.date | None = None, privacy: Privacy = Privacy()) -> bytes:
    """The village's open issues with blank 整改措施 / 完成时间 columns, and its findings (IDs masked to their first 6
    and last 4; names too in 投屏模式). as_of (days left) defaults as the meeting pack's does."""
    if village not in config.village_names:
        raise ledger.LedgerError(f"没有名为“{village}”的村(居)；可选：{'、'.join(config.village_names)}")
    scope.check_export(village)
    as_of = dates(con, as_of, None)[0]
    filters = scope.filters(Filters(villages=(village,)))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.cell(1, 1, f"{config.town}{village}问题整改清单（截至 {as_of:%Y-%m-%d}）").font = Font(bold=True, size=14)
    sheet.cell(2, 1, NOTE).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 60
    frame = _open_issues(ledger.issues(con, filters, as_of), privacy)
    write_table(sheet, frame, first_row=HEADER_ROW)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(frame.columns))
    _fill_columns(sheet, frame)
    found = book.create_sheet(FINDINGS_SHEET)
    write_table(found, shown_findings(findings(con, filters), privacy), money=(FINDINGS_MONEY,))
    for part in book.worksheets:
        part.page_setup.orientation, part.page_setup.paperSize = "landscape", part.PAPERSIZE_A4
        part.page_setup.fitToWidth, part.page_setup.fitToHeight = 1, 0
        part.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _open_issues(issues: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    frame = issues[issues["status"] != ledger.CLOSED][list(COLUMNS)].copy()
    for name in ("description", "measures"):
        frame[name] = frame[name].map(lambda v: mask_text(v) if isinstance(v, str) else v)
    if privacy.projector:
        frame["persons"] = frame["persons"].map(mask_persons)
    frame["days_left"] = frame["days_left"].astype("Int64")
    frame = frame.rename(columns=COLUMNS)
    frame[MEASURES], frame[DONE] = None, None
    return frame.reset_index(drop=True)


def _fill_columns(sheet, frame: pd.DataFrame) -> None:
    """The two columns to fill: shaded, wide, 完成时间 as a date."""
    last = HEADER_ROW + max(len(frame), 1)
    for name, width in ((MEASURES, 40), (DONE, 14)):
        col = list(frame.columns).index(name) + 1
        letter = sheet.cell(HEADER_ROW, col).column_letter
        sheet.column_dimensions[letter].width = width
        for r in range(HEADER_ROW, last + 1):
            sheet.cell(r, col).fill = TO_FILL
        if name == DONE:
            for r in range(HEADER_ROW + 1, last + 1):
                sheet.cell(r, col).number_format = DATE_FORMAT
            check = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                   error="请填写日期，如 2022-12-20", errorTitle="完成时间")
            check.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
            sheet.add_data_validation(check)


@dataclass(frozen=True)
class _Row:
    number: int
    issue_no: str
    measures: str | None
    done: dt.date | None


def import_returned(con: duckdb.DuckDBPyConnection, data: bytes, name: str, *, village: str,
                    scope: Scope) -> dict[str, list[str]]:
    """Bring a returned 整改清单 of `village` into the ledger; returns the issue numbers changed and unchanged.
    Any problem refuses the whole file (FileRejected naming every sheet, row and column) and changes nothing."""
    scope.check_village(village)
    rows, problems = _read(data, name, village)
    note = f"村(居)整改清单“{name}”回填"
    with write_lock, transaction(con):
        plans = {}
        for row in rows:
            try:
                plans[row.issue_no] = _plan(ledger.issue(con, row.issue_no, scope), row, village)
            except ledger.LedgerError as error:  # no such issue number
                problems.append(Problem(row.number, ISSUE_NO, str(error)))
            except _Refused as refused:
                problems.append(refused.problem)
        if problems:
            raise _rejected(name, sorted(problems, key=lambda p: p.row or 0))
        joined = _Joined(con)
        for issue_no, (measures, steps, done) in plans.items():
            if measures is not None:
                ledger.edit(joined, issue_no, {"measures": measures}, scope=scope, note=note)
            for to in steps:
                ledger.change_status(joined, issue_no, to, scope=scope,
                                     note=note + (f"：{done:%Y-%m-%d} 整改完成" if to == RECTIFIED else ""))
    changed = [n for n, (measures, steps, _) in plans.items() if measures is not None or steps]
    return {"changed": changed, "unchanged": [row.issue_no for row in rows if row.issue_no not in changed]}


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _plan(current: dict, row: _Row, village: str) -> tuple[str | None, list[str], dt.date | None]:
    """(new 整改措施 or None, the status steps, 完成时间) for one row, or _Refused."""
    if current["village"] != village:
        raise _Refused(Problem(row.number, ISSUE_NO, f"问题 {row.issue_no} 属于“{current['village']}”，"
                                                     f"不是“{village}”的问题，请勿改动问题编号"))
    measures = row.measures if row.measures and row.measures != current["measures"] else None
    steps = []
    if row.done or row.measures:
        if current["status"] == ledger.CLOSED:
            raise _Refused(Problem(row.number, MEASURES if row.measures else DONE,
                                   f"问题 {row.issue_no} 已销号，不能再回填"))
        if current["status"] == TO_RECTIFY:
            steps.append(RECTIFYING)
    if row.done:
        if not (row.measures or current["measures"]):
            raise _Refused(Problem(row.number, MEASURES, "填写了完成时间，请同时填写整改措施"))
        if current["status"] != RECTIFIED:
            steps.append(RECTIFIED)
    return measures, steps, row.done


def _read(data: bytes, name: str, village: str) -> tuple[list[_Row], list[Problem]]:
    """The filled rows of the returned sheet and the problems of the others (a file it cannot read is refused)."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileRejected(name, "无法作为 .xlsx 工作簿打开，请上传导出的整改清单") from None
    if SHEET not in book.sheetnames:
        raise FileRejected(name, f"找不到工作表“{SHEET}”，请用看板导出的整改清单填写后上传")
    cells = [list(r) for r in book[SHEET].iter_rows(values_only=True)]
    header_at = next((i for i, r in enumerate(cells[:10]) if ISSUE_NO in r), None)
    header = list(cells[header_at]) if header_at is not None else []
    missing = [c for c in (ISSUE_NO, VILLAGE, MEASURES, DONE) if c not in header]
    if missing:
        raise _rejected(name, [Problem(None, c, "缺少这一列，请用看板导出的整改清单填写") for c in missing])
    at = {c: header.index(c) for c in (ISSUE_NO, VILLAGE, MEASURES, DONE)}
    rows, problems, seen = [], [], set()
    for number, values in enumerate(cells[header_at + 1:], start=header_at + 2):
        values = values + [None] * (len(header) - len(values))
        if all(blank(v) for v in values):
            continue
        row, found = _row(number, values, at, village, seen)
        problems += found
        if row:
            rows.append(row)
            seen.add(row.issue_no)
    return rows, problems


def _row(number: int, values: list, at: dict[str, int], village: str, seen: set) -> tuple[_Row | None, list]:
    issue_no, place = _text(values[at[ISSUE_NO]]), _text(values[at[VILLAGE]])
    problems = []
    if not issue_no:
        problems.append(Problem(number, ISSUE_NO, "为空：清单只能回填已有问题，新问题请报镇里登记"))
    elif issue_no in seen:
        problems.append(Problem(number, ISSUE_NO, f"问题 {issue_no} 在清单中出现了两次"))
    if place != village:
        problems.append(Problem(number, VILLAGE, f"为“{place or '（空）'}”，本清单是“{village}”的，请勿改动村(居)"))
    parsed, error = parse_date(values[at[DONE]]) if not blank(values[at[DONE]]) else (None, None)
    day, month_only = parsed or (None, False)
    if error or month_only:
        problems.append(Problem(number, DONE, error or "请写到具体日期，如 2022-12-20"))
    elif day and day > clock.today():
        problems.append(Problem(number, DONE, f"{day:%Y-%m-%d} 晚于今天，请填写实际完成的日期"))
    if problems:
        return None, problems
    return _Row(number, issue_no, _text(values[at[MEASURES]]) or None, day), []


def _rejected(name: str, problems: list[Problem]) -> FileRejected:
    return FileRejected(name, f"共 {len(problems)} 处问题：" + "；".join(map(str, problems)), problems)


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}"
    return "" if blank(value) else str(value).strip()


class _Joined:
    """The connection inside this module's open transaction, handed to analytics.campaign.ledger: the begin and commit of the
    ledger's own `transaction` join the open one (DuckDB has no nested transactions), so several ledger calls commit
    as one; a failing call's rollback is left to the open transaction, which rolls back as the error passes it."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def execute(self, statement: str, *params):
        if statement in ("begin transaction", "commit", "rollback"):
            return self._con
        return self._con.execute(statement, *params)

    def __getattr__(self, name: str):
        return getattr(self._con, name)
