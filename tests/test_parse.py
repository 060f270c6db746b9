"""Dates, months, amounts and counts in every spelling real exports use; a bad cell gives a Chinese reason, never raises."""
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from analytics.importing.parse import EXCEL_EPOCH, month_end, parse_amount, parse_as, parse_date, parse_int, period_in_text

JUNE_1 = dt.date(2022, 6, 1)


@pytest.mark.parametrize("cell", ["2022/6/1", "2022/06/01", "2022-06-01", "2022-6-1", "2022年6月1日", "2022 年 6 月 1 日",
                                  "2022.6.1", "2022.06.01", "20220601", 20220601, 20220601.0, "２０２２年６月１日",
                                  "'2022-06-01", " 2022-06-01 ", "2022-06-01 00:00:00", "2022/6/1 9:30"])
def test_full_date_spellings_give_the_day(cell):
    assert parse_date(cell) == ((JUNE_1, False), None)


@pytest.mark.parametrize("cell", ["2022.06", "2022.6", "202206", 202206, 202206.0, "2022年6月", "2022-06", "2022/6",
                                  "2022 年 06 月"])
def test_month_only_spellings_give_the_first_day_and_say_so(cell):
    assert parse_date(cell) == ((JUNE_1, True), None)


def test_excel_serial_number_is_a_day_since_the_1900_epoch():
    assert parse_date(44713) == ((JUNE_1, False), None)
    assert parse_date(44713.0) == ((JUNE_1, False), None)
    assert parse_date(44713.75) == ((JUNE_1, False), None)  # a time of day is dropped


def test_datetime_and_date_cells_are_taken_as_they_are():
    assert parse_date(dt.datetime(2022, 6, 1, 23, 59)) == ((JUNE_1, False), None)
    assert parse_date(JUNE_1) == ((JUNE_1, False), None)


def test_blank_cell_is_neither_date_nor_error():
    for cell in (None, "", "   ", "'"):
        assert parse_date(cell) == (None, None)


@pytest.mark.parametrize("cell", ["2022/6/31", "2022-02-29", "2022年13月", "20221301", "202213", "2022.00"])
def test_impossible_date_says_it_does_not_exist(cell):
    value, error = parse_date(cell)
    assert value is None and f"日期“{cell}”不存在" in error


@pytest.mark.parametrize("cell", ["abc", "六月", "2022", "22/6/1", "6/1/2022", "2022-06-01-01", 0, -5, 123456789])
def test_unreadable_date_gives_a_chinese_reason_with_the_accepted_spellings(cell):
    value, error = parse_date(cell)
    assert value is None
    assert "无法识别的日期" in error or "不存在" in error
    if "无法识别" in error:
        assert "2022年6月1日" in error and "202206" in error


def test_month_only_end_date_means_the_last_day_of_that_month():
    assert parse_as("end_date", "2022.06") == (dt.date(2022, 6, 30), None)
    assert parse_as("end_date", "202402") == (dt.date(2024, 2, 29), None)
    assert parse_as("end_date", "2023年2月") == (dt.date(2023, 2, 28), None)
    assert parse_as("end_date", "2022-06-15") == (dt.date(2022, 6, 15), None)


def test_month_only_start_date_means_the_first_day_of_that_month():
    assert parse_as("start_date", "2022.10") == (dt.date(2022, 10, 1), None)
    assert parse_as("start_date", "2022-10-15") == (dt.date(2022, 10, 15), None)


def test_month_kind_folds_any_day_to_the_first_of_its_month():
    assert parse_as("month", "2022-06-15") == (JUNE_1, None)
    assert parse_as("month", 44727) == (JUNE_1, None)
    assert parse_as("month", "2022年6月") == (JUNE_1, None)


def test_parse_as_passes_errors_and_blanks_through():
    assert parse_as("date", None) == (None, None)
    value, error = parse_as("end_date", "2022/6/31")
    assert value is None and "不存在" in error


@pytest.mark.parametrize("text, period", [
    ("2022年6月农村低保发放明细", JUNE_1),
    ("城保名册202206", JUNE_1),
    ("低保2022-06", JUNE_1),
    ("低保 2022.6 名册", JUNE_1),
    ("２０２２年６月", JUNE_1),
    ("名册 2022年13月 2022年7月", dt.date(2022, 7, 1)),
    ("城保名册", None),
    ("第202213期", None),
    ("编号20220615", None),
    ("农村低保人员查询_20240301", dt.date(2024, 3, 1)),
])
def test_period_in_text_finds_the_first_real_month(text, period):
    assert period_in_text(text) == period


def test_month_end_knows_leap_years():
    assert month_end(dt.date(2024, 2, 3)) == dt.date(2024, 2, 29)
    assert month_end(dt.date(2100, 2, 3)) == dt.date(2100, 2, 28)


SPELLINGS = (
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d:%Y-%m-%d}",
    lambda d: f"{d:%Y.%m.%d}",
    lambda d: f"{d:%Y%m%d}",
    lambda d: int(f"{d:%Y%m%d}"),
    lambda d: (d - EXCEL_EPOCH).days,
    lambda d: float((d - EXCEL_EPOCH).days),
    lambda d: dt.datetime(d.year, d.month, d.day, 8, 0),
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31)), st.sampled_from(range(len(SPELLINGS))))
def test_valid_dates_round_trip_through_every_spelling(day, spelling):
    assert parse_date(SPELLINGS[spelling](day)) == ((day, False), None)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       st.sampled_from(["{y}.{m:02d}", "{y}{m:02d}", "{y}年{m}月", "{y}-{m}", "{y}/{m:02d}"]))
def test_valid_months_round_trip_and_widen_to_their_ends(day, spelling):
    text = spelling.format(y=day.year, m=day.month)
    assert parse_date(text) == ((day.replace(day=1), True), None)
    assert parse_as("end_date", text) == (month_end(day), None)
    assert parse_as("start_date", text) == (day.replace(day=1), None)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.one_of(st.text(), st.text("0123456789年月日/-. 元,¥￥"), st.floats(), st.integers(-10**10, 10**10)))
def test_random_cells_never_raise_they_give_a_value_or_a_reason(cell):
    for parse in (parse_date, lambda c: parse_as("end_date", c), lambda c: parse_as("month", c), parse_amount):
        value, error = parse(cell)
        assert value is None or error is None
    if isinstance(cell, str):
        period_in_text(cell)


# amounts

@pytest.mark.parametrize("cell, amount", [
    ("932", "932.00"), ("932元", "932.00"), ("1,234.56", "1234.56"), ("1,234.56元", "1234.56"), ("￥1,234.5", "1234.50"),
    ("¥ 12", "12.00"), ("１２３", "123.00"), ("1，234", "1234.00"), ("'80", "80.00"), (" 70 元 ", "70.00"),
    (932, "932.00"), (932.0, "932.00"), (0, "0.00"), ("0", "0.00"),
])
def test_amount_spellings_give_a_decimal_with_two_places(cell, amount):
    assert parse_amount(cell) == (Decimal(amount), None)


@pytest.mark.parametrize("cell, amount", [
    ("0.005", "0.01"), ("12.345", "12.35"), ("12.344", "12.34"), ("2.675", "2.68"), (2.675, "2.68"), (932.005, "932.01"),
    (0.125, "0.13"),
])
def test_more_than_two_decimals_are_rounded_half_up(cell, amount):
    assert parse_amount(cell) == (Decimal(amount), None)


@pytest.mark.parametrize("cell", ["-5", "-0.01", -1, -932.5, "-1,234元"])
def test_negative_amount_is_rejected_with_a_reason(cell):
    value, error = parse_amount(cell)
    assert value is None and "负数" in error


@pytest.mark.parametrize("cell, reason", [("abc", "不是数字"), ("九百", "不是数字"), ("NaN", "不是数字"), (True, "不是数字"),
                                          (float("nan"), "不是数字"), (float("inf"), "不是数字"),
                                          ("1e10", "过大"), (1e12, "过大")])
def test_unreadable_or_absurd_amount_gives_a_reason(cell, reason):
    value, error = parse_amount(cell)
    assert value is None and reason in error


def test_blank_amount_is_neither_value_nor_error():
    for cell in (None, "", "  ", "元"):
        assert parse_amount(cell) == (None, None)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2),
       st.sampled_from(["{:,}", "{:,}元", "￥{:,}", "{}", "{} 元", "¥{:,}"]))
def test_formatted_amounts_round_trip_to_the_same_decimal(amount, spelling):
    assert parse_amount(spelling.format(amount)) == (amount, None)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.decimals(min_value=0, max_value=Decimal("99999999.999"), places=3))
def test_three_decimal_amounts_are_rounded_half_up_to_cents(amount):
    from decimal import ROUND_HALF_UP
    assert parse_amount(f"{amount:,}元") == (amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), None)


# counts

@pytest.mark.parametrize("cell, count", [("3", 3), ("3人", 3), ("2名", 2), ("4个", 4), ("３", 3), (3, 3), (3.0, 3), (" 5 ", 5),
                                         ("0", 0)])
def test_count_spellings_give_an_integer(cell, count):
    assert parse_int(cell) == (count, None)


@pytest.mark.parametrize("cell", ["-1", "3.5", 3.5, "三", "123456789", "abc", True])
def test_not_a_count_gives_a_reason(cell):
    value, error = parse_int(cell)
    assert value is None and "不是整数" in error


def test_blank_count_is_neither_value_nor_error():
    assert parse_int(None) == (None, None) and parse_int("") == (None, None)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 99_999_999), st.sampled_from(["{}", "{}人", " {} ", "{}名"]))
def test_counts_round_trip_through_text(count, spelling):
    assert parse_int(spelling.format(count)) == (count, None)
    assert parse_int(float(count)) == (count, None)


# Characters such as ❶ count as digits for str.isdigit() but not for int(); they are left out here
# and pinned by the xfail test below.
@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.characters(exclude_categories=("No",))))
def test_random_text_never_makes_parse_int_raise(text):
    value, error = parse_int(text)
    assert value is None or error is None


def test_dingbat_digit_in_a_count_gives_a_reason_not_an_exception():
    value, error = parse_int("❶")
    assert value is None and "不是整数" in error
