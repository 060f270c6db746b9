"""The meeting pack (analytics.reports.meeting.Pack) as a workbook: 总览, 各村对比, 疑点汇总, 问题台账, 阶段进度, 数据完整性.

Each sheet: a title row, a row saying the scope, dates and rule, then its main table (header frozen, written by
analytics.core.xlsx.write_table like every export: money as numbers in 元, formula-like text kept as text), further tables
below it, and a native Excel chart under them; printed on A4 landscape, fitted to the page width, header row repeated.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analytics.core.xlsx import MONEY_FORMAT, write_table
from analytics.reports.meeting import COLOURS, MONEY, RATES, Figure, Pack

HEADER_ROW = 3
COUNT_FORMAT, RATE_FORMAT = "#,##0", "0.0%"
CHANGE_FORMATS = {"count": '+#,##0;-#,##0;0', "money": '+#,##0.00" 元";-#,##0.00" 元";0.00" 元"',
                  "rate": '+0.00" 个百分点";-0.00" 个百分点";0.00" 个百分点"'}
VALUE_FORMATS = {"count": COUNT_FORMAT, "money": MONEY_FORMAT, "rate": "0.00%"}
BOLD = Font(bold=True)


def workbook(pack: Pack) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, fill in (("总览", _overview), ("各村对比", _ranking), ("疑点汇总", _by_code), ("问题台账", _ledger),
                       ("阶段进度", _phases), ("数据完整性", _completeness)):
        sheet = book.create_sheet(name)
        sheet.cell(1, 1, f"{pack.title}——{name}").font = Font(bold=True, size=14)
        fill(sheet, pack)
        _printable(sheet)
    book.properties.title = pack.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _overview(sheet: Worksheet, pack: Pack) -> None:
    _note(sheet, f"{pack.scope} · {pack.dates_note}。变化 = 本期 − 上次；比率的变化以百分点计。", 5)
    now, before = f"本期（截至 {pack.as_of:%Y-%m-%d}）", f"上次（截至 {pack.since:%Y-%m-%d}）"
    frame = pd.DataFrame({"指标": [f.label for f in pack.figures], now: [f.now for f in pack.figures],
                          before: [f.before for f in pack.figures], "变化": [_change(f) for f in pack.figures],
                          "说明": [f.note for f in pack.figures]})
    write_table(sheet, frame, first_row=HEADER_ROW)
    for r, figure in enumerate(pack.figures, start=HEADER_ROW + 1):
        for col in (2, 3):
            sheet.cell(r, col).number_format = VALUE_FORMATS[figure.kind]
        sheet.cell(r, 4).number_format = CHANGE_FORMATS[figure.kind]
    compared = [f for f in pack.figures if f.label in ("疑点（条）", "涉及人数（人）", "其中高风险对象（人）",
                                                        "未销号问题（件）", "其中已超期（件）")]
    row = _table(sheet, pd.DataFrame({"对比": [f.label for f in compared], "本期": [f.now for f in compared],
                                      "上次": [f.before for f in compared]}), HEADER_ROW + len(frame) + 2)
    _bar(sheet, "本期与上次会议对比", row - len(compared) - 1, 1, len(compared), (2, 3), row + 1)


def _ranking(sheet: Worksheet, pack: Pack) -> None:
    frame = pack.ranking
    _note(sheet, f"{pack.scope} · 截至 {pack.as_of:%Y-%m-%d} · 颜色规则：{pack.colour_rule}", len(frame.columns))
    write_table(sheet, frame, money=MONEY, first_row=HEADER_ROW)
    _formats(sheet, frame, HEADER_ROW, {c: RATE_FORMAT for c in RATES})
    rated = list(frame.columns).index("评级") + 1
    for r, colour in enumerate(frame["评级"], start=HEADER_ROW + 1):
        cell = sheet.cell(r, rated)
        cell.fill = PatternFill("solid", fgColor=COLOURS[colour].lstrip("#"))
        cell.font = Font(bold=True, color="FFFFFF" if colour != "黄" else "000000")
        cell.alignment = Alignment(horizontal="center")
    labels = pd.DataFrame({"村(居)": [f"{n}. {v}（{c}）" for n, v, c in zip(frame["排名"], frame["村(居)"], frame["评级"])],
                           "已超期问题": frame["已超期问题"], "高风险对象": frame["高风险对象"],
                           "涉及人数": frame["涉及人数"]})
    row = _table(sheet, labels, HEADER_ROW + len(frame) + 2, "排名图数据")
    _bar(sheet, "各村(居)排名：已超期问题、高风险对象与涉及人数", row - len(labels) - 1, 1, len(labels), (2, 3, 4),
         row + 1, horizontal=True)


def _by_code(sheet: Worksheet, pack: Pack) -> None:
    frame = pack.by_code
    _note(sheet, f"{pack.scope} · 截至 {pack.as_of:%Y-%m-%d} 的全部疑点，按疑点类别和村(居)；“上次”为截至 "
                 f"{pack.since:%Y-%m-%d} 计算的结果；缺少数据的规则不计数。", len(frame.columns))
    write_table(sheet, frame, money=MONEY, first_row=HEADER_ROW)
    total = list(frame.columns).index("合计") + 1
    _bar(sheet, "各类疑点数量", HEADER_ROW, 2, len(frame), (total,), HEADER_ROW + len(frame) + 2, horizontal=True,
         height=12)


def _ledger(sheet: Worksheet, pack: Pack) -> None:
    frame = pack.ledger
    _note(sheet, f"{pack.scope} · 截至 {pack.as_of:%Y-%m-%d} 已发现的问题，已超期与未销号的在前；“截至分析日期”按发现日期、"
                 "整改时限和销号日期判断，“当前整改状态”为台账现状。问题描述中的身份证号、账号已遮蔽。", len(frame.columns))
    write_table(sheet, frame, money=MONEY, first_row=HEADER_ROW)
    for r, state in enumerate(frame["截至分析日期"], start=HEADER_ROW + 1):
        if state == "已超期":
            sheet.cell(r, list(frame.columns).index("截至分析日期") + 1).font = Font(bold=True, color="C0392B")
    row = _table(sheet, pack.buckets, HEADER_ROW + len(frame) + 2, "未销号问题的期限分布", money=MONEY)
    _bar(sheet, "未销号问题的期限分布", row - len(pack.buckets) - 1, 1, len(pack.buckets), (2,), row + 1)


def _phases(sheet: Worksheet, pack: Pack) -> None:
    items = pack.milestones
    _note(sheet, f"{pack.scope} · 截至 {pack.as_of:%Y-%m-%d} · {pack.progress}", len(items.columns))
    write_table(sheet, items, first_row=HEADER_ROW)
    states = ["已完成", "逾期未完成", "未到期"]
    counts = (pd.crosstab(items["阶段"], items["状态"]).reindex(index=list(pack.timeline["阶段"]), columns=states,
                                                                fill_value=0).rename_axis(None, axis=1)
              .rename_axis("阶段").reset_index())
    row = _table(sheet, counts, HEADER_ROW + len(items) + 2, "各阶段里程碑事项")
    chart_at = row - len(counts) - 1
    row = _table(sheet, pack.timeline, row + 1, "阶段")
    row = _table(sheet, pack.by_phase, row + 1, "各阶段发现与销号的问题")
    _bar(sheet, "各阶段里程碑事项完成情况", chart_at, 1, len(counts), (2, 3, 4), row + 1, stacked=True)


def _completeness(sheet: Worksheet, pack: Pack) -> None:
    rates = pack.completeness
    _note(sheet, f"{pack.scope} · 名册与发放明细按月上报情况（至分析日期所在数据月份）：完整率 = 已报 ÷ 应报，"
                 "及时率 = 按时 ÷ 应报；下方列出迟报、未报的月份。", max(len(rates.columns), 6))
    write_table(sheet, rates, first_row=HEADER_ROW)
    _formats(sheet, rates, HEADER_ROW, {c: RATE_FORMAT for c in RATES})
    row = _table(sheet, pack.gaps, HEADER_ROW + len(rates) + 2, "迟报与未报") if len(pack.gaps) else \
        HEADER_ROW + len(rates) + 1
    if len(rates):
        _bar(sheet, "各村(居)数据完整率与及时率", HEADER_ROW, 1, len(rates), (5, 6), row + 1, percent=True)


def _note(sheet: Worksheet, text: str, width: int) -> None:
    """Row 2: what the sheet shows, wrapped across the table's width."""
    sheet.cell(2, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 2))
    sheet.row_dimensions[2].height = 15 * (1 + len(text) // max(width * 8, 40))


def _table(sheet: Worksheet, frame: pd.DataFrame, row: int, label: str | None = None,
           money: tuple[str, ...] = ()) -> int:
    """A further table at `row` (under its label), keeping the sheet's frozen header and the wider of the widths;
    returns the row after its last."""
    freeze = sheet.freeze_panes
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    if label:
        sheet.cell(row, 1, label).font = BOLD
        row += 1
    write_table(sheet, frame, money=money, first_row=row)
    _formats(sheet, frame, row, {c: RATE_FORMAT for c in RATES})
    sheet.freeze_panes = freeze
    for key, width in widths.items():
        sheet.column_dimensions[key].width = max(width or 0, sheet.column_dimensions[key].width or 0)
    return row + len(frame) + 1


def _formats(sheet: Worksheet, frame: pd.DataFrame, header_row: int, formats: dict[str, str]) -> None:
    for col, name in enumerate(frame.columns, start=1):
        if name in formats:
            for r in range(header_row + 1, header_row + len(frame) + 1):
                sheet.cell(r, col).number_format = formats[name]


def _bar(sheet: Worksheet, title: str, header_row: int, label_col: int, rows: int, value_cols: tuple[int, ...],
         at_row: int, *, horizontal: bool = False, stacked: bool = False, percent: bool = False,
         height: float = 8) -> None:
    """A bar chart of the value columns (series named by their headers) against the label column."""
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.height, chart.width = height, 24
    for col in value_cols:
        chart.add_data(Reference(sheet, min_col=col, min_row=header_row, max_row=header_row + rows),
                       titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=label_col, min_row=header_row + 1, max_row=header_row + rows))
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top, as in the table
    chart.y_axis.numFmt = RATE_FORMAT if percent else COUNT_FORMAT
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = chart.y_axis.delete = False
    sheet.add_chart(chart, f"A{at_row}")


def _printable(sheet: Worksheet) -> None:
    """A4 landscape, as wide as one page, the header row on every page, page numbers at the foot."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.column_dimensions[get_column_letter(1)].width = max(sheet.column_dimensions["A"].width or 0, 12)


def _change(figure: Figure):
    if figure.change is None:
        return None
    return figure.change * 100 if figure.kind == "rate" else figure.change
