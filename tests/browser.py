"""A real server and Debian's chromium for the browser tests: start, wait, settle, screenshot."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# the status widget shows only about half a second into a run, so the app root's script state is asked as well: a
# click during a run (a download button, a tab) can be lost when the run redraws the element (seen twice in CI)
SETTLED = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  return !!main && main.innerText.trim().length > 0
      && document.querySelectorAll('[data-stale="true"]').length === 0
      && !document.querySelector('[data-testid="stStatusWidget"]')
      && !(app && app.getAttribute('data-test-script-state') === 'running');
}"""

UPLOADER_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'
# The uploader's script loads after the page's run has ended, so a settled page may not have it yet. It lists a picked
# file only once the server has answered its request for the file's address; when that request is lost (CI, under
# load: the page connected, nothing listed, no plan in 120 s) the pick is dropped without a word.
UPLOADER_READY = """() => {
  const input = document.querySelector('[data-testid="stFileUploaderDropzoneInput"]');
  const app = document.querySelector('[data-testid="stApp"]');
  return !!input && !input.disabled && !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
      && app.getAttribute('data-test-script-state') !== 'running';
}"""
# the uploader shortens a long name in its list, so the files are counted
LISTED = """count => document.querySelectorAll('[data-testid="stFileChipName"]').length >= count"""
UPLOADER_STATE = """() => {
  const input = document.querySelector('[data-testid="stFileUploaderDropzoneInput"]');
  const app = document.querySelector('[data-testid="stApp"]');
  return {input: input ? (input.disabled ? 'disabled' : 'enabled') : 'absent',
          connection: app && app.getAttribute('data-test-connection-state'),
          listed: [...document.querySelectorAll('[data-testid="stFileChipName"]')].map(chip => chip.textContent)};
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db_path: Path, log: Path | None = None):
    with serving(ROOT / "app.py", {"JIUZHU_DB": str(db_path)}, log) as url:
        yield url


@contextmanager
def serving(script: Path, env: dict[str, str], log: Path | None = None):
    """`streamlit run script` on a free port until the block ends; yields its base URL once it answers. With `log`,
    the server's output goes to that file."""
    port = free_port()
    output = open(log, "wb") if log else subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script.name, "--server.port", str(port),
                               "--server.headless", "true"], cwd=script.parent, env={**os.environ, **env},
                              stdout=output, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)
        if log:
            output.close()


def _wait_for(url: str, timeout_s: float = 60) -> None:
    import urllib.request
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"the app did not answer at {url}")


@contextmanager
def browser_page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        try:
            yield page
        finally:
            browser.close()


def settle(page: Page, timeout_s: float = 60) -> None:
    """Until the app is idle and nothing on screen is stale, for half a second."""
    deadline, calm_since = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        if page.evaluate(SETTLED):
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= 0.5:
                return
        else:
            calm_since = None
        page.wait_for_timeout(50)
    raise TimeoutError("the page did not settle")


def pick_files(page: Page, *paths: Path, listed_within_ms: float = 60_000) -> None:
    """Pick files in the page's uploader once it is there and connected, and wait until it lists them. After a pick the
    uploader dropped it takes no other, so the page is reloaded and the files picked again, as a person would."""
    for attempt in (1, 2):
        if attempt == 2:
            page.reload()
            settle(page)
        page.wait_for_function(UPLOADER_READY, timeout=120_000)
        page.locator(UPLOADER_INPUT).set_input_files([str(p) for p in paths])
        try:
            page.wait_for_function(LISTED, arg=len(paths), timeout=listed_within_ms)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                names = [Path(p).name for p in paths]
                raise AssertionError(f"the uploader did not list {names}: {page.evaluate(UPLOADER_STATE)}") from None


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
