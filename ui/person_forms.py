"""Showing a person's full ID number and bank accounts: 管理员 only, with a stated reason, logged (issue 7)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access import audit
from analytics.core.errors import JiuzhuError
from ui.frame import Context


def unmask(ctx: Context, person_id: str, payments: pd.DataFrame) -> None:
    with st.expander("查看完整证件号和银行账号", icon=":material/visibility:"):
        if ctx.privacy.projector:
            st.caption("投屏模式下不显示完整号码。")
            return
        with st.form("person_unmask", border=False):
            reason = st.text_input("查看原因（记入审计日志）", key="person_unmask_reason",
                                   placeholder="如：核对银行退款账户")
            if not st.form_submit_button("显示完整号码", icon=":material/lock_open:"):
                return
        try:
            audit.record_unmask(ctx.accounts(), ctx.scope, person_id, reason)
        except JiuzhuError as error:
            st.error(str(error), icon=":material/error:")
            return
        accounts = payments["bank_account"].dropna().unique()
        st.text(f"身份证号：{person_id}\n银行账号：{'、'.join(accounts) or '—'}")
        st.caption("只在本次显示；刷新或离开本页后重新隐去。")
