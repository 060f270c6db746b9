"""analytics.core.values: what counts as missing or blank, plain values, and dates and months as text."""
import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from analytics.core.values import blank, date_text, missing, month_label, period_text, plain

DAY = dt.date(2022, 1, 5)


@pytest.mark.parametrize(("value", "is_missing", "is_blank"), [
    (None, True, True),
    (float("nan"), True, True),
    (np.float64("nan"), True, True),
    (pd.NaT, True, True),
    (pd.NA, True, True),
    ("", False, True),
    ("  ", False, True),
    ("nan", False, False),
    ("冬笋村", False, False),
    (0, False, False),
    (Decimal("0"), False, False),
    (False, False, False),
    (DAY, False, False),
    ([], False, False),
    (["a"], False, False),
])
def test_missing_and_blank(value, is_missing, is_blank):
    assert missing(value) is is_missing
    assert blank(value) is is_blank


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    (float("nan"), None),
    (pd.NaT, None),
    (pd.Timestamp("2022-01-05 13:00"), DAY),
    (np.int64(3), 3),
    (np.float64(2.5), 2.5),
    (np.bool_(True), True),
    ("  text ", "  text "),
    (Decimal("1.50"), Decimal("1.50")),
    (DAY, DAY),
])
def test_plain_gives_python_values(value, expected):
    result = plain(value)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(("value", "day", "month"), [
    (DAY, "2022-01-05", "2022-01"),
    (pd.Timestamp("2022-11-30"), "2022-11-30", "2022-11"),
    (None, "", ""),
    (pd.NaT, "", ""),
])
def test_dates_and_periods_as_text(value, day, month):
    assert date_text(value) == day
    assert period_text(value) == month


def test_a_missing_date_can_read_as_a_dash_or_none():
    assert period_text(None, "—") == "—"
    assert date_text(pd.NaT, if_missing=None) is None


@pytest.mark.parametrize(("month", "label"), [
    (dt.date(2022, 1, 1), "2022年1月"),
    (dt.date(2022, 12, 1), "2022年12月"),
    (pd.Timestamp("2023-09-01"), "2023年9月"),
])
def test_month_label_as_people_say_it(month, label):
    assert month_label(month) == label
