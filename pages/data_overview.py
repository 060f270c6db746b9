import streamlit as st

from analytics.analysis import metrics
from analytics.charts import analysis as charts
from ui import cache, frame, plots, tables

ctx = frame.page("数据概况")
st.caption(ctx.filters.caption)


def drawn(con, filters) -> tuple:
    """The chart's plotly figure and the table as shown, kept with the results rather than built at every visit."""
    overview, table = metrics.data_overview_and_table(con, filters)
    if table is None:
        return None, None
    return charts.monthly_coverage(metrics.monthly_totals(overview)).to_dict(), table


chart, table = cache.data(ctx.con, drawn, ctx.filters)
if table is None:
    st.info("所选范围内没有名册或发放数据。请调整左侧筛选，或到“数据上传”页导入。", icon=":material/info:")
    st.stop()

plots.draw(chart, key="overview_chart")
tables.show(table, money=("核定金额(元)", "发放金额(元)"))
