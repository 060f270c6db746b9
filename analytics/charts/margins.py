"""Margins wide enough for a chart's tick labels and axis titles, worked out from the labels themselves.

With plotly's automargin the browser lays a chart out, measures its labels and lays it out again when they do not
fit; margins set from the labels (automargin off) draw it once. A CJK character is about as wide as the font size,
a digit or Latin letter about 0.6 of it; a slanted (-45°) label takes its width times 0.71 in height and reaches
left of its tick as far. The legend above the plot wraps into rows, each widening the top margin.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go

TICK_PX, TITLE_PX = 12, 14  # plotly's tick label and axis title sizes under the style's 12 px font
GAP = 10  # between the plot and its tick labels, and between labels and title
SLANT = math.sqrt(0.5)
DATE_LABEL = "2022-10-01"
MINIMUM = {"l": 40, "r": 16, "b": 32}
AXIS_IDS = {"xaxis": "x", "yaxis": "y", "yaxis2": "y2"}
LEGEND_ROW, LEGEND_ITEM = 20, 40  # a legend row's height; an item's symbol and gap beside its text
NARROW = 360  # the plot of a chart in half a page's width, where its legend wraps soonest


def text_px(text: str, size: int = TICK_PX) -> float:
    return sum(size if ord(c) >= 0x2E80 else 0.6 * size for c in text)


def margins(figure: go.Figure, top: int) -> dict:
    """l, r, t, b for the figure as built (its traces and axes), `top` being the room of its title and one legend row."""
    x, y, y2 = (_extent(figure, name) for name in ("xaxis", "yaxis", "yaxis2"))
    x_side = figure.layout.xaxis.side or "bottom"
    left = max(MINIMUM["l"], y["across"], x["reach"])
    right = max(MINIMUM["r"], y2["across"], x["overhang"])
    bottom = MINIMUM["b"] if x_side == "top" else max(MINIMUM["b"], x["along"])
    top += max(legend_rows(figure) - 1, 0) * LEGEND_ROW + (x["along"] if x_side == "top" else 0)
    return {"l": round(left), "r": round(right), "t": round(top), "b": round(bottom)}


def legend_rows(figure: go.Figure, width: int = NARROW) -> int:
    """The rows of the legend above the plot (it grows up, towards the title) in a chart `width` wide: one when its
    items fit side by side, else as many as plotly's wrapping into columns of the widest item makes."""
    names = [t.name for t in figure.data if t.name and t.showlegend is not False]
    items = [text_px(name) + LEGEND_ITEM for name in names]
    if len(items) < 2:
        return 0
    if sum(items) <= width:
        return 1
    return math.ceil(len(items) / max(1, int(width // max(items))))


def _extent(figure: go.Figure, name: str) -> dict:
    """How far the axis's labels and title reach from the plot: `across` for a y axis (their width), `along` for an
    x axis (their height), `reach` how far a slanted first label reaches left, `overhang` half the last level
    label beyond the plot's right edge."""
    if name == "yaxis2" and not _traces(figure, "y2"):
        return {"across": 0, "along": 0, "reach": 0, "overhang": 0}
    axis = figure.layout[name]
    labels = _labels(figure, name, axis)
    widths = [text_px(label) for label in labels] or [0]
    title = TITLE_PX + GAP if axis.title.text else 0
    slanted = bool(axis.tickangle)
    along = (max(widths) + TICK_PX) * SLANT if slanted else TICK_PX
    return {"across": max(widths) + GAP + title + 4, "along": along + GAP + title + 4,
            "reach": widths[0] * SLANT if slanted else 0, "overhang": 0 if slanted else widths[-1] / 2}


def _labels(figure: go.Figure, name: str, axis) -> list[str]:
    """The tick labels the axis will show, first to last: its categories, or its largest number as formatted."""
    if axis.categoryarray is not None:
        return [str(c) for c in axis.categoryarray]
    if axis.type == "date":
        return [DATE_LABEL]
    top = largest(figure, name)
    if top is None:
        return list(dict.fromkeys(str(v) for column in _columns(figure, name) for v in column))
    return [f"{axis.range[1] if axis.range else top * 1.05:,.0f}{axis.ticksuffix or ''}"]


def largest(figure: go.Figure, name: str) -> float | None:
    """The largest number the axis ("xaxis", "yaxis", "yaxis2") reaches, a stacked bar's whole height; None for an
    axis of labels."""
    columns = _columns(figure, name)
    if any(isinstance(v, str) for column in columns for v in column):
        return None
    tops = [max((abs(float(v)) for v in column if v is not None and v == v), default=0.0) for column in columns]
    return sum(tops) if figure.layout.barmode == "stack" else max(tops, default=0.0)


def _columns(figure: go.Figure, name: str) -> list[list]:
    return [_column(trace, name[0]) for trace in _traces(figure, AXIS_IDS[name])]


def _traces(figure: go.Figure, axis_id: str) -> list:
    """The traces drawn on the axis "x", "y" or "y2"."""
    letter = axis_id[0]
    return [t for t in figure.data if (getattr(t, f"{letter}axis", None) or letter) == axis_id]


def _column(trace, letter: str) -> list:
    values = getattr(trace, letter, None)
    return [] if values is None else list(values)
