"""Page render benchmark in a real browser: every page of ui.frame.PAGES at town and district scale, against a
trivial one-line Streamlit page timed the same way in the same run.

A visit is `goto(url)` until rendered; rendered means what /work/shared/tools/pagecheck.py checks (the app exists,
the main area has text, nothing is `data-stale`, no status widget), held for half a second, plus two things it misses
in Streamlit 1.67: the app root's `data-test-script-state` has left "running" (the status widget only shows about
0.5 s into a run) and the main area's text has stopped changing (plotly draws after the run ends). The time is from
`goto` to the start of that calm. Per page: one warm-up visit, then the median of --rounds visits, each page followed
by --rounds visits of the baseline (its median over the whole scale is `baseline_s`); `script_s` is the
median time the browser saw the script run (first "running" to last "notRunning"; drawing that blocks the browser's
main thread delays the last one too), the rest is loading the page and drawing after the run. `first_s` is the
warm-up visit: the first of that page since the server started, when the shared cache of analysis results
(ui/cache.py) is still empty for it — what the first viewer after an import waits. `ratio` (what the target uses) is
against the whole run's baseline; `local_ratio` against the baseline visits right after the page, to tell a page's
own cost from the machine slowing down during the run (other work on a shared machine).

Stores: town = the sample town imported with analytics.demo.sample.load_sample (as the real store); district = 50,000
recipients written by analytics.demo.scale.write_scale, then findings refreshed and the ledger filled the way the
sample's is (analytics.demo.sample.issues_from_findings), one issue per village and 整治重点 of the last month's findings. Target: every page ≤ 2× the baseline
at district scale. The home page is timed at `/` (its url path `home` answers "Page not found"); the person page with
`?p=` the person with most findings, the village page with no query (its first village).

In-app navigation (`nav`), the way people use the app: a page already open, a click on another page's sidebar link,
timed from the click until its title shows and it has rendered as above; each page is reached from 首页 (首页 from
使用说明), one warm-up click (`first_nav_s`) then the median of --rounds. Its baseline is the same click between the two
one-line pages of a trivial two-page app (st.navigation), `rounds` clicks after each page, in its own tab of the same
browser. Target: every page ≤ 2× that baseline at district scale; and the first load of the landing page (`/`, a new
browser, right after the server starts) ≤ 3× a trivial app's first load measured the same way (`first_load_ratio`).

Cold start (`cold`), what the first user waits after the dashboard is started: from launching `streamlit run app.py`
until the overview (总览, `/overview`) has rendered in a new browser, against launching the trivial one-line app until
its page has rendered, alternately, --rounds times each (medians). Target: ≤ 2× at district scale (`cold_ratio`).

Run: python bench/page_bench.py [--scales town district] [--rounds 3] [--work DIR] [--pages overview ...]
[--measures url nav cold] (prints JSON; --pages times only the pages with those url paths, `home` for the landing page)
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from analytics.core import config as config_module, store  # noqa: E402
from analytics.analysis import people
from analytics.findings import findings as read_findings, refresh  # noqa: E402
from browser import browser_page, serving  # noqa: E402
from browser_pages_helpers import default_filters, exceptions_on, settle_fully  # noqa: E402
from ui.frame import PAGES  # noqa: E402

BASELINE_APP = 'import streamlit as st; st.write("基准")\n'
NAV_BASELINE_APP = """import streamlit as st


def one():
    st.title("基准甲")
    st.write("基准页一")


def two():
    st.title("基准乙")
    st.write("基准页二")


pages = [st.Page(one, title="基准甲", url_path="one", default=True), st.Page(two, title="基准乙", url_path="two")]
st.navigation(pages).run()
"""
TARGET, FIRST_LOAD_TARGET = 2.0, 3.0
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
TITLE_SHOWN = """t => { const h = document.querySelector('[data-testid="stMain"] h1');
                      return !!h && h.innerText.trim().startsWith(t); }"""
# the app root's script state, with the moment of each change, from the page's own clock
STATE_LOG = """
window.__states = [];
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  const last = window.__states[window.__states.length - 1];
  if (state && (!last || last[1] !== state)) window.__states.push([performance.now(), state]);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""


def build(scale: str, work: Path) -> Path:
    """A store holding the scale's data and its findings (kept in `work` for the next run)."""
    path = work / f"{scale}.duckdb"
    if path.exists():
        return path
    con, config = store.connect(path), config_module.load()
    if scale == "town":
        from analytics.demo.sample import load_sample
        load_sample(con, config)
    else:
        from analytics.demo.scale import write_scale
        from analytics.demo.sample import issues_from_findings
        write_scale(con, scale)
        refresh(con, config)
        issues_from_findings(con, (), ["village", "focus"])  # a ledger to show: an issue per village and 整治重点
        refresh(con, config)  # the re-check of the issues made from findings
    con.execute("checkpoint")
    con.close()
    return path


def page_urls(db: Path, only: list[str] | None = None) -> list[tuple[str, str]]:
    """(title, path and query) of every page, or of those whose url path is in `only`; read before the app takes
    the store's lock."""
    con = store.connect(db)
    try:
        found = read_findings(con, default_filters(con)).dropna(subset=["person_id"])
        token = people.token_of(con, found["person_id"].value_counts().index[0])
    finally:
        con.close()
    query = {"person": f"?p={token}"}
    return [(title, "/" if url == "home" else f"/{url}{query.get(url, '')}") for _, _, title, _, url in PAGES
            if not only or url in only]


@contextmanager
def baseline_app(source: str = BASELINE_APP):
    """The trivial app `source`, served from a temp dir by its own streamlit on another port."""
    with tempfile.TemporaryDirectory(prefix="page-bench-baseline-") as folder:
        script = Path(folder) / "baseline.py"
        script.write_text(source, encoding="utf-8")
        with serving(script, {}) as url:
            yield url


def first_load(url: str) -> float:
    """The first visit of `url` in a new browser (nothing cached), seconds until rendered."""
    with browser_page() as page:
        page.add_init_script(STATE_LOG)
        return visit(page, url)[0]


def cold_start(script: Path, env: dict[str, str], path: str) -> float:
    """Seconds from launching `streamlit run script` until `path` has rendered in a new browser."""
    started = time.monotonic()
    with serving(script, env) as url, browser_page() as page:
        page.add_init_script(STATE_LOG)
        at = time.monotonic()
        return at - started + visit(page, url + path)[0]


def cold(db: Path, rounds: int) -> dict:
    """The overview after a server start against the trivial app's page after its start, alternately."""
    env = {"JIUZHU_DB": str(db), "JIUZHU_DEMO_DB": str(db.with_name("demo.duckdb"))}
    with tempfile.TemporaryDirectory(prefix="page-bench-cold-") as folder:
        trivial = Path(folder) / "baseline.py"
        trivial.write_text(BASELINE_APP, encoding="utf-8")
        pairs = [(cold_start(trivial, {}, "/"), cold_start(ROOT / "app.py", env, "/overview")) for _ in range(rounds)]
    base, app = (statistics.median(side) for side in zip(*pairs))
    return {"trivial_s": round(base, 2), "overview_s": round(app, 2), "cold_ratio": round(app / base, 2),
            "runs_s": [[round(b, 2), round(a, 2)] for b, a in pairs]}


def click_nav(page, title: str) -> float:
    """Seconds from a click on the sidebar link `title` until that page's title shows and it has rendered."""
    started = time.monotonic()
    page.locator(SIDEBAR_NAV).get_by_role("link", name=title, exact=True).click()
    page.wait_for_function(TITLE_SHOWN, arg=title, timeout=60_000)
    return settle_fully(page, since=started)


def navigate(db: Path, rounds: int, only: list[str] | None = None) -> dict:
    """In-app navigation to every page (sidebar click from 首页), each followed by `rounds` clicks between the two
    pages of the trivial app in another tab of the same browser; and both apps' first loads."""
    titles = [title for _, _, title, _, url in PAGES if not only or url in only]
    app = serving(ROOT / "app.py", {"JIUZHU_DB": str(db), "JIUZHU_DEMO_DB": str(db.with_name("demo.duckdb"))})
    with baseline_app(NAV_BASELINE_APP) as trivial_url, app as app_url:
        trivial_first, app_first = first_load(trivial_url), first_load(f"{app_url}/")
        with browser_page() as page:
            trivial = page.context.browser.new_page(viewport=page.viewport_size)
            trivial.goto(trivial_url)
            settle_fully(trivial)
            page.goto(f"{app_url}/")
            settle_fully(page)
            rows, baseline = [], []
            for title in titles:
                start = "使用说明" if title == "首页" else "首页"
                times = []
                for _ in range(rounds + 1):
                    click_nav(page, start)
                    times.append(click_nav(page, title))
                after = [click_nav(trivial, name) for _ in range(rounds) for name in ("基准乙", "基准甲")]
                rows.append({"page": title, "seconds": round(statistics.median(times[1:]), 3),
                             "first_nav_s": round(times[0], 3), "errors": exceptions_on(page),
                             "local_ratio": round(statistics.median(times[1:]) / statistics.median(after), 2)})
                baseline += after
    base = statistics.median(baseline)
    for row in rows:
        row["ratio"] = round(row["seconds"] / base, 2)
    return {"baseline_s": round(base, 3), "first_load_s": round(app_first, 2),
            "trivial_first_load_s": round(trivial_first, 2), "first_load_ratio": round(app_first / trivial_first, 2),
            "pages": rows}


def visit(page, url: str) -> tuple[float, float | None]:
    """Seconds from goto until rendered, and seconds the script ran (None if no run was seen)."""
    started = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    rendered = settle_fully(page, since=started)
    states = page.evaluate("window.__states")
    runs = [t for t, s in states if s == "running"]
    ends = [t for t, s in states if s == "notRunning"]
    script = (ends[-1] - runs[0]) / 1000 if runs and ends and ends[-1] > runs[0] else None
    return rendered, script


def timed(page, url: str, rounds: int) -> tuple[float, list[tuple[float, float | None]], list[str]]:
    """The seconds of a warm-up visit (the browser caches Streamlit's lazily loaded element code, the server its
    imports and the page's analysis results), `rounds` visits after it, and the errors shown on the last."""
    first, _ = visit(page, url)
    return first, [visit(page, url) for _ in range(rounds)], exceptions_on(page)


def summary(visits: list[tuple[float, float | None]]) -> dict:
    scripts = [s for _, s in visits if s is not None]
    return {"seconds": round(statistics.median(r for r, _ in visits), 3),
            "script_s": round(statistics.median(scripts), 3) if scripts else None}


def measure(db: Path, baseline_url: str, rounds: int, only: list[str] | None = None) -> dict:
    """Every page, each followed by `rounds` visits of the baseline, so a drift in the machine's speed during the run
    reaches both; the baseline is the median of all its visits."""
    urls = page_urls(db, only)
    pages, baseline = [], []
    # the sample store beside the measured one: the landing page opens it, and a dashboard running from this checkout
    # holds the default one's lock
    app = serving(ROOT / "app.py", {"JIUZHU_DB": str(db), "JIUZHU_DEMO_DB": str(db.with_name("demo.duckdb"))})
    with app as app_url, browser_page() as page:
        page.add_init_script(STATE_LOG)
        first_load, _ = visit(page, f"{app_url}/")  # the first session after start (see the browser tests)
        visit(page, baseline_url)
        for title, url in urls:
            first, visits, errors = timed(page, app_url + url, rounds)
            after = [visit(page, baseline_url) for _ in range(rounds)]
            row = {"page": title, "url": url, **summary(visits), "first_s": round(first, 3), "errors": errors}
            pages.append(row | {"local_ratio": round(row["seconds"] / summary(after)["seconds"], 2)})
            baseline += after
    base = summary(baseline)
    for row in pages:
        row["ratio"] = round(row["seconds"] / base["seconds"], 2)
    return {"baseline_s": base["seconds"], "baseline_script_s": base["script_s"], "first_load_s": round(first_load, 2),
            "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["town", "district"], choices=["town", "district", "city"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", nargs="+", choices=[p[4] for p in PAGES], help="url paths (default: every page)")
    parser.add_argument("--work", type=Path, help="where the stores are kept between runs (default: a temp dir)")
    parser.add_argument("--measures", nargs="+", default=["url", "nav"], choices=["url", "nav", "cold"],
                        help="url: each page by a fresh URL visit; nav: by a sidebar click from an open page; cold: "
                             "the overview right after a server start")
    args = parser.parse_args()
    report: dict = {"rounds": args.rounds, "target": f"every page ≤ {TARGET:g}× the baseline at district scale; "
                                                     f"first load of the landing page ≤ {FIRST_LOAD_TARGET:g}× a "
                                                     "trivial app's"}
    with tempfile.TemporaryDirectory(prefix="page-bench-") as temp, baseline_app() as baseline_url:
        work = args.work or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        for scale in args.scales:
            started = time.perf_counter()
            db = build(scale, work)
            report[scale] = {"build_s": round(time.perf_counter() - started, 1)}
            if "url" in args.measures:
                report[scale] |= measure(db, baseline_url, args.rounds, args.pages)
            if "nav" in args.measures:
                report[scale]["nav"] = navigate(db, args.rounds, args.pages)
            if "cold" in args.measures:
                report[scale]["cold"] = cold(db, args.rounds)
            print(json.dumps({scale: report[scale]}, ensure_ascii=False), file=sys.stderr)
    if "district" in report:
        district = report["district"]
        for name, part in (("url", district), ("nav", district.get("nav"))):
            if part and "pages" in part:
                report[f"district_{name}_misses_target"] = [f"{p['page']} {p['seconds']} s ({p['ratio']}×)"
                                                           for p in part["pages"] if p["ratio"] > TARGET]
        if "nav" in district:
            report["district_first_load_meets_target"] = district["nav"]["first_load_ratio"] <= FIRST_LOAD_TARGET
    print(dumps(report))


def dumps(report: dict) -> str:
    """Indented JSON with each page on one line."""
    text = json.dumps(report, ensure_ascii=False, indent=1)
    return re.sub(r"\{\n\s+\"page\"[^{}]*?\n\s+\}", lambda m: re.sub(r"\s*\n\s*", " ", m.group(0)), text)


if __name__ == "__main__":
    main()
