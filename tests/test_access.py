"""Logins and roles through AppTest (issue 7): with an account the app shows only the login form; a 村(居) account of
冬笋村 sees its own pages and rows only; a forbidden page refuses; logins, imports and ledger changes are audited."""
import datetime as dt
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.access import accounts, audit
from analytics.core import clock, store
from analytics.access.accounts import Session
from analytics.access.scope import VILLAGE, Scope
from ui.login import SESSION
from conftest import (PAYMENT_HEADER, app_on, as_read, kpis, open_ledger_conditions, payment_rows, sample_with_users,
                      xlsx_bytes)

PASSWORD = "dongsun2026"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OTHERS = ("镜滩社区", "金源村", "庆新村", "同康村")


@pytest.fixture(scope="module")
def sample_with_accounts(tmp_path_factory, config, sample_town_file):
    return sample_with_users(sample_town_file, tmp_path_factory.mktemp("access"), config,
                             [("admin", "管理员", "admin2026x", None), ("dongsun", VILLAGE, PASSWORD, "冬笋村"),
                              ("leader", "领导", "leader2026", None)])


@pytest.fixture
def app(tmp_path, monkeypatch, sample_with_accounts):
    """The app on a private copy of the sample town with two accounts, as the real store."""
    with app_on(tmp_path, monkeypatch, sample_with_accounts) as at:
        yield at


def start(at):
    """AppTest's first run is in the pages/ folder mode; choosing a page keeps widget ids stable (as in test_app)."""
    at.run()
    return at.switch_page("pages/home.py").run()


def logged_in_as(at, name, role, village=None):
    now = clock.now()
    at.session_state[SESSION] = Session(Scope(name, role, village), now, now)
    return at


def log_in(at, name, password):
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def texts(at, *kinds):
    return as_read("\n".join(str(e.value) for kind in kinds for e in getattr(at, kind)))


def app_store(at):
    """The app's own connection to its store (a second one in this process would not see its writes at once)."""
    from ui.frame import open_store
    return open_store(str(at.path)).cursor()


def audit_log(at) -> "pd.DataFrame":
    st.cache_resource.clear()  # the app's connection holds the file
    con = store.connect(at.path)
    try:
        return audit.entries(con)
    finally:
        con.close()


def test_with_an_account_every_page_shows_only_the_login_form(app):
    app.run()
    assert not app.exception, app.exception
    assert [t.label for t in app.text_input] == ["用户名", "密码"]
    assert app.text_input(key="login_password").proto.type == 1  # PASSWORD
    assert [b.label for b in app.button] == ["登录"]
    assert not app.dataframe and not kpis(app)


def test_a_wrong_password_is_refused_and_five_lock_the_account(app):
    start(app)
    log_in(app, "dongsun", "wrong-password-1")
    assert "用户名或密码错误" in texts(app, "error")
    for _ in range(4):
        log_in(app, "dongsun", "wrong-password-1")
    assert "账户已锁定" in texts(app, "error")
    log_in(app, "dongsun", PASSWORD)
    assert "账户已锁定" in texts(app, "error")
    assert [b.label for b in app.button] == ["登录"]


def test_logging_in_through_the_form_opens_the_app_and_is_audited(app):
    start(app)
    log_in(app, "dongsun", PASSWORD)
    assert not app.exception, app.exception
    assert "当前用户：dongsun（村(居) · 冬笋村）" in texts(app, "caption")
    log = audit_log(app)
    assert log.iloc[-1]["action"] == audit.LOGIN and log.iloc[-1]["user_name"] == "dongsun"


def test_an_idle_session_ends_with_a_message_and_the_form(app):
    long_ago = clock.now() - dt.timedelta(hours=5)
    app.session_state[SESSION] = Session(Scope("dongsun", VILLAGE, "冬笋村"), long_ago, long_ago)
    app.run()
    assert "登录已超时，请重新登录" in texts(app, "warning")
    assert [b.label for b in app.button] == ["登录"]


def test_a_village_account_sees_its_pages_and_its_village_only(app):
    logged_in_as(app, "dongsun", VILLAGE, "冬笋村").run()
    assert not app.exception, app.exception
    app.switch_page("pages/findings_list.py").run()
    assert not app.exception, app.exception
    listed = app.dataframe[0].value
    assert len(listed) and not any(v in listed.to_csv() for v in OTHERS)
    app.switch_page("pages/ledger.py").run()
    assert not app.exception, app.exception
    listed = app.dataframe[0].value
    assert len(listed) and set(listed["村(居)/单位"]) == {"冬笋村"}


def test_a_page_the_role_may_not_see_is_unlisted_and_refuses_in_chinese(app):
    logged_in_as(app, "dongsun", VILLAGE, "冬笋村").run()
    app.switch_page("pages/upload.py").run()  # registered but hidden: reachable by its address only
    assert not app.exception, app.exception
    assert "无权访问此页面" in texts(app, "error") and not app.get("file_uploader")


def test_a_page_the_role_may_not_see_refuses_when_reached_by_its_address(app):
    """A deep link right after a server start runs the page without app.py: the frame still refuses it."""
    at = logged_in_as(AppTest.from_file("../pages/upload.py", default_timeout=60), "dongsun", VILLAGE, "冬笋村")
    at.run()
    assert not at.exception, at.exception
    assert "无权访问此页面" in texts(at, "error")
    assert not at.get("file_uploader")


def test_the_admin_pages_list_accounts_and_the_log(app):
    logged_in_as(app, "admin", "管理员").run()
    app.switch_page("pages/accounts.py").run()
    assert not app.exception, app.exception
    assert set(app.dataframe[0].value["用户名"]) == {"admin", "dongsun", "leader"}
    app.text_input(key="accounts_add_name").input("jinyuan")
    app.selectbox(key="accounts_add_role").select(VILLAGE)
    app.selectbox(key="accounts_add_village").select("金源村")
    app.text_input(key="accounts_add_password").input("Jinyuan-2022")
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert "已新建账户 jinyuan" in texts(app, "success")
    assert not app.get("selectbox") or "accounts_disable_name" not in [s.key for s in app.selectbox]
    app.run()  # after the form's st.rerun, AppTest sends the tabs' last value once more, over a new one
    app.session_state["accounts_section"] = "停用账户"  # one tab's form at a time
    app.run()
    app.selectbox(key="accounts_disable_name").select("jinyuan")
    next(b for b in app.button if b.label == "停用").click().run()
    assert "已停用账户 jinyuan" in texts(app, "success")
    app.switch_page("pages/audit.py").run()
    assert not app.exception, app.exception
    assert "账户变更" in set(app.dataframe[0].value["操作"])


def test_a_village_account_moves_its_issue_on_but_cannot_close_it_and_the_change_is_audited(app):
    logged_in_as(app, "dongsun", VILLAGE, "冬笋村").run()
    app.switch_page("pages/ledger.py").run()
    open_ledger_conditions(app)
    app.multiselect(key="ledger_statuses").select("待整改").run()
    issue_no = app.dataframe[0].value.iloc[0]["问题编号"]
    app.session_state["ledger_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert "已销号" not in app.selectbox(key="ledger_status_form_to").options
    app.selectbox(key="ledger_status_form_to").select("整改中")
    next(b for b in app.button if b.label == "变更状态").click().run()
    assert not app.exception, app.exception
    entry = audit_log(app).iloc[-1]
    assert (entry["user_name"], entry["action"]) == ("dongsun", audit.LEDGER)
    assert issue_no in entry["detail"] and "整改中" in entry["detail"]


def test_an_import_by_the_admin_is_audited_with_its_rows(app):
    data = xlsx_bytes(("发放", [["2022年6月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(3)]))
    logged_in_as(app, "admin", "管理员").run()
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_files").upload("6月发放.xlsx", data, XLSX).run()
    app.button(key="upload_commit").click().run()
    assert not app.exception, app.exception
    entry = audit_log(app).iloc[-1]
    assert (entry["user_name"], entry["action"], entry["rows"]) == ("admin", audit.IMPORT, 3)
    assert "6月发放.xlsx" in entry["detail"]


def test_the_home_page_of_a_village_account_names_no_other_village(app):
    logged_in_as(app, "dongsun", VILLAGE, "冬笋村").run()
    app.switch_page("pages/home.py").run()
    assert not app.exception, app.exception
    shown = texts(app, "title", "markdown", "caption", "info", "warning", "metric") + "".join(
        d.value.to_csv() for d in app.dataframe)
    assert not [v for v in OTHERS if v in shown]


def test_a_person_of_another_village_refuses_a_village_account(app):
    logged_in_as(app, "admin", "管理员").run()
    app.switch_page("pages/findings_list.py").run()
    app.multiselect(key="filter_villages").select("金源村").run()
    app.session_state["findings_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    token = app.query_params["p"][0] if isinstance(app.query_params["p"], list) else app.query_params["p"]
    at = logged_in_as(AppTest.from_file("../pages/person.py", default_timeout=60), "dongsun", VILLAGE, "冬笋村")
    at.query_params["p"] = token
    at.run()
    assert not at.exception, at.exception
    assert "无权查看此对象" in texts(at, "error") and not at.get("subheader")


def test_logging_out_and_a_disabled_account_end_the_session_with_audit_entries(app):
    start(app)
    log_in(app, "dongsun", PASSWORD)
    app.switch_page("pages/home.py").run()  # the navigation changed with the login: choose the page again
    app.button(key="login_logout").click().run()
    assert [b.label for b in app.button] == ["登录"]
    app.switch_page("pages/home.py").run()
    log_in(app, "dongsun", PASSWORD)
    assert "当前用户：dongsun" in texts(app, "caption")
    accounts.disable(app_store(app), "dongsun", by="admin")
    app.run()
    assert "账户已停用" in texts(app, "warning") and [b.label for b in app.button] == ["登录"]
    log = audit_log(app)
    assert list(log[log["user_name"] == "dongsun"]["action"]) == [audit.LOGIN, audit.LOGOUT, audit.LOGIN, audit.LOGOUT]


def open_first_person(at, name, role, village=None):
    """The findings list as this user, its first row clicked: the app is on that person's profile."""
    logged_in_as(at, name, role, village).run()
    at.switch_page("pages/findings_list.py").run()
    at.session_state["findings_table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    token = at.query_params["p"]
    at.query_params["p"] = token[0] if isinstance(token, list) else token
    return at.switch_page("pages/person.py").run()  # AppTest's next run would go back to the list


def test_the_admin_sees_a_full_id_only_after_stating_why_and_it_is_logged(app):
    open_first_person(app, "admin", "管理员")
    show = next(b for b in app.button if b.label == "显示完整号码")
    show.click().run()
    assert "请填写查看完整号码的原因" in texts(app, "error")
    app.text_input(key="person_unmask_reason").input("核对银行退款账户")
    next(b for b in app.button if b.label == "显示完整号码").click().run()
    assert not app.exception, app.exception
    shown = texts(app, "text")
    full = re.search(r"身份证号：(\d{17}[\dX])", shown)
    assert full, shown
    entry = audit_log(app).iloc[-1]
    assert (entry["user_name"], entry["action"]) == ("admin", audit.UNMASK)
    assert "核对银行退款账户" in entry["detail"] and full[1] not in entry["detail"]  # the log keeps it masked
    assert full[1][:6] + "********" + full[1][-4:] in entry["detail"]


@pytest.mark.parametrize("name, role, village", [("leader", "领导", None), ("dongsun", VILLAGE, "冬笋村")])
def test_other_roles_are_not_offered_the_full_id(app, name, role, village):
    open_first_person(app, name, role, village)
    assert not app.exception, app.exception
    assert app.get("subheader") and not [b for b in app.button if b.label == "显示完整号码"]
    assert not re.search(r"\d{17}[\dX]", texts(app, "text", "markdown", "caption", "subheader"))


def test_only_the_admin_records_a_milestone_and_it_is_audited(app):
    logged_in_as(app, "leader", "领导").run()
    app.switch_page("pages/phases.py").run()
    app.session_state["phases_record_open"] = True  # the form is drawn only when its expander is opened
    app.run()
    assert not app.exception, app.exception
    assert "领导账户不能登记里程碑" in texts(app, "caption") and not [s for s in app.selectbox
                                                                  if s.key == "phases_milestone"]
    logged_in_as(app, "admin", "管理员").run()
    app.selectbox(key="phases_milestone").select("各村(居)上报自查情况")
    app.selectbox(key="phases_village").select("同康村")
    app.date_input(key="phases_completed").set_value(dt.date(2022, 10, 8))
    app.text_input(key="phases_evidence").input("自查情况报告")
    next(b for b in app.button if b.label == "登记").click().run()
    assert not app.exception, app.exception
    entry = audit_log(app).iloc[-1]
    assert (entry["user_name"], entry["action"]) == ("admin", audit.MILESTONE) and "同康村" in entry["detail"]


class ProviderUser(dict):
    """st.user after an intranet OIDC login (st.login), as ui.login reads it."""
    is_logged_in = True


@pytest.mark.parametrize("claim, expected", [("dongsun", "当前用户：dongsun（村(居) · 冬笋村）"),
                                             ("stranger", "统一身份认证的用户“stranger”没有对应的看板账户")])
def test_an_oidc_login_takes_the_role_from_our_accounts_table(app, monkeypatch, claim, expected):
    monkeypatch.setattr("ui.login._oidc_configured", lambda: True)
    monkeypatch.setattr(st, "user", ProviderUser(preferred_username=claim))
    start(app)
    assert not app.exception, app.exception
    assert expected in texts(app, "caption", "error")
    entry = audit_log(app).iloc[-1]
    assert entry["action"] == (audit.LOGIN if claim == "dongsun" else audit.LOGIN_FAILED)
    assert "统一身份认证" in entry["detail"]
