"""公示名单: one village's monthly list for public posting — per notice program (config [public_notice]) each household
(a program paid per household: 户主 named, 保障人数 = members on that month's roster, the household's amount once) or
person, with 组 and a masked ID, plus who entered (新增) and who left (退出) against the month before.

No bank data, no member names, IDs masked (first 6 and last 4, analytics.importing.ids.mask_id). `build` makes the data;
`workbook` here and analytics.reports.notice_pdf draw it; the 整治文书 page and `python -m analytics export --kind 公示`
call them, checked against the user's scope (a 村(居) account its own village only).
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from analytics.access.scope import Scope
from analytics.analysis.changes import KINDS
from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.errors import JiuzhuError
from analytics.core.xlsx import write_table
from analytics.importing.ids import mask_id

NEW, _, LEFT = KINDS  # 新增, 恢复, 退出: the month-over-month changes' words
LIST_COLUMNS = ["序号", "组", "户主姓名", "身份证号", "保障人数", "保障金额(元)"]
CHANGE_COLUMNS = ["序号", "救助类别", "组", "户主姓名", "身份证号", "保障人数", "保障金额(元)", "说明"]
MONEY = ("保障金额(元)",)
DATE_BLANK = "______年____月____日"


class NoticeError(JiuzhuError):
    pass


@dataclass(frozen=True)
class Section:
    program: str
    per_household: bool
    table: pd.DataFrame      # LIST_COLUMNS
    households: int
    persons: int
    amount: float

    @property
    def caption(self) -> str:
        unit = f"{self.households:,} 户 {self.persons:,} 人" if self.per_household else f"{self.persons:,} 人"
        return f"{self.program}：{unit}，月保障金额合计 {self.amount:,.2f} 元"


@dataclass(frozen=True)
class Notice:
    town: str
    village: str
    month: dt.date
    sections: tuple[Section, ...]
    new: pd.DataFrame         # CHANGE_COLUMNS
    left: pd.DataFrame        # CHANGE_COLUMNS
    changes_note: str         # why 新增/退出 may be incomplete (a month not uploaded), or ""
    days: int
    phone: str

    @property
    def title(self) -> str:
        return f"{self.village}{self.month:%Y年%-m月}{'、'.join(s.program for s in self.sections)}对象公示名单"

    def file_name(self, suffix: str) -> str:
        return f"{self.town}{self.village}{self.month:%Y年%m月}公示名单{suffix}"

    @property
    def rows(self) -> int:
        return sum(len(s.table) for s in self.sections) + len(self.new) + len(self.left)

    @property
    def footer_lines(self) -> list[str]:
        """公示期, 监督电话 and where to object: blanks the village fills in by hand unless configured."""
        committee = self.village + ("村民委员会" if self.village.endswith("村") else "居民委员会")
        return [f"公示期：{DATE_BLANK}至{DATE_BLANK}（共 {self.days} 天）",
                f"监督电话：{self.phone or '_' * 16}",
                "对公示对象有异议的，请在公示期内向村(居)民委员会或镇人民政府反映，我们将依法核实处理。",
                f"{committee}（盖章）　　{self.town}人民政府（盖章）　　{DATE_BLANK}"]


def build(con: duckdb.DuckDBPyConnection, config: Config, village: str, month: dt.date, scope: Scope) -> Notice:
    """The notice of `village` for `month` (any day of it); refuses a village outside the user's scope."""
    scope.check_export(village)
    if village not in config.village_names:
        raise NoticeError(f"“{village}”不是配置中的村(居)，可选：{'、'.join(config.village_names)}")
    programs = list(config.public_notice.programs)
    if not programs:
        raise NoticeError("配置文件 [public_notice] 的 programs 中没有救助类别，无从生成公示名单")
    month = month.replace(day=1)
    per_household = [p for p in programs if config.program(p).pays == "household"]
    units = query(con, "notice_units", {"village": village, "month": month, "programs": programs,
                                        "household_programs": per_household}).df()
    if not units["listed_now"].any():
        raise NoticeError(f"{village}{month:%Y年%-m月}没有{'、'.join(programs)}名册，请先导入该月名册")
    sections = tuple(_section(units[units["program"] == p], p, p in per_household)
                     for p in programs if (units["program"] == p).any())
    new = units[units["on_now"] & ~units["on_before"] & units["listed_before"]]
    left = units[units["on_before"] & ~units["on_now"] & units["listed_now"]]
    unknown = sorted(set(units.loc[~units["listed_before"].astype(bool), "program"]))
    note = f"{'、'.join(unknown)}无上月名册，本月新增无从判断。" if unknown else ""
    return Notice(config.town, village, month, sections, _changes(new, NEW), _changes(left, LEFT), note,
                  config.public_notice.days, config.public_notice.phone)


def _section(units: pd.DataFrame, program: str, per_household: bool) -> Section:
    now = units[units["on_now"]]
    table = pd.DataFrame({"序号": range(1, len(now) + 1), "组": now["group_name"].fillna("").to_numpy(),
                          "户主姓名" if per_household else "姓名": now["head_name"].fillna("").to_numpy(),
                          "身份证号": now["head_id"].map(mask_id).to_numpy(),
                          "保障人数": now["persons"].astype(int).to_numpy(),
                          "保障金额(元)": now["amount"].astype(float).to_numpy()})
    return Section(program, per_household, table, len(now), int(now["persons"].sum()), float(now["amount"].sum()))


def _changes(units: pd.DataFrame, kind: str) -> pd.DataFrame:
    entering = kind == NEW
    persons = units["persons" if entering else "persons_before"]
    amounts = units["amount" if entering else "amount_before"]
    why = [f"本月新纳入，{p:g} 人" if entering else (f"本月名册状态为“{s}”" if isinstance(s, str) else "本月名册中已无此户（人）")
           for p, s in zip(persons, units["status_now"])]
    return pd.DataFrame({"序号": range(1, len(units) + 1), "救助类别": units["program"].to_numpy(),
                         "组": units["group_name"].fillna("").to_numpy(),
                         "户主姓名": units["head_name"].fillna("").to_numpy(),
                         "身份证号": units["head_id"].map(mask_id).to_numpy(),
                         "保障人数": persons.astype(int).to_numpy(), "保障金额(元)": amounts.astype(float).to_numpy(),
                         "说明": why}, columns=CHANGE_COLUMNS)


def workbook(notice: Notice) -> bytes:
    """One sheet: title, each program's list, then 新增 and 退出, then the posting lines; A4 portrait, fitted to width."""
    book = Workbook()
    sheet = book.active
    sheet.title = "公示名单"
    sheet.cell(1, 1, notice.title).font = Font(bold=True, size=14)
    row = 3
    for section in notice.sections:
        row = _block(sheet, row, section.caption, section.table)
    row = _block(sheet, row, f"本月{NEW}（{len(notice.new)}）", notice.new)
    row = _block(sheet, row, f"本月{LEFT}（{len(notice.left)}）", notice.left)
    if notice.changes_note:
        sheet.cell(row, 1, notice.changes_note)
        row += 1
    for line in notice.footer_lines:
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=False)
        row += 1
    sheet.freeze_panes = None
    sheet.page_setup.paperSize, sheet.page_setup.orientation = sheet.PAPERSIZE_A4, "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = notice.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _block(sheet, row: int, caption: str, table: pd.DataFrame) -> int:
    sheet.cell(row, 1, caption).font = Font(bold=True)
    if table.empty:
        sheet.cell(row + 1, 1, "无")
        return row + 3
    write_table(sheet, table, money=MONEY, first_row=row + 1)
    for col in range(1, len(table.columns) + 1):
        sheet.cell(row + 1, col).font = Font(bold=True)
    return row + len(table) + 3
