"""Tables as the user sees them: Chinese headers in reading order, money with two decimals, blanks blank."""
from html import escape

import pandas as pd
import streamlit as st

from analytics.metrics import PROBLEM_COLUMNS

PROBLEM_ORDER = ["级别", "工作表", "行号", "列", "值", "问题与改法"]


def problems_table(problems: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(problems).rename(columns=PROBLEM_COLUMNS)
    return frame[[c for c in PROBLEM_ORDER if c in frame.columns]]


def show(frame: pd.DataFrame, money: tuple[str, ...] = (), **options) -> None:
    """Money as 1,234.00 and a missing amount blank: the grid shows a null as "None", so sparse money columns
    become right-aligned text (they then sort as text, which a ledger's few rows can bear). Aligned by the column
    config rather than a pandas Styler, which took 1.5 s for a district's 20,000 rows."""
    shown, money = _money_as_text(frame, money)
    aligned = {column: st.column_config.TextColumn(alignment="right") for column in money}
    st.dataframe(shown, hide_index=True, width="stretch",
                 **options | {"column_config": aligned | options.get("column_config", {})})


def pick_row(frame: pd.DataFrame, key: str, money: tuple[str, ...] = (), **options) -> int | None:
    """A table whose rows can be clicked: the position of the clicked row, if any (for drill-down)."""
    rows = pick_rows(frame, key, money, multiple=False, **options)
    return rows[0] if rows else None


def pick_rows(frame: pd.DataFrame, key: str, money: tuple[str, ...] = (), multiple: bool = True,
              **options) -> list[int]:
    """A table whose rows can be ticked: the positions of the chosen rows."""
    shown, _ = _money_as_text(frame, money)
    event = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", key=key,
                         selection_mode="multi-row" if multiple else "single-row", **options)
    return list(event["selection"]["rows"]) if event else []


CARD = ('<div style="border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem;margin-bottom:.5rem">'
        '<strong>{heading}</strong>{tag}<div style="margin:.4rem 0;white-space:pre-wrap">{text}</div>'
        '<div style="color:rgba(49,51,63,.6);font-size:.875rem">{note}</div></div>')


def cards(records: list[tuple[str, str, str, str]]) -> None:
    """Records of (heading, tag after it, text, grey note) as bordered cards in one HTML element, their text escaped:
    a profile's 14 findings drew 56 elements as containers of markdown, text and caption."""
    if records:
        st.html("".join(CARD.format(heading=escape(heading), tag=escape(tag), text=escape(text), note=escape(note))
                        for heading, tag, text, note in records))


def _money_as_text(frame: pd.DataFrame, money: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    shown = frame.copy()
    present = [c for c in money if c in shown.columns]
    for column in present:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.2f}")
    return shown, present


def money(value: float | None) -> str:
    """元 for a headline figure: 万元 from ten thousand up."""
    if value is None or pd.isna(value):
        return "—"
    if abs(value) >= 10_000_000:  # a district's month: keep the figure short enough for a metric
        return f"{value / 10_000:,.0f} 万元"
    return f"{value / 10_000:,.2f} 万元" if abs(value) >= 10_000 else f"{value:,.2f} 元"
