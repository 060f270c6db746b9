"""In a real browser on the sample town with accounts (issue 7): a 冬笋村 account logs in through the form; each of its
pages as rendered, every byte the server sends it, and every export it downloads name no other village and no person,
ID number or bank account of another village; a page of another role refuses in Chinese; the server log, after
a failed and a good login, holds no ID number, hash or password."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest

from analytics.access import accounts
from analytics.core import store
from analytics.access.scope import VILLAGE
from browser import browser_page, running_app, screenshot, settle
from browser_pages_helpers import click_grid_row, wait_for_path
from conftest import outside_village, sample_copy

pytestmark = pytest.mark.browser
PASSWORD = "dongsun2026"
HOME = "冬笋村"
NUMBERS = re.compile(r"[\d*]{10,}")  # IDs (full or masked) and accounts: safe to look for in raw bytes


@pytest.fixture(scope="module")
def sample_with_accounts(tmp_path_factory, config, sample_town_file):
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("access-browser"))
    con = store.connect(path)
    accounts.add_user(con, config, "dongsun", VILLAGE, PASSWORD, village=HOME, by="test")
    others = outside_village(con, HOME)
    con.close()
    return path, others


def rendered(page) -> str:
    """Everything a person could read: the visible text, the grids' and charts' accessible labels, the HTML."""
    return page.inner_text("body") + page.content()


def log_in(page, name: str) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector(f"text=当前用户：{name}", timeout=30_000)
    settle(page)


def workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
                     if c is not None)


def download(page, button: str) -> str:
    settle(page)  # an expander just opened reruns the page: a click during that run can be lost
    with page.expect_download() as done:
        page.get_by_role("button", name=button).click()
    return workbook_text(done.value.path().read_bytes())


def test_a_village_account_sees_sends_and_exports_nothing_of_another_village(sample_with_accounts, tmp_path):
    path, others = sample_with_accounts
    server_log = tmp_path / "server.log"
    # raw bytes hold names run together (Arrow string buffers): there, look for villages, IDs and accounts only
    in_bytes = [v for v in others if NUMBERS.fullmatch(v) or v.endswith(("村", "社区"))]
    received: list[bytes] = []
    with running_app(path, server_log) as url, browser_page() as page:
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(
            frame if isinstance(frame, bytes) else frame.encode())))
        page.goto(f"{url}/findings_list")  # a deep link right after the start: the login form, nothing else
        settle(page)
        screenshot(page, "access_login_form")
        page.get_by_label("用户名").fill("dongsun")
        page.get_by_label("密码").fill("wrong-password-1")
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector("text=用户名或密码错误", timeout=30_000)
        assert "登录" in page.inner_text("body") and not leaks(rendered(page), others)
        log_in(page, "dongsun")
        exports = {}
        for title in ("首页", "疑点清单", "问题台账", "村(居)详情"):
            page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
            page.wait_for_selector(f"h1:has-text('{title}')", timeout=30_000)
            settle(page)
            assert not leaks(rendered(page), others), title
            screenshot(page, f"access_{title.replace('(', '').replace(')', '')}")
            if title == "疑点清单":
                exports[title] = download(page, "导出 Excel（每村一张表）")
            elif title == "问题台账":
                page.get_by_text("导出与导入台账").click()
                exports[title] = download(page, "导出问题台账（.xlsx）")
            elif title == "村(居)详情":
                page.get_by_text("本村整改清单：下发与回收").click()
                exports["整改清单"] = download(page, "下载本村整改清单（.xlsx）")
        click_grid_row(page, page.locator('[data-testid="stDataFrame"]').last, 0)  # a resident: the profile
        wait_for_path(page, "/person")
        settle(page)
        assert HOME in rendered(page) and not leaks(rendered(page), others)
        screenshot(page, "access_对象档案")
        for what, text in exports.items():
            assert HOME in text and not leaks(text, others), what
        nav = page.get_by_test_id("stSidebarNav").inner_text()
        assert "数据上传" not in nav and "账户管理" not in nav and "总览" not in nav
        sent = b"".join(received).decode("utf-8", errors="ignore")
        assert HOME in sent and not leaks(sent, in_bytes)
        page.goto(f"{url}/accounts")  # a page of another role, by its address (a new session: log in again)
        log_in(page, "dongsun")
        page.wait_for_selector("text=无权访问此页面", timeout=30_000)
        settle(page)
        assert "Page not found" not in page.inner_text("body") and not page.get_by_test_id("stDataFrame").count()
    logged = server_log.read_text(encoding="utf-8", errors="replace")
    assert not re.search(r"\d{17}[\dX]", logged) and "scrypt$" not in logged and PASSWORD not in logged


def leaks(text: str, others) -> list[str]:
    return [v for v in others if v in text]
