"""Headline numbers as one row of cards in a single Markdown element, in place of a row of st.metric.

Each st.metric is a widget-sized React tree the browser draws at every visit, and 总览 has thirteen; one Markdown
element is a fraction of that. The cards look like st.metric: label above, large value, an optional change
below; `help` is the card's hover text, its label dotted-underlined to say there is one.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import streamlit as st

# Streamlit's own metric colours: a rise in red where rising is bad (more findings), in green where it is good
GOOD, BAD, NEUTRAL = "#21c354", "#ff4b4b", "rgba(49, 51, 63, 0.6)"
ROW = "display:grid;grid-template-columns:repeat({columns},minmax(0,1fr));gap:1rem;margin-bottom:1rem"
LABEL = "font-size:0.875rem;line-height:1.6;overflow:hidden;text-overflow:ellipsis;white-space:nowrap"
VALUE = "font-size:2.25rem;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis"
CHANGE = "font-size:0.875rem;color:{colour}"


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    help: str | None = None
    change: str | None = None     # e.g. "较上月 +3"
    colour: str = NEUTRAL          # the change's colour: GOOD, BAD or NEUTRAL


def row(cards: list[Card], columns: int | None = None) -> None:
    """The cards in one row of `columns` equal columns (default: one per card)."""
    html = "".join(_card(card) for card in cards)
    st.markdown(f'<div class="kpi-row" style="{ROW.format(columns=columns or len(cards))}">{html}</div>',
                unsafe_allow_html=True)


def _card(card: Card) -> str:
    label = escape(card.label)
    if card.help:
        label = f'<span style="border-bottom:1px dotted;cursor:help">{label}</span>'
    title = f' title="{escape(card.help)}"' if card.help else ""
    change = f'<div class="kpi-change" style="{CHANGE.format(colour=card.colour)}">{escape(card.change)}</div>' \
        if card.change else ""
    return (f'<div class="kpi"{title}><div class="kpi-label" style="{LABEL}">{label}</div>'
            f'<div class="kpi-value" style="{VALUE}">{escape(card.value)}</div>{change}</div>')
