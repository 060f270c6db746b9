import streamlit as st

from analytics.campaign import ledger, phases
from analytics.reports import rectification, rectification_docx
from analytics.charts import campaign as campaign_charts
from ui import cache, frame, kpi, phase_forms, plots, sections, tables
from ui.kpi import Card

ctx = frame.page("阶段进度")
as_of = ctx.filters.as_of
if not ctx.config.milestones:
    st.info("配置文件中没有整治阶段和里程碑（config.toml 的 [[phases]] 与 [[milestones]]）。", icon=":material/info:")
    st.stop()
items = phases.milestones(ctx.con, ctx.config, as_of)
progress = phases.progress(ctx.config, items, as_of)
current = phases.phase_of(ctx.config, as_of)
kpi.row([Card("当前阶段", current or "不在整治期内"),
         Card("总体进度", f"{progress['share']:.0%}", phases.PROGRESS_RULE),
         Card("已完成事项", f"{progress['done']} / {progress['total']}"),
         Card("时间进度", f"{progress['time_share']:.0%}", phases.PROGRESS_RULE)])
st.caption(f"截至 {as_of:%Y-%m-%d}。{phases.PROGRESS_RULE}")


def timeline_chart(con, config, as_of, items) -> dict:
    """The timeline's plotly figure, kept while the milestones stay as they are (`items`, read above, is part of the
    key), rather than built at every visit."""
    return campaign_charts.phase_timeline(phases.timeline(config, as_of), items, as_of).to_dict()


plots.draw(cache.data(ctx.con, timeline_chart, ctx.config, as_of, items), key="phases_timeline")

st.subheader("里程碑")
tables.summary(phases.town_table(items))

st.subheader("各村(居)上报情况")
grid = phases.village_grid(items)
if grid.empty:
    st.caption("没有按村(居)记录的里程碑。")
else:
    tables.summary(grid, fills=campaign_charts.MILESTONE_COLORS)

st.subheader("各阶段发现与销号的问题")
tables.summary(phases.issues_by_phase(ctx.config, ledger.issues(ctx.con, ctx.filters, as_of)))

st.subheader("整改报告")
village = ctx.filters.villages[0] if len(ctx.filters.villages) == 1 else None
st.caption(f"{village or ctx.config.town}各阶段的整改报告（可编辑的 Word 文档）：标准数字及其口径、动态管理指标、按整治重点的问题与整改、"
           "资金对账，以及由镇民政办填写的各部分标题。截至日期为该阶段上报报告的时限（config.toml 中 report = true 的里程碑），"
           "没有则为阶段结束日。")
for column, phase in zip(st.columns(len(ctx.config.phases)), ctx.config.phases):
    due, _ = rectification.report_date(ctx.config, phase, village)
    make = ctx.exported(f"整改报告（{phase.name}）", lambda phase=phase: rectification_docx.for_phase(
        ctx.writer(), ctx.config, scope=ctx.scope, phase=phase.name, village=village, sample=ctx.using_sample), None,
        village)
    with column:
        frame.download_button(f"{phase.name}（截至 {due:%Y-%m-%d}）", make,
                              rectification.file_name(phase.name, village or ctx.config.town, due),
                              mime=rectification_docx.MIME, icon=":material/description:",
                              key=f"phases_report_{phase.name}")

# drawn only when opened (an expander that reruns on change): the form was drawn, closed, at every visit
sections.lazy(st.expander, "登记里程碑完成情况", lambda: phase_forms.record_milestone(ctx), icon=":material/edit_calendar:",
              key="phases_record_open")
