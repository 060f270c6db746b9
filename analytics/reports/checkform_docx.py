"""入户核查表 (analytics.reports.checkforms.Forms) as an editable .docx: for a 抽查 a first page listing the draw, then one
form per household, each on its own A4 page. The East-Asian font is declared on every style and run (w:eastAsia), so
Word and WPS set the Chinese in 宋体 rather than a fallback."""
from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from analytics.reports.checkforms import QUESTIONS, RESULT_LINE, SIGNATURES, Form, Forms

FONT = "宋体"
LATIN = "Times New Roman"


def document(forms: Forms) -> bytes:
    doc = Document()
    _page(doc)
    _fonts(doc)
    if forms.draw:
        _heading(doc, f"{forms.town}入户核查抽查名单", 16)
        doc.add_paragraph(forms.draw)
        _table(doc, draw_list(forms))
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for n, form in enumerate(forms.forms):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _form(doc, forms, form)
    doc.core_properties.title = forms.title
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def draw_list(forms: Forms) -> pd.DataFrame:
    """The 抽查 list: who was drawn, in draw order per village."""
    return pd.DataFrame({"序号": range(1, len(forms.forms) + 1), "村(居)": [f.village for f in forms.forms],
                         "组": [f.group for f in forms.forms], "户主": [f.head for f in forms.forms],
                         "村内抽中顺序": [f.draw_rank or "" for f in forms.forms],
                         "当前疑点（条）": [len(f.findings) for f in forms.forms]})


def _form(doc, forms: Forms, form: Form) -> None:
    _heading(doc, "入户核查表", 16)
    rank = f"（村内抽中第 {form.draw_rank} 户）" if form.draw_rank else ""
    doc.add_paragraph(f"{forms.town}　{form.village}　{form.group}　核查类型：{form.reason}{rank}　"
                      f"名册月份：{forms.month:%Y年%-m月}")
    doc.add_paragraph(f"户主：{form.head}")
    _heading(doc, "一、家庭成员（名册）", 12)
    if form.members.empty:
        doc.add_paragraph("该户（对象）不在当月名册中，请按疑点所列情况核查。")
    else:
        _table(doc, form.members)
    _heading(doc, "二、需核查的疑点", 12)
    if form.findings.empty:
        doc.add_paragraph("本户目前没有疑点，为随机抽查：请按下列问题逐项核查。")
    else:
        _table(doc, form.findings)
    _heading(doc, "三、核查问题", 12)
    table = doc.add_table(rows=0, cols=2)
    table.style, table.autofit = "Table Grid", False
    for question, blank in QUESTIONS:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = question, blank.strip()
        row.height = Mm(28 if "\n" in blank else 10)
    for column, width in zip(table.columns, (Mm(35), Mm(145))):  # Word reads the cells' widths, LibreOffice the grid's
        column.width = width
        for cell in column.cells:
            cell.width = width
    doc.add_paragraph(RESULT_LINE)
    note = doc.add_paragraph(forms.record_note)
    for run in note.runs:
        run.font.size = Pt(9)
    doc.add_paragraph("　　".join(SIGNATURES[:2]))
    doc.add_paragraph(SIGNATURES[2])


def _table(doc, frame: pd.DataFrame) -> None:
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, frame.columns):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in frame.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = "" if value is None else str(value)


def _heading(doc, text: str, size: float) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.size = True, Pt(size)
    if size > 14:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _fonts(doc) -> None:
    """宋体 for East-Asian text in every style a form uses (the runs inherit it), Times New Roman for the rest."""
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = LATIN
        if name == "Normal":
            style.font.size = Pt(10.5)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
