"""In a real browser: upload a workbook, read the validation report, commit, see the batch; and a deep link."""
import pytest

from analytics.core.contract import DATASETS
from analytics.importing.plan import plan_import
from browser import browser_page, pick_files, running_app, screenshot, settle
from conftest import PAYMENT_HEADER, payment_rows, person, xlsx_bytes

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("store") / "browser.duckdb") as url:
        yield url


def test_a_deep_link_right_after_start_shows_our_navigation(app_url):
    with browser_page() as page:
        page.goto(f"{app_url}/history")
        settle(page)
        sidebar = page.inner_text('[data-testid="stSidebar"]')
        assert "导入记录" in sidebar and "分析" in sidebar and "数据上传" in sidebar
        assert "审计日志" in sidebar and "View" not in sidebar  # every page listed, no English "View 5 more"
        assert page.locator("h1").inner_text() == "导入记录"


def choose_file(page, app_url: str, path) -> None:
    """On the upload page, pick the file and wait for its validation report."""
    page.goto(f"{app_url}/upload")
    settle(page)
    pick_files(page, path)
    page.get_by_text("隔离行数").wait_for()
    settle(page)


def test_upload_a_workbook_and_see_the_report_then_the_batch(app_url, tmp_path):
    bad = [9, "坏行", person(9)[:16] + "00", "特困供养", "932", "2022-06-20", "冬笋村"]
    path = tmp_path / "2022年6月特困供养发放明细.xlsx"
    path.write_bytes(xlsx_bytes(("冬笋村", [["2022年6月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(4), bad])))
    with browser_page() as page:
        choose_file(page, app_url, path)
        main = page.inner_text('[data-testid="stMain"]')
        assert "资金发放明细" in main and "2022-06" in main and "特困供养" in main
        screenshot(page, "upload-report")
        page.get_by_role("button", name="确认导入 1 个文件").click()
        page.get_by_text("已导入为批次 1").wait_for()
        settle(page)
        assert "有效 4 行，隔离 1 行" in page.inner_text('[data-testid="stMain"]')
        screenshot(page, "upload-committed")
        page.goto(f"{app_url}/history")
        settle(page)
        assert "生效中" in page.inner_text('[data-testid="stMain"]') or page.locator("canvas").count() > 0
        screenshot(page, "history")


def test_markup_in_a_file_name_and_a_sheet_name_is_shown_as_typed(app_url, tmp_path):
    """A file name with a Markdown link and emphasis, a sheet named like an HTML image: read as text, never rendered
    as a link, bold text or an image (issue 7, hostile input)."""
    name = "2022年7月特困供养发放明细[点我](evil.html)**粗**.xlsx"
    sheet = "<img src=x onerror=alert(1)>"
    path = tmp_path / name
    path.write_bytes(xlsx_bytes((sheet, [["2022年7月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(2)])))
    with browser_page() as page:
        choose_file(page, app_url, path)
        page.get_by_role("button", name="确认导入 1 个文件").click()
        page.get_by_text("已导入为批次").wait_for()
        settle(page)
        main = page.locator('[data-testid="stMain"]')
        text = main.inner_text()
        screenshot(page, "upload-hostile-names")
        assert name in text and sheet in text
        assert main.locator('a[href*="evil"]:not([href^="#"])').count() == 0  # a heading's own anchor is "#…"
        assert main.locator('img[src="x"]').count() == 0 and main.locator("strong", has_text="粗").count() == 0


def test_two_files_are_both_reported_and_a_template_still_downloads(app_url, tmp_path, config):
    """Files are read ahead of the one shown; the template, made only when asked for, is the one chosen even after
    the page has planned files (the page used to read its kind from a name the file loop set again)."""
    paths = []
    for month in (8, 9):
        path = tmp_path / f"2022年{month}月特困供养发放明细.xlsx"
        path.write_bytes(xlsx_bytes(("冬笋村", [[f"2022年{month}月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(3)])))
        paths.append(path)
    with browser_page() as page:
        page.goto(f"{app_url}/upload")
        settle(page)
        pick_files(page, *paths)
        page.get_by_role("button", name="确认导入 2 个文件").wait_for()
        settle(page)
        main = page.inner_text('[data-testid="stMain"]')
        assert "2022-08" in main and "2022-09" in main
        page.get_by_text("下载导入模板").click()
        settle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="下载模板").click()
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)
    first = next(iter(DATASETS.values()))
    assert template.name == f"{first.label}模板.xlsx"
    assert plan_import(template.name, template.read_bytes(), config).kind == first.kind
