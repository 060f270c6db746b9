"""对象档案's search box: find a person by name, ID number (or its last 4–6 characters) or 低保证号 within the user's
scope, and open one."""
from __future__ import annotations

import streamlit as st

from analytics.analysis import people
from ui import frame, safe, tables

ROUND = "person_search_round"  # a new round after opening someone: an empty box and no selected row


def search(ctx) -> None:
    round_ = st.session_state.get(ROUND, 0)
    text = st.text_input("查找对象", key=f"person_search_text_{round_}", icon=":material/search:",
                         placeholder="姓名、身份证号（或其后 4–6 位）、低保证号")
    if not text.strip():
        return
    found = people.search(ctx.con, text, ctx.scope)
    where = f"{ctx.scope.village}名册中" if ctx.scope.village else "名册中"
    if found.empty:
        st.caption(safe.plain(f"{where}没有找到“{text.strip()}”。"))
        return
    more = "（只列出最近在册的前 50 人，请输入更多字缩小范围）" if len(found) >= people.SEARCH_LIMIT else ""
    st.caption(f"{where}找到 {len(found)} 人{more}，点击一行打开档案。")
    picked = tables.pick_row(people.search_shown(found, ctx.privacy), key=f"person_search_rows_{round_}")
    if picked is not None:
        st.session_state[ROUND] = round_ + 1
        frame.open_person(ctx.con, found.iloc[picked]["person_id"])
