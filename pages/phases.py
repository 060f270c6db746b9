import streamlit as st

from analytics import campaign_charts, ledger, phases
from analytics.batches import LOCAL_USER
from analytics.errors import JiuzhuError
from ui import frame, tables

ctx = frame.page("阶段进度")
as_of = ctx.filters.as_of
if not ctx.config.milestones:
    st.info("配置文件中没有整治阶段和里程碑（config.toml 的 [[phases]] 与 [[milestones]]）。", icon=":material/info:")
    st.stop()
items = phases.milestones(ctx.con, ctx.config, as_of)
progress = phases.progress(ctx.config, items, as_of)
current = phases.phase_of(ctx.config, as_of)
cols = st.columns(4)
cols[0].metric("当前阶段", current or "不在整治期内")
cols[1].metric("总体进度", f"{progress['share']:.0%}", help=phases.PROGRESS_RULE)
cols[2].metric("已完成事项", f"{progress['done']} / {progress['total']}")
cols[3].metric("时间进度", f"{progress['time_share']:.0%}", help=phases.PROGRESS_RULE)
st.caption(f"截至 {as_of:%Y-%m-%d}。{phases.PROGRESS_RULE}")

st.altair_chart(campaign_charts.phase_timeline(phases.timeline(ctx.config, as_of), items, as_of), width="stretch")

st.subheader("里程碑")
town_items = items[items["village"] == phases.TOWN]
tables.show(town_items.drop(columns=["village"]).rename(columns=phases.LABELS))

st.subheader("各村(居)上报情况")
grid = phases.village_grid(items)
if grid.empty:
    st.caption("没有按村(居)记录的里程碑。")
else:
    st.dataframe(grid.style.map(lambda s: f"background-color: {campaign_charts.MILESTONE_COLORS[s]}33"),
                 width="stretch")

st.subheader("各阶段发现与销号的问题")
tables.show(phases.issues_by_phase(ctx.config, ledger.issues(ctx.con, ctx.filters, as_of)))

with st.expander("登记里程碑完成情况", icon=":material/edit_calendar:"):
    with st.form("phases_record"):
        names = [m.name for m in ctx.config.milestones]
        milestone = st.selectbox("里程碑", names, key="phases_milestone")
        village = st.selectbox("村(居)（按村上报的事项填写）", ["", *ctx.config.village_names], key="phases_village",
                               format_func=lambda v: v or "（镇级事项）")
        completed = st.date_input("完成日期", value=None, key="phases_completed", format="YYYY-MM-DD")
        evidence = st.text_input("佐证材料", key="phases_evidence", placeholder="如：文件名、文号、会议纪要")
        withdraw = st.checkbox("撤销该事项的完成登记", key="phases_withdraw")
        if st.form_submit_button("登记", type="primary", icon=":material/check:"):
            try:
                phases.record(ctx.writer(), ctx.config, milestone, village, None if withdraw else completed, evidence,
                              user=LOCAL_USER)
                st.rerun()
            except JiuzhuError as error:
                st.error(str(error), icon=":material/error:")
