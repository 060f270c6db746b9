"""The 公示名单 (analytics.reports.notice.Notice) as a print-ready A4 PDF: title, village and month, each program's list,
the month's 新增 and 退出, the 公示期 and 监督电话 lines, page numbers; text in the reader's own CID font."""
from __future__ import annotations

import io

import pandas as pd
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from analytics.reports.notice import LEFT, NEW, Notice
from analytics.reports.pdf_parts import MARGIN, WIDTH, numbered, register_font, style, table_style, text

LIST_WIDTHS = (0.08, 0.10, 0.18, 0.30, 0.14, 0.20)
CHANGE_WIDTHS = (0.06, 0.12, 0.07, 0.12, 0.21, 0.09, 0.13, 0.20)


def document(notice: Notice) -> bytes:
    register_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=notice.title, author=notice.town)
    story = [Paragraph(text(notice.title), style(16, 22, alignment=1)),
             Paragraph(f"{text(notice.town)}　{text(notice.village)}　{notice.month:%Y年%-m月}", style(9.5, alignment=1)),
             Spacer(1, 4 * mm)]
    for n, section in enumerate(notice.sections, 1):
        story += [Paragraph(f"{_ordinal(n)}、{text(section.caption)}", style(11.5, 18)),
                  _table(section.table, LIST_WIDTHS), Spacer(1, 3 * mm)]
    n = len(notice.sections)
    for n, (kind, frame) in enumerate(((NEW, notice.new), (LEFT, notice.left)), n + 1):
        story.append(Paragraph(f"{_ordinal(n)}、本月{kind}（{len(frame)}）", style(11.5, 18)))
        story.append(_table(frame, CHANGE_WIDTHS) if len(frame) else Paragraph("无", style(9.5)))
        story.append(Spacer(1, 3 * mm))
    if notice.changes_note:
        story.append(Paragraph(text(notice.changes_note), style(9)))
    story += [Spacer(1, 4 * mm), *(Paragraph(text(line), style(10, 18)) for line in notice.footer_lines)]
    doc.build(story, canvasmaker=numbered(f"{notice.village}{notice.month:%Y年%-m月}公示名单"))
    return buffer.getvalue()


def _table(frame: pd.DataFrame, widths: tuple[float, ...]) -> Table:
    cell = style(9, 11)
    rows = [list(frame.columns)]
    for values in frame.itertuples(index=False):
        rows.append([f"{v:,.2f}" if column == "保障金额(元)" else Paragraph(text(v), cell)
                     for column, v in zip(frame.columns, values)])
    table = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=1)
    money = list(frame.columns).index("保障金额(元)")
    table.setStyle(table_style() + [("ALIGN", (money, 1), (money, -1), "RIGHT")])
    return table


def _ordinal(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
