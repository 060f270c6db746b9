import streamlit as st

from ui import documents_forms, frame, sections

ctx = frame.page("整治文书")
st.caption("公示名单、入户核查表和随机抽查名单由数据直接生成，下载即记入审计日志；村(居)账户只能生成本村(居)的文书。")
sections.tabs({"公示名单": lambda: documents_forms.public_notice(ctx),
               "入户核查表（疑点）": lambda: documents_forms.finding_forms(ctx),
               "随机抽查": lambda: documents_forms.sample_forms(ctx)}, key="documents_tab")
