"""Charts of the campaign pages (问题台账, 阶段进度, 数据完整性): plotly figures in the style of analytics.charts.style.

The ledger's heat map drills down: a clicked cell's `y` is its village and `x` its 整治重点.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.style import PALETTE, grid_axes, hover, months_axis, styled, tiles, villages_axis
from analytics.core.values import month_label

LEDGER_SOURCE = "问题台账（在看板中登记、修改或导入）"
BUCKET_COLORS = {"已超期": "#c0392b", "剩余≤10天": "#d9822b", "剩余≤20天": "#e0b040", "20天以上": "#2e8b57",
                 "未定时限": "#b0b4ba"}
MILESTONE_COLORS = {"已完成": "#2e8b57", "逾期未完成": "#c0392b", "未到期": "#b0b4ba"}
PHASE_COLORS = {"已结束": "#8a8f98", "进行中": "#1f5fa8", "未开始": "#c9d6e8"}
ISSUE_SCALE = ((0.0, PALETTE["empty"]), (1e-9, "#fdd49e"), (1.0, "#b30000"))  # 0 grey, then light to dark red
TIMELY_SCALE = ((0.0, "#a50026"), (0.25, "#f46d43"), (0.5, "#fee08b"), (0.75, "#a6d96a"), (1.0, "#006837"))
DAY_MS = 86_400_000


def ledger_heatmap(grid: pd.DataFrame, counted: str) -> go.Figure:
    """Issues per village × 整治重点; a click on a cell lists them. Empty cells grey."""
    figure = go.Figure(tiles(grid, ISSUE_SCALE, "个", hover("村(居)：%{y}", "整治重点：%{x}", "问题：%{customdata:,} 个")))
    figure.update_layout(clickmode="event+select")
    grid_axes(figure, list(grid.index), list(grid.columns), top=True)
    return styled(figure, f"各村(居)×整治重点的{counted}问题（个，点击格子查看问题）", LEDGER_SOURCE,
                  height=150 + 40 * len(grid), count_axis=None)


def overdue_buckets(buckets: pd.DataFrame) -> go.Figure:
    figure = go.Figure(go.Bar(
        x=buckets["期限"], y=buckets["问题数"], marker_color=[BUCKET_COLORS.get(b, PALETTE["muted"])
                                                              for b in buckets["期限"]],
        text=buckets["问题数"], textposition="outside", cliponaxis=False,  # the tallest bar's count above the plot
        customdata=buckets["涉及金额"].astype(float),
        hovertemplate=hover("期限：%{x}", "问题：%{y:,} 个", "涉及金额：%{customdata:,.2f} 元")))
    figure.update_layout(yaxis={"title": {"text": "未销号问题（个）"}})
    figure.update_xaxes(type="category", tickangle=0)
    return styled(figure, "未销号问题的整改期限（个）", LEDGER_SOURCE, height=340)


def money_recovered(money: pd.DataFrame) -> go.Figure:
    figure = go.Figure([go.Bar(x=money["村(居)"], y=money[kind], name=f"{kind}（元）", marker_color=colour,
                               hovertemplate=hover("村(居)：%{x}", f"{kind}：%{{y:,.2f}} 元"))
                        for kind, colour in (("涉及金额", PALETTE["muted"]), ("追回金额", PALETTE["primary"]))])
    figure.update_layout(barmode="group", yaxis={"title": {"text": "元"}, "tickformat": ",.0f"})
    villages_axis(figure, len(money))
    return styled(figure, "各村(居)问题涉及金额与追回金额（元）", LEDGER_SOURCE, height=340, count_axis=None)


def phase_timeline(timeline: pd.DataFrame, items: pd.DataFrame, as_of: dt.date) -> go.Figure:
    """The phases as bars on a calendar, each milestone as a diamond at its due date, and the as-of line."""
    order = list(timeline["phase"])
    start = pd.to_datetime(timeline["start"])
    days = (pd.to_datetime(timeline["end"]) - start).dt.days + 1
    traces = [go.Bar(y=part["phase"], x=days[part.index] * DAY_MS, base=start[part.index].dt.strftime("%Y-%m-%d"),
                     orientation="h", name=f"阶段{state}", marker_color=PHASE_COLORS.get(state, PALETTE["muted"]),
                     customdata=list(zip(part["start"].astype(str), part["end"].astype(str))), width=0.5,
                     hovertemplate=hover("阶段：%{y}", "开始：%{customdata[0]}", "结束：%{customdata[1]}"))
              for state, part in timeline.groupby("state", sort=False)]
    due = items.groupby(["phase", "milestone", "due"], sort=False)["status"].agg(_worst).reset_index()
    traces += [go.Scatter(x=part["due"].astype(str), y=part["phase"], mode="markers", name=f"里程碑{status}",
                          marker={"symbol": "diamond", "size": 14, "color": colour, "line": {"color": "white",
                                                                                            "width": 1}},
                          customdata=part["milestone"],
                          hovertemplate=hover("里程碑：%{customdata}", "时限：%{x|%Y-%m-%d}", f"状态：{status}"))
               for status, colour in MILESTONE_COLORS.items() if len(part := due[due["status"] == status])]
    figure = go.Figure(traces)
    figure.update_xaxes(type="date", tickformat="%Y-%m-%d")
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=order, autorange="reversed")
    figure.add_vline(x=pd.Timestamp(as_of).timestamp() * 1000, line={"color": PALETTE["accent"], "dash": "dash",
                                                                       "width": 2},
                     annotation={"text": f"分析日期 {as_of:%Y-%m-%d}", "font": {"color": PALETTE["accent"]}},
                     annotation_position="top left")
    return styled(figure, "整治阶段与里程碑时限（菱形：里程碑，虚线：分析日期）",
                  "配置的整治阶段、里程碑及看板中登记的完成情况", height=360, count_axis=None)


def completeness_grid(rates: pd.DataFrame) -> go.Figure:
    """Villages × months coloured by timeliness, each cell reading uploaded/expected."""
    months = sorted(rates["month"].unique())
    labels = [month_label(m) for m in months]
    villages = list(dict.fromkeys(rates["village"]))
    indexed = rates.set_index(["village", "month"])
    share = indexed["及时率"].astype(float).mul(100).unstack("month").reindex(index=villages, columns=months)
    text = (indexed["已报"].astype(str) + "/" + indexed["应报"].astype(str)).unstack("month").reindex(
        index=villages, columns=months).fillna("")
    figure = go.Figure(go.Heatmap(
        z=share.to_numpy(), x=labels, y=villages, text=text.to_numpy(), texttemplate="%{text}", zmin=0, zmax=100,
        colorscale=TIMELY_SCALE, xgap=2, ygap=2, colorbar={"title": {"text": "及时率%"}, "ticksuffix": "%"},
        hovertemplate=hover("村(居)：%{y}", "月份：%{x}", "已报/应报：%{text}", "及时率：%{z:.0f}%")))
    months_axis(figure, labels)
    figure.update_yaxes(type="category", autorange="reversed")
    return styled(figure, "各村(居)各月上报情况（格内：已报/应报 类数据；颜色：按时上报的比例，%）",
                  "已导入数据的批次记录（导入时间）", height=150 + 36 * len(villages), count_axis=None)


def _worst(statuses: pd.Series) -> str:
    """A per-village milestone's marker shows its worst village."""
    return next(s for s in ("逾期未完成", "未到期", "已完成") if (statuses == s).any())
