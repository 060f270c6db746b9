"""总览's table of persons covered per program."""
from __future__ import annotations

import pandas as pd

from analytics.analysis import overview


def test_the_persons_covered_per_program_are_shown_under_chinese_headers():
    covered = pd.DataFrame({"program": ["低保"], "persons": [3], "households": [2], "approved": [1200.0]})
    shown = overview.covered_shown(covered)
    assert list(shown.columns) == ["救助类别", "人数", "户数", "核定金额(元)"]
    assert shown.iloc[0].tolist() == ["低保", 3, 2, 1200.0]


def test_the_month_s_payments_are_those_it_is_for(fresh_db):
    import datetime as dt

    from analytics.core.filters import Filters
    from conftest import person
    from test_findings import Rows
    rows, june = Rows(fresh_db), dt.date(2022, 6, 1)
    rows.payment(person(1), "特困供养", 6, "932")
    rows.payment(person(2), "特困供养", 7, "932", paid_for=june)   # June's money listed under July
    rows.payment(person(3), "特困供养", 7, "932")                  # July's
    assert overview.paid(fresh_db, Filters(), june) == (2, 1864.0)
