"""Recording a milestone's completion on 阶段进度: for accounts that may (analytics.access.scope), audited."""
from __future__ import annotations

import streamlit as st

from analytics.access import audit
from analytics.campaign import phases
from analytics.core.errors import JiuzhuError
from ui import safe
from ui.frame import Context


def record_milestone(ctx: Context) -> None:
    if not ctx.scope.rights.record_milestones:
        st.caption(f"{ctx.scope.role}账户不能登记里程碑，由镇民政办登记。")
        return
    with st.form("phases_record"):
        milestone = st.selectbox("里程碑", [m.name for m in ctx.config.milestones], key="phases_milestone")
        village = st.selectbox("村(居)（按村上报的事项填写）", ["", *ctx.config.village_names], key="phases_village",
                               format_func=lambda v: v or "（镇级事项）")
        completed = st.date_input("完成日期", value=None, key="phases_completed", format="YYYY-MM-DD")
        evidence = st.text_input("佐证材料", key="phases_evidence", placeholder="如：文件名、文号、会议纪要")
        withdraw = st.checkbox("撤销该事项的完成登记", key="phases_withdraw")
        if not st.form_submit_button("登记", type="primary", icon=":material/check:"):
            return
    try:
        phases.record(ctx.writer(), ctx.config, milestone, village, None if withdraw else completed, evidence,
                      scope=ctx.scope)
    except JiuzhuError as error:
        safe.error(error)
        return
    ctx.audit(audit.MILESTONE, {"里程碑": milestone, "村(居)": village or "镇级",
                                "操作": "撤销完成登记" if withdraw else "登记完成", "完成日期": completed})
    st.rerun()
