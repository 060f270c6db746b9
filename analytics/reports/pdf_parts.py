"""What the printed campaign documents (公示名单, 入户核查表) share: the CID font every Chinese PDF reader supplies,
paragraph and table styles, and a canvas that numbers pages 第 N 页 共 M 页."""
from __future__ import annotations

from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from analytics.core.values import missing
from analytics.reports.meeting_pdf import FONT, GRID

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN


def register_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def style(size: float, leading: float | None = None, alignment: int = 0, color=colors.black) -> ParagraphStyle:
    return ParagraphStyle(f"doc{size}-{alignment}", fontName=FONT, fontSize=size, leading=leading or size * 1.45,
                          alignment=alignment, textColor=color, wordWrap="CJK", spaceAfter=2)


def text(value) -> str:
    """A cell for a Paragraph, which reads markup: text from the data (“<b>”, “&”) stays text."""
    return "" if missing(value) else escape(str(value))


def table_style(header: bool = True) -> list:
    return [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
            *([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6"))] if header else []),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]


def numbered(footer: str):
    """A canvas class for doc.build(canvasmaker=…) printing `footer　第 N 页 共 M 页` at the foot of every page: the pages
    are kept until the end, when their count is known."""
    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 8)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawCentredString(A4[0] / 2, 8 * mm, f"{footer}　第 {self._pageNumber} 页 共 {len(self._pages)} 页")
                super().showPage()
            super().save()
    return NumberedCanvas
