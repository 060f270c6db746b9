import datetime as dt

import streamlit as st

from analytics.access import audit
from ui import frame, tables

ctx = frame.page("审计日志")
left, middle, right = st.columns(3)
since = left.date_input("起始日期", value=None, key="audit_since", format="YYYY-MM-DD")
user = middle.text_input("用户", key="audit_user", placeholder="全部用户")
action = right.selectbox("操作", [None, *audit.ACTIONS], key="audit_action", format_func=lambda a: a or "全部操作")
entries = audit.entries(ctx.accounts(), dt.datetime.combine(since, dt.time()) if since else None, user.strip() or None,
                        action)
st.caption(f"共 {len(entries)} 条（只增不改）")
tables.show(audit.shown(entries))


def exported() -> bytes:
    ctx.audit(audit.EXPORT, {"内容": "审计日志", "起始日期": since, "用户": user, "操作": action}, len(entries))
    return audit.to_xlsx(entries)


frame.download_button("导出审计日志（.xlsx）", exported, "审计日志.xlsx", icon=":material/download:", key="audit_export",
                   disabled=entries.empty)
