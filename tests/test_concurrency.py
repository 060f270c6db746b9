"""Many users at once (issue 8): ten browser sessions read the home page over and over while an eleventh commits a
large file it has just planned; two sessions commit uploads at the same moment. Readers must see the old data or the
new, never a mix (the home page shows two numbers from two queries: data rows and import batches); no session sees an
error; both simultaneous writes land. The time of every page load is written to tests/artifacts/concurrency.json."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import statistics
import subprocess
import sys
import time

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout, async_playwright

from analytics.core import config as config_module, store
from analytics.importing.files import import_file
from browser import (ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LISTED, ROOT, SETTLED, UPLOADER_INPUT, UPLOADER_READY,
                     UPLOADER_STATE, browser_page, running_app, settle)
from conftest import PAYMENT_HEADER, payment_rows

pytestmark = pytest.mark.browser
READERS = 10
DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && main && main.innerText.includes('导入批次');
}"""
METRIC = re.compile(r"已导入的数据行\s*([\d,]+).*?导入批次\s*([\d,]+)", re.S)


def payments_csv(rows: int, month: int, village: str = "冬笋村") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PAYMENT_HEADER)
    for row in payment_rows(rows, village=village):
        row[5] = f"2022-{month:02d}-20"
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "busy.duckdb"
    con, config = store.connect(path), config_module.load()
    for month in range(1, 4):
        report = import_file(con, f"2022年{month}月特困供养发放明细.csv", payments_csv(2_000, month), config)
        assert report["status"] == "committed"
    con.close()
    return path


async def settled(page, timeout_s: float = 90) -> None:
    deadline, calm_since = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        if await page.evaluate(SETTLED):
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= 0.3:
                return
        else:
            calm_since = None
        await page.wait_for_timeout(50)
    raise TimeoutError("the page did not settle")


async def read_home(page, url: str) -> tuple[float, tuple[int, int], str]:
    started = time.monotonic()
    await page.goto(url, wait_until="commit", timeout=180_000)
    # the status widget shows only ~0.5 s into a run: wait for the run to end and for the figures read below
    await page.wait_for_function(DONE, timeout=180_000)
    await settled(page, 180)
    text = await page.inner_text('[data-testid="stMain"]')
    found = METRIC.search(text)
    numbers = (int(found[1].replace(",", "")), int(found[2].replace(",", ""))) if found else (-1, -1)
    return time.monotonic() - started, numbers, text


async def reader(browser, url: str, writing_done: asyncio.Event, seen: list, times: list,
                 first_read: asyncio.Semaphore) -> None:
    context = await browser.new_context(locale="zh-CN")
    page = await context.new_page()
    reads, after = 0, 0
    while after < 2:  # keep reading until two reads after the import finished
        if writing_done.is_set():
            after += 1
        seconds, numbers, text = await read_home(page, url)
        times.append(seconds)
        seen.append((numbers, "Traceback" in text or "Error" in text, text))
        reads += 1
        if reads == 1:
            first_read.release()
    await context.close()


async def pick_file(page, path) -> None:
    """browser.pick_files, for the async API."""
    for attempt in (1, 2):
        if attempt == 2:
            await page.reload(wait_until="commit", timeout=180_000)
            await settled(page, 180)
        await page.wait_for_function(UPLOADER_READY, timeout=120_000)
        await page.locator(UPLOADER_INPUT).set_input_files(str(path))
        try:
            await page.wait_for_function(LISTED, arg=1, timeout=60_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise AssertionError(f"the uploader did not list {path.name}: {await page.evaluate(UPLOADER_STATE)}")


async def upload(browser, url: str, path, *, planned: asyncio.Event | None = None,
                 click_at: asyncio.Event | None = None) -> str:
    context = await browser.new_context(locale="zh-CN")
    page = await context.new_page()
    await page.goto(f"{url}/upload", wait_until="commit", timeout=180_000)
    await settled(page, 180)
    await pick_file(page, path)
    try:
        await page.get_by_text("隔离行数").wait_for(timeout=120_000)
    except PlaywrightTimeout:
        uploader = await page.inner_text('[data-testid="stFileUploader"]')
        raise AssertionError(f"no plan of {path.name} in 120 s; the uploader shows: {uploader!r}") from None
    await settled(page)
    if planned:
        planned.set()
    if click_at:
        await click_at.wait()
    await page.get_by_role("button", name="确认导入 1 个文件").click()
    await page.get_by_text("已导入为批次").wait_for(timeout=180_000)
    text = await page.inner_text('[data-testid="stMain"]')
    await context.close()
    return text


def test_ten_readers_during_a_large_import_see_old_or_new_and_two_writers_both_land(db, tmp_path):
    big = tmp_path / "2022年4月特困供养发放明细.csv"
    big.write_bytes(payments_csv(40_000, 4))
    first = tmp_path / "2022年5月特困供养发放明细.csv"
    first.write_bytes(payments_csv(1_000, 5))
    second = tmp_path / "2022年5月特困供养发放明细（金源村）.csv"
    second.write_bytes(payments_csv(1_000, 5, village="金源村"))
    seen, times = [], []

    async def scenario(url: str) -> tuple[str, str, str]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            planned, writing_done, commit = asyncio.Event(), asyncio.Event(), asyncio.Event()
            first_read = asyncio.Semaphore(0)

            async def write_then_signal():
                try:
                    return await upload(browser, url, big, planned=planned, click_at=commit)
                finally:
                    writing_done.set()

            async def read_after_the_plan(start_s: float):
                # the readers overlap the commit, where the data changes; the plan changes nothing, and in every CI
                # failure it was the step that ran beside ten browsers starting at once
                await planned.wait()
                await asyncio.sleep(start_s)
                await reader(browser, url, writing_done, seen, times, first_read)

            async def commit_once_all_have_read():
                for _ in range(READERS):
                    await first_read.acquire()
                commit.set()

            readers = [read_after_the_plan(0.5 * n) for n in range(READERS)]
            results = await asyncio.gather(write_then_signal(), commit_once_all_have_read(), *readers)
            go = asyncio.Event()
            both = asyncio.gather(upload(browser, url, first, click_at=go), upload(browser, url, second, click_at=go))
            await asyncio.sleep(8)  # both sessions have planned their file and wait at the commit button
            go.set()
            first_text, second_text = await both
            await browser.close()
            return results[0], first_text, second_text

    with running_app(db) as url:
        big_text, first_text, second_text = asyncio.run(scenario(url))

    assert "已导入为批次 4" in big_text
    con = store.connect(db)
    try:
        batches = con.execute("select file_name from import_batch order by batch_id").fetchall()
        may = con.execute("select count(*) from payments where batch_period = '2022-05-01'").fetchone()[0]
        april = con.execute("select count(*) from payments where batch_period = '2022-04-01'").fetchone()[0]
    finally:
        con.close()
    old, new = (6_000, 3), (6_000 + april, 4)
    unread = [text for numbers, _, text in seen if numbers == (-1, -1)]
    assert not unread, unread[0]
    assert {numbers for numbers, _, _ in seen} <= {old, new}, "a reader saw a mix of before and after"
    assert {old, new} <= {numbers for numbers, _, _ in seen}, "the readers did not read both before and after"
    assert not any(error for _, error, _ in seen)
    assert {b[0] for b in batches[-2:]} == {first.name, second.name} and may == 2_000

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    summary = {"readers": READERS, "page_loads": len(times), "median_s": round(statistics.median(times), 2),
               "p90_s": round(sorted(times)[int(len(times) * 0.9)], 2), "max_s": round(max(times), 2),
               "reads_before": sum(1 for n, _, _ in seen if n == old),
               "reads_after": sum(1 for n, _, _ in seen if n == new)}
    (ARTIFACTS / "concurrency.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(summary)


def test_a_page_runs_snapshot_keeps_its_numbers_while_another_session_commits(db):
    """What ui.frame.page relies on: a cursor that began a transaction reads the state of its start throughout."""
    con, config = store.connect(db), config_module.load()
    try:
        reading = con.cursor()
        reading.execute("begin transaction")
        before = reading.execute("select count(*) from payments").fetchone()[0]
        report = import_file(con.cursor(), "2022年4月特困供养发放明细.csv", payments_csv(100, 4), config)
        assert report["status"] == "committed"
        assert reading.execute("select count(*) from payments").fetchone()[0] == before
        assert reading.execute("select count(*) from import_batch").fetchone()[0] == 3
        reading.execute("rollback")
        assert reading.execute("select count(*) from payments").fetchone()[0] == before + 100
    finally:
        con.close()


def test_the_command_line_while_the_app_holds_the_store_is_told_so_and_changes_nothing(db, tmp_path):
    april = tmp_path / "2022年4月特困供养发放明细.csv"
    april.write_bytes(payments_csv(10, 4))
    with running_app(db) as url, browser_page() as page:
        page.goto(url)  # the app opens the store with its first page
        settle(page)
        done = subprocess.run([sys.executable, "-m", "analytics", "import", str(april), "--db", str(db)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "正被另一个程序" in done.stderr and "数据上传" in done.stderr and "Traceback" not in done.stderr
    con = store.connect(db)
    try:
        assert con.execute("select count(*) from import_batch").fetchone()[0] == 3
    finally:
        con.close()
