"""In a real browser on the sample town: a finding judged 不属实 on 疑点清单, with a note, leaves 总览's count and is
listed under 已核实不属实."""
from __future__ import annotations

import re

import pytest

from browser import browser_page, running_app, screenshot, settle
from conftest import sample_copy

pytestmark = pytest.mark.browser
NOTE = "入户核实：该对象当月已到账，系系统日期有误"


def findings_count(page) -> int:
    """总览's 疑点（条） card as drawn."""
    card = page.locator(".kpi", has=page.locator(".kpi-label", has_text=re.compile(r"^疑点（条）$")))
    return int(card.locator(".kpi-value").inner_text().replace(",", ""))


def test_a_finding_judged_untrue_leaves_the_overview_and_is_listed_apart(tmp_path, sample_town_file):
    db = sample_copy(sample_town_file, tmp_path)
    with running_app(db) as url, browser_page() as page:
        page.goto(f"{url}/overview")
        settle(page)
        before = findings_count(page)

        page.goto(f"{url}/findings_list")
        settle(page)
        page.get_by_text("登记核实结论", exact=True).click()
        settle(page)
        page.get_by_text("不属实", exact=True).click()
        page.get_by_label("核实情况说明").fill(NOTE)
        page.get_by_role("button", name="保存核实结论").click()
        settle(page)
        page.get_by_text(re.compile(r"已核实不属实（1 条")).click()
        settle(page)
        main = page.inner_text('[data-testid="stMain"]')
        screenshot(page, "verify-dismissed")
        assert "Traceback" not in main and "已核实不属实（1 条，不计入任何统计）" in main

        page.goto(f"{url}/overview")
        settle(page)
        assert findings_count(page) == before - 1
        screenshot(page, "verify-overview")
