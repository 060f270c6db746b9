import streamlit as st

from analytics import campaign_charts, completeness
from ui import frame, tables

ctx = frame.page("数据完整性")
cells = completeness.cells(ctx.con, ctx.config, ctx.filters)
if cells.empty:
    st.info("还没有导入按月上报的名册或发放明细。", icon=":material/info:")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
    st.stop()
due_day = ctx.config.rules.report_due_day
st.caption(f"{ctx.filters.caption} · 某月数据在次月 {due_day} 日（含）前首次导入算按时；"
           "某村(居)某类数据自首次上报的月份起每月应报。")
overall = completeness.rates(cells.assign(all="全部"), ["all"]).iloc[0]
cols = st.columns(4)
cols[0].metric("应报（村·月·类）", f"{overall['应报']:,}")
cols[1].metric("完整率", f"{overall['完整率']:.1%}")
cols[2].metric("及时率", f"{overall['及时率']:.1%}")
cols[3].metric("未报", f"{overall['应报'] - overall['已报']:,}")

st.altair_chart(campaign_charts.completeness_grid(completeness.by_village_month(cells)), width="stretch")

st.subheader("按数据类别")
by_dataset = completeness.rates(cells, ["dataset"]).rename(columns={"dataset": "数据类别"})
st.dataframe(by_dataset, hide_index=True, width="stretch",
             column_config={c: st.column_config.ProgressColumn(c, format="percent", min_value=0, max_value=1)
                            for c in ("完整率", "及时率")})

st.subheader("未报与迟报明细")
problems = cells[cells["state"] != completeness.ON_TIME]
if problems.empty:
    st.caption("所选范围内全部按时上报。")
else:
    tables.show(completeness.shown(problems))
