"""How each expected monthly payment went (资金发放, 总览's 欠付 and 按时发放率), on real payment practice: 所属期, payments
files that have not come, undated 一卡通 rows, payments after the analysis date and 低保 paid to a household member."""
from __future__ import annotations

import datetime as dt

from analytics.analysis import payouts
from analytics.core.contract import NO_PAYMENTS_FILE, NOT_PAID, ON_TIME, PAID_LATE, PAID_UNDATED
from analytics.core.filters import Filters
from conftest import person
from test_findings import Rows

A, B, C, D, E, F, G, H = (person(n) for n in range(1, 9))
JUNE = dt.date(2022, 6, 1)


def outcomes(con, config, as_of: dt.date) -> dict:
    frame = payouts.outcomes(con, Filters(as_of=as_of), config)
    frame = frame[frame["period"].dt.date == JUNE]
    return frame.groupby(["village", "outcome"])["payments"].sum().to_dict()


def test_each_june_payment_is_judged_as_it_was_really_paid(fresh_db, config):
    rows = Rows(fresh_db)
    for pid in (A, B, C, D, F):
        rows.roster(pid, "特困供养", 6)
    rows.roster(E, "特困供养", 6, village="金源村")                # 金源村's payments file never came
    rows.roster(G, "低保", 6, "900", head_id=G, household_id="低保01")
    rows.roster(H, "低保", 6, None, head_id=G, household_id="低保01")
    rows.payment(A, "特困供养", 6)                                  # on time
    rows.payment(B, "特困供养", 6, paid_date=dt.date(2022, 7, 2))   # late
    rows.payment(C, "特困供养", 6, paid_date=None)                  # a 一卡通 清册 row: paid, no date
    rows.payment(F, "特困供养", 7, paid_date=dt.date(2022, 7, 5), paid_for=JUNE)  # June's money in July's file
    rows.payment(H, "低保", 6, "900")                               # the household's money on the spouse's card
    july_end = dt.date(2022, 7, 31)
    assert outcomes(fresh_db, config, july_end) == {
        ("冬笋村", ON_TIME): 2, ("冬笋村", PAID_LATE): 2, ("冬笋村", PAID_UNDATED): 1, ("冬笋村", NOT_PAID): 1,
        ("金源村", NO_PAYMENTS_FILE): 1}
    headline = payouts.headline(payouts.outcomes(fresh_db, Filters(as_of=july_end), config))
    assert (headline["unpaid"], headline["late"], headline["not_judged"]) == (1, 2, 1)
    assert headline["on_time_rate"] == 2 / 5  # the undated and the unjudged are left out
    assert "另有 1 笔应发所属月份未上传发放数据" in payouts.unpaid_help(headline)
    # at the end of June, B's and F's later payments were not made yet
    assert outcomes(fresh_db, config, dt.date(2022, 6, 30))[("冬笋村", NOT_PAID)] == 3
