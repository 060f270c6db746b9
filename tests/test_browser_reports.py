"""In a real browser on the sample town: 阶段进度's 整改报告 button downloads a .docx that opens with its skeleton and
figures, the download is audited, and 资金发放's 资金对账 tab draws its chart and table."""
from __future__ import annotations

import io

import docx
import pytest

from analytics.access import audit
from analytics.core import store
from browser import browser_page, running_app, screenshot, settle
from conftest import sample_copy

pytestmark = pytest.mark.browser


def test_a_phase_report_downloads_from_the_page_and_is_audited(tmp_path, sample_town_file):
    path = sample_copy(sample_town_file, tmp_path)
    with running_app(path) as url, browser_page() as page:
        page.goto(f"{url}/phases")
        settle(page)
        with page.expect_download(timeout=60_000) as done:
            page.get_by_role("button", name="自查自纠（截至 2022-09-25）").click()
        assert done.value.suggested_filename == "整改报告_自查自纠_庆隆镇_20220925.docx"
        report = docx.Document(io.BytesIO(done.value.path().read_bytes()))
        text = "\n".join(p.text for p in report.paragraphs)
        assert "一、基本情况" in text and "截至 2022-09-25" in text
        assert [row.cells[0].text for row in report.tables[0].rows[1:3]] == ["排查对象（户/人）", "发现问题（个）"]
        page.goto(f"{url}/payouts")
        settle(page)
        page.get_by_role("tab", name="资金对账").click()
        settle(page)
        assert page.locator(".js-plotly-plot").count() >= 1 and page.get_by_text("各月应发、实发与区拨付").count()
        screenshot(page, "payouts_reconciliation")
    con = store.connect(path)
    logged = audit.entries(con, action=audit.EXPORT)
    con.close()
    assert "整改报告（自查自纠）" in " ".join(logged["detail"])
