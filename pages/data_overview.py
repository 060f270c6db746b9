import streamlit as st

from analytics import charts, metrics
from ui import cache, frame, tables


ctx = frame.page("数据概况")
st.caption(ctx.filters.caption)
overview, table = cache.data(ctx.con, metrics.data_overview_and_table, ctx.filters)
if overview.empty:
    st.info("所选范围内没有名册或发放数据。请调整左侧筛选，或到“数据上传”页导入。", icon=":material/info:")
    st.stop()

st.altair_chart(charts.monthly_coverage(metrics.monthly_totals(overview)), width="stretch", key="overview_chart")
tables.show(table, money=("核定金额(元)", "发放金额(元)"))
