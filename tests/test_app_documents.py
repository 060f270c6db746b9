"""整治文书 and 线索移送 through AppTest on the sample town with accounts: the 公示名单 shown with the store's figures,
forms for chosen findings, a seeded 抽查 that is audited, a 村(居) account kept to its village and away from the
register, and a lead registered by 纪委."""
import json

import pytest
import streamlit as st

from analytics.access import audit
from analytics.access.scope import ADMIN, DISCIPLINE, LEADER, VILLAGE, Scope
from analytics.analysis.metrics import data_months
from analytics.core import clock, store
from analytics.reports import notice
from conftest import app_on, as_read, sample_with_users
from analytics.access.accounts import Session
from ui.login import SESSION


@pytest.fixture(scope="module")
def sample_with_accounts(tmp_path_factory, config, sample_town_file):
    return sample_with_users(sample_town_file, tmp_path_factory.mktemp("documents"), config,
                             [("admin", ADMIN, "admin2026x", None), ("dongsun", VILLAGE, "dongsun2026", "冬笋村"),
                              ("leader", LEADER, "leader2026", None), ("jiwei", DISCIPLINE, "jiwei2026x", None)])


@pytest.fixture
def app(tmp_path, monkeypatch, sample_with_accounts):
    with app_on(tmp_path, monkeypatch, sample_with_accounts, timeout=90) as at:
        yield at


def as_user(at, name, role, village=None, page="pages/documents.py"):
    now = clock.now()
    at.session_state[SESSION] = Session(Scope(name, role, village), now, now)
    at.run()
    return at.switch_page(page).run()


def texts(at, *kinds):
    return as_read("\n".join(str(e.value) for kind in kinds for e in getattr(at, kind)))


def logged(at, action):
    st.cache_resource.clear()  # the app's connection holds the file
    con = store.connect(at.path)
    try:
        return audit.entries(con, action=action)
    finally:
        con.close()


def test_the_notice_shows_each_households_row_with_the_stores_figures(app, config):
    con = store.connect(app.path)
    try:
        expected = notice.build(con, config, "同康村", max(data_months(con)), Scope("t", ADMIN))
    finally:
        con.close()
    as_user(app, "admin", ADMIN)
    assert not app.exception, app.exception
    app.selectbox(key="documents_notice_village").select("同康村").run()
    assert not app.exception, app.exception
    dibao = expected.sections[0]
    assert dibao.caption in texts(app, "markdown")
    shown = app.dataframe[0].value
    assert len(shown) == dibao.households and shown["保障人数"].sum() == dibao.persons
    assert shown["保障金额(元)"].sum() == pytest.approx(dibao.amount)
    assert {b.label for b in app.get("download_button")} >= {"下载公示名单 PDF（A4，可直接打印）",
                                                              "下载公示名单 Excel 工作簿"}


def test_forms_for_chosen_findings_list_their_households(app):
    con = store.connect(app.path)
    keys = [k for (k,) in con.execute("select finding_key from finding_counted where code = 'DEATH_PAID' "
                                      "order by finding_key limit 2").fetchall()]
    con.close()
    as_user(app, "admin", ADMIN)
    app.session_state["documents_tab"] = "入户核查表（疑点）"
    app.run()
    app.multiselect(key="documents_findings").set_value(keys).run()
    assert not app.exception, app.exception
    listed = app.dataframe[0].value
    assert 1 <= len(listed) <= 2 and "户主" in listed.columns
    assert any("入户核查表" in b.label for b in app.get("download_button"))


def test_a_sample_is_drawn_again_by_its_seed_and_audited(app):
    as_user(app, "admin", ADMIN)
    app.session_state["documents_tab"] = "随机抽查"
    app.run()

    def draw(seed):
        app.number_input(key="documents_sample_n").set_value(2)
        app.number_input(key="documents_sample_seed").set_value(seed)
        next(b for b in app.button if b.label == "抽取").click().run()
        assert not app.exception, app.exception
        return list(app.dataframe[0].value["户主"])

    first = draw(11)
    assert len(first) == 10 and draw(11) == first and draw(12) != first
    assert "种子 11" in texts(app, "markdown") or "种子 12" in texts(app, "markdown")
    seeds = [json.loads(d)["种子"] for d in logged(app, audit.SAMPLE)["detail"]]
    assert seeds[-3:] == [11, 11, 12]


def test_a_village_account_gets_its_own_village_only_and_no_register(app):
    as_user(app, "dongsun", VILLAGE, "冬笋村")
    assert not app.exception, app.exception
    assert app.selectbox(key="documents_notice_village").options == ["冬笋村"]
    app.switch_page("pages/referrals.py").run()
    assert "无权访问此页面" in texts(app, "error") and not app.dataframe


def test_a_leader_cannot_open_the_register(app):
    as_user(app, "leader", LEADER, page="pages/referrals.py")
    assert "无权访问此页面" in texts(app, "error")


def test_discipline_registers_a_lead_and_the_change_is_audited(app):
    as_user(app, "jiwei", DISCIPLINE, page="pages/referrals.py")
    assert not app.exception, app.exception
    assert "还没有登记的线索" in texts(app, "info")
    app.session_state["referrals_new_open"] = True
    app.run()
    app.selectbox(key="referrals_new_source").select("信息比对")
    app.selectbox(key="referrals_new_nature").select("优亲厚友")
    app.text_input(key="referrals_new_persons").input("同康村村委委员 张某")
    app.text_input(key="referrals_new_amount").input("2,400")
    next(b for b in app.button if b.label == "登记新线索").click().run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert "已登记线索 XS-2022-001" in texts(app, "success")
    register = app.dataframe[0].value
    assert list(register["涉及人员"]) == ["同康村村委委员 张某"] and register["涉及金额(元)"].sum() == 2400
    entry = logged(app, audit.REFERRAL).iloc[-1]
    assert entry["user_name"] == "jiwei" and "XS-2022-001" in entry["detail"]
