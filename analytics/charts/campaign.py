"""Charts of the campaign pages (问题台账, 阶段进度, 数据完整性) in Vega-Lite, in the style of analytics.charts.style: a title with
units and a source note on each."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from analytics.charts.style import COUNT, PALETTE, colors_scale, titled
from analytics.core.values import month_label

LEDGER_SOURCE = "问题台账（在看板中登记、修改或导入）"
BUCKET_COLORS = {"已超期": "#c0392b", "剩余≤10天": "#d9822b", "剩余≤20天": "#e0b040", "20天以上": "#2e8b57",
                 "未定时限": "#b0b4ba"}
MILESTONE_COLORS = {"已完成": "#2e8b57", "逾期未完成": "#c0392b", "未到期": "#b0b4ba"}
PHASE_COLORS = {"已结束": "#8a8f98", "进行中": "#1f5fa8", "未开始": "#c9d6e8"}
ISSUE_PICK = "issue_cell_pick"  # the ledger heat map's selection: {"village": …, "focus": …}


def ledger_heatmap(grid: pd.DataFrame, counted: str) -> alt.LayerChart:
    """Issues per village × 整治重点; a click on a cell lists them. Empty cells grey, the darker half in white ink
    (colours from the data: alt.condition is slow to build)."""
    frame = grid.rename_axis(index="village", columns="focus").stack().rename("issues").reset_index()
    top = max(int(frame["issues"].max()) if len(frame) else 0, 2)
    frame["ink"] = ["light" if n > top / 2 else "dark" for n in frame["issues"]]
    pick = alt.selection_point(name=ISSUE_PICK, fields=["village", "focus"], on="click")
    base = alt.Chart(frame).encode(x=alt.X("focus:N", sort=list(grid.columns), title=None,
                                           axis=alt.Axis(labelAngle=0, orient="top")),
                                   y=alt.Y("village:N", sort=list(grid.index), title=None))
    cells = base.mark_rect(cursor="pointer", stroke="white").encode(
        color=alt.Color("issues:Q", title="个", legend=alt.Legend(tickMinStep=1, format="d"),
                        scale=alt.Scale(domain=[0, 1, top], range=["#f4f5f7", "#fdd49e", "#b30000"],
                                        interpolate="rgb")),
        tooltip=[alt.Tooltip("village:N", title="村(居)"), alt.Tooltip("focus:N", title="整治重点"),
                 alt.Tooltip("issues:Q", title="问题（个）")]).add_params(pick)
    ink = alt.Scale(domain=["light", "dark"], range=["white", "#4a4f57"])
    text = base.mark_text().encode(text="issues:Q", color=alt.Color("ink:N", scale=ink, legend=None))
    return titled(alt.layer(cells, text), f"各村(居)×整治重点的{counted}问题（个，点击格子查看问题）", LEDGER_SOURCE,
                   height=130 + 40 * len(grid))


def overdue_buckets(buckets: pd.DataFrame) -> alt.Chart:
    bars = alt.Chart(buckets).mark_bar().encode(
        x=alt.X("期限:N", sort=list(buckets["期限"]), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("问题数:Q", title="未销号问题（个）", axis=COUNT),
        color=alt.Color("期限:N", scale=colors_scale(BUCKET_COLORS), legend=None),
        tooltip=["期限:N", alt.Tooltip("问题数:Q", title="问题（个）"), alt.Tooltip("涉及金额:Q", format=",.2f")])
    labels = bars.mark_text(dy=-8).encode(text="问题数:Q", color=alt.value("#4a4f57"))
    return titled(alt.layer(bars, labels), "未销号问题的整改期限（个）", LEDGER_SOURCE, height=340)


def money_recovered(money: pd.DataFrame) -> alt.Chart:
    frame = money.melt(id_vars="村(居)", var_name="金额", value_name="元")
    frame["金额"] = frame["金额"] + "（元）"
    kinds = ["涉及金额（元）", "追回金额（元）"]
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("村(居):N", title=None, axis=alt.Axis(labelAngle=0)), xOffset=alt.XOffset("金额:N", sort=kinds),
        y=alt.Y("元:Q", title="元"),
        color=alt.Color("金额:N", sort=kinds, scale=alt.Scale(domain=kinds, range=[PALETTE["muted"],
                                                                                  PALETTE["primary"]])),
        tooltip=["村(居):N", "金额:N", alt.Tooltip("元:Q", format=",.2f")])
    return titled(chart, "各村(居)问题涉及金额与追回金额（元）", LEDGER_SOURCE, height=340)


def phase_timeline(timeline: pd.DataFrame, items: pd.DataFrame, as_of: dt.date) -> alt.LayerChart:
    """The phases as bars on a calendar, each milestone as a diamond at its due date, and the as-of line."""
    order = list(timeline["phase"])
    phases = timeline.assign(start=pd.to_datetime(timeline["start"]),
                             end=pd.to_datetime(timeline["end"]) + pd.Timedelta(days=1),
                             state=timeline["state"].map(lambda s: f"阶段{s}"))
    bars = alt.Chart(phases).mark_bar(height=26).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y-%m-%d")), x2="end:T",
        y=alt.Y("phase:N", sort=order, title=None),
        color=alt.Color("state:N", scale=colors_scale({f"阶段{k}": v for k, v in PHASE_COLORS.items()}), title=None),
        tooltip=[alt.Tooltip("phase:N", title="阶段"), alt.Tooltip("start:T", title="开始", format="%Y-%m-%d"),
                 alt.Tooltip("end:T", title="结束后一天", format="%Y-%m-%d")])
    due = items.groupby(["phase", "milestone", "due"], sort=False)["status"].agg(_worst).reset_index()
    due = due.assign(due=pd.to_datetime(due["due"]), status=due["status"].map(lambda s: f"里程碑{s}"))
    marks = alt.Chart(due).mark_point(shape="diamond", size=160, filled=True, stroke="white", opacity=1).encode(
        x="due:T", y=alt.Y("phase:N", sort=order),
        fill=alt.Fill("status:N", scale=colors_scale({f"里程碑{k}": v for k, v in MILESTONE_COLORS.items()}), title=None),
        tooltip=[alt.Tooltip("milestone:N", title="里程碑"), alt.Tooltip("due:T", title="时限", format="%Y-%m-%d"),
                 alt.Tooltip("status:N", title="状态")])
    line = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(as_of)], "label": [f"分析日期 {as_of:%Y-%m-%d}"]}))
    rule = line.mark_rule(color=PALETTE["accent"], strokeDash=[6, 4], strokeWidth=2).encode(x="day:T")
    note = line.mark_text(color=PALETTE["accent"], align="right", dx=-4, dy=-6, baseline="bottom").encode(
        x="day:T", y=alt.value(0), text="label:N")
    return titled(alt.layer(bars, marks, rule, note).resolve_scale(color="independent"),
                   "整治阶段与里程碑时限（菱形：里程碑，虚线：分析日期）", "配置的整治阶段、里程碑及看板中登记的完成情况",
                   height=360)


def completeness_grid(rates: pd.DataFrame) -> alt.LayerChart:
    """Villages × months coloured by timeliness, each cell reading uploaded/expected."""
    frame = rates.assign(month=rates["month"].map(month_label), share=rates["及时率"] * 100,
                         text=rates["已报"].astype(str) + "/" + rates["应报"].astype(str))
    months = [month_label(m) for m in sorted(rates["month"].unique())]
    base = alt.Chart(frame).encode(x=alt.X("month:N", sort=months, title=None, axis=alt.Axis(labelAngle=0)),
                                   y=alt.Y("village:N", title=None))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("share:Q", title="及时率%", scale=alt.Scale(scheme="redyellowgreen", domain=[0, 100])),
        tooltip=[alt.Tooltip("village:N", title="村(居)"), alt.Tooltip("month:N", title="月份"),
                 alt.Tooltip("text:N", title="已报/应报"), alt.Tooltip("share:Q", title="及时率%", format=".0f")])
    text = base.mark_text(fontSize=11).encode(  # white on the dark ends of the red-yellow-green scale
        text="text:N", color=alt.condition("datum.share >= 85 || datum.share <= 15", alt.value("white"),
                                           alt.value("#1d2229")))
    return titled(alt.layer(cells, text), "各村(居)各月上报情况（格内：已报/应报 类数据；颜色：按时上报的比例，%）",
                   "已导入数据的批次记录（导入时间）", height=130 + 36 * rates["village"].nunique())


def _worst(statuses: pd.Series) -> str:
    """A per-village milestone's marker shows its worst village."""
    return next(s for s in ("逾期未完成", "未到期", "已完成") if (statuses == s).any())
