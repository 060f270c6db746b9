"""Properties of the three cell checkers every imported row goes through: the resident-ID normaliser and validator
(analytics.importing.ids), the date parser and the amount parser (analytics.importing.parse).

For any input: a valid value comes back as itself, an invalid one comes back as None with a Chinese reason, and nothing
raises. The spelling-by-spelling round trips live next to each module's examples (test_ids.py, test_parse.py); here are
the properties over arbitrary cells. Examples are few and derandomised so the file runs in a few seconds.
"""
import datetime as dt
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings, strategies as st

from analytics.importing import ids
from analytics.importing.parse import CENT, parse_amount, parse_as, parse_date
from test_ids import one_by_one

FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None)

# what a spreadsheet cell can hold, as python-calamine and the CSV reader hand it over, and then some
CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.text("0123456789Xx -'/.年月日元,，¥", max_size=25),
    st.decimals(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
)
BIRTHS = st.dates(dt.date(1900, 1, 1), dt.date(2023, 12, 31))
AREAS = st.sampled_from(["500224", "500151", "110105", "440524", "650102"])
IDS = st.builds(ids.make_id, AREAS, BIRTHS, st.integers(0, 999))


def chinese(reason: object) -> bool:
    return isinstance(reason, str) and any("\u4e00" <= ch <= "\u9fff" for ch in reason)


# resident IDs

@FAST
@given(CELLS)
def test_any_cell_gives_a_valid_id_or_a_chinese_reason_and_never_raises(cell):
    value, error, _ = ids.check_person_id(cell)
    if value is not None:
        assert error is None and len(value) == 18 and ids.check_char(value[:17]) == value[17]
        assert ids.check_person_id(value) == (value, None, None)  # a normalised ID is a fixed point
    elif cell not in (None, ""):
        assert chinese(error), (cell, error)


@FAST
@given(IDS, st.lists(st.tuples(st.integers(0, 18), st.sampled_from([" ", "\u3000", "'", "‘", "\t", "\xa0"])),
                     max_size=4), st.booleans(), st.booleans())
def test_spaces_apostrophes_full_width_and_lowercase_x_normalise_to_the_same_id(valid, noise, wide, lower):
    text = valid
    for position, mark in sorted(noise, reverse=True):
        text = text[:position] + mark + text[position:]
    if wide:
        text = text.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    if lower:
        text = text.lower()
    assert ids.normalise(text) == valid == ids.normalise(ids.normalise(text))
    assert ids.check_person_id(text) == (valid, None, None)


@FAST
@given(IDS, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_changed_is_rejected_with_a_reason(valid, position, char):
    """ISO 7064 MOD 11-2 catches every single substitution: no typo of one character passes as another person."""
    changed = valid[:position] + char + valid[position + 1:]
    value, error, _ = ids.check_person_id(changed)
    if changed == valid:
        assert (value, error) == (valid, None)
    else:
        assert value is None and chinese(error)


@FAST
@given(IDS, st.integers(0, 16))
def test_any_two_neighbouring_characters_swapped_are_rejected(valid, position):
    swapped = valid[:position] + valid[position + 1] + valid[position] + valid[position + 2:]
    value, error, _ = ids.check_person_id(swapped)
    assert (value, error) == (valid, None) if swapped == valid else value is None and chinese(error)


@FAST
@given(AREAS, st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31)), st.integers(0, 999))
def test_a_legacy_15_digit_id_upgrades_to_the_18_digit_id_of_the_same_birth_date(area, born, sequence):
    legacy = f"{area}{born:%y%m%d}{sequence:03d}"
    upgraded = ids.make_id(area, born, sequence)
    assert ids.check_person_id(legacy) == (upgraded, None, None)
    assert ids.check_person_id(int(legacy)) == (upgraded, None, None)  # 15 digits survive being a number
    assert ids.birth_date(upgraded) == born


@FAST
@given(IDS)
def test_an_18_digit_id_stored_as_a_number_is_never_guessed(valid):
    for cell in (float(valid[:17] + "0"), f"{float(valid[:17]):.5E}", valid[:17] + ".0"):
        assert ids.check_person_id(cell) == (None, ids.NUMBER_STORED, None)


@FAST
@given(st.lists(st.one_of(CELLS, IDS), max_size=12))
def test_the_column_check_agrees_with_the_cell_check_on_any_column(cells):
    assert ids.check_person_ids(cells) == one_by_one(ids.check_person_id, cells)


@FAST
@given(st.lists(CELLS, max_size=12))
def test_any_bank_account_cell_gives_digits_or_a_chinese_reason_and_never_raises(cells):
    assert ids.check_bank_accounts(cells) == one_by_one(ids.check_bank_account, cells)
    for cell in cells:
        value, error, warning = ids.check_bank_account(cell)
        assert value is None or (value.isascii() and value.isdigit() and error is None)
        assert error is None or chinese(error)
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and value is not None:
            assert value == str(int(cell))  # a number is its own digits, never a negative or a fraction made up


# dates

SPELLED = st.sampled_from(["{y}-{m}-{d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}.{m:02d}.{d:02d}", "{y}{m:02d}{d:02d}"])


@FAST
@given(CELLS)
def test_any_cell_gives_a_date_or_a_chinese_reason_and_never_raises(cell):
    for kind in ("date", "month", "start_date", "end_date"):
        value, error = parse_as(kind, cell)
        assert value is None or error is None
        if value is None and error is None:
            assert _blank(cell), cell
        if value is not None:
            assert isinstance(value, dt.date) and (kind != "month" or value.day == 1)
        if error is not None:
            assert chinese(error)
    start, end = parse_as("start_date", cell)[0], parse_as("end_date", cell)[0]
    assert start is None or start <= end


@FAST
@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(29, 31), SPELLED)
def test_a_day_past_the_end_of_its_month_is_rejected_naming_the_cell(year, month, day, spelling):
    text = spelling.format(y=year, m=month, d=day)
    parsed, error = parse_date(text)
    try:
        real = dt.date(year, month, day)
    except ValueError:
        assert parsed is None and "不存在" in error and text in error
    else:
        assert (parsed, error) == ((real, False), None)


@FAST
@given(st.integers(1900, 2099), st.integers(13, 99), SPELLED)
def test_a_month_past_december_is_rejected(year, month, spelling):
    text = spelling.format(y=year, m=month, d=1)
    parsed, error = parse_date(text)
    assert parsed is None and chinese(error) and text in error


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not unicodedata.normalize("NFKC", cell).strip().lstrip("'"))


# amounts

@FAST
@given(CELLS)
def test_any_cell_gives_a_non_negative_amount_in_cents_or_a_chinese_reason(cell):
    value, error = parse_amount(cell)
    if value is not None:
        assert error is None and value >= 0 and value < Decimal("1e10") and value.as_tuple().exponent == -2
    elif error is not None:
        assert chinese(error)


@FAST
@given(st.floats(0, 1e10, exclude_max=True))
def test_a_number_cell_is_the_amount_excel_shows_rounded_half_up_to_cents(number):
    expected = Decimal(repr(number)).quantize(CENT, rounding=ROUND_HALF_UP)
    assert parse_amount(number) == (expected, None)


@FAST
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2),
       st.sampled_from(["-{}", "-{:,}元", "-￥{:,}", "{}"]))
def test_a_negative_amount_in_any_spelling_is_rejected_as_negative(amount, spelling):
    value, error = parse_amount(spelling.format(-amount if spelling == "{}" else amount))
    assert value is None and "负数" in error


@FAST
@given(st.decimals(0, 1000, places=2),
       st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=6).filter(
           lambda word: word.strip("元")))
def test_words_in_an_amount_are_rejected_naming_the_cell(amount, word):
    text = f"{amount}{word}"  # 100元整 too: the clerk is asked to write the number alone
    value, error = parse_amount(text)
    assert value is None and text in error
