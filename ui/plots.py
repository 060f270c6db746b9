"""Drawing a chart's cached plotly spec (ui/cache.chart) in the one style's config, and reading a click on it."""
from __future__ import annotations

import streamlit as st

from analytics.charts.style import config


def draw(spec: dict, key: str | None = None, pick: bool = False) -> dict | None:
    """Draw the figure; with `pick`, the point the user clicked ({"x": …, "y": …}) or None. The event is read
    dict-style, so a test can set it through session_state[key]."""
    event = st.plotly_chart(spec, config=config(spec), theme=None, width="stretch", key=key,
                            on_select="rerun" if pick else "ignore", selection_mode="points")
    points = event["selection"]["points"] if pick and event else []
    return points[0] if points else None
