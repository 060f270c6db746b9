import streamlit as st

from analytics.analysis import completeness
from analytics.charts import campaign as campaign_charts
from ui import cache, frame, kpi, plots, tables
from ui.kpi import Card

ctx = frame.page("数据完整性")
summary = cache.data(ctx.con, completeness.summary, ctx.config, ctx.filters)
if summary is None:
    st.info("还没有导入按月上报的名册或发放明细。", icon=":material/info:")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
    st.stop()
due_day = ctx.config.rules.report_due_day
st.caption(f"{ctx.filters.caption} · 某月数据在次月 {due_day} 日（含）前首次导入算按时；"
           "某村(居)某类数据自首次上报的月份起每月应报。")
overall = summary.overall
kpi.row([Card("应报（村·月·类）", f"{overall['应报']:,}"), Card("完整率", f"{overall['完整率']:.1%}"),
         Card("及时率", f"{overall['及时率']:.1%}"), Card("未报", f"{overall['应报'] - overall['已报']:,}")])


def heat_map(con, config, filters) -> dict:
    """The heat map's plotly figure, kept with the results rather than built at every visit."""
    rates = cache.data(con, completeness.summary, config, filters).by_village_month
    return campaign_charts.completeness_grid(completeness.worst_villages(rates)).to_dict()


plots.draw(cache.data(ctx.con, heat_map, ctx.config, ctx.filters), key="completeness_grid")
villages = summary.by_village_month["village"].nunique()
if villages > completeness.GRID_VILLAGES:
    st.caption(f"图中为及时率最低的 {completeness.GRID_VILLAGES} 个村(居)（共 {villages} 个）；各村(居)的未报与迟报见下方明细。")

st.subheader("按数据类别")
tables.summary(summary.by_dataset, percent=("完整率", "及时率"))

st.subheader("未报与迟报明细")
if summary.problems.empty:
    st.caption("所选范围内全部按时上报。")
else:
    tables.show(summary.problems)
