"""The one style of every chart: the palette, the Chinese font, whole-number count axes, a title with its units and a
source note, and colour scales from a word → colour mapping."""
from __future__ import annotations

import altair as alt

PALETTE = {"primary": "#1f5fa8", "accent": "#d9822b", "muted": "#8a8f98"}
FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif"
COUNT = alt.Axis(tickMinStep=1)  # counts of people, payments and findings: whole-number ticks
LINES = alt.Scale(scheme="tableau10")  # strong colours for up to ten lines (the theme's palette has pale ones)


def titled(chart: alt.Chart | alt.LayerChart, title: str, source: str, height: int = 400):
    """Title on top with the source note under it in grey; legend above the plot; Chinese font throughout. The
    height is the whole chart's (Streamlit fits title, legend and axes into it): about 130 px go to those."""
    return (chart.properties(title=alt.Title(title, subtitle=f"数据来源：{source}", anchor="start",
                                             subtitleColor=PALETTE["muted"], subtitleFontSize=11),
                             height=height, width="container")
            .configure(font=FONT).configure_axis(labelLimit=240)
            .configure_legend(orient="top", title=None, columns=6, labelLimit=240))


def colors_scale(mapping: dict[str, str], suffix: str = "") -> alt.Scale:
    return alt.Scale(domain=[f"{k}{suffix}" for k in mapping], range=list(mapping.values()))
