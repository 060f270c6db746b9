"""Charts of the campaign pages (问题台账, 阶段进度, 数据完整性): a title with units, a source note, like analytics.charts."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from analytics.charts import PALETTE, _frame

LEDGER_SOURCE = "问题台账（在看板中登记、修改或导入）"
BUCKET_COLORS = {"已超期": "#c0392b", "剩余≤10天": "#d9822b", "剩余≤20天": "#e0b040", "20天以上": "#2e8b57",
                 "未定时限": "#b0b4ba"}
MILESTONE_COLORS = {"已完成": "#2e8b57", "逾期未完成": "#c0392b", "未到期": "#b0b4ba"}
PHASE_COLORS = {"已结束": "#8a8f98", "进行中": "#1f5fa8", "未开始": "#c9d6e8"}


def ledger_heatmap(grid: pd.DataFrame, counted: str) -> go.Figure:
    """Issues per village × 整治重点; a click on a cell lists them."""
    fig = go.Figure(go.Heatmap(z=grid.values, x=list(grid.columns), y=list(grid.index), colorscale="OrRd",
                               zmin=0, texttemplate="%{z}", colorbar_title="个",
                               hovertemplate="%{y} · %{x}：%{z} 个<extra></extra>"))
    fig.update_layout(xaxis_type="category", yaxis_type="category", yaxis_autorange="reversed",
                      height=120 + 42 * len(grid))
    return _frame(fig, f"各村(居)×整治重点的{counted}问题（个，点击格子查看问题）", LEDGER_SOURCE)


def overdue_buckets(buckets: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=buckets["期限"], y=buckets["问题数"], marker_color=[BUCKET_COLORS[b] for b in buckets["期限"]],
                           text=buckets["问题数"], hovertemplate="%{x}：%{y} 个<extra></extra>"))
    fig.update_layout(xaxis_type="category", yaxis_title="未销号问题（个）", height=340)
    return _frame(fig, "未销号问题的整改期限（个）", LEDGER_SOURCE)


def money_recovered(money: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=money["村(居)"], y=money["涉及金额"], name="涉及金额（元）", marker_color=PALETTE["muted"])
    fig.add_bar(x=money["村(居)"], y=money["追回金额"], name="追回金额（元）", marker_color=PALETTE["primary"])
    fig.update_layout(barmode="group", xaxis_type="category", yaxis_title="元", height=340)
    return _frame(fig, "各村(居)问题涉及金额与追回金额（元）", LEDGER_SOURCE)


def phase_timeline(timeline: pd.DataFrame, items: pd.DataFrame, as_of: dt.date) -> go.Figure:
    """The phases as bars on a calendar, each milestone item as a marker at its due date, and the as-of line."""
    fig = go.Figure()
    for state, color in PHASE_COLORS.items():
        part = timeline[timeline["state"] == state]
        fig.add_bar(y=part["phase"], base=pd.to_datetime(part["start"]),
                    x=[(pd.Timestamp(e) - pd.Timestamp(s)).total_seconds() * 1000 + 86_400_000
                       for s, e in zip(part["start"], part["end"])],
                    orientation="h", name=f"阶段{state}", marker_color=color,
                    customdata=part[["start", "end"]].astype(str),
                    hovertemplate="%{y}：%{customdata[0]} 至 %{customdata[1]}<extra></extra>")
    due = items.groupby(["phase", "milestone", "due"], sort=False)["status"].agg(_worst).reset_index()
    for status, color in MILESTONE_COLORS.items():
        part = due[due["status"] == status]
        fig.add_scatter(x=pd.to_datetime(part["due"]), y=part["phase"], mode="markers", name=f"里程碑{status}",
                        marker=dict(symbol="diamond", size=13, color=color, line=dict(color="white", width=1)),
                        customdata=part[["milestone"]], hovertemplate="%{customdata[0]}（时限 %{x|%Y-%m-%d}）"
                                                                      "<extra></extra>")
    fig.add_vline(x=pd.Timestamp(as_of).value / 1e6, line_dash="dash", line_color=PALETTE["accent"])
    fig.add_annotation(x=pd.Timestamp(as_of), y=0, yref="paper", text=f"分析日期 {as_of:%Y-%m-%d}", showarrow=False,
                       xanchor="right", yanchor="bottom", xshift=-4, bgcolor="white", font_color=PALETTE["accent"])
    fig.update_layout(barmode="overlay", xaxis_type="date", yaxis_autorange="reversed", height=360,
                      xaxis_tickformat="%Y-%m-%d")
    return _frame(fig, "整治阶段与里程碑时限（菱形：里程碑，虚线：分析日期）", "配置的整治阶段、里程碑及看板中登记的完成情况")


def completeness_grid(rates: pd.DataFrame) -> go.Figure:
    """Villages × months coloured by timeliness, each cell reading uploaded/expected (analytics.completeness.grid)."""
    timely = rates.pivot(index="village", columns="month", values="及时率")
    text = (rates.assign(text=rates["已报"].astype(str) + "/" + rates["应报"].astype(str))
            .pivot(index="village", columns="month", values="text"))
    months = [f"{m.year}年{m.month}月" for m in timely.columns]
    fig = go.Figure(go.Heatmap(z=timely.values * 100, x=months, y=list(timely.index), text=text.values,
                               colorscale="RdYlGn", zmin=0, zmax=100, texttemplate="%{text}", colorbar_title="及时率%",
                               hovertemplate="%{y} · %{x}：已报/应报 %{text}，及时率 %{z:.0f}%<extra></extra>"))
    fig.update_layout(xaxis_type="category", yaxis_type="category", yaxis_autorange="reversed",
                      height=140 + 36 * len(timely))
    return _frame(fig, "各村(居)各月上报情况（格内：已报/应报 类数据；颜色：按时上报的比例，%）",
                  "已导入数据的批次记录（导入时间）")


def _worst(statuses: pd.Series) -> str:
    """A per-village milestone's marker shows its worst village."""
    return next(s for s in ("逾期未完成", "未到期", "已完成") if (statuses == s).any())
