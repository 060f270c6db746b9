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

Run: python bench/page_bench.py [--scales town district] [--rounds 3] [--work DIR] [--pages overview ...]
(prints JSON; --pages times only the pages with those url paths, `home` for the landing page)
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
TARGET = 2.0
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
def baseline_app():
    """The one-line page, served from a temp dir by its own streamlit on another port."""
    with tempfile.TemporaryDirectory(prefix="page-bench-baseline-") as folder:
        script = Path(folder) / "baseline.py"
        script.write_text(BASELINE_APP, encoding="utf-8")
        with serving(script, {}) as url:
            yield url


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
    args = parser.parse_args()
    report: dict = {"rounds": args.rounds, "target": f"every page ≤ {TARGET:g}× the baseline at district scale"}
    with tempfile.TemporaryDirectory(prefix="page-bench-") as temp, baseline_app() as baseline_url:
        work = args.work or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        for scale in args.scales:
            started = time.perf_counter()
            db = build(scale, work)
            report[scale] = {"build_s": round(time.perf_counter() - started, 1),
                             **measure(db, baseline_url, args.rounds, args.pages)}
            print(json.dumps({scale: report[scale]["pages"]}, ensure_ascii=False), file=sys.stderr)
    if "district" in report:
        pages = report["district"]["pages"]
        report["district_meets_target"] = [p["page"] for p in pages if p["ratio"] <= TARGET]
        report["district_misses_target"] = [p["page"] for p in pages if p["ratio"] > TARGET]
        report["district_slowest"] = [f"{p['page']} {p['seconds']} s ({p['ratio']}×)"
                                      for p in sorted(pages, key=lambda p: -p["seconds"])[:3]]
    print(dumps(report))


def dumps(report: dict) -> str:
    """Indented JSON with each page on one line."""
    text = json.dumps(report, ensure_ascii=False, indent=1)
    return re.sub(r"\{\n\s+\"page\"[^{}]*?\n\s+\}", lambda m: re.sub(r"\s*\n\s*", " ", m.group(0)), text)


if __name__ == "__main__":
    main()
