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


def _month_cells(d: dt.date) -> dict:
    return {"m_dot": f"{d:%Y.%m}", "m_compact": f"{d:%Y%m}", "m_cn": f"{d.year}年{d.month}月", "m_dash": f"{d:%Y-%m}"}


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
    **{k: (lambda key: lambda v, row, rng: _month_cells(v)[key])(k) for k in ("m_dot", "m_compact", "m_cn", "m_dash")},
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
    grids = [(name, *_grid(layout, part, rng, name)) for name, part in sheets]
    if layout.encoding:
        _write_csv(path, layout.encoding, grids[0][1])
    elif path.suffix == ".xls":
        _write_xls(path, grids)
    else:
        _write_xlsx(path, grids)
    return [dict(file=path.name, sheet="" if layout.encoding else name, row=row_no, column=header, reason=reason)
            for name, _, _, bad in grids for row_no, header, reason in bad]


def _grid(layout: Layout, rows: list[dict], rng: random.Random, sheet: str):
    cols = [c for c in layout.columns if not (layout.by_village and c.field == "village")]
    width = len(cols)
    cells: list[list] = [[title] + [None] * (width - 1) for title in layout.titles]
    merges = [(r, 0, r, width - 1) for r in range(len(cells))]
    top = len(cells)
    if any(c.group for c in cols):
        cells.append([c.group if c.group and (i == 0 or cols[i - 1].group != c.group) else None if c.group
                      else c.header for i, c in enumerate(cols)])
        cells.append([c.header if c.group else None for c in cols])
        merges += [(top, i, top + 1, i) for i, c in enumerate(cols) if not c.group]
        starts = [i for i, c in enumerate(cols) if c.group and (i == 0 or cols[i - 1].group != c.group)]
        merges += [(top, i, top, max(j for j, c in enumerate(cols) if c.group == cols[i].group)) for i in starts]
    else:
        cells.append([c.header for c in cols])
    bad = []
    for n, row in enumerate(rows, 1):
        broken = row.get("_bad", ("",))
        line = []
        for c in cols:
            if c.field and c.field == broken[0]:
                line.append(broken[1])
                bad.append((len(cells) + 1, c.header, broken[2]))
            else:
                line.append(n if c.header == "序号" else _spell(c, row, rng))
        cells.append(line)
    if layout.total:
        cells += [[None] * width for _ in range(layout.ghosts)]
        total = sum(r[layout.total] for r in rows if r.get(layout.total) is not None and "_bad" not in r)
        col = next(c for c in cols if c.field == layout.total)
        cells.append(["小计" if layout.by_village else "合计"] + [None] * (width - 1))
        cells[-1][cols.index(col)] = SPELLINGS[col.style](Decimal(total), {}, rng)
    return cells, merges, bad


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
