"""覆盖缺口's tables as the page shows them, built from a few findings made in code."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.access.privacy import Privacy
from analytics.analysis import coverage, payouts
from analytics.findings.export import LABELS

A, B = "330102195001010011", "330102195002020022"


def findings(*rows: dict) -> pd.DataFrame:
    """Findings with every column the tables read, None where a row does not say."""
    return pd.DataFrame([{column: row.get(column) for column in LABELS} for row in rows], columns=list(LABELS))


def test_the_should_exit_summary_counts_findings_persons_and_money_per_finding_under_chinese_headers():
    exits = findings({"code": "DEATH_PAID", "title": "死亡后仍发放", "person_id": A, "amount": 300.0},
                     {"code": "DEATH_PAID", "title": "死亡后仍发放", "person_id": A, "amount": 200.0},
                     {"code": "INACTIVE_PAID", "title": "停保后仍发放", "person_id": B, "amount": 100.0})
    shown = coverage.should_exit_shown(exits)
    assert list(shown.columns) == ["疑点", "疑点（条）", "对象（人）", "涉及金额(元)"]
    assert shown.values.tolist() == [["停保后仍发放", 1, 1, 100.0], ["死亡后仍发放", 2, 1, 500.0]]


def test_no_findings_make_an_empty_summary_with_the_same_headers():
    assert list(coverage.should_exit_shown(findings()).columns) == ["疑点", "疑点（条）", "对象（人）", "涉及金额(元)"]


def test_the_persons_maybe_missed_show_five_columns_with_the_id_masked():
    missed = findings({"code": "MISSED_ELIGIBLE", "village": "冬笋村", "person_id": A, "name": "张三",
                       "program": "高龄津贴", "period": dt.date(2022, 9, 1), "explanation": "年满80周岁未享受"})
    shown = coverage.missed_shown(missed, Privacy())
    assert list(shown.columns) == ["村(居)", "姓名", "身份证号", "救助类别", "说明"]
    assert shown.iloc[0]["姓名"] == "张三" and shown.iloc[0]["身份证号"] != A
    assert coverage.missed_shown(missed, Privacy(projector=True)).iloc[0]["姓名"] != "张三"


def test_a_chart_leaves_villages_out_only_when_there_are_more_than_it_draws():
    rows = pd.DataFrame({"village": ["冬笋村", "金源村", "金源村", "同康村"]})
    assert payouts.more_villages_than_drawn(rows, 2)
    assert not payouts.more_villages_than_drawn(rows, 3)
