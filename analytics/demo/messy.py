"""Writing rows the way real exports look (domain.md §3), all within what the importer understands.

Title rows, two-row merged headers, signature columns, 合计/小计 rows, blank ghost rows, one sheet per village, legacy
.xls, GB18030 / UTF-16 / UTF-8-BOM CSV, and cells spelled in every accepted way. A row may carry `_bad = (field, raw
value, reason)`: the raw value is written instead and its place is reported, so the ground truth can list what the
importer must quarantine.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlwt

from analytics.demo.town import OFFICE

CSV_MONTHS = {3: "gb18030", 9: "utf-16"}  # months whose 一卡通 list came as CSV
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
MONTH_FORMAT = 'yyyy"年"m"月"'


@dataclass(frozen=True)
class Col:
    header: str        # as written in the file
    field: str = ""    # canonical field; "" = a column real files carry and the contract ignores (序号, 签字)
    style: str = ""    # how the value is spelled: a key of SPELLINGS
    group: str = ""    # top cell of a two-row header, merged over the neighbouring columns of the same group


@dataclass(frozen=True)
class Layout:
    columns: tuple[Col, ...]
    titles: tuple[str, ...] = ()
    by_village: bool = False  # one sheet per village, named after it, and no village column
    total: str = ""           # the money field summed in a 合计 (小计 on village sheets) row at the bottom
    ghosts: int = 0           # blank rows left above the 合计 row
    encoding: str = ""        # a CSV's encoding; "" = a workbook


def cols(spec: str) -> tuple[Col, ...]:
    """Columns from a compact spec: `序号 户主>姓名=head_name 保障金额=monthly_amount:money` is header, optionally
    preceded by the two-row header's top cell and `>`, then `=field` and `:spelling`."""
    columns = []
    for token in spec.split():
        group, _, rest = token.rpartition(">")
        header, _, binding = rest.partition("=")
        name, _, style = binding.partition(":")
        columns.append(Col(header, name, style, group))
    return tuple(columns)


def messy_id(pid: str, rng: random.Random) -> str:
    """Spellings a normaliser must undo: spaces, a leading apostrophe, full-width digits, a lowercase x."""
    roll = rng.random()
    if pid.endswith("X") and roll < 0.3:
        return pid[:-1] + "x"
    if roll < 0.015:
        return f"{pid[:6]} {pid[6:14]} {pid[14:]}"
    if roll < 0.03:
        return "'" + pid
    if roll < 0.04:
        return pid.translate(FULL_WIDTH)
    return pid


SPELLINGS = {
    "": lambda v, row, rng: v,
    "id": lambda v, row, rng: messy_id(v, rng),
    "money": lambda v, row, rng: float(v),
    "yuan": lambda v, row, rng: f"{v:.2f}元",
    "comma": lambda v, row, rng: f"{v:,.2f}",
    "date": lambda v, row, rng: v,  # a real Excel date cell
    "slash": lambda v, row, rng: f"{v.year}/{v.month}/{v.day}",
    "cn": lambda v, row, rng: f"{v.year}年{v.month}月{v.day}日",
    "iso": lambda v, row, rng: v.isoformat(),
    "month": lambda v, row, rng: dt.datetime(v.year, v.month, 1),  # an Excel date cell shown as 2022年6月
    "m_dot": lambda v, row, rng: f"{v:%Y.%m}",
    "m_compact": lambda v, row, rng: f"{v:%Y%m}",
    "m_cn": lambda v, row, rng: f"{v.year}年{v.month}月",
    "m_dash": lambda v, row, rng: f"{v:%Y-%m}",
    "normal": lambda v, row, rng: {"在保": "正常"}.get(v, v),
    "dibao": lambda v, row, rng: f"{row['sub_type']}低保",
    "short": lambda v, row, rng: SHORT.get((v, row.get("sub_type", "")), SHORT.get((v, ""), v)),
}
SHORT = {("困难残疾人生活补贴", ""): "生活补贴", ("重度残疾人护理补贴", ""): "护理补贴", ("高龄津贴", ""): "高龄补贴",
         ("失能老人补贴", ""): "经济困难失能老人补贴", ("临时救助", ""): "临时救助金", ("孤儿", "散居"): "散居孤儿",
         ("孤儿", "集中"): "集中供养孤儿", ("事实无人抚养儿童", ""): "事实无人抚养儿童"}


def write(path: Path, layout: Layout, rows: list[dict], villages: tuple[str, ...], seed: int) -> list[dict]:
    """Write one file; return the places of its `_bad` rows (file, sheet, 1-based row as Excel shows it, header)."""
    rng = random.Random(f"{seed}:{path.name}")  # the same messy spellings on every run
    if layout.by_village:
        sheets = [(v, [r for r in rows if r["village"] == v]) for v in villages]
        sheets = [(name, part) for name, part in sheets if part]
    else:
        sheets = [("Sheet1", rows)]
    grids = [(name, *_grid(layout, part, rng)) for name, part in sheets]
    if layout.encoding:
        _write_csv(path, layout.encoding, grids[0][1])
    elif path.suffix == ".xls":
        _write_xls(path, grids)
    else:
        _write_xlsx(path, grids)
    return [dict(file=path.name, sheet="" if layout.encoding else name, row=row_no, column=header, reason=reason)
            for name, _, _, bad in grids for row_no, header, reason in bad]


def _grid(layout: Layout, rows: list[dict], rng: random.Random):
    """The sheet as rows of cells, its merged ranges (0-based, inclusive) and the places of its `_bad` cells."""
    columns = [c for c in layout.columns if not (layout.by_village and c.field == "village")]
    width = len(columns)
    cells: list[list] = [[title] + [None] * (width - 1) for title in layout.titles]
    merges = [(r, 0, r, width - 1) for r in range(len(cells))]
    header, header_merges = _header(columns, len(cells))
    cells += header
    merges += header_merges
    bad = []
    for n, row in enumerate(rows, 1):
        broken = row.get("_bad", ("",))
        line = []
        for c in columns:
            if c.field and c.field == broken[0]:
                line.append(broken[1])
                bad.append((len(cells) + 1, c.header, broken[2]))
            else:
                line.append(n if c.header == "序号" else _spell(c, row, rng))
        assert broken[0] in ("", *(c.field for c in columns)), f"no column for the bad {broken[0]} in this layout"
        cells.append(line)
    if layout.total:
        cells += [[None] * width for _ in range(layout.ghosts)]
        total = sum(r[layout.total] for r in rows if r.get(layout.total) is not None and "_bad" not in r)
        at = next(i for i, c in enumerate(columns) if c.field == layout.total)
        cells.append(["小计" if layout.by_village else "合计"] + [None] * (width - 1))
        cells[-1][at] = SPELLINGS[columns[at].style](Decimal(total), {}, rng)
    return cells, merges, bad


def _header(columns: list[Col], top: int) -> tuple[list[list], list[tuple]]:
    """One header row, or two when columns are grouped: a group's top cell spans its columns (户主 over 姓名 and
    身份证号), every other column spans both rows."""
    if not any(c.group for c in columns):
        return [[c.header for c in columns]], []
    upper, lower, merges = [], [], []
    for i, c in enumerate(columns):
        starts = bool(c.group) and (i == 0 or columns[i - 1].group != c.group)
        upper.append(c.group if starts else None if c.group else c.header)
        lower.append(c.header if c.group else None)
        if not c.group:
            merges.append((top, i, top + 1, i))
        elif starts:
            end = i
            while end + 1 < len(columns) and columns[end + 1].group == c.group:
                end += 1
            merges.append((top, i, top, end))
    return [upper, lower], merges


def _spell(col: Col, row: dict, rng: random.Random):
    value = row.get(col.field) if col.field else None
    if value is None or value == "":
        return None
    return SPELLINGS[col.style](value, row, rng)


def _write_xlsx(path: Path, grids) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, cells, merges, _ in grids:
        sheet = book.create_sheet(name)
        for line in cells:
            sheet.append(line)
        for r1, c1, r2, c2 in merges:
            if (r1, c1) != (r2, c2):
                sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        _format_dates(sheet, cells)
    book.save(path)


def _format_dates(sheet, cells) -> None:
    """Month cells (datetime, by the "month" spelling) show as 2022年6月, day cells as 2022/6/1."""
    for r, line in enumerate(cells, 1):
        for c, value in enumerate(line, 1):
            if isinstance(value, dt.date):
                sheet.cell(r, c).number_format = MONTH_FORMAT if isinstance(value, dt.datetime) else "yyyy/m/d"


def _write_xls(path: Path, grids) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    day, month = xlwt.easyxf(num_format_str="yyyy/m/d"), xlwt.easyxf(num_format_str=MONTH_FORMAT)
    for name, cells, merges, _ in grids:
        sheet = book.add_sheet(name)
        for r, line in enumerate(cells):
            for c, value in enumerate(line):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, month if isinstance(value, dt.datetime) else day)
                elif value is not None:
                    sheet.write(r, c, value)
        for r1, c1, r2, c2 in merges:
            if (r1, c1) != (r2, c2):
                sheet.merge(r1, r2, c1, c2)
    book.save(str(path))


def _write_csv(path: Path, encoding: str, cells) -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        for line in cells:
            writer.writerow(["" if v is None else f"{v:.2f}" if isinstance(v, float) else v for v in line])


# --- the layouts of the sample files: `header=field:spelling`, `top>header` in a two-row header (see cols) ---------
def titles(title: str, m: int, day: int = 2) -> tuple[str, str]:
    return title, f"制表单位：{OFFICE}  日期：2022年{m}月{day}日"


def dibao_roster(m: int, kind: str = "城乡低保") -> Layout:
    return Layout(cols("序号 低保证号=household_id 户主>姓名=head_name 户主>身份证号=head_id:id 姓名=name "
                       "身份证号码=person_id:id 与户主关系=relation 村(社区)=village 组=group_name 类别=sub_type "
                       "保障人数=household_size 保障金额=monthly_amount:money 纳入日期=start_date:cn "
                       "退出日期=end_date:m_dot 状态=status 银行账号=bank_account 开户银行=bank_name"),
                  titles(f"2022年{m}月{kind}对象名册", m), total="monthly_amount", ghosts=2)


def city_roster(m: int) -> Layout:
    return Layout(cols("序号 低保证号=household_id 户主姓名=head_name 户主身份证号=head_id:id 姓名=name "
                       "身份证号=person_id:id 村(居)=village 保障人数=household_size 月保障金额=monthly_amount:money "
                       "纳入日期=start_date:m_cn 状态=status 账号=bank_account"),
                  titles(f"2022年{m}月城市低保对象名册", m), total="monthly_amount")


def tekun_roster(m: int) -> Layout:
    return Layout(cols("序号 姓名=name 公民身份号码=person_id:id 村(居)=village 供养方式=sub_type "
                       "月保障金额=monthly_amount:money 审批日期=start_date:date 保障状态=status:normal "
                       "卡号=bank_account 开户银行=bank_name"),
                  titles(f"2022年{m}月特困供养人员名册", m), total="monthly_amount", ghosts=1)


def kids_roster(m: int) -> Layout:
    return Layout(cols("序号 对象姓名=name 身份证号=person_id:id 所属村=village 救助类别=program:short "
                       "供养方式=sub_type 保障金额=monthly_amount:money 起始保障年月=start_date:m_cn 状态=status "
                       "名册月份=period:m_dash"),
                  (f"2022年{m}月困境儿童基本生活保障对象名册",), total="monthly_amount")


def disability_roster(m: int) -> Layout:
    program = "short" if m % 2 else ""
    return Layout(cols(f"序号 姓名=name 身份证号=person_id:id 项目名称=program:{program} 残疾等级=disability_level "
                       "补贴标准=monthly_amount:money 享受年月=period:m_compact 审批日期=start_date:slash "
                       "状态=status 终止日期=end_date:m_dot 银行账号=bank_account 村(居)=village"),
                  (f"2022年{m}月残疾人两项补贴享受对象名册",), by_village=True, total="monthly_amount", ghosts=1)


def aged_roster(m: int) -> Layout:
    return Layout(cols("序号 姓名=name 身份证号码=person_id:id 组=group_name 发放标准=monthly_amount:money "
                       "纳入日期=start_date:date 状态=status 退出日期=end_date:cn 银行账号=bank_account "
                       "开户银行=bank_name 村=village"),
                  (f"庆隆镇2022年{m}月高龄津贴享受人员花名册",), by_village=True, total="monthly_amount")


def frail_roster(m: int) -> Layout:
    return Layout(cols("姓名=name 身份证号=person_id:id 村(居)委会=village 救助类别=program:short "
                       "保障金额=monthly_amount:money 享受年月=period:m_compact 纳入日期=start_date:iso 状态=status "
                       "终止日期=end_date:m_compact 银行账号=bank_account"), encoding="utf-8-sig")


def dibao_payments(m: int) -> Layout:
    period, amount = ("month", "money") if m % 2 else ("m_dot", "yuan")
    return Layout(cols(f"序号 村(社区)=village 姓名=name 身份证号码=person_id:id 救助类别=program:dibao "
                       f"发放年月=period:{period} 发放金额=amount:{amount} 发放日期=paid_date:slash 领取人=payee_name "
                       "领取人身份证号=payee_id:id 银行账号=bank_account 开户银行=bank_name 领款人签字 备注=note"),
                  titles(f"2022年{m}月城乡低保资金发放明细", m, 28), total="amount", ghosts=2)


def tekun_payments(m: int) -> Layout:
    amount = "yuan" if m % 3 == 0 else "money"
    return Layout(cols(f"序号 姓名=name 身份证号=person_id:id 供养方式=sub_type 发放金额=amount:{amount} "
                       "发放日期=paid_date:date 收款人>姓名=payee_name 收款人>身份证号码=payee_id:id 账号=bank_account "
                       "领款人签字 备注=note 村(居)=village"),
                  titles(f"2022年{m}月特困供养资金发放明细", m, 28), by_village=True, total="amount")


def card_payments(m: int) -> Layout:
    encoding = CSV_MONTHS.get(m, "")
    period, amount, paid = ("m_compact", "comma", "cn") if encoding else ("m_cn", "money", "date")
    columns = cols(f"序号 所属村(居)=village 姓名=name 享受人身份证号码=person_id:id "
                   f"补贴项目=program:{'short' if m % 2 == 0 else ''} 所属期=period:{period} "
                   f"发放金额(元)=amount:{amount} 到账日期=paid_date:{paid} 账户名称=payee_name "
                   "收款人身份证号=payee_id:id 户主身份证号=head_id:id 卡号=bank_account 开户银行=bank_name "
                   "发放方式=method 登记备案号=filing_no 备注=note")
    if encoding:
        return Layout(columns, encoding=encoding)
    return Layout(columns + cols("领款人签字"), (f"庆隆镇2022年{m}月惠民惠农财政补贴资金“一卡通”发放明细",),
                  total="amount", ghosts=1)
