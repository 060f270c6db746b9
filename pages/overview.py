import streamlit as st

from analytics.analysis import dynamics, overview, payouts
from analytics.campaign import ledger, phases
from analytics.charts import analysis as charts
from analytics.findings import summary
from ui import cache, frame, kpi, meeting_pack, plots, rules, sections, tables
from ui.kpi import Card

ctx = frame.page("总览", uses_findings=True)


# the charts, for ui/cache.chart, which keeps their figures with the results rather than building them at every visit
def focus_chart(con, filters, month):
    return charts.findings_by(cache.data(con, overview.findings_change, filters, month, "focus"), "focus", "整治重点")


def village_chart(con, filters):
    return charts.findings_by_village(overview.top_villages(cache.data(con, overview.by_village, filters)))


def payment_figures(ctx, month):
    """The month's roster and payments; gives the roster by program for the table below."""
    covered, persons = cache.data(ctx.con, overview.covered, ctx.filters, month)
    payments, paid = cache.data(ctx.con, overview.paid, ctx.filters, month)
    timeliness = payouts.headline(cache.data(ctx.con, payouts.outcomes, ctx.filters, ctx.config))
    rate = timeliness["on_time_rate"]
    kpi.row([Card("在保对象（人）", f"{persons:,}", "本月名册中在保的人数；一人享受多类只计一次"),
             Card("本月发放金额", tables.money(paid), f"本月所属期的发放 {payments:,} 笔"),
             Card("欠付（笔）", f"{timeliness['unpaid']:,}", payouts.unpaid_help(timeliness)),
             Card("迟发（笔）", f"{timeliness['late']:,}",
                  f"晚于每月 {ctx.config.rules.due_day} 日发放的金额 {tables.money(timeliness['late_amount'])}"),
             Card("按时发放率", "—" if rate is None else f"{rate:.2%}", "所选月份中已到期的应发笔数里按时发放的比例")])
    return covered


def finding_figures(ctx):
    found = cache.data(ctx.con, summary.headline, ctx.filters)
    kpi.row([Card("疑点（条）", f"{found['findings']:,}", "截至分析日期的疑点，核实为不属实的不计"),
             Card("涉及人数", f"{found['persons']:,}", "同一人多个月、多条疑点只算一人"),
             Card("涉及户数", f"{found['households']:,}", "按名册中的户编号或户主归户"),
             Card("已核实不属实（条）", f"{found['dismissed']:,}", "入户核实后判定不属实的疑点，不计入任何统计")])
    kpi.row([Card(summary.money_label(figure)[0], tables.money(found["money"][figure]), summary.money_label(figure)[1])
             for figure in summary.MONEY_FIGURES])


def campaign_figures(ctx):
    numbers = ledger.headline(ledger.issues(ctx.con, ctx.filters, ctx.filters.as_of))
    items = phases.milestones(ctx.con, ctx.config, ctx.filters.as_of)
    progress = phases.progress(ctx.config, items, ctx.filters.as_of)
    kpi.row([Card("台账未销号（个）", f"{numbers['open']:,}", f"问题台账共 {numbers['issues']} 个问题，已销号 {numbers['closed']} 个"),
             Card("已超期（个）", f"{numbers['overdue']:,}", "未销号且已过整改时限的问题"),
             Card(f"{ledger.NOT_EFFECTIVE}（个）", f"{numbers['not_effective']:,}",
                  "由疑点生成、尚未销号的问题中，最新月份数据里同一问题仍存在的"),
             Card("当前阶段", phases.phase_of(ctx.config, ctx.filters.as_of) or "不在整治期内"),
             Card("整治总体进度", f"{progress['share']:.0%}", phases.PROGRESS_RULE)])
    rates = cache.data(ctx.con, dynamics.rates, ctx.config, ctx.filters, ctx.filters.as_of)
    kpi.row([Card(rate.label, rate.shown, "；".join(filter(None, (rate.counted, rate.definition)))) for rate in rates])


month = overview.report_month(ctx.filters, ctx.months)
if month is None:
    st.info("还没有名册或发放数据。请先到“数据上传”页导入，或在“首页”载入示例数据。", icon=":material/info:")
    st.stop()
caption, pack = st.columns([4, 1], vertical_alignment="center")
caption.caption(f"{ctx.filters.caption} · 本月指 {month.year}年{month.month}月")
# its date picker and button are drawn only when opened (a popover that reruns on change)
sections.lazy(pack.popover, "会议材料", lambda: meeting_pack.controls(ctx), icon=":material/summarize:", width="stretch",
              key="overview_pack_open")

# the figures are counted after the first chart has gone out, so the browser loads the chart library meanwhile
figures = st.container()
left, right = st.columns(2)
changes = right.container()
with right:
    plots.draw(cache.chart(ctx.con, focus_chart, ctx.filters, month), key="overview_focus")
with figures:
    covered = payment_figures(ctx, month)
    finding_figures(ctx)
    campaign_figures(ctx)
with left:
    st.subheader("在保对象（按救助类别）")
    tables.summary(overview.covered_shown(covered), money=("核定金额(元)",))
with changes:
    severity = cache.data(ctx.con, overview.findings_change, ctx.filters, month, "severity")
    kpi.row([Card(f"{row.severity}风险疑点", f"{row.findings:,}",
                  change=f"{'▲' if row.change > 0 else '▼'} 较上月 {row.change:+d}" if row.change else "与上月持平",
                  colour=kpi.BAD if row.change > 0 else kpi.GOOD if row.change < 0 else kpi.NEUTRAL)
             for row in severity.itertuples()])

rules.explain((), key="overview_rules_open")
villages = cache.data(ctx.con, overview.by_village, ctx.filters)
if villages.empty:
    st.info("所选范围内没有疑点。", icon=":material/check_circle:")
else:
    if len(villages) > overview.CHART_VILLAGES:
        st.caption(f"共 {len(villages)} 个村(居)有疑点，图中为疑点最多的 {overview.CHART_VILLAGES} 个；"
                   "其余可在“村(居)详情”中选择查看。")
    picked = plots.draw(cache.chart(ctx.con, village_chart, ctx.filters), key="overview_villages", pick=True)
    if picked and picked.get("x") in ctx.config.village_names:
        frame.open_village(picked["x"])
