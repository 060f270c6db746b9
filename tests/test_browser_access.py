"""In a real browser on the sample town with accounts (issue 7): a 冬笋村 account logs in through the form, and the
findings list, the ledger and its village page as rendered name no other village."""
from __future__ import annotations

import pytest

from analytics import accounts, store
from analytics.scope import VILLAGE
from browser import browser_page, running_app, screenshot, settle
from conftest import sample_copy

pytestmark = pytest.mark.browser
PASSWORD = "dongsun2026"
OTHERS = ("镜滩社区", "金源村", "庆新村", "同康村")


@pytest.fixture(scope="module")
def sample_with_accounts(tmp_path_factory, config, sample_town_file):
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("access-browser"))
    con = store.connect(path)
    accounts.add_user(con, config, "dongsun", VILLAGE, PASSWORD, village="冬笋村", by="test")
    con.close()
    return path


def rendered(page) -> str:
    """Everything a person could read: the visible text, the grids' and charts' accessible labels, the HTML."""
    return page.inner_text("body") + page.content()


def log_in(page, name: str) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector(f"text=当前用户：{name}", timeout=30_000)
    settle(page)


def test_a_village_account_logs_in_and_sees_no_other_village(sample_with_accounts):
    with running_app(sample_with_accounts) as url, browser_page() as page:
        page.goto(f"{url}/findings_list")  # a deep link right after the start: the login form, nothing else
        settle(page)
        screenshot(page, "access_login_form")
        assert "登录" in page.inner_text("body") and not any(v in rendered(page) for v in OTHERS)
        log_in(page, "dongsun")
        for title in ("疑点清单", "问题台账", "村(居)详情"):
            page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
            page.wait_for_selector(f"h1:has-text('{title}')", timeout=30_000)
            settle(page)
            shown = rendered(page)
            assert "冬笋村" in shown, title
            assert not [v for v in OTHERS if v in shown], title
            screenshot(page, f"access_{title.replace('(', '').replace(')', '')}")
        nav = page.get_by_test_id("stSidebarNav").inner_text()
        assert "数据上传" not in nav and "账户管理" not in nav
        page.goto(f"{url}/accounts")  # a page of another role, by its address (a new session: log in again)
        log_in(page, "dongsun")
        page.wait_for_selector("text=无权访问此页面", timeout=30_000)
        settle(page)
        assert "Page not found" not in page.inner_text("body") and not page.get_by_test_id("stDataFrame").count()
