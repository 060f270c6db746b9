"""Drawing a chart's cached plotly spec (ui/cache.chart) in the one style's config, and reading a click on it."""
from __future__ import annotations

import hashlib

import plotly.io as pio
import streamlit as st

from analytics.charts.style import config

# Streamlit turns a spec back into a plotly Figure, which takes the default template when it has none; with no default
# the spec reaches the browser without a template (the style's "none" is empty), see `_steady`
pio.templates.default = None


def draw(spec: dict, key: str | None = None, pick: bool = False) -> dict | None:
    """Draw the figure; with `pick`, the point the user clicked ({"x": …, "y": …}) or None. The event is read
    dict-style, so a test can set it through session_state[key]."""
    event = st.plotly_chart(_steady(spec), config=config(spec), theme=None, width="stretch", key=key,
                            on_select="rerun" if pick else "ignore", selection_mode="points")
    points = event["selection"]["points"] if pick and event else []
    return points[0] if points else None


def _steady(spec: dict) -> dict:
    """The spec without a template and with its data's revision named by their content. Streamlit's chart, once
    drawn, hands plotly a copy of the figure; plotly then draws the chart a second time if the template is another
    object, or a data array is without an unchanged `datarevision`."""
    data = pio.json.to_json_plotly(spec["data"])
    layout = {k: v for k, v in spec["layout"].items() if k != "template"}
    return {**spec, "layout": layout | {"datarevision": hashlib.md5(data.encode()).hexdigest()}}
