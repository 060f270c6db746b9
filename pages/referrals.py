import streamlit as st

from analytics.campaign import referrals
from ui import frame, referral_forms, safe, sections, tables

ctx = frame.page("线索移送")
if done := st.session_state.pop("referrals_done", None):  # what the last form saved, shown after the rerun it caused
    st.success(safe.plain(done), icon=":material/check_circle:")
register = frame.guarded(referrals.referrals, ctx.con, ctx.scope)
st.caption("问题线索移送登记：移送纪委的线索及其办理结果，关联问题台账和疑点。仅纪委和管理员可见；每次登记和修改都记入审计日志。")
if register.empty:
    st.info("还没有登记的线索。可在下方登记。", icon=":material/info:")
else:
    st.markdown(f"共 **{len(register)}** 件，涉及金额 **{tables.money(register['amount'].sum())}**")
    picked = tables.pick_row(referrals.shown(register), key="referrals_table", money=referrals.MONEY)
    if picked is not None:
        number = register.iloc[picked]["referral_no"]
        st.subheader(f"修改线索 {number}")
        saved = referral_forms.lead_form(ctx, referrals.one(ctx.con, number, ctx.scope), f"referrals_edit_{number}")
        if saved:
            st.session_state.referrals_done = saved
            st.rerun()


def new_lead() -> None:
    saved = referral_forms.lead_form(ctx, None, "referrals_new")
    if saved:
        st.session_state.referrals_done = saved
        st.rerun()


sections.lazy(st.expander, "登记新线索", new_lead, icon=":material/add_task:", key="referrals_new_open")
referral_forms.export(ctx, register)
