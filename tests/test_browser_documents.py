"""In a real browser on the sample town: 整治文书 opened by its address right after a server start, a village chosen,
its 公示名单 PDF downloaded — a real A4 PDF with that village's list — and the download audited; a 村(居) account
offered its own village only and no 线索移送."""
from __future__ import annotations

import json
import subprocess

import pytest

from analytics.access import accounts, audit
from analytics.access.scope import VILLAGE
from analytics.core import store
from browser import browser_page, running_app, screenshot, settle
from conftest import sample_copy

pytestmark = pytest.mark.browser


def test_the_notice_pdf_is_downloaded_from_the_documents_page(tmp_path, sample_town_file):
    db = sample_copy(sample_town_file, tmp_path)
    saved = tmp_path / "公示.pdf"
    with running_app(db) as url, browser_page() as page:
        page.goto(f"{url}/documents")  # a deep link straight after the start (the pages/ trap in style.md)
        settle(page)
        page.get_by_label("公示的村(居)").click()
        page.get_by_role("option", name="同康村").click()
        settle(page)
        screenshot(page, "documents-notice")
        main = page.inner_text('[data-testid="stMain"]')
        assert "Traceback" not in main and "同康村2022年12月低保、特困供养对象公示名单" in main
        with page.expect_download() as download:
            page.get_by_role("button", name="下载公示名单 PDF（A4，可直接打印）").click()
        download.value.save_as(saved)
        assert download.value.suggested_filename == "庆隆镇同康村2022年12月公示名单.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(saved), "-"], capture_output=True, text=True, check=True).stdout
    assert "同康村2022年12月低保、特困供养对象公示名单" in text and "监督电话" in text
    size = subprocess.run(["pdfinfo", str(saved)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in size
    con = store.connect(db)
    try:
        detail = json.loads(audit.entries(con, action=audit.EXPORT).iloc[-1]["detail"])
    finally:
        con.close()
    assert detail["内容"] == "公示名单" and detail["村(居)"] == "同康村"


def test_a_village_account_gets_its_own_notice_and_no_register(tmp_path, sample_town_file, config):
    db = sample_copy(sample_town_file, tmp_path)
    con = store.connect(db)
    accounts.add_user(con, config, "dongsun", VILLAGE, "dongsun2026", village="冬笋村", by="test")
    con.close()
    saved = tmp_path / "公示.pdf"
    with running_app(db) as url, browser_page() as page:
        page.goto(f"{url}/documents")
        settle(page)
        page.get_by_label("用户名").fill("dongsun")
        page.get_by_label("密码").fill("dongsun2026")
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector("text=当前用户：dongsun", timeout=30_000)
        settle(page)
        nav = page.get_by_test_id("stSidebarNav")
        assert "线索移送" not in nav.inner_text()
        nav.get_by_text("整治文书", exact=True).click()
        page.wait_for_selector("h1:has-text('整治文书')", timeout=30_000)
        settle(page)
        page.get_by_label("公示的村(居)").click()
        assert page.get_by_role("option").all_inner_texts() == ["冬笋村"]
        page.keyboard.press("Escape")
        settle(page)
        screenshot(page, "documents-village")
        with page.expect_download() as download:
            page.get_by_role("button", name="下载公示名单 PDF（A4，可直接打印）").click()
        download.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True).stdout
    assert "冬笋村2022年12月" in text and not any(v in text for v in ("金源村", "同康村", "庆新村", "镜滩社区"))
