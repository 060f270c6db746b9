"""The findings as tables and pages split them: the findings per 整治重点."""
from __future__ import annotations

import pandas as pd

from analytics.findings import view

A, B = "330102195001010011", "330102195002020022"


def found(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """Findings of (person, 整治重点, amount), on an index that is not 0, 1, 2 as a narrowed list's would not be."""
    return pd.DataFrame(rows, columns=["person_id", "focus", "amount"], index=[10 + 2 * i for i in range(len(rows))])


def test_findings_are_split_per_focus_in_the_codes_order_keeping_their_index_and_leaving_out_empty_focuses():
    parts = view.by_focus(found((A, "政策执行", 1.0), (B, "资金使用管理", 2.0), (B, "政策执行", 3.0)))
    assert list(parts) == ["资金使用管理", "政策执行"]  # the codes' order, not the campaign plan's
    assert parts["政策执行"].index.tolist() == [10, 14] and parts["资金使用管理"].index.tolist() == [12]
