"""规则说明 where finding codes are shown: what each rule checks, on which data, its basis in the campaign plan and what
缺少数据 means for it — all from the one code table (analytics/findings/codes.py)."""
from __future__ import annotations

from typing import Iterable

import streamlit as st

from analytics.findings.codes import BY_CODE, CODES
from ui import sections


def explain(codes: Iterable[str], key: str) -> None:
    """A closed expander explaining `codes` (every code when empty), drawn only when opened."""
    shown = list(dict.fromkeys(codes)) or [c.code for c in CODES]
    sections.lazy(st.expander, "规则说明：这些疑点是怎么查出来的", lambda: cards(shown), key=key,
                  icon=":material/help:")


def cards(codes: Iterable[str], heading: str = "") -> None:
    """The rules as one Markdown element: one element draws much faster than one per rule."""
    st.markdown("\n\n".join([f"### {heading}"] * bool(heading) + [_card(code) for code in codes]))


def _card(code: str) -> str:
    rule = BY_CODE[code]
    return (f"**{rule.title}**（{rule.focus} · {rule.severity}风险）  \n"
            f"**查什么**：{rule.checks}  \n**用哪些数据**：{rule.data_text}  \n"
            f"**整治依据**：{rule.basis}  \n**缺少数据时**：{rule.missing_text}")
