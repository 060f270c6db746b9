"""核实 on the pages (AppTest, on a private copy of the sample town): a finding judged 不属实 on 疑点清单 leaves the
headline and 总览, and is listed under 已核实不属实 (who may verify: tests/test_verification.py)."""
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.access import audit
from analytics.core import store
from conftest import as_read, kpis


@pytest.fixture
def app(tmp_path, monkeypatch, sample_town_file):
    path = tmp_path / "demo.duckdb"
    shutil.copy(sample_town_file, path)
    monkeypatch.setenv("JIUZHU_DB", str(tmp_path / "real.duckdb"))
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state["using_sample"] = True
    at.run()
    yield at
    st.cache_resource.clear()


def markdown(at) -> str:
    return as_read("\n".join(str(m.value) for m in at.markdown))


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
    log = audit.entries(store.connect(tmp_path / "real.duckdb"), action=audit.VERIFY)
    assert len(log) == 1 and "不属实" in log.iloc[0]["detail"]

