"""The one style of every chart (plotly): the palette, a font stack that shows Chinese, Chinese number style, a title
with its units and a source note, Chinese hover text, and a modebar trimmed to 下载图片 and 还原.

A chart module builds its traces with `hover(...)` templates and finishes the figure with `styled(...)`; the page
draws it with `st.plotly_chart(spec, config=config(spec), ...)`, where `spec` is the figure's dict (ui/cache.chart).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.margins import largest, margins

FEW_COUNTS = 6  # up to this many, plotly's own ticks on a count axis fall between whole numbers
PALETTE = {"primary": "#1f5fa8", "accent": "#d9822b", "muted": "#8a8f98", "empty": "#f4f5f7", "ink": "#1d2229"}
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
LINES = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
         "#bab0ac")  # strong colours for up to ten lines (tableau10)
SLIDE = {"width": 1600, "height": 900, "scale": 1}  # a 16:9 slide at full width
TITLE_ROOM = 96  # the title, its source line and a row of legend above the plot
MONTHS_LEVEL = 6  # month labels (2022年10月) that still fit level side by side in a half-width chart
VILLAGES_LEVEL = 8  # village names (three to five characters) that still fit level side by side
# plotly's own UI words in Chinese: the modebar's tooltips (a chart-local locale, so no plotly.js file to register)
LOCALE = {"zh-CN": {"dictionary": {"Download plot as a PNG": "下载图片", "Download plot as a png": "下载图片",
                                   "Download plot": "下载图片",
                                   "Reset axes": "还原", "Autoscale": "还原", "Double-click to zoom back out": "双击还原",
                                   "Click to enter Colorscale title": "", "Click to enter Plot title": "",
                                   "Click to enter X axis title": "", "Click to enter Y axis title": ""},
                    "format": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""],
                               "months": [f"{m}月" for m in range(1, 13)],
                               "shortMonths": [f"{m}月" for m in range(1, 13)],
                               "days": list("日一二三四五六"), "shortDays": list("日一二三四五六"),
                               "date": "%Y年%-m月%-d日"}}}


def hover(*parts: str) -> str:
    """A hover template from "标签：%{x}" lines, without plotly's trace-name box (which would show the series name)."""
    return "<br>".join(parts) + "<extra></extra>"


def styled(figure: go.Figure, title: str, source: str, height: int = 400, count_axis: str | None = "y") -> go.Figure:
    """Title on top with the source note under it in grey, legend above the plot, Chinese font and number style. The
    height is the whole chart's. `count_axis` ("x", "y" or None) gets whole-number ticks (people, payments,
    findings)."""
    figure.update_layout(
        template="none",  # plotly's default theme is most of a small figure's bytes; this style sets what it needs
        # the title pinned to the top: a legend that wraps into more rows widens the top margin below it
        title={"text": title, "x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": 16}, "font": {"size": 16},
               "subtitle": {"text": f"数据来源：{source}", "font": {"size": 11, "color": PALETTE["muted"]}}},
        font={"family": FONT, "color": PALETTE["ink"]}, separators=".,", height=height, colorway=list(LINES),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "title": None},
        hoverlabel={"font": {"family": FONT}}, plot_bgcolor="white", paper_bgcolor="white", dragmode=False)
    figure.update_xaxes(automargin=False, showgrid=False)
    figure.update_yaxes(automargin=False, gridcolor="#e6e8eb")
    if count_axis == "x":
        figure.update_xaxes(tickformat=",d", rangemode="tozero", **_whole_steps(figure, "xaxis"))
    elif count_axis == "y":
        figure.update_yaxes(tickformat=",d", rangemode="tozero", **_whole_steps(figure, "yaxis"))
    figure.update_layout(margin=margins(figure, top=TITLE_ROOM))
    return figure


def _whole_steps(figure: go.Figure, axis: str) -> dict:
    """A step of one for a count axis reaching only a few: plotly would step by 0.5 and the whole-number labels
    would repeat (0, 1, 1, 2, 2)."""
    top = largest(figure, axis)
    return {"tick0": 0, "dtick": 1} if top is not None and top <= FEW_COUNTS else {}


def tiles(grid: pd.DataFrame, scale: tuple, unit: str, hover_text: str) -> go.Scatter:
    """A rows × columns grid of counts as square tiles reading their count, coloured from grey (0) to dark: a scatter,
    not a heat map, because plotly selects a clicked point of a scatter but not a heat-map cell (drill-down)."""
    rows, columns = list(grid.index), list(grid.columns)
    values = [int(v) for v in grid.to_numpy().ravel()]
    top = max(max(values, default=0), 2)
    return go.Scatter(
        x=[c for _ in rows for c in columns], y=[r for r in rows for _ in columns], customdata=values,
        mode="markers+text", text=[f"{v:,}" for v in values],
        textfont={"color": ["white" if v > top / 2 else PALETTE["ink"] for v in values]},
        marker={"symbol": "square", "size": 34, "color": values, "cmin": 0, "cmax": top, "colorscale": scale,
                "colorbar": {"title": {"text": unit}, "tickformat": ",d", "dtick": max(1, top // 4)}},
        unselected={"marker": {"opacity": 0.35}}, hovertemplate=hover_text)


def grid_axes(figure: go.Figure, rows: list, columns: list, top: bool = False) -> None:
    """Categories in the grid's order, the first row at the top."""
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=columns, tickangle=0, showgrid=False,
                        side="top" if top else "bottom")
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=rows, autorange="reversed",
                        showgrid=False)


def months_axis(figure: go.Figure, months: list[str]) -> None:
    """Months as categories in time order, labelled as people say them (2022年1月); a year of them slanted, as twelve
    level labels overlap in half a screen's width."""
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=months,
                        tickangle=0 if len(months) <= MONTHS_LEVEL else -45)


def villages_axis(figure: go.Figure, count: int) -> None:
    """An x axis of `count` village names in the given order, slanted when they would not fit level."""
    figure.update_xaxes(type="category", tickangle=0 if count <= VILLAGES_LEVEL else -45)


def config(spec: dict) -> dict:
    """The chart's plotly config: only 下载图片 (a slide-sized PNG named after the chart) and 还原, in Chinese."""
    title = spec.get("layout", {}).get("title", {}).get("text", "") or "图表"
    return {"displaylogo": False, "modeBarButtons": [["toImage", "resetScale2d"]], "displayModeBar": True,
            "locale": "zh-CN", "locales": LOCALE, "scrollZoom": False,
            "toImageButtonOptions": {"format": "png", "filename": file_name(title), **SLIDE}}


def file_name(title: str) -> str:
    """The download's name: the chart's title without its bracketed hint ("（点击柱子查看该村）")."""
    return title.split("（")[0].strip() or "图表"
