"""Plotly figures drawn from the DataFrames of analytics.metrics: titles, units and a source note on every chart."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

PALETTE = {"primary": "#1f5fa8", "accent": "#d9822b", "muted": "#8a8f98"}
FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif"


def _frame(fig: go.Figure, title: str, source: str) -> go.Figure:
    """Title on top, legend under it, the source note below the plot at a fixed distance in pixels."""
    fig.update_layout(title=dict(text=title, y=0.98, yanchor="top"), font_family=FONT, margin=dict(t=80, b=90),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
                      annotations=[*fig.layout.annotations,
                                   dict(text=f"数据来源：{source}", showarrow=False, xref="paper", yref="paper",
                                        x=0, y=0, yanchor="top", yshift=-62, xanchor="left", font_size=11,
                                        font_color=PALETTE["muted"])])
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


SEVERITY_COLORS = {"高": "#c0392b", "中": "#d9822b", "低": "#8a8f98"}
OUTCOME_COLORS = {"按时": "#2e8b57", "迟发": "#d9822b", "欠付": "#c0392b", "未到期": "#b0b4ba"}
FINDINGS_SOURCE = "疑点计算结果（由已导入的名册、发放明细等数据按整治规则计算）"


def findings_by_village(summary: pd.DataFrame) -> go.Figure:
    """Stacked bars of findings per village by severity; a click on a bar opens that village."""
    villages = summary["village"].fillna("镇级")
    fig = go.Figure()
    for column, severity in (("high", "高"), ("medium", "中"), ("low", "低")):
        fig.add_bar(x=villages, y=summary[column], name=f"{severity}（条）", marker_color=SEVERITY_COLORS[severity],
                    customdata=summary[["findings", "persons"]], hovertemplate="%{x}：%{y} 条<extra></extra>")
    fig.update_layout(barmode="stack", clickmode="event+select", yaxis_title="疑点（条）", xaxis_type="category")
    return _frame(fig, "各村(居)疑点数（点击柱子查看该村）", FINDINGS_SOURCE)


def findings_by(summary: pd.DataFrame, column: str, label: str) -> go.Figure:
    """Horizontal bars of findings by severity or 整治重点, this month against last."""
    fig = go.Figure()
    fig.add_bar(y=summary[column], x=summary["previous"], name="上月（条）", orientation="h",
                marker_color=PALETTE["muted"])
    fig.add_bar(y=summary[column], x=summary["findings"], name="本月（条）", orientation="h",
                marker_color=PALETTE["primary"])
    fig.update_layout(barmode="group", xaxis_title="疑点（条）", yaxis_type="category", height=320)
    return _frame(fig, f"按{label}的疑点数：本月与上月", FINDINGS_SOURCE)


def payment_outcomes(monthly: pd.DataFrame) -> go.Figure:
    """Expected payments per month, stacked by how they went."""
    fig = go.Figure()
    for outcome, color in OUTCOME_COLORS.items():
        part = monthly[monthly["outcome"] == outcome]
        fig.add_bar(x=[_month(p) for p in part["period"]], y=part["payments"], name=f"{outcome}（笔）",
                    marker_color=color)
    fig.update_layout(barmode="stack", yaxis_title="应发笔数", xaxis_type="category")
    return _frame(fig, "各月应发与实发：按时、迟发、欠付", "救助对象名册（应发）与资金发放明细（实发）")


def late_days(buckets: pd.DataFrame, due_day: int) -> go.Figure:
    fig = go.Figure(go.Bar(x=buckets["bucket"], y=buckets["payments"], marker_color=OUTCOME_COLORS["迟发"],
                           name="迟发（笔）"))
    fig.update_layout(yaxis_title="笔数", xaxis_title=f"晚于每月 {due_day} 日的天数", xaxis_type="category")
    return _frame(fig, "迟发天数分布", "资金发放明细")


def on_time_rate(rates: pd.DataFrame) -> go.Figure:
    """On-time rate per village over the months, in per cent."""
    fig = go.Figure()
    for village, part in rates.groupby("village"):
        fig.add_scatter(x=[_month(p) for p in part["period"]], y=part["rate"] * 100, name=village,
                        mode="lines+markers")
    low = float(rates["rate"].min()) * 100 if len(rates) else 0.0
    fig.update_layout(yaxis_title="按时发放率（%）", yaxis_range=[max(0.0, low - 2), 100.2], xaxis_type="category")
    return _frame(fig, "各村(居)按时发放率", "救助对象名册与资金发放明细")


def coverage_lines(coverage: pd.DataFrame, by: str) -> go.Figure:
    """Persons on the rosters per month, one line per program or village."""
    totals = coverage.groupby(["period", by], as_index=False)["persons"].sum()
    fig = go.Figure()
    for name, part in totals.groupby(by):
        fig.add_scatter(x=[_month(p) for p in part["period"]], y=part["persons"], name=name, mode="lines+markers")
    label = "救助类别" if by == "program" else "村(居)"
    fig.update_layout(yaxis_title="在保人数（人）", xaxis_type="category", yaxis_rangemode="tozero")
    return _frame(fig, f"各{label}在保人数", "救助对象名册")


def exclusive_matrix(matrix: pd.DataFrame) -> go.Figure:
    """Persons in two programs that exclude each other, as a program × program grid; a click lists them."""
    fig = go.Figure(go.Heatmap(z=matrix.values, x=list(matrix.columns), y=list(matrix.index), colorscale="Reds",
                               texttemplate="%{z}", hovertemplate="%{y} × %{x}：%{z} 人<extra></extra>",
                               colorbar_title="人"))
    fig.update_layout(xaxis_type="category", yaxis_type="category", height=380)
    return _frame(fig, "重复享受：互斥类别组合（人，点击格子查看名单）", FINDINGS_SOURCE)


def changes_bars(summary: pd.DataFrame) -> go.Figure:
    monthly = summary.groupby("period", as_index=False)[["新增", "恢复", "退出", "无故退出"]].sum()
    fig = go.Figure()
    for column, color in (("新增", "#2e8b57"), ("恢复", "#1f5fa8"), ("退出", "#8a8f98"), ("无故退出", "#c0392b")):
        fig.add_bar(x=[_month(p) for p in monthly["period"]], y=monthly[column], name=f"{column}（人）",
                    marker_color=color)
    fig.update_layout(barmode="group", yaxis_title="人", xaxis_type="category")
    return _frame(fig, "各月新增、恢复与退出", "救助对象名册（逐月比较）")


def person_timeline(timeline: pd.DataFrame) -> go.Figure:
    """The months a person was on each program's roster: filled when active, hollow when listed but not active."""
    fig = go.Figure()
    for active, symbol, name in ((True, "square", "在保"), (False, "square-open", "名册中但非在保")):
        part = timeline[timeline["active"] == active]
        fig.add_scatter(x=[_month(p) for p in part["period"]], y=part["program"], mode="markers", name=name,
                        marker_symbol=symbol, marker_size=16, marker_color=PALETTE["primary"])
    fig.update_layout(xaxis_type="category", yaxis_type="category", height=230 + 40 * timeline["program"].nunique())
    return _frame(fig, "享受救助时间线（按月）", "救助对象名册")


def _month(period) -> str:
    return f"{period.year}年{period.month}月"
