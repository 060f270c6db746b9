"""The 会议材料 control on the overview: the last meeting's date, one click to build, two files to download."""
from __future__ import annotations

import streamlit as st

from analytics.access import audit
from analytics.core.errors import JiuzhuError
from analytics.reports import meeting
from ui.frame import Context, download_button


def controls(ctx: Context) -> None:
    as_of = ctx.filters.as_of
    village = ctx.filters.villages[0] if len(ctx.filters.villages) == 1 else None
    st.caption(f"{village or ctx.config.town}的会议材料：截至 {as_of:%Y-%m-%d}，与上次会议时比较。"
               "含 Excel 工作簿（总览、各村对比、疑点汇总、问题台账、阶段进度、数据完整性）和可打印的 PDF 简报。")
    since = st.date_input("上次会议日期", value=meeting.month_before(as_of), max_value=as_of, key="meeting_since",
                          format="YYYY-MM-DD")
    if st.button("生成会议材料", type="primary", icon=":material/summarize:", key="meeting_build"):
        # openpyxl and reportlab load when a pack is made, not with the overview every session opens first
        from analytics.reports import meeting_pdf, meeting_xlsx
        try:
            with st.spinner("正在生成…"):
                pack = meeting.build(ctx.writer(), ctx.config, scope=ctx.scope, as_of=as_of, since=since,
                                     village=village)
                st.session_state.meeting_files = (
                    (pack.file_name(".xlsx"), meeting_xlsx.workbook(pack),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    (pack.file_name(".pdf"), meeting_pdf.brief(pack), "application/pdf"))
            ctx.audit(audit.EXPORT, {"内容": "会议材料", "筛选": ctx.filters.caption, "上次会议日期": since,
                                     "村(居)": village or "全镇"})
        except JiuzhuError as error:
            st.error(str(error), icon=":material/error:")
    for name, data, mime in st.session_state.get("meeting_files", ()):
        download_button(f"下载 {name}", data, name, mime=mime, icon=":material/download:", key=f"meeting_{name}")
