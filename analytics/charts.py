"""Plotly figures drawn from the DataFrames of analytics.metrics: titles, units and a source note on every chart."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

PALETTE = {"primary": "#1f5fa8", "accent": "#d9822b", "muted": "#8a8f98"}
FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif"


def _frame(fig: go.Figure, title: str, source: str) -> go.Figure:
    fig.update_layout(title=title, font_family=FONT, margin=dict(t=60, b=70), legend_orientation="h",
                      annotations=[*fig.layout.annotations,
                                   dict(text=f"数据来源：{source}", showarrow=False, xref="paper", yref="paper",
                                        x=0, y=-0.22, font_size=11, font_color=PALETTE["muted"])])
    return fig


def monthly_coverage(totals: pd.DataFrame) -> go.Figure:
    """Persons on the rosters (bars) and money paid (line, 万元) per month."""
    months = [f"{p.year}年{p.month}月" for p in totals["period"]]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=months, y=totals["persons"], name="名册人数（人）", marker_color=PALETTE["primary"])
    fig.add_scatter(x=months, y=totals["paid"] / 10_000, name="发放金额（万元）", mode="lines+markers",
                    line_color=PALETTE["accent"], secondary_y=True)
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text="人", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text="万元", rangemode="tozero", showgrid=False, secondary_y=True)
    return _frame(fig, "各月名册人数与发放金额", "已导入的救助对象名册与资金发放明细")
