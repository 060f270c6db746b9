"""入户核查表 (analytics.reports.checkforms.Forms) as a print-ready A4 PDF: the 抽查 list first when drawn, then one form
per household on its own page, in the reader's CID font, pages numbered."""
from __future__ import annotations

import io

import pandas as pd
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from analytics.reports.checkform_docx import draw_list
from analytics.reports.checkforms import QUESTIONS, RESULT_LINE, SIGNATURES, Form, Forms
from analytics.reports.pdf_parts import MARGIN, WIDTH, numbered, register_font, style, table_style, text

WIDTHS = {"姓名": 0.14, "身份证号": 0.26, "救助类别": 0.24, "保障金额(元)": 0.18, "名册状态": 0.18,
          "序号": 0.06, "疑点": 0.16, "月份": 0.11, "说明": 0.40, "疑点编号": 0.27,
          "村(居)": 0.14, "组": 0.08, "户主": 0.34, "村内抽中顺序": 0.16, "当前疑点（条）": 0.16}


def document(forms: Forms) -> bytes:
    register_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=forms.title, author=forms.town)
    story = []
    if forms.draw:
        story += [Paragraph(f"{text(forms.town)}入户核查抽查名单", style(16, 22, alignment=1)),
                  Paragraph(text(forms.draw), style(10, 16)), _table(draw_list(forms)), PageBreak()]
    for n, form in enumerate(forms.forms):
        if n:
            story.append(PageBreak())
        story += _form(forms, form)
    doc.build(story, canvasmaker=numbered(forms.title))
    return buffer.getvalue()


def _form(forms: Forms, form: Form) -> list:
    rank = f"（村内抽中第 {form.draw_rank} 户）" if form.draw_rank else ""
    story = [Paragraph("入户核查表", style(16, 22, alignment=1)),
             Paragraph(text(f"{forms.town}　{form.village}　{form.group}　核查类型：{form.reason}{rank}　"
                            f"名册月份：{forms.month:%Y年%-m月}"), style(10, 15)),
             Paragraph(f"户主：{text(form.head)}", style(10.5, 16)),
             Paragraph("一、家庭成员（名册）", style(11.5, 18))]
    story.append(_table(form.members) if len(form.members)
                 else Paragraph("该户（对象）不在当月名册中，请按疑点所列情况核查。", style(9.5)))
    story.append(Paragraph("二、需核查的疑点", style(11.5, 18)))
    story.append(_table(form.findings, size=8) if len(form.findings)
                 else Paragraph("本户目前没有疑点，为随机抽查：请按下列问题逐项核查。", style(9.5)))
    story.append(Paragraph("三、核查问题", style(11.5, 18)))
    cell = style(9.5, 16)
    rows = [[Paragraph(q, cell), Paragraph(text(blank).replace("\n", "<br/>"), cell)] for q, blank in QUESTIONS]
    heights = [(28 if "\n" in blank else 11) * mm for _, blank in QUESTIONS]
    questions = Table(rows, colWidths=[WIDTH * 0.2, WIDTH * 0.8], rowHeights=heights)
    questions.setStyle(table_style(header=False))
    story += [questions, Spacer(1, 3 * mm), Paragraph(RESULT_LINE, style(9.5, 16)),
              Paragraph(text(forms.record_note), style(8, 12)), Spacer(1, 6 * mm),
              Paragraph("　　".join(SIGNATURES), style(10, 16))]
    return story


def _table(frame: pd.DataFrame, size: float = 9) -> Table:
    cell = style(size, size * 1.3)
    rows = [list(frame.columns)] + [[Paragraph(text(v), cell) for v in values]
                                    for values in frame.itertuples(index=False)]
    total = sum(WIDTHS[c] for c in frame.columns)
    table = Table(rows, colWidths=[WIDTH * WIDTHS[c] / total for c in frame.columns], repeatRows=1)
    table.setStyle(table_style())
    return table
