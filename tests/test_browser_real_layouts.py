"""In a real browser: the official 低保 发放领取表 (R1 of real-layouts.md, synthetic people) uploaded as it comes —
the report says what was read from the title, the sheet names and the household blocks, and asks for a value the
file does not give."""
import pytest

from browser import browser_page, pick_files, running_app, screenshot, settle
from real_layouts import r1_villages, r1_xls

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("store") / "browser.duckdb") as url:
        yield url


def test_the_official_dibao_sheet_shows_what_was_read_and_asks_for_what_is_missing(app_url, tmp_path):
    full, no_month = tmp_path / "城保名册.xls", tmp_path / "农保名册.xls"
    full.write_bytes(r1_xls())
    no_month.write_bytes(r1_xls(r1_villages()[:1], month="", kind="农村"))
    with browser_page() as page:
        page.goto(f"{app_url}/upload")
        settle(page)
        pick_files(page, full, no_month)
        page.get_by_text("请填写本文件的所属月份").wait_for()
        settle(page)
        main = page.inner_text('[data-testid="stMain"]')
        for read in ("所属月份“2024年3月”取自标题", "救助类别“低保”取自标题", "工作表“冬笋”的村(居)“冬笋村”取自工作表名“冬笋”",
                     "按户成块排列", "家庭补差、重点救助60元、重点救助100元、残疾人救助 之和", "有效行数"):
            assert read in main, read
        assert "“所属月份”" in main
        page.set_viewport_size({"width": 1400, "height": 2300})  # the main area scrolls inside the page
        settle(page)
        screenshot(page, "upload-r1-official-dibao")
        page.get_by_label("请填写本文件的所属月份").fill("2024-03")
        page.keyboard.press("Enter")
        page.get_by_text("所属月份“2024年3月”取自上传表单或命令行").wait_for()
        settle(page)
        page.get_by_role("button", name="确认导入 2 个文件").click()
        page.get_by_text("已导入为批次 2").wait_for()
        settle(page)
        assert "有效 22 行，隔离 0 行" in page.inner_text('[data-testid="stMain"]')
        screenshot(page, "upload-r1-committed")
