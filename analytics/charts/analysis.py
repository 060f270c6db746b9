"""Charts drawn from the DataFrames of analytics.analysis: plotly figures in the style of analytics.charts.style.

The charts that drill down are clicked on a point: a village bar's `x` is its village; a matrix cell's `y` is its
row program and `x` its column program (the page reads `event["selection"]["points"][0]`).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.style import PALETTE, grid_axes, hover, months_axis, styled, tiles, villages_axis
from analytics.core.contract import PAID_LATE, PAYMENT_OUTCOMES, SEVERITIES, STATUSES_ACTIVE
from analytics.core.values import month_label

SEVERITY_COLORS = dict(zip(SEVERITIES, ("#c0392b", "#d9822b", "#8a8f98")))
OUTCOME_COLORS = dict(zip(PAYMENT_OUTCOMES, ("#2e8b57", "#d9822b", "#c0392b", "#b0b4ba", "#d5d8dc", "#8fb8de")))
CHANGE_COLORS = {"新增": "#2e8b57", "恢复": "#1f5fa8", "退出": "#8a8f98", "无故退出": "#c0392b"}
FINDINGS_SOURCE = "疑点计算结果（由已导入的名册、发放明细等数据按整治规则计算）"
ACTIVE, NOT_ACTIVE = STATUSES_ACTIVE[0], "名册中但非在保"  # the timeline's two states
MATRIX_SCALE = ((0.0, PALETTE["empty"]), (1e-9, "#fcbba1"), (1.0, "#a50f15"))  # 0 grey, then light to dark red


def _months(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The frame with a `month` label column, and the labels in time order."""
    order = [month_label(p) for p in sorted(frame["period"].unique())]
    return frame.assign(month=[month_label(p) for p in frame["period"]]), order


def monthly_coverage(totals: pd.DataFrame) -> go.Figure:
    """Persons on the rosters (bars, 人) and money paid (line, 万元, right axis) per month."""
    frame, order = _months(totals.assign(paid=totals["paid"].astype(float) / 10_000))
    figure = go.Figure([
        go.Bar(x=frame["month"], y=frame["persons"], name="名册人数（人）", marker_color=PALETTE["primary"],
               hovertemplate=hover("月份：%{x}", "名册人数：%{y:,} 人")),
        go.Scatter(x=frame["month"], y=frame["paid"], name="发放金额（万元）", yaxis="y2", mode="lines+markers",
                   line_color=PALETTE["accent"], hovertemplate=hover("月份：%{x}", "发放金额：%{y:,.2f} 万元"))])
    figure.update_layout(yaxis={"title": {"text": "人"}},
                         yaxis2={"title": {"text": "万元"}, "overlaying": "y", "side": "right", "showgrid": False,
                                 "tickformat": ",.0f", "rangemode": "tozero"})
    months_axis(figure, order)
    return styled(figure, "各月名册人数与发放金额", "已导入的救助对象名册与资金发放明细")


def findings_by_village(summary: pd.DataFrame) -> go.Figure:
    """Stacked bars of findings per village by severity, most findings first; a click on a bar opens that village."""
    villages = summary.assign(village=summary["village"].fillna("镇级"))
    figure = go.Figure([go.Bar(x=villages["village"], y=villages[level], name=f"{severity}（条）", marker_color=colour,
                               hovertemplate=hover("村(居)：%{x}", f"{severity}风险疑点：%{{y:,}} 条"))
                        for level, (severity, colour) in zip(("high", "medium", "low"), SEVERITY_COLORS.items())])
    figure.update_layout(barmode="stack", clickmode="event+select", yaxis={"title": {"text": "疑点（条）"}})
    villages_axis(figure, len(villages))
    return styled(figure, "各村(居)疑点数（点击柱子查看该村）", FINDINGS_SOURCE, height=440)


def findings_by(summary: pd.DataFrame, column: str, label: str) -> go.Figure:
    """Horizontal bars of findings by severity or 整治重点, this month against last."""
    figure = go.Figure([go.Bar(y=summary[column], x=summary[which], name=name, orientation="h", marker_color=colour,
                               hovertemplate=hover(f"{label}：%{{y}}", f"{name[:2]}：%{{x:,}} 条"))
                        for which, name, colour in (("previous", "上月（条）", PALETTE["muted"]),
                                                    ("findings", "本月（条）", PALETTE["primary"]))])
    figure.update_layout(barmode="group", xaxis={"title": {"text": "疑点（条）"}})
    figure.update_yaxes(type="category", autorange="reversed")
    return styled(figure, f"按{label}的疑点数：本月与上月", FINDINGS_SOURCE, height=340, count_axis="x")


def payment_outcomes(monthly: pd.DataFrame) -> go.Figure:
    """Expected payments per month, stacked by how they went (按时 at the bottom)."""
    frame, order = _months(monthly)
    sums = frame.groupby(["month", "outcome"], as_index=False)["payments"].sum()
    figure = go.Figure([go.Bar(x=part["month"], y=part["payments"], name=f"{outcome}（笔）", marker_color=colour,
                               hovertemplate=hover("月份：%{x}", f"{outcome}：%{{y:,}} 笔"))
                        for outcome, colour in OUTCOME_COLORS.items()
                        if len(part := sums[sums["outcome"] == outcome])])
    figure.update_layout(barmode="stack", yaxis={"title": {"text": "应发笔数"}})
    months_axis(figure, order)
    return styled(figure, "各月应发与实发：按时、迟发、欠付", "救助对象名册（应发）与资金发放明细（实发）")


def late_days(buckets: pd.DataFrame, due_day: int) -> go.Figure:
    figure = go.Figure(go.Bar(x=buckets["bucket"], y=buckets["payments"], marker_color=OUTCOME_COLORS[PAID_LATE],
                              hovertemplate=hover("迟发天数：%{x}", "迟发：%{y:,} 笔")))
    figure.update_layout(xaxis={"title": {"text": f"晚于每月 {due_day} 日的天数"}, "type": "category",
                                "tickangle": 0},
                         yaxis={"title": {"text": "迟发笔数"}})
    return styled(figure, "迟发天数分布（笔）", "资金发放明细")


def on_time_rate(rates: pd.DataFrame) -> go.Figure:
    """On-time rate per village over the months, in per cent."""
    frame, order = _months(rates.assign(rate=rates["rate"].astype(float) * 100))
    low = float(frame["rate"].min()) if len(frame) else 0.0
    figure = go.Figure([go.Scatter(x=part["month"], y=part["rate"], name=village, mode="lines+markers",
                                   hovertemplate=hover(f"村(居)：{village}", "月份：%{x}", "按时发放率：%{y:.2f}%"))
                        for village, part in frame.groupby("village", sort=False)])
    figure.update_layout(yaxis={"title": {"text": "按时发放率（%）"}, "range": [max(0.0, low - 2), 100.5],
                                "ticksuffix": "%"})
    months_axis(figure, order)
    return styled(figure, "各村(居)按时发放率", "救助对象名册与资金发放明细", count_axis=None)


def coverage_lines(coverage: pd.DataFrame, by: str) -> go.Figure:
    """Persons on the rosters per month, one line per program or village."""
    frame, order = _months(coverage.groupby(["period", by], as_index=False)["persons"].sum())
    label = "救助类别" if by == "program" else "村(居)"
    figure = go.Figure([go.Scatter(x=part["month"], y=part["persons"], name=name, mode="lines+markers",
                                   hovertemplate=hover(f"{label}：{name}", "月份：%{x}", "在保：%{y:,} 人"))
                        for name, part in frame.groupby(by, sort=False)])
    figure.update_layout(yaxis={"title": {"text": "在保人数（人）"}})
    months_axis(figure, order)
    return styled(figure, f"各{label}在保人数", "救助对象名册")


def exclusive_matrix(matrix: pd.DataFrame) -> go.Figure:
    """Persons in two programs that exclude each other, as a program × program grid; a click on a cell lists them
    (the point's `y` is the row program, `x` the column program). Empty cells grey."""
    order = list(matrix.index)
    figure = go.Figure(tiles(matrix, MATRIX_SCALE, "人", hover("类别：%{y}", "与：%{x}", "同时享受：%{customdata:,} 人")))
    figure.update_layout(clickmode="event+select")
    grid_axes(figure, order, order)
    return styled(figure, "重复享受：互斥类别组合（人，点击格子查看名单）", FINDINGS_SOURCE,
                  height=130 + 40 * len(order), count_axis=None)


def changes_bars(summary: pd.DataFrame) -> go.Figure:
    """新增, 恢复, 退出 and 无故退出 per month, side by side."""
    monthly = summary.groupby("period", as_index=False)[list(CHANGE_COLORS)].sum()
    frame, order = _months(monthly)
    figure = go.Figure([go.Bar(x=frame["month"], y=frame[change], name=f"{change}（人）", marker_color=colour,
                               hovertemplate=hover("月份：%{x}", f"{change}：%{{y:,}} 人"))
                        for change, colour in CHANGE_COLORS.items()])
    figure.update_layout(barmode="group", yaxis={"title": {"text": "人"}})
    months_axis(figure, order)
    return styled(figure, "各月新增、恢复与退出", "救助对象名册（逐月比较）")


def person_timeline(timeline: pd.DataFrame) -> go.Figure:
    """The months a person was on each program's roster: filled when active, hollow when listed but not active."""
    frame, order = _months(timeline[["period", "program", "active"]])
    active = frame["active"].astype(bool)
    figure = go.Figure([go.Scatter(x=part["month"], y=part["program"], name=state, mode="markers",
                                   marker={"symbol": "square", "size": 16, "color": fill,
                                           "line": {"color": PALETTE["primary"], "width": 1.5}},
                                   hovertemplate=hover("救助类别：%{y}", "月份：%{x}", f"状态：{state}"))
                        for state, fill, part in ((ACTIVE, PALETTE["primary"], frame[active]),
                                                  (NOT_ACTIVE, "white", frame[~active]))
                        if len(part)])
    figure.update_yaxes(type="category")
    months_axis(figure, order)
    return styled(figure, "享受救助时间线（按月）", "救助对象名册", height=140 + 40 * frame["program"].nunique(),
                  count_axis=None)


def reconciliation(monthly: pd.DataFrame) -> go.Figure:
    """应发 and 实发 per month as bars, 区拨付 as a line where it was recorded, in 万元 (reconcile.by_month's frame)."""
    frame, order = _months(monthly)
    traces = [go.Bar(x=frame["month"], y=frame[column].astype(float) / 10_000, name=f"{label}（万元）",
                     marker_color=colour, hovertemplate=hover("月份：%{x}", f"{label}：%{{y:,.2f}} 万元"))
              for column, label, colour in (("expected", "应发", PALETTE["muted"]), ("paid", "实发", PALETTE["primary"]))]
    if frame["transferred"].notna().any():
        traces.append(go.Scatter(x=frame["month"], y=frame["transferred"].astype(float) / 10_000, name="区拨付（万元）",
                                 mode="lines+markers", line={"color": PALETTE["accent"]},
                                 hovertemplate=hover("月份：%{x}", "区拨付：%{y:,.2f} 万元")))
    figure = go.Figure(traces)
    figure.update_layout(barmode="group", yaxis={"title": {"text": "万元"}})
    months_axis(figure, order)
    return styled(figure, "各月应发、实发与区拨付", "救助对象名册（应发）、资金发放明细（实发，按所属期）、区拨付资金台账",
                  count_axis=None)
