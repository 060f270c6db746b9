"""问题线索移送登记 on its page: the register, a lead's form (new or edited) and the workbook — 纪委 and 管理员 only
(the page is theirs; analytics.campaign.referrals checks the scope again on every read and write)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.campaign import ledger, referrals
from analytics.core.contract import DATASETS
from analytics.core import clock
from analytics.core.errors import JiuzhuError
from analytics.findings import findings
from ui import frame, safe
from ui.documents_forms import XLSX
from ui.frame import Context

SOURCES = tuple(c for c in DATASETS["issues"].field("origin").choices if c)
L = referrals.LABELS
CHOOSE = "选择，或输入其他"


def lead_form(ctx: Context, current: dict | None, key: str) -> str | None:
    """A new lead (current None) or the edit of one; returns a line saying what was saved, or None."""
    issues = ledger.issues(ctx.con, ctx.filters, ctx.filters.as_of)
    issue_nos = sorted(set(issues["issue_no"]) | set((current or {}).get("issue_nos", [])))
    listed = findings(ctx.con, ctx.filters)
    labels = {r.finding_key: f"{r.title} · {r.village or '镇级'} · {r.name or ''} · "
                             f"{'' if pd.isna(r.period) else f'{r.period:%Y年%-m月}'}" for r in listed.itertuples()}
    for k in (current or {}).get("finding_keys", []):
        labels.setdefault(k, k)
    now = current or {"referred_on": ctx.filters.as_of or clock.today()}
    with st.form(key, border=True):
        left, right = st.columns(2)
        values = {
            "source": left.selectbox(L["source"], SOURCES, index=_index(SOURCES, now.get("source")),
                                     key=f"{key}_source", accept_new_options=True, placeholder=CHOOSE),
            "nature": right.selectbox(L["nature"], referrals.NATURES,
                                      index=_index(referrals.NATURES, now.get("nature")), key=f"{key}_nature",
                                      accept_new_options=True, placeholder=CHOOSE),
            "persons": st.text_input(f"{L['persons']}（工作人员、村(居)干部等，不是救助对象）", now.get("persons") or "",
                                     key=f"{key}_persons", placeholder="如：某村村委委员 张某"),
            "amount": left.text_input(f"{L['amount']}（元）", "" if now.get("amount") is None else f"{now['amount']:.2f}",
                                      key=f"{key}_amount"),
            "referred_on": right.date_input(L["referred_on"], now.get("referred_on"), key=f"{key}_date",
                                            format="YYYY-MM-DD"),
            "receiver": left.text_input(L["receiver"], now.get("receiver") or "镇纪委", key=f"{key}_receiver"),
            "outcome": right.selectbox(L["outcome"], referrals.OUTCOMES, index=_index(referrals.OUTCOMES,
                                       now.get("outcome"), 0), key=f"{key}_outcome", accept_new_options=True,
                                       placeholder=CHOOSE),
            "sanction": st.text_input(L["sanction"], now.get("sanction") or "", key=f"{key}_sanction",
                                      placeholder="如：党内警告、诫勉谈话；尚无则留空"),
            "issue_nos": st.multiselect(L["issue_nos"], issue_nos, default=now.get("issue_nos") or [],
                                        key=f"{key}_issues", placeholder="问题台账中的问题"),
            "finding_keys": st.multiselect(L["finding_keys"], list(labels), default=now.get("finding_keys") or [],
                                           format_func=labels.get, key=f"{key}_findings", placeholder="当前疑点"),
            "note": st.text_input(L["note"], now.get("note") or "", key=f"{key}_note"),
        }
        if not st.form_submit_button("保存" if current else "登记新线索", type="primary", icon=":material/save:"):
            return None
    try:
        if current is None:
            return f"已登记线索 {referrals.add(ctx.writer(), values, scope=ctx.scope, log=ctx.accounts())}"
        changed = referrals.edit(ctx.writer(), current["referral_no"], values, scope=ctx.scope, log=ctx.accounts())
    except JiuzhuError as error:
        safe.error(error)
        return None
    return f"线索 {current['referral_no']} 已修改：{'、'.join(changed)}" if changed else "没有改动"


def export(ctx: Context, register: pd.DataFrame) -> None:
    as_of = ctx.filters.as_of or clock.today()
    frame.download_button("导出登记表（.xlsx）",
                          ctx.exported("问题线索移送登记", lambda: referrals.workbook(register, ctx.config.town, as_of),
                                       len(register)),
                          f"{ctx.config.town}问题线索移送登记表.xlsx", mime=XLSX, icon=":material/download:",
                          key="referrals_export", disabled=register.empty)


def _index(choices, value, default=None):
    return choices.index(value) if value in choices else default
