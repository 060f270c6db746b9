"""A village's people as 村(居)详情 lists them."""
from __future__ import annotations

import pandas as pd

from analytics.access.privacy import Privacy
from analytics.analysis import people

A = "330102195001010011"


def residents() -> pd.DataFrame:
    return pd.DataFrame([{"person_id": A, "name": "张三", "village": "冬笋村", "programs": "高龄津贴、低保",
                          "findings": 2, "amount": 150.0}])


def test_the_village_people_show_five_chinese_columns_with_the_id_masked():
    shown = people.village_people_shown(residents(), Privacy())
    assert list(shown.columns) == ["姓名", "身份证号", "救助类别", "疑点（条）", "涉及金额(元)"]
    assert shown.iloc[0].tolist()[0::2] == ["张三", "高龄津贴、低保", 150.0]
    assert shown.iloc[0]["身份证号"] != A


def test_projector_mode_masks_the_names_too():
    assert people.village_people_shown(residents(), Privacy(projector=True)).iloc[0]["姓名"] != "张三"
