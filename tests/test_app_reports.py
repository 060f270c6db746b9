"""The pages issue 21 touched, through AppTest on the sample town: 总览's 动态管理 rates, 资金发放's reconciliation and
阶段进度's one report per phase."""
import datetime as dt
import io

import docx
import pytest

from analytics.access.scope import ADMIN, Scope
from analytics.analysis import dynamics, reconcile
from analytics.core import store
from analytics.core.filters import Filters
from analytics.reports import rectification_docx
from conftest import app_on, kpis
from ui.tables import money


@pytest.fixture
def app(tmp_path, monkeypatch, sample_town_file):
    with app_on(tmp_path, monkeypatch, sample_town_file, sample=True) as at:
        yield at


def test_the_overview_shows_each_rate_with_its_definition(app, config, sample_town_file):
    app.switch_page("pages/overview.py").run()
    assert not app.exception, app.exception
    shown = kpis(app)
    con = store.connect(sample_town_file)
    expected = dynamics.rates(con, config, Filters(as_of=dt.date(2022, 12, 31)), dt.date(2022, 12, 31))
    con.close()
    assert {r.label: shown[r.label] for r in expected} == {r.label: r.shown for r in expected}
    assert shown["保障面"].endswith("%") and shown["人均补差"].endswith("元")
    html = "".join(m.value for m in app.markdown if 'class="kpi-row"' in m.value)
    assert "户籍人口" in html and "应退未退" in html   # the definitions ride along as help text


def test_the_payment_page_reconciles_the_money(app, sample_town_file):
    app.switch_page("pages/payouts.py").run()
    app.session_state["payouts_section"] = "资金对账"
    app.run()
    assert not app.exception, app.exception
    con = store.connect(sample_town_file)
    totals = reconcile.totals(reconcile.months(con, Filters()))
    con.close()
    shown = kpis(app)
    assert shown["区拨付"] == money(totals["transferred"]) and shown["结余"] == money(totals["balance"])
    assert app.get("plotly_chart") and any("<th>区拨付</th>" in m.value for m in app.markdown)


def test_the_phase_page_offers_one_report_per_phase(app, config, sample_town_file):
    app.switch_page("pages/phases.py").run()
    assert not app.exception, app.exception
    labels = [b.label for b in app.get("download_button")]
    assert [label.split("（")[0] for label in labels] == [p.name for p in config.phases]
    assert "自查自纠（截至 2022-09-25）" in labels
    con = store.connect(sample_town_file)
    data = rectification_docx.for_phase(con, config, scope=Scope("测试", ADMIN), phase="自查自纠", sample=True)
    con.close()
    assert "一、基本情况" in "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
