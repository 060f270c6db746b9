"""Helpers for tests/test_browser_pages.py: the sample town as the real store, and the clicks a user makes.

Streamlit 1.67 shows its "running" widget only about half a second into a run, so "nothing stale and no status widget"
can hold while a page is still being computed or drawn. `settle_fully` waits as well for the app root's
`data-test-script-state` to leave "running", for no element to be a placeholder (stSkeleton: its code still loading)
and every plotly chart to have drawn, and for the main area's text to stop changing (charts draw after the run).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from playwright.sync_api import Locator, Page

from analytics.core import config as config_module, store
from analytics.analysis import metrics, people
from analytics.core.filters import Filters
from analytics.findings import findings
from analytics.demo.sample import load_sample
from browser import SETTLED, screenshot

IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const state = app && app.getAttribute('data-test-script-state');
  const drawn = main && !main.querySelector('[data-testid="stSkeleton"]')
      && [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
  return [(%s)() && drawn && state !== 'initial' && state !== 'running', main ? main.innerText.length : -1];
}""" % SETTLED
# where each bar (its middle) and heat-map cell is on screen, from plotly's own axes: its drag layer covers the marks,
# and a grid's tiles are scatter points
POINTS = """gd => {
  const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, at = (ax, v) => ax.l2p(ax.d2c(v));
  const points = [], totals = {};
  for (const t of gd._fullData.filter(t => t.type === 'bar')) {
    Array.from(t.x).forEach((x, i) => { totals[x] = (totals[x] || 0) + Number(t.y[i]); });
  }
  for (const [x, total] of Object.entries(totals)) {
    points.push({x, value: total, px: box.left + at(xa, x), py: box.top + ya.l2p(total / 2)});
  }
  for (const t of gd._fullData.filter(t => t.type === 'scatter' && t.customdata)) {
    Array.from(t.x).forEach((x, i) => points.push(
      {x, y: t.y[i], value: Number(t.customdata[i]), px: box.left + at(xa, x), py: box.top + at(ya, t.y[i])}));
  }
  return points;
}"""
HEADER_PX, ROW_PX, CHECKBOX_PX = 35, 35, 18  # the data grid's header and row heights; the checkbox column's middle
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@dataclass
class SampleTown:
    """The sample town loaded as the real store, and what its pages should show under the default sidebar."""
    path: Path
    villages: list[str]
    residents: dict[str, pd.DataFrame] = field(repr=False)  # village → its people table, in the page's order
    finding_villages: set[str] = field(default_factory=set)  # the export's sheet names
    person_token: str = ""  # the person with most findings, for the profile page


def sample_town(path: Path) -> SampleTown:
    """Import the sample town into `path` (~15 s) and read the expectations before a server takes the file's lock."""
    config = config_module.load()
    con = store.connect(path)
    try:
        load_sample(con, config)
        filters = default_filters(con)
        residents = {v: people.village_people(con, v, filters) for v in config.village_names}
        found = findings(con, filters)
        sheets = set(found["village"].replace("", None).fillna("镇级"))
        busiest = found.dropna(subset=["person_id"])["person_id"].value_counts().index[0]
        town = SampleTown(path, list(config.village_names), residents, sheets, people.token_of(con, busiest))
        con.execute("checkpoint")
    finally:
        con.close()
    return town


def default_filters(con) -> Filters:
    """What ui.sidebar.filters returns before the user touches it: every month, village and program."""
    months = metrics.data_months(con)
    return Filters(months[0], months[-1], (), (), metrics.default_as_of(con))


def settle_fully(page: Page, timeout_s: float = 60, calm_s: float = 0.5, since: float | None = None) -> float:
    """Wait until the script is done, nothing is stale and the main text has not changed for calm_s; the seconds
    from `since` (a time.monotonic() reading; default: this call) until that calm began."""
    started, calm_since, last_length = time.monotonic(), None, None
    while time.monotonic() - started < timeout_s:
        idle, length = page.evaluate(IDLE)
        now = time.monotonic()
        if idle and length == last_length:
            calm_since = calm_since or now
            if now - calm_since >= calm_s:
                return calm_since - (since or started)
        else:
            calm_since = None
        last_length = length
        page.wait_for_timeout(50)
    raise TimeoutError(f"{page.url} did not settle in {timeout_s} s")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    settle_fully(page)


def wait_for_path(page: Page, path: str, timeout_s: float = 30) -> None:
    """Until a click's st.switch_page has moved the app to `path` (a history change, not a page load) and it settled."""
    page.wait_for_function("path => location.pathname.endsWith(path)", arg=path, timeout=timeout_s * 1000)
    settle_fully(page)


def main_text(page: Page) -> str:
    return page.inner_text('[data-testid="stMain"]')


def exceptions_on(page: Page) -> list[str]:
    shown = [e.inner_text()[:500] for e in page.locator('[data-testid="stException"]').all()]
    if "Traceback (most recent call last)" in page.inner_text("body") and not shown:
        shown.append("a Traceback on screen")
    return shown


def full_screenshot(page: Page, name: str) -> Path:
    """The whole page: the main area scrolls inside a fixed-height window, so grow the window to fit it first."""
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    try:
        settle_fully(page)
        return screenshot(page, name)
    finally:
        page.set_viewport_size(size)


def plotly_chart(page: Page, title: str) -> Locator:
    """The plotly chart whose title contains `title`, drawn and scrolled into view."""
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=title)
    chart.locator(".main-svg").first.wait_for()
    chart.scroll_into_view_if_needed()
    return chart


def chart_points(chart: Locator) -> list[dict]:
    """Every bar ({"x", "value": the column's total}) or grid tile ({"x", "y", "value"}) with its place on
    screen (`px`, `py`: the column's or cell's middle). Callers click there."""
    return chart.locator(".js-plotly-plot").first.evaluate(POINTS)


def click_point(page: Page, point: dict) -> None:
    page.mouse.click(point["px"], point["py"])


def click_grid_row(page: Page, table: Locator, row: int) -> None:
    """Tick the selection checkbox of a data row (0 = first below the header) of a canvas data grid."""
    table.scroll_into_view_if_needed()
    box = table.locator('canvas[data-testid="data-grid-canvas"]').bounding_box()
    page.mouse.click(box["x"] + CHECKBOX_PX, box["y"] + HEADER_PX + row * ROW_PX + ROW_PX / 2)


def unique_name_row(residents: pd.DataFrame, within: int = 8) -> int:
    """A row among the first `within` whose name no one else in the table shares."""
    counts = residents["name"].value_counts()
    for row, name in enumerate(residents["name"].head(within)):
        if isinstance(name, str) and counts[name] == 1:
            return row
    raise AssertionError("no row with a unique name near the top of the people table")
