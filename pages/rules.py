import streamlit as st

from analytics.core.contract import FOCUSES
from analytics.findings.codes import CODES
from ui import frame, rules

ctx = frame.page("规则说明")
st.caption(f"看板按以下 {len(CODES)} 条规则从导入的数据中查找疑点，按《{ctx.config.town}困难群众救助补助突出问题专项整治"
           "工作方案》的整治重点分组。疑点是线索，须入户核实后才能定性。")
for focus in FOCUSES:
    codes = [c.code for c in CODES if c.focus == focus]
    if codes:
        rules.cards(codes, f"{focus}（{len(codes)} 条）")
