"""In a real browser, on the sample town loaded as the real store: drill down from the overview's bar chart to a
village and a person, a deep link right after start, the findings export, and every page screenshotted without an
exception (tests/artifacts/page-<url path>.png)."""
import re
import shutil
from urllib.parse import parse_qs, unquote, urlparse

import openpyxl
import pytest

from analytics.importing.ids import mask_id
from browser import browser_page, running_app
from browser_pages_helpers import (ID_NUMBER, chart_points, click_grid_row, click_point, exceptions_on,
                                   full_screenshot, main_text, open_page, plotly_chart, sample_town, settle_fully,
                                   unique_name_row, wait_for_path)
from ui.frame import PAGES

pytestmark = pytest.mark.browser
VILLAGE_CHART = "各村(居)疑点数"
MATRIX_CHART = "重复享受：互斥类别组合"
LEDGER_CHART = "各村(居)×整治重点的未销号问题"
MAIN = '[data-testid="stMain"]'
EXPORT = "导出 Excel（每村一张表）"
LONG_NUMBER = re.compile(r"\d{16,}")  # a bank account or card number in full
HEADERS = ("疑点", "村(居)", "姓名", "身份证号", "涉及金额(元)")


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    return sample_town(tmp_path_factory.mktemp("town") / "town.duckdb")


@pytest.fixture(scope="module")
def app_url(town, tab):
    """The module's server, past its first session (a fresh server is tested on its own below)."""
    with running_app(town.path) as url:
        open_page(tab, f"{url}/")
        yield url


@pytest.fixture
def fresh_app_url(town, tmp_path):
    """A server no page has been asked of yet, on a copy of the store (the module's server holds the file's lock)."""
    copy = tmp_path / "fresh.duckdb"
    shutil.copy(town.path, copy)
    with running_app(copy) as url:
        yield url


@pytest.fixture(scope="module")
def tab():
    """One browser for the module (named apart from pytest-playwright's own `page` fixture)."""
    with browser_page() as page:
        yield page


@pytest.fixture(scope="module")
def export_book(app_url, tab, tmp_path_factory) -> openpyxl.Workbook:
    """The workbook the findings list's export button downloads."""
    open_page(tab, f"{app_url}/findings_list")
    with tab.expect_download() as download:
        tab.get_by_role("button", name=EXPORT).click()
    path = tmp_path_factory.mktemp("export") / "export.xlsx"  # openpyxl goes by the file's extension
    download.value.save_as(path)
    return openpyxl.load_workbook(path, read_only=True)


def test_a_deep_link_to_a_village_right_after_start_shows_it_with_our_navigation(fresh_app_url, tab):
    open_page(tab, f"{fresh_app_url}/village?village=金源村")
    sidebar = tab.inner_text('[data-testid="stSidebar"]')
    assert all(section in sidebar for section in ("数据", "分析")), sidebar  # sections: not the legacy page list
    assert tab.locator("h1").inner_text() == "村(居)详情"
    assert tab.locator(MAIN).get_by_role("combobox", name="村(居)").input_value() == "金源村"
    assert "金源村 ·" in main_text(tab)
    assert not exceptions_on(tab)


def test_the_first_click_after_a_deep_link_right_after_start_drills_down(fresh_app_url, tab):
    open_page(tab, f"{fresh_app_url}/overview")
    bar = chart_points(plotly_chart(tab, VILLAGE_CHART))[0]
    click_point(tab, bar)
    wait_for_path(tab, "/village", timeout_s=4)
    assert parse_qs(urlparse(tab.url).query)["village"] == [bar["x"]]


def test_a_bar_click_opens_the_village_and_a_row_click_opens_the_person(app_url, town, tab):
    open_page(tab, f"{app_url}/overview")
    bars = chart_points(plotly_chart(tab, VILLAGE_CHART))
    # not the village page's default, so the click must carry the choice
    bar = max((b for b in bars if b["x"] != town.villages[0]), key=lambda b: b["value"])
    village = bar["x"]
    click_point(tab, bar)
    wait_for_path(tab, "/village")
    assert parse_qs(urlparse(tab.url).query)["village"] == [village]
    assert tab.locator("h1").inner_text() == "村(居)详情"
    assert tab.locator(MAIN).get_by_role("combobox", name="村(居)").input_value() == village
    full_screenshot(tab, "flow-village")

    residents = town.residents[village]
    row = unique_name_row(residents)
    people_table = tab.locator('[data-testid="stDataFrame"]').last
    click_grid_row(tab, people_table, row)
    wait_for_path(tab, "/person")
    assert tab.locator("h1").inner_text() == "对象档案"
    name, person_id = residents.iloc[row][["name", "person_id"]]
    assert f"{name} · {mask_id(person_id)}" in main_text(tab)
    assert "p" in parse_qs(urlparse(tab.url).query)
    assert not ID_NUMBER.search(unquote(tab.url)), tab.url
    full_screenshot(tab, "flow-person")


def test_a_matrix_cell_click_lists_the_persons_found_in_both_programs(app_url, tab):
    open_page(tab, f"{app_url}/coverage")
    tab.get_by_role("tab", name="重复享受").click()  # the page draws one section (tab) at a time
    cells = [cell for cell in chart_points(plotly_chart(tab, MATRIX_CHART)) if cell["value"] > 0]
    assert cells, "the sample town has persons in two programs that exclude each other"
    tables = tab.locator('[data-testid="stDataFrame"]').count()
    cell = cells[0]
    click_point(tab, cell)
    tab.get_by_text(f"{cell['y']} × {cell['x']}：{cell['value']} 人").wait_for()
    settle_fully(tab)
    assert tab.locator('[data-testid="stDataFrame"]').count() == tables + 1  # the persons of that pair
    full_screenshot(tab, "flow-coverage-pairs")


def test_a_heat_map_cell_click_lists_the_issues_of_that_village_and_focus(app_url, tab):
    open_page(tab, f"{app_url}/ledger")
    cells = [cell for cell in chart_points(plotly_chart(tab, LEDGER_CHART)) if cell["value"] > 0]
    assert cells, "the sample town's ledger has open issues"
    cell = max(cells, key=lambda c: c["value"])
    click_point(tab, cell)
    tab.locator(MAIN).get_by_text(f"：未销号问题 {cell['value']} 个").wait_for()
    settle_fully(tab)
    assert f"{cell['y']} · {cell['x']}：未销号问题 {cell['value']} 个" in main_text(tab)
    full_screenshot(tab, "flow-ledger-cell")


def test_a_charts_download_button_saves_a_slide_sized_png_named_after_the_chart(app_url, tab, tmp_path):
    open_page(tab, f"{app_url}/overview")
    chart = plotly_chart(tab, VILLAGE_CHART)
    chart.hover()
    buttons = chart.locator(".modebar-btn")
    assert [b.get_attribute("data-title") for b in buttons.all()] == ["下载图片", "还原"]
    with tab.expect_download() as download:
        buttons.first.click()
    assert download.value.suggested_filename == "各村(居)疑点数.png"
    path = tmp_path / "chart.png"
    download.value.save_as(path)
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1600, 900)  # IHDR


def test_the_findings_export_has_one_sheet_per_village_with_masked_ids(town, export_book):
    assert set(export_book.sheetnames) == town.finding_villages
    for sheet in export_book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header, body = rows[0], rows[1:]
        assert all(h in header for h in HEADERS), header
        assert body, sheet.title
        ids = [r[header.index("身份证号")] for r in body if r[header.index("身份证号")]]
        assert ids and all("********" in i and not ID_NUMBER.search(i) for i in ids), ids
        if sheet.title != "镇级":
            assert {r[header.index("村(居)")] for r in body} == {sheet.title}


def test_the_findings_export_spells_out_no_full_id_or_account_anywhere(export_book):
    full = [cell for sheet in export_book.worksheets for row in sheet.iter_rows(min_row=2, values_only=True)
            for cell in row if cell is not None and (ID_NUMBER.search(str(cell)) or LONG_NUMBER.search(str(cell)))]
    assert not full, full[:3]


def every_page():
    """The landing page is the default page: its address is /, whatever its url_path."""
    for _, _, title, _, url_path in PAGES:
        yield pytest.param(title, "" if url_path == "home" else url_path, id=url_path)


@pytest.mark.parametrize("title, url_path", every_page())
def test_every_page_renders_by_its_url_without_an_error(app_url, town, tab, title, url_path):
    query = {"person": f"?p={town.person_token}", "village": "?village=金源村"}.get(url_path, "")
    open_page(tab, f"{app_url}/{url_path}{query}")
    full_screenshot(tab, f"page-{url_path or 'home'}")
    assert not exceptions_on(tab), exceptions_on(tab)
    assert tab.locator("h1").first.inner_text() == title
    assert "当前显示的是示例数据" not in main_text(tab)  # the sample is the real store here: no sample banner
    assert not tab.get_by_text("Page not found").count()
