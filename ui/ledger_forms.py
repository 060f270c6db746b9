"""The ledger's forms: a new issue (blank or drafted from findings), editing one, moving its status."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access import audit
from analytics.access.privacy import mask_persons
from analytics.campaign import ledger
from analytics.core.contract import DATASETS, FOCUSES
from analytics.core.errors import JiuzhuError
from ui import safe, tables
from ui.frame import Context

ORIGINS = tuple(c for c in DATASETS["issues"].field("origin").choices if c)
L = ledger.LABELS


def new_issue(ctx: Context, draft: dict, key: str, finding_keys: tuple[str, ...] = ()) -> str | None:
    """A form pre-filled with `draft`; returns the new issue's number once saved. Only an account that may edit every
    field (管理员) records new issues."""
    if not set(ledger.EDITABLE) <= set(ctx.scope.rights.fields):
        st.caption(f"{ctx.scope.role}账户不能新增问题。")
        return None
    with st.form(key, border=True):
        values = _fields(ctx, draft, key, with_number=True)
        note = st.text_input("备注说明（记入变更记录）", key=f"{key}_note")
        if not st.form_submit_button("保存为新问题", type="primary", icon=":material/add_task:"):
            return None
    try:
        issue_no = ledger.create(ctx.writer(), values, scope=ctx.scope, note=note, finding_keys=finding_keys)
    except JiuzhuError as error:
        safe.error(error)
        return None
    ctx.audit(audit.LEDGER, {"操作": "新增问题", "问题编号": issue_no, "村(居)": values.get("village"),
                             "来源疑点": len(finding_keys)})
    return issue_no


def edit_issue(ctx: Context, current: dict, key: str) -> bool:
    """Only the fields the role may edit are saved (scope.Rights.fields); the others are shown as they are."""
    allowed = ctx.scope.rights.fields
    if not allowed:
        st.caption(f"{ctx.scope.role}账户不能修改问题内容。")
        return False
    with st.form(key, border=True):
        if set(allowed) != set(ledger.EDITABLE):
            st.caption(f"{ctx.scope.role}账户只能修改：{'、'.join(L[f] for f in allowed)}（其他内容的改动不会保存）")
        values = {k: v for k, v in _fields(ctx, current, key, with_number=False).items() if k in allowed}
        note = st.text_input("修改说明", key=f"{key}_note")
        if not st.form_submit_button("保存修改", icon=":material/save:"):
            return False
    try:
        changed = ledger.edit(ctx.writer(), current["issue_no"], values, scope=ctx.scope, note=note)
    except JiuzhuError as error:
        safe.error(error)
        return False
    if changed:
        ctx.audit(audit.LEDGER, {"操作": "修改问题", "问题编号": current["issue_no"],
                                 "修改": [L.get(f, f) for f in changed]})
    if not changed:
        st.info("没有修改任何内容。", icon=":material/info:")
    return bool(changed)


def change_status(ctx: Context, current: dict, key: str) -> bool:
    if not ledger.FLOW[current["status"]]:
        st.caption("已销号的问题不能再变更状态。")
        return False
    allowed = [s for s in ledger.FLOW[current["status"]] if s in ctx.scope.rights.status_to]
    if not allowed:
        st.caption(f"{ctx.scope.role}账户不能把此问题改为{'、'.join(ledger.FLOW[current['status']])}。")
        return False
    with st.form(key, border=True):
        to = st.selectbox("变更为", allowed, key=f"{key}_to")
        note = st.text_input("说明（如整改进展、退回原因）", key=f"{key}_note")
        st.caption("改为“已销号”时须填写销号日期和佐证材料：")
        closed = st.date_input("销号日期", value=None, key=f"{key}_closed", format="YYYY-MM-DD")
        evidence = st.text_input("佐证材料", key=f"{key}_evidence", placeholder="如：整改报告、资金退回凭证")
        if not st.form_submit_button("变更状态", type="primary", icon=":material/move_up:"):
            return False
    try:
        ledger.change_status(ctx.writer(), current["issue_no"], to, scope=ctx.scope, note=note,
                             closed_date=closed, evidence=evidence)
    except JiuzhuError as error:
        safe.error(error)
        return False
    ctx.audit(audit.LEDGER, {"操作": "变更状态", "问题编号": current["issue_no"], "原状态": current["status"],
                             "新状态": to})
    return True


def _fields(ctx: Context, values: dict, key: str, with_number: bool) -> dict:
    units = list(dict.fromkeys([*ctx.config.village_names, *([values["village"]] if values.get("village") else [])]))
    left, right = st.columns(2)
    out = {}
    if with_number:
        out["issue_no"] = left.text_input(L["issue_no"], values.get("issue_no") or "", key=f"{key}_issue_no")
    out["village"] = right.selectbox(L["village"], units, index=_index(units, values.get("village")),
                                     key=f"{key}_village", accept_new_options=True, placeholder="选择或输入单位")
    out["focus"] = left.selectbox(L["focus"], FOCUSES, index=_index(FOCUSES, values.get("focus")), key=f"{key}_focus")
    out["category"] = right.text_input(L["category"], values.get("category") or "", key=f"{key}_category")
    out["description"] = st.text_area(L["description"], values.get("description") or "", key=f"{key}_description")
    out["origin"] = left.selectbox(L["origin"], ORIGINS, index=_index(ORIGINS, values.get("origin")),
                                   key=f"{key}_origin")
    out["found_date"] = right.date_input(L["found_date"], values.get("found_date"), key=f"{key}_found",
                                         format="YYYY-MM-DD")
    out["persons"] = _persons(ctx, left, values.get("persons") or "", f"{key}_persons")
    out["amount"] = right.number_input(f"{L['amount']}（元）", min_value=0.0, step=100.0, format="%.2f",
                                       value=_number(values.get("amount")), key=f"{key}_amount")
    out["responsible_unit"] = left.text_input(L["responsible_unit"], values.get("responsible_unit") or "",
                                              key=f"{key}_unit")
    out["responsible_person"] = right.text_input(L["responsible_person"], values.get("responsible_person") or "",
                                                 key=f"{key}_person")
    out["measures"] = st.text_area(L["measures"], values.get("measures") or "", key=f"{key}_measures")
    out["deadline"] = left.date_input(L["deadline"], values.get("deadline"), key=f"{key}_deadline",
                                      format="YYYY-MM-DD")
    out["recovered"] = right.number_input(f"{L['recovered']}（元）", min_value=0.0, step=100.0, format="%.2f",
                                          value=_number(values.get("recovered")), key=f"{key}_recovered")
    out["referred"] = left.radio(L["referred"], ("否", "是"), index=1 if values.get("referred") == "是" else 0,
                                 horizontal=True, key=f"{key}_referred")
    out["note"] = right.text_input(L["note"], values.get("note") or "", key=f"{key}_note_field")
    return out


def _persons(ctx: Context, column, persons: str, key: str) -> str:
    """涉及对象 with its names masked in 投屏模式; left as shown, the real names are kept (as a re-imported masked export
    keeps them, analytics.campaign.ledger)."""
    shown = mask_persons(persons) if ctx.privacy.projector else persons
    typed = column.text_input(L["persons"], shown, key=key,
                              help="投屏模式下姓名隐去；不改动则保留原有姓名" if ctx.privacy.projector else None)
    return persons if typed == shown else typed


def _index(options, value) -> int | None:
    return list(options).index(value) if value in options else None


def _number(value) -> float | None:
    return None if value is None else float(value)



def from_findings(ctx: Context, found: pd.DataFrame, shown: pd.DataFrame, base_key: str,
                  money: tuple[str, ...] = ()) -> None:
    """The findings table as a multi-row selection; the chosen findings draft one issue for the ledger."""
    key = f"{base_key}_{st.session_state.get(f'{base_key}_round', 0)}"  # a new round after each issue: selection cleared
    rows = tables.pick_rows(shown, f"{key}_rows", money)
    if not rows:
        st.caption("勾选表格左侧的方框选择疑点（可多选），再由所选疑点生成一个问题。")
        return
    chosen = found.iloc[rows]
    st.markdown(f"已选 **{len(chosen)}** 条疑点，生成的问题预填如下（可修改）：")
    draft = ledger.draft_from_findings(ctx.con, chosen, ctx.filters.as_of)
    created = new_issue(ctx, draft, f"{key}_form", finding_keys=tuple(chosen["finding_key"]))
    if created:
        st.session_state[f"{base_key}_round"] = st.session_state.get(f"{base_key}_round", 0) + 1
        st.session_state[f"{base_key}_done"] = created
        st.rerun()


def created_from_findings(base_key: str) -> None:
    """After the rerun: which issue the chosen findings became, and the way to the ledger."""
    if created := st.session_state.pop(f"{base_key}_done", None):
        st.success(f"已生成问题 {safe.plain(created)}，可在“问题台账”中跟踪整改。", icon=":material/check_circle:")
        st.page_link("pages/ledger.py", label="去问题台账", icon=":material/fact_check:")
