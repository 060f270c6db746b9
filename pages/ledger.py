import streamlit as st

from analytics import metrics
from ui import frame, tables

ctx = frame.page("问题台账")
ledger = metrics.imported_ledger(ctx.con, ctx.filters)
if ledger.empty:
    st.info("还没有问题台账。可在“数据上传”页导入问题台账表格（可先下载模板）。", icon=":material/info:")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
    st.stop()
st.caption(f"已导入的问题台账 · {ctx.filters.caption.split(' · ')[1]}")
tables.show(ledger, money=("涉及金额", "追回金额"))
