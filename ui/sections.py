"""A page in sections, one tab each, of which only the open one is drawn: tabs that rerun on change, so a section's
queries, tables and charts cost nothing until it is opened (pages drew every section at every visit)."""
from __future__ import annotations

from typing import Callable

import streamlit as st


def tabs(sections: dict[str, Callable[[], None]], key: str) -> None:
    """`sections`: tab label → what draws that section; `key` keeps the open tab across reruns."""
    for tab, draw in zip(st.tabs(list(sections), key=key, on_change="rerun"), sections.values()):
        if tab.open:
            with tab:
                draw()
