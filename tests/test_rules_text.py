"""规则说明 comes from the one code table: every code says what it checks, on which data, its basis in the campaign
plan, and what 缺少数据 means for it; the explainer is where codes are shown and on its own page."""
import re
from pathlib import Path

import pytest

from analytics.core.contract import DATASETS
from analytics.findings.codes import CODES

# the campaign plan, in the shared/ folder beside the checkout (as on the developers' machines and in CI)
PLAN = Path(__file__).resolve().parents[2] / "shared" / "policy" / "qinglong-2022-36.txt"


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_every_code_explains_itself(code):
    assert len(code.checks) >= 15 and code.checks.endswith("。")
    assert re.match(r"[三四]（[一二三四]）", code.basis), code.basis
    assert code.data_text == "、".join(DATASETS[kind].label for kind in code.needs)
    assert all(DATASETS[kind].label in code.missing_text for kind in code.needs) and "缺少数据" in code.missing_text


@pytest.mark.skipif(not PLAN.exists(), reason="the campaign plan's text is not on this machine")
def test_every_basis_names_a_heading_of_the_plan():
    plan = PLAN.read_text(encoding="utf-8")
    for code in CODES:
        heading = code.basis.split("：")[0][1:]  # （一）政策执行 → its heading in 三、整治重点 or 四、工作措施
        assert heading.split("）")[0] + "）" in plan and heading.split("）")[1][:2] in plan, code.code


@pytest.mark.parametrize("page", ["pages/findings_list.py", "pages/village.py", "pages/overview.py"])
def test_the_pages_that_show_codes_offer_the_explainer(page):
    assert "rules.explain(" in (Path(__file__).parent.parent / page).read_text(encoding="utf-8")
