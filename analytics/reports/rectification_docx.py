"""The 整改报告 as an editable Word document (python-docx): the skeleton of headings the office writes under
(一、基本情况 二、主要做法 三、发现的问题及整改情况 四、下一步打算), the standard figures with their definitions, the
动态管理 rates, the problems per 整治重点 with one chart, and the money reconciliation.

Chinese text is set in fonts every Chinese Windows has (仿宋 for the body, 黑体 for headings, 宋体 in tables), named on
each run's w:eastAsia so WPS and Word pick them for the Chinese characters (Latin text in Times New Roman); a machine
without them substitutes its own CJK font.
"""
from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analytics.core import clock
from analytics.reports import chart_png
from analytics.access.scope import Scope
from analytics.core.config import Config
from analytics.reports import rectification
from analytics.reports.rectification import TO_FILL, Report

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY, HEADING, TABLE, LATIN = "仿宋", "黑体", "宋体", "Times New Roman"
GREY = RGBColor(0x80, 0x80, 0x80)
PROMPTS = {
    "二、主要做法": "（请填写：组织领导、走访排查、信息比对、资金监管、改进作风、宣传培训等做法。）",
    "四、下一步打算": "（请填写：巩固整治成果、建立长效机制、未完成问题的整改安排。）",
}


def for_phase(con, config: Config, *, scope: Scope, phase: str, village: str | None = None,
              sample: bool = False) -> bytes:
    """The report of `phase` at its report date, as the document's bytes."""
    return document(rectification.build(con, config, scope=scope, phase=phase, village=village, sample=sample))


def document(report: Report) -> bytes:
    doc = Document()
    _page(doc)
    _paragraph(doc, report.title, HEADING, 18, bold=True, centre=True)
    _paragraph(doc, f"（{report.date_note}；{report.scope}）", BODY, 12, centre=True)
    if report.sample:
        _paragraph(doc, "【示例数据】本报告由虚构的示例镇数据生成，仅供演示。", HEADING, 12, centre=True)
    _paragraph(doc, "说明：本报告的数字由救助整治看板按截至日期的数据生成，每个数字附有口径；标“" + TO_FILL
               + "”的由镇民政办填写；各部分的文字请按实际情况补充。", BODY, 11, colour=GREY)
    _heading(doc, "一、基本情况")
    _prompt(doc, "（请简述本阶段整治工作总体情况。）")
    _caption(doc, f"表 1　主要数字（截至 {report.as_of:%Y-%m-%d}）")
    _table(doc, pd.DataFrame({"指标": [f.label for f in report.figures], "数值": [f.value for f in report.figures],
                              "口径": [f.definition for f in report.figures]}), widths=(3.6, 3.6, 8.8))
    _caption(doc, "动态管理情况")
    _table(doc, pd.DataFrame({"指标": [r.label for r in report.rates], "数值": [r.shown for r in report.rates],
                              "计算": [r.counted for r in report.rates],
                              "口径": [r.definition for r in report.rates]}), widths=(2.6, 2.4, 3.4, 7.6))
    _heading(doc, "二、主要做法")
    _prompt(doc, PROMPTS["二、主要做法"])
    _heading(doc, "三、发现的问题及整改情况")
    _caption(doc, "表 2　发现问题及整改情况（按整治重点）")
    _table(doc, report.by_focus, widths=(2.8, 2.0, 2.0, 2.2, 2.2, 2.2, 2.0))
    _chart(doc, report)
    _prompt(doc, "（请分整治重点说明典型问题、整改措施和成效。）")
    _caption(doc, "表 3　资金发放对账（按月，全部救助类别）")
    _table(doc, _money_shown(report.money), widths=(2.2, 2.2, 2.2, 1.8, 2.2, 1.6, 2.0), size=9)
    _caption(doc, "表 4　资金发放对账（按救助类别）")
    _table(doc, _money_shown(report.money_by_program), widths=(3.0, 2.2, 2.2, 1.8, 2.2, 1.6, 2.0), size=9)
    _paragraph(doc, report.money_note, BODY, 10, colour=GREY)
    _heading(doc, "四、下一步打算")
    _prompt(doc, PROMPTS["四、下一步打算"])
    _paragraph(doc, f"{report.town}{report.village or ''}", BODY, 14, right=True)
    _paragraph(doc, f"{report.as_of.year}年{report.as_of.month}月{report.as_of.day}日", BODY, 14, right=True)
    _paragraph(doc, f"（看板生成于 {clock.now():%Y-%m-%d %H:%M}）", BODY, 9, colour=GREY, right=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page(doc) -> None:
    """A4 with the margins of official documents; every style's East Asian font and language set."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    for style in doc.styles:
        if hasattr(style, "font") and style.type == 1:
            _fonts(style.element.get_or_add_rPr(), BODY)
    doc.styles["Normal"].font.size = Pt(14)


def _fonts(rpr, east_asia: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for key, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", east_asia), ("w:hint", "eastAsia")):
        fonts.set(qn(key), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph, text: str, font: str, size: float, bold: bool = False, colour: RGBColor | None = None):
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    run.font.name = LATIN
    _fonts(run._element.get_or_add_rPr(), font)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _paragraph(doc, text: str, font: str, size: float, *, bold: bool = False, centre: bool = False,
               right: bool = False, colour: RGBColor | None = None):
    paragraph = doc.add_paragraph()
    if centre or right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.RIGHT
    _run(paragraph, text, font, size, bold, colour)
    return paragraph


def _heading(doc, text: str) -> None:
    paragraph = doc.add_heading(level=1)
    _run(paragraph, text, HEADING, 16, colour=RGBColor(0, 0, 0))


def _prompt(doc, text: str) -> None:
    paragraph = _paragraph(doc, text, BODY, 14, colour=GREY)
    paragraph.paragraph_format.first_line_indent = Pt(28)


def _caption(doc, text: str) -> None:
    _paragraph(doc, text, HEADING, 12, centre=True)


def _table(doc, frame: pd.DataFrame, widths: tuple[float, ...], size: float = 10.5) -> None:
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, frame.columns):
        _run(cell.paragraphs[0], str(name), HEADING, size)
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            text = _text(value)
            _run(cell.paragraphs[0], text, TABLE, size, colour=GREY if text == TO_FILL else None)
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _money_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Money in 元 with two decimals; a blank stays blank (no transfer recorded is not a zero)."""
    return frame.astype({c: "object" for c in frame.columns}).where(frame.notna(), None)


def _chart(doc, report: Report) -> None:
    """The problems per 整治重点 as bars; without a CJK font to draw labels, the same numbers as text bars."""
    focus = report.by_focus[report.by_focus["整治重点"] != "合计"]
    series = {name: [float(v) for v in focus[name]] for name in ("疑点（条）", "台账问题（个）", "已整改（个）")}
    title = "图 1　发现问题及整改情况（按整治重点）"
    png = chart_png.bars(list(focus["整治重点"]), series, title)
    if png is not None:
        doc.add_picture(io.BytesIO(png), width=Cm(15.5))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return
    _caption(doc, title)
    peak = max((v for values in series.values() for v in values), default=0) or 1
    rows = [{"整治重点": f, **{n: f"{'█' * round(20 * v / peak)} {v:,.0f}" for n, values in series.items()
                               for v in [values[i]]}} for i, f in enumerate(focus["整治重点"])]
    _table(doc, pd.DataFrame(rows), widths=(2.8, 4.4, 4.4, 4.4))
