"""Every page renders through AppTest on an empty store, and the upload flow plans, reports and commits."""
import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.core import store
from ui.frame import PAGES
from conftest import PAYMENT_HEADER, as_read, kpis, payment_rows, person, sample_copy, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("JIUZHU_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(tmp_path / "demo.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file("../app.py", default_timeout=60)
    yield at
    st.cache_resource.clear()


def shown_text(at):
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "warning", "error", "success", "subheader")
             for e in getattr(at, kind)]
    return as_read("\n".join(str(p) for p in parts))


@pytest.mark.parametrize("script", [p[1] for p in PAGES])
def test_every_page_renders_on_an_empty_store(app, script):
    app.run()
    app.switch_page(script).run()
    assert not app.exception, app.exception
    assert app.title[0].value == next(p[2] for p in PAGES if p[1] == script)


def test_the_landing_page_says_what_to_upload_on_an_empty_store(app):
    app.run()
    assert "还没有数据" in shown_text(app)
    assert any(b.label == "载入示例数据" for b in app.button)


def test_upload_shows_the_validation_report_before_committing(app):
    bad = [9, "坏行", person(9)[:16] + "00", "特困供养", "932", "2022-06-20", "冬笋村"]
    data = xlsx_bytes(("发放", [["2022年6月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(3), bad]))
    app.run()
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_files").upload("6月发放.xlsx", data, XLSX).run()
    assert not app.exception, app.exception
    metrics = kpis(app)
    assert "资金发放明细" in app.markdown[0].value and "2022-06" in app.markdown[0].value
    assert (metrics["有效行数"], metrics["隔离行数"]) == ("3", "1")
    problems = app.dataframe[0].value
    assert list(problems.columns) == ["级别", "工作表", "行号", "列", "值", "问题与改法"]
    assert problems.iloc[0]["行号"] == 6

    app.button(key="upload_commit").click().run()
    assert any("已导入为批次 1" in s.value for s in app.success)
    app.switch_page("pages/history.py").run()
    assert not app.exception, app.exception
    assert app.dataframe[0].value.iloc[0]["状态"] == "生效中"


def test_a_file_that_cannot_be_understood_is_refused_with_its_name(app):
    app.run()
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_files").upload("随便.xlsx", xlsx_bytes(("表", [["甲", "乙"], [1, 2]])), XLSX).run()
    assert any("随便.xlsx" in as_read(e.value) and "未导入" in e.value for e in app.error)
    assert not any(b.key == "upload_commit" for b in app.button)


def test_the_sample_loads_into_its_own_store_with_a_banner(app, tmp_path):
    app.run()
    app.switch_page("pages/home.py").run()  # AppTest keeps widget ids stable once a page is chosen explicitly
    app.button(key="home_load_sample").click().run(timeout=180)
    assert not app.exception, app.exception
    assert any("示例数据" in w.value for w in app.warning)
    assert kpis(app)["已导入的数据行"] != "0"
    assert (tmp_path / "demo.duckdb").exists()
    real = store.connect(tmp_path / "app.duckdb")
    assert real.execute("select count(*) from import_batch").fetchone()[0] == 0
    real.close()


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_town_file):
    return sample_copy(sample_town_file, tmp_path_factory.mktemp("sample"), "demo.duckdb")


@pytest.mark.parametrize("script", [p[1] for p in PAGES])
def test_every_page_renders_on_the_sample_town(app, monkeypatch, sample_store, script):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page(script).run()
    assert not app.exception, app.exception
    assert any("示例数据" in w.value for w in app.warning)


@pytest.mark.parametrize("script", [p[1] for p in PAGES])
def test_every_page_renders_when_the_filters_select_nothing(app, monkeypatch, sample_store, script):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page(script).run()
    open_more_filters(app)
    app.multiselect(key="filter_programs").select("临时救助").run()
    app.multiselect(key="filter_villages").select("同康村").run()
    app.select_slider(key="filter_months").set_range(dt.date(2022, 1, 1), dt.date(2022, 1, 1)).run()
    assert not app.exception, app.exception


def test_upload_asks_for_the_month_when_the_file_does_not_say(app):
    header = ["身份证号", "姓名", "村(居)", "救助类别", "保障金额"]
    data = xlsx_bytes(("名册", [header, [person(1), "甲", "冬笋村", "特困供养", "932"]]))
    app.run()
    app.switch_page("pages/upload.py").run()
    app.file_uploader(key="upload_files").upload("特困名册.xlsx", data, XLSX).run()
    assert any("所属月份" in w.value for w in app.warning)
    app.text_input(key="upload_need_特困名册.xlsx").input("2022-06").run()
    assert not app.exception, app.exception
    assert "2022-06" in app.markdown[0].value and "救助对象名册" in app.markdown[0].value
    app.button(key="upload_commit").click().run()
    assert any("已导入为批次 1" in s.value for s in app.success)


def test_a_bad_configuration_stops_the_app_with_the_key_named(app, tmp_path, monkeypatch):
    bad = tmp_path / "config.toml"
    bad.write_text((store.ROOT / "config.toml").read_text(encoding="utf-8").replace("due_day = 28", "due_dya = 28"),
                   encoding="utf-8")
    monkeypatch.setenv("JIUZHU_CONFIG", str(bad))
    app.run()
    assert any("rules.due_dya" in e.value for e in app.error)
    assert not app.exception


def test_a_store_another_dashboard_holds_is_said_in_chinese(app, tmp_path):
    import subprocess
    import sys
    held = tmp_path / "app.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(held)!r}); "
                                                     "print('ready', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)  # a second start of the dashboard finds it held
    try:
        assert holder.stdout.readline().strip() == "ready"
        app.run()
    finally:
        holder.kill()
        holder.wait()
    assert not app.exception
    assert any("正被另一个程序（如正在运行的看板）使用" in e.value for e in app.error)


def test_findings_are_recomputed_for_another_as_of_date_on_demand(app, monkeypatch, sample_store, tmp_path):
    import shutil
    copy = tmp_path / "copy.duckdb"
    shutil.copy(sample_store, copy)
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(copy))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page("pages/overview.py").run()
    open_more_filters(app)
    app.date_input(key="filter_as_of").set_value(dt.date(2022, 6, 30)).run()
    assert any("2022-06-30" in i.value for i in app.info)
    app.button(key="frame_refresh_findings").click().run()
    assert not app.exception, app.exception
    assert not any("重新计算" in b.label for b in app.button)
    con = store.connect(copy)
    assert con.execute("select distinct as_of from finding_status").fetchall() == [(dt.date(2022, 6, 30),)]
    con.close()


def test_a_click_on_a_village_bar_opens_that_village(app, monkeypatch, sample_store):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page("pages/overview.py").run()
    app.session_state["overview_villages"] = {"selection": {"points": [{"x": "金源村", "y": 6}]}}
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "村(居)详情"
    assert app.query_params["village"] == "金源村"  # not the page's default, the first village


def test_a_click_on_a_matrix_cell_lists_the_persons_in_both_programs(app, monkeypatch, sample_store):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page("pages/coverage.py").run()
    app.session_state["coverage_section"] = "重复享受"  # the page draws one section (tab) at a time
    app.session_state["coverage_matrix"] = {"selection": {"points": [{"x": "低保", "y": "特困供养", "z": 1}]}}
    app.run()
    assert not app.exception, app.exception
    assert any("特困供养 × 低保" in m.value for m in app.markdown), [m.value for m in app.markdown]


def test_an_import_reaches_pages_whose_filters_did_not_change(app):
    """The analysis results are cached per data version (ui/cache.py): a second file for the same month changes
    neither the months nor the as-of date, so only the version can tell the data overview to recompute."""
    def upload(name, rows):
        app.switch_page("pages/upload.py").run()
        data = xlsx_bytes(("发放", [["2022年6月特困供养发放明细"], PAYMENT_HEADER, *rows]))
        app.file_uploader(key="upload_files").upload(name, data, XLSX).run()
        app.button(key="upload_commit").click().run()
        app.switch_page("pages/data_overview.py").run()
        assert not app.exception, app.exception
        return set(app.dataframe[0].value["村(居)"])

    app.run()
    assert upload("冬笋村6月发放.xlsx", payment_rows(3)) == {"冬笋村"}
    assert upload("金源村6月发放.xlsx", payment_rows(2, village="金源村", start=10)) == {"冬笋村", "金源村"}



TABS = {("pages/coverage.py", "coverage_section"): ("应退未退", "重复享受", "疑似漏保", "在保人数的变化"),
        ("pages/payouts.py", "payouts_section"): ("按时发放", "各村(居)按时发放率", "资金对账", "金额不符与低于标准",
                                                   "资金安全风险"),
        ("pages/ledger.py", "ledger_chart"): ("未销号问题分布", "已销号问题分布", "全部问题分布", "整改期限",
                                               "涉及与追回金额")}
SECTIONS = [(script, key, section) for (script, key), sections in TABS.items() for section in sections]


@pytest.mark.parametrize("script, key, section", SECTIONS)
def test_every_section_of_a_tabbed_page_renders_on_the_sample_town_and_when_the_filters_select_nothing(
        app, monkeypatch, sample_store, script, key, section):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    app.switch_page(script).run()
    app.session_state[key] = section  # one section (tab) is drawn at a time
    app.run()
    assert not app.exception, app.exception
    assert app.dataframe or app.get("plotly_chart"), "the section draws its table or chart"
    app.multiselect(key="filter_villages").select("同康村").run()
    open_more_filters(app)
    app.select_slider(key="filter_months").set_range(dt.date(2022, 1, 1), dt.date(2022, 1, 1)).run()
    assert not app.exception, app.exception


def open_more_filters(app) -> None:
    """救助类别, 月份范围 and 分析日期 are drawn only while the sidebar's expander is open."""
    app.session_state["filter_more_open"] = True
    app.run()


def more_filters(app) -> tuple[str, list[str]]:
    """The line saying the filters in the expander, and the keys of the widgets drawn in the sidebar."""
    label = next(c.value for c in app.sidebar.caption if "截至" in c.value)
    drawn = [w.key for kind in ("multiselect", "select_slider", "date_input") for w in getattr(app.sidebar, kind)]
    return label, drawn


def test_the_filters_in_the_closed_expander_keep_their_values_across_pages_and_say_them(app, monkeypatch,
                                                                                      sample_store):
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(sample_store))
    app.session_state["using_sample"] = True
    app.run()
    label, drawn = more_filters(app)
    assert label.startswith("全部救助类别 · 2022年1月—2022年12月 · 截至 2022-12-31"), label
    assert drawn == ["filter_villages"], "closed: only 村(居) is drawn"
    app.switch_page("pages/findings_list.py").run()
    everything = len(app.dataframe[0].value)
    open_more_filters(app)
    app.multiselect(key="filter_programs").select("低保").run()
    app.select_slider(key="filter_months").set_range(dt.date(2022, 3, 1), dt.date(2022, 6, 1)).run()
    app.date_input(key="filter_as_of").set_value(dt.date(2022, 6, 30)).run()
    narrowed = len(app.dataframe[0].value)
    assert narrowed < everything
    app.session_state["filter_more_open"] = False
    app.switch_page("pages/overview.py").run()
    app.switch_page("pages/findings_list.py").run()
    label, drawn = more_filters(app)
    assert drawn == ["filter_villages"]
    assert label == "低保 · 2022年3月—2022年6月 · 截至 2022-06-30", label
    assert len(app.dataframe[0].value) == narrowed, "the closed filters still apply on every page"
    open_more_filters(app)
    assert app.multiselect(key="filter_programs").value == ["低保"]
    assert app.date_input(key="filter_as_of").value == dt.date(2022, 6, 30)
