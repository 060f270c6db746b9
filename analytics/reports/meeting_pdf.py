"""The meeting pack (analytics.reports.meeting.Pack) as a one-to-two page PDF brief for printing: the headline numbers with the
change since the last meeting, the village ranking chart, the overdue issues and phase progress.

reportlab draws it, text in its built-in CID font STSong-Light (the reader supplies the glyphs, so nobody installs a
font) and the chart as vector graphics (reportlab.graphics; no browser).
"""
from __future__ import annotations

import io
from html import escape

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from analytics.analysis.overview import CHART_VILLAGES
from analytics.core.values import missing
from analytics.reports.meeting import COLOURS, Figure, Pack

FONT = "STSong-Light"
WIDTH = A4[0] - 30 * mm
OVERDUE_ROWS = 15  # more than this goes to the workbook: the brief stays within two pages
SERIES = (("已超期问题", "#c0392b"), ("高风险对象", "#d9822b"), ("涉及人数", "#1f5fa8"))
GRID = colors.HexColor("#b0b4ba")


def brief(pack: Pack) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=pack.title, author=pack.town)
    overdue = pack.overdue
    story = [
        Paragraph(pack.title, _style(16, leading=22, alignment=1)),
        Paragraph(f"{pack.scope}；{pack.dates_note}", _style(8.5, colors.HexColor("#555555"), alignment=1)),
        Spacer(1, 4 * mm),
        Paragraph("一、主要数据", _style(12, leading=18)),
        _figures(pack),
        Spacer(1, 3 * mm),
        Paragraph("二、各村(居)排名" if pack.village is None else "二、评级", _style(12, leading=20)),
        _ranking_chart(pack.ranking),
        Paragraph(f"颜色规则：{pack.colour_rule}" + (f"图中为排名前 {CHART_VILLAGES} 的村(居)。"
                                                  if len(pack.ranking) > CHART_VILLAGES else ""), _style(8)),
        Paragraph(f"三、已超期问题（{len(overdue)} 件）", _style(12, leading=20)),
        _overdue(overdue) if len(overdue) else Paragraph("截至分析日期没有已超期的问题。", _style(9)),
        Paragraph("四、阶段进度", _style(12, leading=20)),
        Paragraph(pack.progress, _style(8.5)),
    ]
    doc.build(story, onFirstPage=_footer(pack), onLaterPages=_footer(pack))
    return buffer.getvalue()


def number_text(value: float | None, kind: str, signed: bool = False) -> str:
    """A figure as printed: 1,081 · 375,544.00 元 · 99.9%; a change signed, a rate's change in 百分点."""
    if missing(value):
        return "—"
    sign = "+" if signed else ""
    if kind == "money":
        return f"{value:{sign},.2f} 元"
    if kind == "rate":
        return f"{value * 100:{sign}.2f} 个百分点" if signed else f"{value:.2%}"
    return f"{int(value):{sign},}"


def _figures(pack: Pack) -> Table:
    rows = [["指标", f"本期（截至 {pack.as_of:%Y-%m-%d}）", f"上次（截至 {pack.since:%Y-%m-%d}）", "变化"]]
    rows += [[f.label, number_text(f.now, f.kind), number_text(f.before, f.kind), _change(f)] for f in pack.figures]
    table = Table(rows, colWidths=[WIDTH * 0.28, WIDTH * 0.23, WIDTH * 0.23, WIDTH * 0.26], repeatRows=1)
    table.setStyle(_table_style() + [("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    return table


def _change(figure: Figure) -> str:
    if figure.change is None:
        return "—"
    same = abs(figure.change) < (0.00005 if figure.kind == "rate" else 0.005)
    return "持平" if same else number_text(figure.change, figure.kind, signed=True)


def _ranking_chart(ranking: pd.DataFrame) -> Drawing:
    """Horizontal bars per village in ranking order (first at the top), its colour as a square by its name."""
    shown = ranking.head(CHART_VILLAGES)
    height = 40 + 9 * len(shown) * len(SERIES) + 20
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 95, 40, WIDTH - 125, height - 60
    chart.data = [list(shown[name]) or [0] for name, _ in reversed(SERIES)]  # a group's first bar is its lowest
    chart.categoryAxis.categoryNames = [f"{n}. {v}" for n, v in zip(shown["排名"], shown["村(居)"])] or [""]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.dx = -12
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, GRID
    chart.barLabelFormat, chart.barLabels.fontName, chart.barLabels.fontSize = "%d", FONT, 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    for i, (_, colour) in enumerate(reversed(SERIES)):
        chart.bars[i].fillColor, chart.bars[i].strokeColor = colors.HexColor(colour), None
    drawing.add(chart)
    step = chart.height / max(len(shown), 1)
    for i, rating in enumerate(shown["评级"]):
        y = chart.y + chart.height - (i + 0.5) * step - 4
        drawing.add(Rect(chart.x - 10, y, 8, 8, fillColor=colors.HexColor(COLOURS[rating]), strokeColor=None))
    legend = Legend()
    legend.x, legend.y, legend.alignment = chart.x, 10, "right"
    legend.fontName, legend.fontSize, legend.columnMaximum, legend.dx, legend.deltax = FONT, 8, 1, 8, 62
    legend.colorNamePairs = [(colors.HexColor(c), n) for n, c in SERIES] + \
        [(colors.HexColor(c), f"评级{r}") for r, c in COLOURS.items()]
    drawing.add(legend)
    return drawing


def _overdue(overdue: pd.DataFrame) -> Table:
    cell = _style(8, leading=10)
    rows = [["问题编号", "村(居)/单位", "问题描述", "整改时限", "超期天数", "责任人", "当前状态"]]
    rows += [[issue["问题编号"], Paragraph(_text(issue["村(居)/单位"]), cell), Paragraph(_text(issue["问题描述"]), cell),
              f"{issue['整改时限']:%Y-%m-%d}", f"{-int(issue['剩余天数'])}", Paragraph(_text(issue["责任人"]), cell),
              Paragraph(_text(issue["当前整改状态"]), cell)] for issue in overdue.head(OVERDUE_ROWS).to_dict("records")]
    if len(overdue) > OVERDUE_ROWS:
        rows.append([f"另有 {len(overdue) - OVERDUE_ROWS} 件，见会议材料工作簿“问题台账”", "", "", "", "", "", ""])
    widths = [0.12, 0.13, 0.31, 0.11, 0.10, 0.10, 0.13]
    table = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=1)
    style = _table_style() + [("ALIGN", (4, 1), (4, -1), "RIGHT"), ("FONTSIZE", (0, 1), (-1, -1), 8)]
    if len(overdue) > OVERDUE_ROWS:
        style.append(("SPAN", (0, -1), (-1, -1)))
    table.setStyle(style)
    return table


def _text(value) -> str:
    """A cell for a Paragraph, which reads markup: text typed into the ledger (“<b>”, “&”) stays text."""
    return "" if missing(value) else escape(str(value))


def _table_style() -> list:
    return [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]


def _style(size: float, color=colors.black, leading: float | None = None, alignment: int = 0) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}", fontName=FONT, fontSize=size, leading=leading or size * 1.4, textColor=color,
                          alignment=alignment, wordWrap="CJK", spaceAfter=2)


def _footer(pack: Pack):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawCentredString(A4[0] / 2, 8 * mm, f"{pack.town}会议材料（截至 {pack.as_of:%Y-%m-%d}）　第 {doc.page} 页")
        canvas.restoreState()
    return draw
