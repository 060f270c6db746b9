"""In a real browser on the sample town with accounts: 对象档案's search by the last 6 digits of an ID number opens that
person's profile, and a 冬笋村 account finds nobody outside its village by the same search."""
from __future__ import annotations

import pytest

from analytics.access import accounts
from analytics.access.scope import LEADER, VILLAGE
from analytics.core import store
from analytics.importing.ids import mask_id
from browser import browser_page, running_app
from browser_pages_helpers import click_grid_row, main_text, settle_fully, wait_for_path
from conftest import sample_copy
from test_browser_access import PASSWORD, log_in

pytestmark = pytest.mark.browser
HOME = "冬笋村"
BOX = "查找对象"


@pytest.fixture(scope="module")
def town(tmp_path_factory, config, sample_town_file):
    """The sample town with a leader's and a 冬笋村 account, someone of 冬笋村 and someone on no roster of it, each
    with last 6 digits no one else shares."""
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("search-browser"))
    con = store.connect(path)
    accounts.add_user(con, config, "lingdao", LEADER, PASSWORD, by="test")
    accounts.add_user(con, config, "dongsun", VILLAGE, PASSWORD, village=HOME, by="test")
    people = con.execute("""select person_id, arg_max(name, period) as name, bool_or(village = $home) as at_home
                            from roster group by person_id""", {"home": HOME}).df()
    con.close()
    people = people[~people["person_id"].str[-6:].duplicated(keep=False)]
    return path, people[people["at_home"]].iloc[0].to_dict(), people[~people["at_home"]].iloc[0].to_dict()


def open_profiles(page) -> None:
    """By the sidebar: a new URL would start a new session, logged out."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="对象档案").click()
    wait_for_path(page, "/person")


def search(page, text: str) -> None:
    page.get_by_label(BOX).fill(text)
    page.get_by_label(BOX).press("Enter")
    settle_fully(page)


def test_the_last_six_digits_find_the_person_and_a_row_click_opens_the_profile(town):
    path, _, outsider = town
    with running_app(path) as url, browser_page() as page:
        page.goto(url)
        log_in(page, "lingdao")
        open_profiles(page)
        search(page, outsider["person_id"][-6:])
        assert "找到 1 人" in main_text(page)
        click_grid_row(page, page.locator('[data-testid="stDataFrame"]').first, 0)
        wait_for_path(page, "/person")
        page.wait_for_selector(f"text={outsider['name']} · {mask_id(outsider['person_id'])}")
        assert outsider["person_id"] not in page.content()


def test_a_village_account_finds_nobody_outside_its_village(town):
    path, neighbour, outsider = town
    with running_app(path) as url, browser_page() as page:
        page.goto(url)
        log_in(page, "dongsun")
        open_profiles(page)
        search(page, outsider["person_id"][-6:])
        assert f"{HOME}名册中没有找到" in main_text(page)
        assert mask_id(outsider["person_id"]) not in page.content() and outsider["name"] not in page.content()
        search(page, neighbour["person_id"][-6:])  # the same search does find its own people
        assert "找到 1 人" in main_text(page) and neighbour["name"] in page.content()  # the grid is a canvas
