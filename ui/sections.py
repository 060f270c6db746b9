"""Parts of a page drawn only while open: tabs, expanders and popovers that rerun on change, so a part's queries,
tables, charts and widgets cost nothing until it is opened (pages drew every part, closed or not, at every visit)."""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st


def tabs(sections: dict[str, Callable[[], None]], key: str) -> None:
    """`sections`: tab label → what draws that section; `key` keeps the open tab across reruns."""
    for tab, draw in zip(st.tabs(list(sections), key=key, on_change="rerun"), sections.values()):
        if tab.open:
            with tab:
                draw()


def lazy(container: Callable[..., Any], label: str, draw: Callable[[], None], *, key: str, **options: Any) -> None:
    """`container`: st.expander or st.popover (or a column's), labelled `label`, whose body `draw` draws only while it
    is open; `key` keeps it open across reruns (and lets a test open it); `options`: the container's icon, width."""
    part = container(label, key=key, on_change="rerun", **options)
    if part.open:
        with part:
            draw()
