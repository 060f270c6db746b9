"""Charts drawn from the DataFrames of analytics.analysis.metrics: titles, units and a source note on every chart.

Vega-Lite through altair. A chart that can be clicked carries a point selection (VILLAGE_PICK,
CELL_PICK); the page reads the clicked values as `event["selection"][name][0][field]`.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.charts.style import COUNT, LINES, PALETTE, colors_scale, titled
from analytics.core.contract import SEVERITIES, STATUSES_ACTIVE
from analytics.core.values import month_label

SEVERITY_COLORS = dict(zip(SEVERITIES, ("#c0392b", "#d9822b", "#8a8f98")))
OUTCOME_COLORS = {"按时": "#2e8b57", "迟发": "#d9822b", "欠付": "#c0392b", "未到期": "#b0b4ba"}
CHANGE_COLORS = {"新增": "#2e8b57", "恢复": "#1f5fa8", "退出": "#8a8f98", "无故退出": "#c0392b"}
FINDINGS_SOURCE = "疑点计算结果（由已导入的名册、发放明细等数据按整治规则计算）"
ACTIVE, NOT_ACTIVE = STATUSES_ACTIVE[0], "名册中但非在保"  # the timeline's two states
VILLAGE_PICK, CELL_PICK = "village_pick", "cell_pick"  # the selections of the two charts that drill down


def _months(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The frame with a `month` label column, and the labels in time order (the axis sorts by this list)."""
    order = [month_label(p) for p in sorted(frame["period"].unique())]
    return frame.assign(month=[month_label(p) for p in frame["period"]]), order


def monthly_coverage(totals: pd.DataFrame) -> alt.LayerChart:
    """Persons on the rosters (bars, 人) and money paid (line, 万元, right axis) per month."""
    frame, order = _months(totals.assign(paid=totals["paid"].astype(float) / 10_000))
    series = alt.Scale(domain=["名册人数（人）", "发放金额（万元）"], range=[PALETTE["primary"], PALETTE["accent"]])
    base = alt.Chart(frame).encode(x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar().transform_calculate(series="'名册人数（人）'").encode(
        y=alt.Y("persons:Q", title="人", axis=COUNT), color=alt.Color("series:N", scale=series),
        tooltip=[alt.Tooltip("month:N", title="月份"), alt.Tooltip("persons:Q", title="人")])
    line = base.mark_line(point=True).transform_calculate(series="'发放金额（万元）'").encode(
        y=alt.Y("paid:Q", title="万元", axis=alt.Axis(orient="right", grid=False)),
        color=alt.Color("series:N", scale=series),
        tooltip=[alt.Tooltip("month:N", title="月份"), alt.Tooltip("paid:Q", title="万元", format=",.2f")])
    return titled(alt.layer(bars, line).resolve_scale(y="independent"), "各月名册人数与发放金额",
                   "已导入的救助对象名册与资金发放明细")


def findings_by_village(summary: pd.DataFrame) -> alt.Chart:
    """Stacked bars of findings per village by severity, most findings first; a click on a bar opens that village."""
    villages = summary.assign(village=summary["village"].fillna("镇级"))
    frame = villages.melt(id_vars="village", value_vars=["high", "medium", "low"], var_name="level", value_name="n")
    frame["severity"] = frame["level"].map(dict(zip(("high", "medium", "low"), SEVERITIES))) + "（条）"
    frame["rank"] = frame["level"].map({"high": 0, "medium": 1, "low": 2})  # 高 at the bottom of each bar
    pick = alt.selection_point(name=VILLAGE_PICK, fields=["village"], on="click")
    chart = alt.Chart(frame[frame["n"] > 0]).mark_bar(cursor="pointer").encode(
        x=alt.X("village:N", sort=list(villages["village"]), title=None,
                axis=alt.Axis(labelAngle=0 if len(villages) <= 8 else -45)),
        y=alt.Y("sum(n):Q", title="疑点（条）", axis=COUNT),
        color=alt.Color("severity:N", scale=colors_scale(SEVERITY_COLORS, "（条）")),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("village:N", title="村(居)"), alt.Tooltip("severity:N", title="严重程度"),
                 alt.Tooltip("sum(n):Q", title="条")]).add_params(pick)
    return titled(chart, "各村(居)疑点数（点击柱子查看该村）", FINDINGS_SOURCE, height=440)


def findings_by(summary: pd.DataFrame, column: str, label: str) -> alt.Chart:
    """Horizontal bars of findings by severity or 整治重点, this month against last."""
    frame = summary.melt(id_vars=column, value_vars=["previous", "findings"], var_name="which", value_name="n")
    frame["which"] = frame["which"].map({"previous": "上月（条）", "findings": "本月（条）"})
    order = list(summary[column])
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y(f"{column}:N", sort=order, title=None), yOffset=alt.YOffset("which:N", sort=["上月（条）", "本月（条）"]),
        x=alt.X("n:Q", title="疑点（条）", axis=COUNT),
        color=alt.Color("which:N", scale=alt.Scale(domain=["上月（条）", "本月（条）"],
                                                   range=[PALETTE["muted"], PALETTE["primary"]])),
        tooltip=[alt.Tooltip(f"{column}:N", title=label), alt.Tooltip("which:N", title="月份"),
                 alt.Tooltip("n:Q", title="条")])
    return titled(chart, f"按{label}的疑点数：本月与上月", FINDINGS_SOURCE, height=340)


def payment_outcomes(monthly: pd.DataFrame) -> alt.Chart:
    """Expected payments per month, stacked by how they went."""
    frame, order = _months(monthly)
    frame["rank"] = frame["outcome"].map({o: i for i, o in enumerate(OUTCOME_COLORS)})  # 按时 at the bottom
    frame["outcome"] = frame["outcome"] + "（笔）"
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(payments):Q", title="应发笔数", axis=COUNT),
        color=alt.Color("outcome:N", scale=colors_scale(OUTCOME_COLORS, "（笔）")),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("month:N", title="月份"), alt.Tooltip("outcome:N", title="结果"),
                 alt.Tooltip("sum(payments):Q", title="笔")])
    return titled(chart, "各月应发与实发：按时、迟发、欠付", "救助对象名册（应发）与资金发放明细（实发）")


def late_days(buckets: pd.DataFrame, due_day: int) -> alt.Chart:
    chart = alt.Chart(buckets).mark_bar(color=OUTCOME_COLORS["迟发"]).encode(
        x=alt.X("bucket:N", sort=list(buckets["bucket"]), title=f"晚于每月 {due_day} 日的天数",
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("payments:Q", title="迟发笔数", axis=COUNT),
        tooltip=[alt.Tooltip("bucket:N", title="迟发天数"), alt.Tooltip("payments:Q", title="笔")])
    return titled(chart, "迟发天数分布（笔）", "资金发放明细")


def on_time_rate(rates: pd.DataFrame) -> alt.Chart:
    """On-time rate per village over the months, in per cent."""
    frame, order = _months(rates.assign(rate=rates["rate"].astype(float) * 100))
    low = float(frame["rate"].min()) if len(frame) else 0.0
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("rate:Q", title="按时发放率（%）", scale=alt.Scale(domain=[max(0.0, low - 2), 100], zero=False)),
        color=alt.Color("village:N", title="村(居)", scale=LINES),
        tooltip=[alt.Tooltip("village:N", title="村(居)"), alt.Tooltip("month:N", title="月份"),
                 alt.Tooltip("rate:Q", title="%", format=".2f")])
    return titled(chart, "各村(居)按时发放率", "救助对象名册与资金发放明细")


def coverage_lines(coverage: pd.DataFrame, by: str) -> alt.Chart:
    """Persons on the rosters per month, one line per program or village."""
    frame, order = _months(coverage.groupby(["period", by], as_index=False)["persons"].sum())
    label = "救助类别" if by == "program" else "村(居)"
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("persons:Q", title="在保人数（人）", axis=COUNT),
        color=alt.Color(f"{by}:N", title=label, scale=LINES),
        tooltip=[alt.Tooltip(f"{by}:N", title=label), alt.Tooltip("month:N", title="月份"),
                 alt.Tooltip("persons:Q", title="人")])
    return titled(chart, f"各{label}在保人数", "救助对象名册")


def exclusive_matrix(matrix: pd.DataFrame) -> alt.LayerChart:
    """Persons in two programs that exclude each other, as a program × program grid; a click on a cell lists them
    (the selection's `program` is the row, `program_b` the column). Empty cells grey, the darker half in white ink
    (colours from the data: alt.condition is slow to build)."""
    frame = (matrix.rename_axis(index="program", columns="program_b").stack().rename("persons").reset_index())
    top = max(int(frame["persons"].max()) if len(frame) else 0, 2)
    frame["ink"] = ["light" if n > top / 2 else "dark" for n in frame["persons"]]
    order = list(matrix.index)
    pick = alt.selection_point(name=CELL_PICK, fields=["program", "program_b"], on="click")
    base = alt.Chart(frame).encode(x=alt.X("program_b:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
                                   y=alt.Y("program:N", sort=order, title=None))
    cells = base.mark_rect(cursor="pointer", stroke="white").encode(
        color=alt.Color("persons:Q", title="人", legend=alt.Legend(tickMinStep=1, format="d"),
                        scale=alt.Scale(domain=[0, 1, top], range=["#f4f5f7", "#fcbba1", "#a50f15"])),
        tooltip=[alt.Tooltip("program:N", title="类别"), alt.Tooltip("program_b:N", title="与"),
                 alt.Tooltip("persons:Q", title="人")]).add_params(pick)
    ink = alt.Scale(domain=["light", "dark"], range=["white", "#4a4f57"])
    text = base.mark_text().encode(text="persons:Q", color=alt.Color("ink:N", scale=ink, legend=None))
    return titled(alt.layer(cells, text), "重复享受：互斥类别组合（人，点击格子查看名单）", FINDINGS_SOURCE,
                   height=130 + 40 * len(order))


def changes_bars(summary: pd.DataFrame) -> alt.Chart:
    """新增, 恢复, 退出 and 无故退出 per month, side by side."""
    monthly = summary.groupby("period", as_index=False)[list(CHANGE_COLORS)].sum()
    frame, order = _months(monthly.melt(id_vars="period", var_name="change", value_name="persons"))
    frame["change"] = frame["change"] + "（人）"
    kinds = [f"{k}（人）" for k in CHANGE_COLORS]
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("change:N", sort=kinds), y=alt.Y("persons:Q", title="人", axis=COUNT),
        color=alt.Color("change:N", scale=colors_scale(CHANGE_COLORS, "（人）")),
        tooltip=[alt.Tooltip("month:N", title="月份"), alt.Tooltip("change:N", title="变化"),
                 alt.Tooltip("persons:Q", title="人")])
    return titled(chart, "各月新增、恢复与退出", "救助对象名册（逐月比较）")


def person_timeline(timeline: pd.DataFrame) -> alt.Chart:
    """The months a person was on each program's roster: filled when active, hollow when listed but not active."""
    frame, order = _months(timeline[["period", "program", "active"]])
    frame["state"] = frame["active"].map({True: ACTIVE, False: NOT_ACTIVE})
    chart = alt.Chart(frame).mark_square(size=220, stroke=PALETTE["primary"], strokeWidth=1.5, opacity=1).encode(
        x=alt.X("month:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("program:N", title=None),
        fill=alt.Fill("state:N", scale=alt.Scale(domain=[ACTIVE, NOT_ACTIVE], range=[PALETTE["primary"], "white"])),
        tooltip=[alt.Tooltip("program:N", title="救助类别"), alt.Tooltip("month:N", title="月份"),
                 alt.Tooltip("state:N", title="状态")])
    return titled(chart, "享受救助时间线（按月）", "救助对象名册", height=140 + 40 * frame["program"].nunique())
