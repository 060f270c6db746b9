"""对象档案's search on the sample town: by name, full ID number, its last 4–6 characters and 低保证号, within the
user's scope; what is listed shows no ID number in full."""
from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.access.privacy import Privacy
from analytics.access.scope import LEADER, VILLAGE, Scope
from analytics.analysis import people
from analytics.core import store
from conftest import sample_copy

TOWN = Scope("领导甲", LEADER)
HOME = "冬笋村"


@pytest.fixture(scope="module")
def con(sample_town_file, tmp_path_factory):
    connection = store.connect(sample_copy(sample_town_file, tmp_path_factory.mktemp("search")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def someone(con) -> dict:
    """A person on the rosters outside 冬笋村 with a 低保证号, and the person's latest village and name."""
    return con.execute("""select person_id, arg_max(name, period) as name, arg_max(household_id, period) as household
                          from roster group by person_id
                          having bool_and(village <> $home) and arg_max(household_id, period) is not null
                          order by person_id limit 1""", {"home": HOME}).df().iloc[0].to_dict()


@pytest.mark.parametrize("how", ["full ID", "last 6", "last 4", "lower-case x", "name", "低保证号"])
def test_a_person_is_found_by_id_its_last_digits_name_or_household_number(con, someone, how):
    person_id = someone["person_id"]
    text = {"full ID": person_id, "last 6": person_id[-6:], "last 4": person_id[-4:],
            "lower-case x": person_id[-6:].lower(), "name": someone["name"], "低保证号": someone["household"]}[how]
    found = people.search(con, f" {text} ", TOWN)
    assert person_id in set(found["person_id"]), (how, text)


def test_three_digits_are_not_an_id_suffix_and_an_empty_box_finds_nobody(con, someone):
    assert someone["person_id"] not in set(people.search(con, someone["person_id"][-3:], TOWN)["person_id"])
    assert people.search(con, "  ", TOWN).empty


def test_a_village_account_finds_nobody_outside_its_village(con, someone):
    home = Scope("dongsun", VILLAGE, HOME)
    assert people.search(con, someone["person_id"][-6:], home).empty
    assert people.search(con, someone["person_id"], home).empty
    on_home_rosters = set(con.execute("select distinct person_id from roster where village = $home",
                                      {"home": HOME}).df()["person_id"])
    surname = con.execute("select left(name, 1) from roster group by all order by count(*) desc limit 1").fetchone()[0]
    found = set(people.search(con, surname, home)["person_id"])  # the town's commonest surname
    assert found and found <= on_home_rosters


def test_the_matches_are_listed_with_the_id_masked_and_chinese_headers(con, someone):
    shown = people.search_shown(people.search(con, someone["person_id"], TOWN), Privacy())
    assert list(shown.columns) == ["姓名", "身份证号", "村(居)", "救助类别", "低保证号", "最近在册月份"]
    assert shown.iloc[0]["身份证号"] == someone["person_id"][:6] + "********" + someone["person_id"][-4:]
    assert shown.iloc[0]["最近在册月份"].startswith("20")


def test_on_the_page_the_last_six_digits_list_the_person_and_a_picked_row_opens_the_profile(
        sample_town_file, tmp_path, monkeypatch, someone):
    monkeypatch.setenv("JIUZHU_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_copy(sample_town_file, tmp_path, "demo.duckdb")))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page("pages/person.py").run()
    app.text_input(key="person_search_text_0").input(someone["person_id"][-6:]).run()
    assert not app.exception, app.exception
    assert app.dataframe[0].value["姓名"].tolist() == [someone["name"]]
    app.session_state["person_search_rows_0"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert not app.exception, app.exception
    assert app.query_params["p"] and app.text_input(key="person_search_text_1").value == ""
    assert any(someone["person_id"][-4:] in s.value and someone["name"] in s.value for s in app.subheader)
    st.cache_resource.clear()
