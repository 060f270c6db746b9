"""Tables as the user sees them: Chinese headers in reading order, money with two decimals, blanks blank."""
import pandas as pd
import streamlit as st

from analytics.metrics import PROBLEM_COLUMNS

PROBLEM_ORDER = ["级别", "工作表", "行号", "列", "值", "问题与改法"]


def problems_table(problems: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(problems).rename(columns=PROBLEM_COLUMNS)
    return frame[[c for c in PROBLEM_ORDER if c in frame.columns]]


def show(frame: pd.DataFrame, money: tuple[str, ...] = (), **options) -> None:
    """Money as 1,234.00 and a missing amount blank: the grid shows a null as "None", so sparse money columns
    become right-aligned text (they then sort as text, which a ledger's few rows can bear)."""
    shown = frame.copy()
    money = [c for c in money if c in shown.columns]
    for column in money:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.2f}")
    st.dataframe(shown.style.set_properties(subset=money, **{"text-align": "right"}), hide_index=True,
                 width="stretch", **options)
