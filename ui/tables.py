"""Tables as the user sees them: Chinese headers in reading order, money with two decimals, blanks blank."""
from html import escape

import pandas as pd
import streamlit as st

from analytics.analysis.metrics import PROBLEM_COLUMNS
from analytics.core.values import missing

PROBLEM_ORDER = ["级别", "工作表", "行号", "列", "值", "问题与改法"]


def problems_table(problems: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(problems).rename(columns=PROBLEM_COLUMNS)
    return frame[[c for c in PROBLEM_ORDER if c in frame.columns]]


def show(frame: pd.DataFrame, money: tuple[str, ...] = (), **options) -> None:
    """Money as 1,234.00 and a missing value blank (the grid's own number format and placeholder: numbers sort as
    numbers, and nothing is formatted on the server at each visit); repeating text as
    categories (see `_for_browser`)."""
    shown, config = _for_browser(frame, money)
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="",
                 **options | {"column_config": config | options.get("column_config", {})})


def pick_row(frame: pd.DataFrame, key: str, money: tuple[str, ...] = (), **options) -> int | None:
    """A table whose rows can be clicked: the position of the clicked row, if any (for drill-down)."""
    rows = pick_rows(frame, key, money, multiple=False, **options)
    return rows[0] if rows else None


def pick_rows(frame: pd.DataFrame, key: str, money: tuple[str, ...] = (), multiple: bool = True,
              **options) -> list[int]:
    """A table whose rows can be ticked: the positions of the chosen rows."""
    shown, config = _for_browser(frame, money)
    event = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", key=key, placeholder="",
                         selection_mode="multi-row" if multiple else "single-row",
                         **options | {"column_config": config | options.get("column_config", {})})
    return list(event["selection"]["rows"]) if event else []


SUMMARY_STYLE = ("<style>.jz-summary{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.875rem}"
                 ".jz-summary th,.jz-summary td{border:1px solid rgba(49,51,63,.12);padding:.3rem .75rem;"
                 "text-align:left;white-space:nowrap}.jz-summary th{font-weight:400;color:rgba(49,51,63,.7);"
                 "background:rgba(49,51,63,.04)}.jz-summary td.n{text-align:right;font-variant-numeric:tabular-nums}"
                 "</style>")


def summary(frame: pd.DataFrame, money: tuple[str, ...] = (), percent: tuple[str, ...] = (),
            fills: dict[str, str] | None = None) -> None:
    """A short summary table (a row per program, dataset, milestone or phase) as one plain HTML table: the data
    grid's code and canvas are costly to draw, and these tables need neither scrolling nor sorting. Money as 1,234.00, shares as 12.3%, counts with thousands separators, blanks
    blank, text escaped; `fills` colours a cell by its text (a status → a colour). A frame's named index (a pivot's
    rows) is its first column."""
    if frame.index.name:
        frame = frame.reset_index()
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(_cell(value, column, money, percent, fills or {})
                                    for column, value in zip(frame.columns, row)) + "</tr>"
                   for row in frame.itertuples(index=False))
    st.markdown(f'{SUMMARY_STYLE}<table class="jz-summary"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>',
                unsafe_allow_html=True)


def _cell(value, column: str, money: tuple[str, ...], percent: tuple[str, ...], fills: dict[str, str]) -> str:
    if missing(value):
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{'是' if value else '否'}</td>"
    if column in money:
        return f'<td class="n">{float(value):,.2f}</td>'
    if column in percent:
        return f'<td class="n">{float(value):.1%}</td>'
    if isinstance(value, (int, float)) or pd.api.types.is_number(value):
        return f'<td class="n">{value:,}</td>'
    text = f"{value:%Y-%m-%d}" if hasattr(value, "strftime") else str(value)
    fill = f' style="background:{fills[text]}33"' if text in fills else ""
    return f"<td{fill}>{escape(text)}</td>"


CARD = ('<div style="border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem;margin-bottom:.5rem">'
        '<strong>{heading}</strong>{tag}<div style="margin:.4rem 0;white-space:pre-wrap">{text}</div>'
        '<div style="color:rgba(49,51,63,.6);font-size:.875rem">{note}</div></div>')


def cards(records: list[tuple[str, str, str, str]]) -> None:
    """Records of (heading, tag after it, text, grey note) as bordered cards in one HTML element, their text escaped:
    a profile's 14 findings drew 56 elements as containers of markdown, text and caption."""
    if records:
        st.html("".join(CARD.format(heading=escape(heading), tag=escape(tag), text=escape(text), note=escape(note))
                        for heading, tag, text, note in records))


MONEY = st.column_config.NumberColumn(format="%,.2f")  # 1,234.00, right-aligned, sorted as numbers
REPEATS = 4  # a text column whose values repeat this often on average goes to the browser as a category


def _for_browser(frame: pd.DataFrame, money: tuple[str, ...]) -> tuple[pd.DataFrame, dict]:
    """The frame with its money columns as numbers and its repeating text columns (villages, programs, months,
    codes) as categories, which Arrow sends once per value rather than once per row (a district's 20,000 rows:
    about half the bytes); and the money columns' config."""
    present = [c for c in money if c in frame.columns]
    changed = {c: pd.to_numeric(frame[c], errors="coerce") for c in present
               if not pd.api.types.is_numeric_dtype(frame[c])}
    if len(frame) >= 100:
        for column in frame.columns.difference(present):
            values = frame[column]
            if pd.api.types.is_string_dtype(values) and _repeats(values.head(200)) and _repeats(values):
                changed[column] = values.astype("category")
    return (frame.assign(**changed) if changed else frame), {c: MONEY for c in present}


def _repeats(values: pd.Series) -> bool:
    return values.nunique() * REPEATS <= len(values)


def money(value: float | None) -> str:
    """元 for a headline figure: 万元 from ten thousand up."""
    if missing(value):
        return "—"
    if abs(value) >= 10_000_000:  # a district's month: keep the figure short enough for a metric
        return f"{value / 10_000:,.0f} 万元"
    return f"{value / 10_000:,.2f} 万元" if abs(value) >= 10_000 else f"{value:,.2f} 元"
