"""核实 of findings on the pages: the form that records what a check in the village found, the headline line of a
findings list (persons, households and the money in its meanings), and the findings judged 不属实."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access.privacy import mask_text, shown_name
from analytics.core.contract import VERIFY_ACTIONS, VERIFY_RESULTS
from analytics.core.errors import JiuzhuError
from analytics.findings import summary, verify
from analytics.findings import view as findings_view
from analytics.importing.ids import mask_id
from ui import cache, safe, sections, tables
from ui.frame import Context


def headline(ctx: Context, found: pd.DataFrame) -> None:
    """共 N 条疑点，涉及 P 人 H 户 and the three money figures of the listed findings, each with its definition."""
    numbers = cache.data(ctx.con, summary.headline, ctx.filters, tuple(found["finding_key"]))
    money = "；".join(f"{summary.money_label(figure)[0]} **{tables.money(numbers['money'][figure])}**"
                     for figure in ("to_recover", "owed", "paid_late"))
    st.markdown(f"共 **{numbers['findings']:,}** 条疑点，涉及 **{numbers['persons']:,}** 人、"
                f"**{numbers['households']:,}** 户；{money}",
                help="\n\n".join(f"**{label}**：{definition}" for label, definition in
                                 map(summary.money_label, ("to_recover", "owed", "paid_late"))))


def form(ctx: Context, found: pd.DataFrame, key: str) -> None:
    """登记核实结论 for one of the listed findings, in an expander drawn only while open; 领导 and 纪委 only read."""
    if not ctx.scope.rights.verify or found.empty:
        return
    sections.lazy(st.expander, "登记核实结论", lambda: _form(ctx, found, key), key=f"{key}_open",
                  icon=":material/fact_check:")


def _form(ctx: Context, found: pd.DataFrame, key: str) -> None:
    labels = {row.finding_key: _label(row, ctx) for row in found.itertuples()}
    with st.form(key, border=False, clear_on_submit=True):
        chosen = st.selectbox("疑点", list(labels), format_func=labels.get, key=f"{key}_finding")
        left, right = st.columns(2)
        result = left.radio("核实结论", VERIFY_RESULTS, horizontal=True, key=f"{key}_result")
        action = right.selectbox("处理方式", VERIFY_ACTIONS, index=None, placeholder="（可不填）", key=f"{key}_action")
        note = st.text_area("核实情况说明", key=f"{key}_note", placeholder="如：入户核实，该对象2022年9月已迁出，系名册未及时更新")
        if not st.form_submit_button("保存核实结论", type="primary", icon=":material/fact_check:"):
            return
    try:
        verify.verify(ctx.writer(), chosen, result, action=action, note=note, scope=ctx.scope, log=ctx.accounts())
    except JiuzhuError as error:
        safe.error(error)
        return
    st.toast(f"已登记核实结论：{result}", icon=":material/check:")
    st.rerun()


def _label(row, ctx: Context) -> str:
    """疑点 · 村(居) · who (masked as on screen) · month, from whichever of them the list has."""
    name, person = getattr(row, "name", None), getattr(row, "person_id", None)
    who = shown_name(name, ctx.privacy) if isinstance(name, str) else \
        next((v for v in (getattr(row, "institution", None), getattr(row, "bank_account", None)) if isinstance(v, str)),
             "")
    month = f"{row.period:%Y年%-m月}" if not pd.isna(row.period) else ""
    return " · ".join(p for p in (row.title, row.village or "镇级", who, mask_id(person) if isinstance(person, str)
                                  else "", month) if p)


def verdict(row) -> str:
    """ · 核实：不属实（note） for a finding already checked, else nothing."""
    result = getattr(row, "verification_result", None)
    return f" · 核实：{result}" + (f"（{mask_text(row.verification_note)}）" if isinstance(row.verification_note, str) else "") \
        if isinstance(result, str) else ""


def dismissed(ctx: Context, frame: pd.DataFrame, key: str) -> None:
    """The findings judged 不属实, with what the check found: they count nowhere but stay listed."""
    if frame.empty:
        return
    with st.expander(f"已核实不属实（{len(frame):,} 条，不计入任何统计）", icon=":material/rule:"):
        tables.show(findings_view.dismissed_shown(frame, ctx.privacy), money=(findings_view.MONEY,), key=key)
