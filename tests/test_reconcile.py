"""The monthly money reconciliation: 应发, 实发, 区拨付, 退回 and 结余 against sums worked out by hand."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from analytics.analysis import reconcile
from analytics.core.filters import Filters
from test_findings import A, B, C, Rows, m


@pytest.fixture
def money(fresh_db):
    rows = Rows(fresh_db)
    for month in (6, 7):
        rows.roster(A, "特困供养", month)                                   # 932
        rows.roster(B, "特困供养", month, village="金源村")                 # 932
        rows.roster(C, "高龄津贴", month, "100")
    rows.roster(C, "高龄津贴", 8, "100", status="退出")                     # inactive: nothing due
    rows.payment(A, "特困供养", 6)
    rows.payment(B, "特困供养", 6, village="金源村")
    rows.payment(A, "特困供养", 7)                                          # B unpaid in July
    rows.payment(C, "高龄津贴", 6, "100")
    rows.payment(C, "高龄津贴", 7, "0")                                     # a 0.00 row is no payment
    rows.payment(C, "高龄津贴", 8, "20", paid_for=m(6), note="补发2022年6月")  # back pay: June's money, not August's
    rows.add("transfers", period=m(6), program="特困供养", amount=Decimal("2000"), returned=Decimal("50"))
    rows.add("transfers", period=m(7), program="特困供养", amount=Decimal("1500"))
    return fresh_db


def test_each_program_and_month_against_hand_sums(money):
    frame = reconcile.months(money, Filters())
    frame = frame.assign(period=frame["period"].dt.date).set_index(["program", "period"])
    june, july = frame.loc[("特困供养", m(6))], frame.loc[("特困供养", m(7))]
    assert (june.expected, june.paid, june.unpaid) == (1864, 1864, 0)
    assert (june.transferred, june.returned, june.balance) == (2000, 50, 2000 - 1864 - 50)
    assert (july.expected, july.paid, july.unpaid, july.balance) == (1864, 932, 932, 1500 - 932)
    assert frame.loc[("高龄津贴", m(6))].paid == 120 and ("高龄津贴", m(8)) not in frame.index
    aged = frame.loc[("高龄津贴", m(7))]
    assert (aged.expected, aged.paid) == (100, 0) and pd.isna(aged.transferred)  # no transfer: blank, not 0
    assert pd.isna(aged.payments)                                   # the 0.00 row is not counted as a payment


def test_totals_and_a_village_leave_the_town_transfer_out(money):
    totals = reconcile.totals(reconcile.months(money, Filters()))
    assert totals == {"expected": 1864 * 2 + 200, "paid": 1864 + 932 + 120, "transferred": 3500, "returned": 50,
                      "balance": 3500 - 1864 - 932 - 50}
    village = reconcile.months(money, Filters(villages=("金源村",)))
    assert list(village["expected"]) == [932, 932] and list(village["paid"]) == [932, 0]
    assert village["transferred"].isna().all()
    shown = reconcile.shown(reconcile.months(money, Filters()))
    assert list(shown.columns[:3]) == ["月份", "救助类别", "应发人数"] and shown.iloc[0]["月份"] == "2022年6月"


def test_the_month_filter_narrows_the_transfer_too(money):
    frame = reconcile.months(money, Filters(month_from=dt.date(2022, 7, 1), month_to=dt.date(2022, 7, 1)))
    assert set(frame["period"].dt.month) == {7} and frame["transferred"].sum() == 1500


def test_the_chart_draws_expected_and_paid_and_the_transfer_only_where_recorded(money):
    from analytics.charts.analysis import reconciliation
    figure = reconciliation(reconcile.by_month(reconcile.months(money, Filters())))
    assert [t.name for t in figure.data] == ["应发（万元）", "实发（万元）", "区拨付（万元）"]
    assert list(figure.data[2].y) == [0.2, 0.15]
    village = reconciliation(reconcile.by_month(reconcile.months(money, Filters(villages=("金源村",)))))
    assert [t.name for t in village.data] == ["应发（万元）", "实发（万元）"]
