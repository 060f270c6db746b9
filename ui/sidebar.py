"""The one shared sidebar of filters, drawn by every page through ui.frame.

村(居) and 投屏模式 are always drawn. 救助类别, 月份范围 and 分析日期 are said in one line and drawn in an expander only
while it is open: each widget costs every page drawing time in the browser, and these are changed far less often
than pages are opened. Their values outlive the
closed expander and the page (persist_state="session").
"""
from __future__ import annotations

import datetime as dt

import duckdb
import streamlit as st

from analytics.access.privacy import Privacy
from analytics.access.scope import Scope
from analytics.analysis import metrics
from analytics.core import clock
from analytics.core.config import Config
from analytics.core.filters import Filters, months_caption
from analytics.core.values import month_label
from ui import sections

MORE_OPEN = "filter_more_open"
MONTHS, PROGRAMS, AS_OF = "filter_months", "filter_programs", "filter_as_of"
AS_OF_DEFAULT = "filter_as_of_default"  # the default the as-of date had when last drawn, to tell a user's choice
SHOWN_PROGRAMS = 2  # more chosen programs than this are counted in the label, not named


def filters(con: duckdb.DuckDBPyConnection, config: Config, months: list[dt.date], scope: Scope, heading: str
            ) -> Filters:
    """The sidebar's filters, not yet locked to the user's scope (ui.frame does that)."""
    with st.sidebar:
        st.caption(heading)
        if scope.village:  # a 村(居) account: its village, fixed
            villages = st.multiselect("村(居)", [scope.village], default=[scope.village], disabled=True,
                                      key="filter_village_fixed")
        else:
            villages = st.multiselect("村(居)", config.village_names, key="filter_villages", placeholder="全部村(居)")
        _forget_months_not_in(months)
        _follow_default_as_of(metrics.last_day_of(months) or clock.today())
        st.caption(_chosen(months))
        # the label is constant: Streamlit takes it into the expander's identity, a changing one would close it
        sections.lazy(st.expander, "更多筛选", lambda: _more_widgets(config, months), key=MORE_OPEN,
                      icon=":material/tune:")
    month_from, month_to = _month_range(months)
    return Filters(month_from, month_to, tuple(villages), tuple(st.session_state.get(PROGRAMS, ())),
                   st.session_state[AS_OF])


def privacy() -> Privacy:
    return Privacy(projector=st.sidebar.toggle("投屏模式（隐去姓名）", key="filter_projector",
                                               help="身份证号和银行账号始终只显示部分；投屏时再隐去姓名，导出也一样"))


def _more_widgets(config: Config, months: list[dt.date]) -> None:
    st.multiselect("救助类别", config.program_names, key=PROGRAMS, placeholder="全部救助类别", persist_state="session")
    if len(months) > 1:
        st.select_slider("月份范围", options=months, value=(months[0], months[-1]), format_func=month_label,
                         key=MONTHS, persist_state="session")
    st.date_input("分析日期（截至）", key=AS_OF, format="YYYY-MM-DD", help="默认为已导入数据中最新月份的最后一天",
                  persist_state="session")


def _chosen(months: list[dt.date]) -> str:
    programs = st.session_state.get(PROGRAMS) or ()
    named = ("、".join(programs) if len(programs) <= SHOWN_PROGRAMS else f"{len(programs)} 个救助类别") \
        if programs else "全部救助类别"
    return " · ".join(p for p in (named, months_caption(*_month_range(months)),
                                  f"截至 {st.session_state[AS_OF]:%Y-%m-%d}") if p)


def _month_range(months: list[dt.date]) -> tuple[dt.date | None, dt.date | None]:
    if not months:
        return None, None
    return tuple(st.session_state.get(MONTHS) or (months[0], months[-1])) if len(months) > 1 \
        else (months[0], months[0])


def _forget_months_not_in(months: list[dt.date]) -> None:
    """A range chosen on another store (the sample switched on or off) or before an import starts over."""
    chosen = st.session_state.get(MONTHS)
    if chosen and any(m not in months for m in chosen):
        del st.session_state[MONTHS]


def _follow_default_as_of(default: dt.date) -> None:
    """The as-of date follows the data (a new month imported, the sample switched on) unless the user set it."""
    previous = st.session_state.get(AS_OF_DEFAULT)
    if AS_OF not in st.session_state or st.session_state[AS_OF] == previous:
        st.session_state[AS_OF] = default
    st.session_state[AS_OF_DEFAULT] = default


