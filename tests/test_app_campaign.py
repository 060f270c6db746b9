"""The campaign pages through AppTest on the sample town: the ledger's heat map cell, a status change with its log,
a new issue, recording a milestone, and completeness."""
import datetime as dt
import re

import pytest

from analytics.access import audit
from analytics.core import store
from analytics.access.privacy import mask_persons
from conftest import app_on, as_read, kpis, open_ledger_conditions


@pytest.fixture
def app(tmp_path, monkeypatch, sample_town_file):
    """The app on a private copy of the sample town (these tests write to it)."""
    with app_on(tmp_path, monkeypatch, sample_town_file, sample=True) as at:
        yield at


def texts(at, *kinds):
    return as_read("\n".join(str(e.value) for kind in kinds for e in getattr(at, kind)))


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_the_ledger_headline_and_a_heat_map_cell(app):
    app.switch_page("pages/ledger.py").run()
    assert not app.exception, app.exception
    metrics = kpis(app)
    assert metrics["问题（个）"] == "28" and metrics["移送纪委（个）"] == "4"
    assert "整改未见效 2 个" in texts(app, "caption") and "可销号 2 个" in texts(app, "caption")
    app.session_state["ledger_heatmap"] = {"selection": {"points": [{"x": "资金使用管理", "y": "金源村"}]}}
    app.run()
    listed = app.dataframe[0].value
    assert "**金源村 · 资金使用管理**：未销号问题" in texts(app, "markdown")
    assert set(listed["村(居)/单位"]) == {"金源村"} and set(listed["整治重点"]) == {"资金使用管理"}
    assert "已销号" not in set(listed["整改状态"])


def test_a_status_change_is_made_and_logged_and_an_illegal_one_is_refused(app):
    app.switch_page("pages/ledger.py").run()
    open_ledger_conditions(app)
    app.multiselect(key="ledger_statuses").select("待整改").run()
    issue_no = app.dataframe[0].value.iloc[0]["问题编号"]
    app.session_state["ledger_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert f"{issue_no} · 待整改" in texts(app, "subheader")
    app.selectbox(key="ledger_status_form_to").select("整改中")
    app.text_input(key="ledger_status_form_note").input("已约谈村委会")
    button(app, "变更状态").click().run()
    assert not app.exception, app.exception
    app.run()  # after the form's st.rerun, AppTest sends the popover's last value once more, over a new one
    open_ledger_conditions(app)
    app.multiselect(key="ledger_statuses").set_value(["整改中"]).run()
    assert issue_no in set(app.dataframe[0].value["问题编号"])
    app.session_state["ledger_table"] = {"selection": {"rows": [list(app.dataframe[0].value["问题编号"]).index(issue_no)],
                                                       "columns": []}}
    app.run()
    log = app.dataframe[2].value
    assert list(log.iloc[-1][["操作人", "操作", "原状态", "新状态", "说明"]]) == ["本机用户", "状态变更", "待整改", "整改中",
                                                                         "已约谈村委会"]


def test_closing_without_evidence_is_refused_with_a_message(app):
    app.switch_page("pages/ledger.py").run()
    open_ledger_conditions(app)
    app.multiselect(key="ledger_statuses").select("已整改待销号").run()
    app.session_state["ledger_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    app.selectbox(key="ledger_status_form_to").select("已销号")
    button(app, "变更状态").click().run()
    assert "销号需要填写销号日期和佐证材料" in texts(app, "error")


def test_a_new_issue_is_added(app):
    app.switch_page("pages/ledger.py").run()
    app.session_state["ledger_new_open"] = True  # the form is drawn only when its expander is opened
    app.run()
    # values typed into a form are sent with its submit button, in the same run
    app.selectbox(key="ledger_new_form_village").select("冬笋村")
    app.selectbox(key="ledger_new_form_focus").select("工作保障")
    app.text_area(key="ledger_new_form_description").input("低保档案缺少民主评议记录")
    button(app, "保存为新问题").click().run()
    assert not app.exception, app.exception
    assert any("已新增问题 QL-2022-029" in as_read(s.value) for s in app.success)
    metrics = kpis(app)
    assert metrics["问题（个）"] == "29"


def test_recording_a_milestone_changes_its_status_and_the_progress(app):
    app.switch_page("pages/phases.py").run()
    assert not app.exception, app.exception
    assert kpis(app)["已完成事项"] == "9 / 12"
    app.session_state["phases_record_open"] = True  # the form is drawn only when its expander is opened
    app.run()
    app.selectbox(key="phases_milestone").select("各村(居)上报自查情况")
    app.selectbox(key="phases_village").select("同康村")
    app.date_input(key="phases_completed").set_value(dt.date(2022, 10, 8))
    app.text_input(key="phases_evidence").input("自查情况报告（补报）")
    button(app, "登记").click().run()
    assert not app.exception, app.exception
    assert kpis(app)["已完成事项"] == "10 / 12"


def test_completeness_shows_the_late_months(app):
    app.switch_page("pages/completeness.py").run()
    assert not app.exception, app.exception
    metrics = kpis(app)
    assert metrics["完整率"] == "100.0%" and metrics["及时率"] != "100.0%"
    late = app.dataframe[-1].value
    assert set(late["状态"]) == {"迟报"}


def test_two_findings_chosen_on_the_findings_list_become_one_pre_filled_issue(app):
    app.switch_page("pages/findings_list.py").run()
    app.multiselect(key="findings_codes").select("LATE_PAID").run()
    app.toggle(key="findings_make_issue").set_value(True).run()
    table = app.dataframe[0].value
    app.session_state["findings_issue_0_rows"] = {"selection": {"rows": [0, 1], "columns": []}}
    app.run()
    assert not app.exception, app.exception
    assert "已选 **2** 条疑点" in texts(app, "markdown")
    assert app.text_input(key="findings_issue_0_form_issue_no").value == "QL-2022-029"
    assert app.selectbox(key="findings_issue_0_form_origin").value == "信息比对"
    assert app.text_input(key="findings_issue_0_form_category").value == "拨付不及时"
    if app.selectbox(key="findings_issue_0_form_village").value is None:
        app.selectbox(key="findings_issue_0_form_village").select(table.iloc[0]["村(居)"])
    button(app, "保存为新问题").click().run()
    assert not app.exception, app.exception
    assert any("已生成问题 QL-2022-029" in as_read(s.value) for s in app.success)
    app.switch_page("pages/ledger.py").run()
    assert kpis(app)["问题（个）"] == "29"


def test_in_projector_mode_the_draft_shows_masked_names_and_saves_the_real_ones(app):
    app.switch_page("pages/findings_list.py").run()
    app.toggle(key="filter_projector").set_value(True).run()
    app.multiselect(key="findings_codes").select("LATE_PAID").run()
    app.toggle(key="findings_make_issue").set_value(True).run()
    app.session_state["findings_issue_0_rows"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    shown = app.text_input(key="findings_issue_0_form_persons").value
    assert re.fullmatch(r"1人：.\*+.?", shown), shown
    if app.selectbox(key="findings_issue_0_form_village").value is None:
        app.selectbox(key="findings_issue_0_form_village").select("冬笋村")
    button(app, "保存为新问题").click().run()
    assert not app.exception, app.exception
    from ui.frame import open_store
    saved = open_store(str(store.demo_path())).cursor().execute(
        "select persons from ledger_issue where issue_no = 'QL-2022-029'").fetchone()[0]
    assert "*" not in saved and mask_persons(saved) == shown


def test_the_overview_shows_the_ledger_and_phase_and_builds_the_meeting_pack(app):
    app.switch_page("pages/overview.py").run()
    metrics = kpis(app)
    assert metrics["台账未销号（个）"] == "20" and metrics["整改未见效（个）"] == "2"
    assert metrics["当前阶段"] == "总结深化" and metrics["整治总体进度"] == "75%"
    app.session_state["overview_pack_open"] = True  # its controls are drawn only when the popover is opened
    app.run()
    app.button(key="meeting_build").click().run(timeout=120)
    assert not app.exception, app.exception
    labels = [b.label for b in app.get("download_button")]
    assert any(label.endswith(".xlsx") for label in labels) and any(label.endswith(".pdf") for label in labels)


def test_the_village_page_lists_its_issues_and_hands_out_its_rectification_list(app):
    app.switch_page("pages/village.py").run()
    app.selectbox(key="village_choice").select("金源村").run()
    assert not app.exception, app.exception
    assert "问题台账（本村）" in texts(app, "subheader")
    assert "由疑点生成的问题复核：整改未见效 **1** 个" in texts(app, "markdown")
    app.session_state["village_list_open"] = True  # the list's expander is drawn only when opened
    app.run()
    assert any(b.label == "下载本村整改清单（.xlsx）" for b in app.get("download_button"))


def test_a_finding_judged_untrue_on_the_list_leaves_the_headline_and_the_overview(app, tmp_path):
    app.switch_page("pages/overview.py").run()
    before = kpis(app)
    app.switch_page("pages/findings_list.py").run()
    assert "已核实不属实" not in " ".join(e.label for e in app.expander)
    app.session_state["findings_verify_open"] = True  # the form is drawn only when its expander is opened
    app.run()
    choice = app.selectbox(key="findings_verify_finding")
    choice.set_value(choice.value)
    app.radio(key="findings_verify_result").set_value("不属实")
    app.text_area(key="findings_verify_note").input("入户核实：该月已按时到账，系发放系统日期有误")
    next(b for b in app.button if b.label == "保存核实结论").click().run()
    assert not app.exception, app.exception
    app.run()
    assert any("已核实不属实（1 条" in e.label for e in app.expander)
    app.switch_page("pages/overview.py").run()
    after = kpis(app)
    assert int(after["疑点（条）"].replace(",", "")) == int(before["疑点（条）"].replace(",", "")) - 1
    log = audit.entries(store.connect(tmp_path / "real.duckdb"), action=audit.VERIFY)  # the real store's log
    assert len(log) == 1 and "不属实" in log.iloc[0]["detail"]

