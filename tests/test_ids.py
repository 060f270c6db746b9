"""Resident IDs and bank accounts: normalised before any match, checked with a Chinese reason, never guessed."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from analytics.importing import ids
from analytics.importing.ids import NUMBER_STORED, check_bank_account, check_bank_accounts, check_person_id, check_person_ids
from conftest import person

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
VALID = person(1)                                             # 500224195001020015
WITH_X = ids.make_id("500224", dt.date(1950, 1, 6), 5)       # 50022419500106005X


def test_valid_id_is_returned_unchanged_without_error():
    assert check_person_id(VALID) == (VALID, None, None)


@pytest.mark.parametrize("spelling", [
    f" {VALID[:6]} {VALID[6:14]} {VALID[14:]} ",
    f"'{VALID}",
    f"‘{VALID}’",
    f"\u3000{VALID}\xa0",
    VALID.translate(FULL_WIDTH),
])
def test_spaces_apostrophes_and_full_width_digits_are_normalised_away(spelling):
    assert check_person_id(spelling) == (VALID, None, None)


def test_lowercase_x_check_character_is_upper_cased():
    assert WITH_X.endswith("X")
    assert check_person_id(WITH_X.lower()) == (WITH_X, None, None)
    assert check_person_id(WITH_X.translate(FULL_WIDTH).replace("Ｘ", "ｘ")).value == WITH_X


def test_wrong_check_digit_is_an_error_that_names_the_right_one():
    wrong = VALID[:17] + ("1" if VALID[17] != "1" else "2")
    result = check_person_id(wrong)
    assert result.value is None
    assert "校验位错误" in result.error and f"应为 {VALID[17]}" in result.error


def test_check_char_follows_iso_7064_mod_11_2():
    assert ids.check_char("11010519491231002") == "X"   # the example ID of GB 11643-1999
    assert ids.check_char("44052418800101001") == "4"


@pytest.mark.parametrize("birth", ["19500230", "19501301", "19000229", "20230229", "19500100"])
def test_impossible_birth_date_is_an_error_even_with_a_correct_check_digit(birth):
    first17 = "500224" + birth + "001"
    result = check_person_id(first17 + ids.check_char(first17))
    assert result.value is None and "出生日期无效" in result.error


def test_leap_day_birth_is_valid():
    first17 = "500224" + "20000229" + "001"
    assert check_person_id(first17 + ids.check_char(first17)).error is None


def test_birth_date_is_read_from_the_id():
    assert ids.birth_date(VALID) == dt.date(1950, 1, 2)
    assert ids.birth_date("500224195002300015") is None


def test_legacy_15_digit_id_is_upgraded_to_18_with_its_check_character():
    legacy = "500224500101001"
    upgraded = check_person_id(legacy)
    assert upgraded == ("50022419500101001X", None, None)
    assert ids.upgrade_15(legacy) == upgraded.value
    assert ids.birth_date(upgraded.value) == dt.date(1950, 1, 1)


def test_legacy_15_digit_id_with_impossible_birth_date_is_explained():
    result = check_person_id("500224501301001")
    assert result.value is None and "15 位旧身份证号" in result.error


@pytest.mark.parametrize("cell, reason", [
    ("5002241950010200", "此处为 16 位"),
    ("50022419500102001A", "只能由数字和末位 X 组成"),
    ("5002241950010200１５6", "此处为 19 位"),
])
def test_wrong_length_or_letters_are_explained(cell, reason):
    result = check_person_id(cell)
    assert result.value is None and reason in result.error


@pytest.mark.parametrize("cell", [5.00224195001012e17, 500224195001020015, "5.00224E+17", "5.00224e+17",
                                  "500224195001020000.0", " '5.00224195001E+17"])
def test_id_stored_as_number_is_explained_not_guessed(cell):
    assert check_person_id(cell) == (None, NUMBER_STORED, None)


def test_blank_id_is_neither_value_nor_error():
    assert check_person_id(None) == (None, None, None)
    assert check_person_id("") == (None, None, None)


def test_area_codes_outside_the_stdnum_table_are_accepted():
    for area in ("500151", "500224", "999999"):
        made = ids.make_id(area, dt.date(1980, 5, 17), 123)
        assert check_person_id(made) == (made, None, None)


def one_by_one(check, cells):
    """The column functions' answer, (values, {row index: (error, warning)}), built from the per-cell check."""
    results = [check(c) for c in cells]
    return [r.value for r in results], {i: (r.error, r.warning) for i, r in enumerate(results) if r.error or r.warning}


def test_column_check_agrees_with_the_cell_check_on_a_mixed_column():
    cells = [VALID, WITH_X, WITH_X.lower(), f" {VALID} ", VALID.translate(FULL_WIDTH), "500224500101001",
             VALID[:17] + "9", "500224195002300015", 5.00224195001012e17, "5.00224E+17", None, "", "abc",
             person(2), person(2), 12345, True]
    values, issues = check_person_ids(cells)
    assert (values, issues) == one_by_one(check_person_id, cells)
    assert values[:7] == [VALID, WITH_X, WITH_X, VALID, VALID, "50022419500101001X", None]
    assert sorted(issues) == [6, 7, 8, 9, 12, 15, 16]


def test_column_check_of_full_width_digits_with_an_ascii_check_character():
    cell = VALID[:17].translate(FULL_WIDTH) + VALID[17]
    assert check_person_id(cell) == (VALID, None, None)
    assert check_person_ids([cell, VALID]) == ([VALID, VALID], {})


def test_column_check_of_an_empty_column():
    assert check_person_ids([]) == ([], {})
    assert check_bank_accounts([]) == ([], {})


def _corrupt(valid: str, how: str, position: int, digit: str):
    i = position % 18
    return {
        "keep": valid,
        "digit": valid[:i] + digit + valid[i + 1:],
        "swap": valid[:i % 17] + valid[i % 17 + 1] + valid[i % 17] + valid[i % 17 + 2:],
        "drop": valid[:i] + valid[i + 1:],
        "extra": valid[:i] + digit + valid[i:],
        "space": valid[:i] + " " + valid[i:],
        "apostrophe": "'" + valid,
        "lower": valid.lower(),
        "full_width": valid.translate(FULL_WIDTH),
        "legacy": valid[:6] + valid[8:17],
        "float": float(valid[:17]) * 10,
        "exponent": f"{float(valid[:17]):.5E}",
        "month": valid[:10] + "13" + valid[12:],
        "blank": "",
    }[how]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(
    st.dates(dt.date(1900, 1, 1), dt.date(2023, 12, 31)),
    st.integers(0, 999),
    st.sampled_from(["500224", "500151", "110105", "440524"]),
    st.sampled_from(["keep", "digit", "swap", "drop", "extra", "space", "apostrophe", "lower", "full_width",
                     "legacy", "float", "exponent", "month", "blank"]),
    st.integers(0, 40),
    st.sampled_from("0123456789Xx"),
), min_size=1, max_size=12))
def test_column_check_equals_cell_check_for_random_valid_and_corrupted_ids(specs):
    cells = [_corrupt(ids.make_id(area, born, seq), how, pos, digit) for born, seq, area, how, pos, digit in specs]
    assert check_person_ids(cells) == one_by_one(check_person_id, cells)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date.today()), st.integers(0, 999))
def test_every_made_id_is_valid_and_carries_its_birth_date(born, sequence):
    made = ids.make_id("500224", born, sequence)
    assert check_person_id(made) == (made, None, None)
    assert ids.birth_date(made) == born


# bank accounts

LUHN_OK = "6222021234567890128"
LUHN_BAD = "6222021234567890129"


def test_luhn_check_matches_known_numbers():
    assert ids.luhn_ok("79927398713") and not ids.luhn_ok("79927398710")
    assert ids.luhn_ok(LUHN_OK) and not ids.luhn_ok(LUHN_BAD)


def test_account_with_spaces_and_dashes_is_normalised_to_digits():
    assert check_bank_account(" 6222 0212-3456 7890 128 ") == (LUHN_OK, None, None)
    assert check_bank_account("'" + LUHN_OK.translate(FULL_WIDTH)) == (LUHN_OK, None, None)


def test_luhn_failure_is_a_warning_that_keeps_the_account():
    result = check_bank_account(LUHN_BAD)
    assert result.value == LUHN_BAD and result.error is None
    assert "Luhn" in result.warning and "存折" in result.warning


def test_account_with_letters_is_an_error():
    result = check_bank_account("6222abc")
    assert result.value is None and "只能包含数字" in result.error


def test_long_account_stored_as_number_is_explained():
    result = check_bank_account(6.222021234567891e18)
    assert result.value is None and "存为数字" in result.error


def test_short_account_stored_as_number_is_read_as_its_digits():
    assert check_bank_account(12345674.0).value == "12345674"
    assert check_bank_account(12345674).value == "12345674"


def test_blank_account_is_neither_value_nor_error():
    assert check_bank_account(None) == (None, None, None) == check_bank_account("")


def test_account_column_check_agrees_with_the_cell_check():
    cells = [LUHN_OK, LUHN_BAD, "79927398713", "79927398710", " 6222 0212 3456 7890 128", "6222-abc", None, "",
             6.222021234567891e18, 12345674.0, LUHN_OK]
    values, issues = check_bank_accounts(cells)
    assert (values, issues) == one_by_one(check_bank_account, cells)
    assert issues[1] == (None, check_bank_account(LUHN_BAD).warning) and values[1] == LUHN_BAD


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.one_of(st.text("0123456789", min_size=1, max_size=20),
                          st.text("0123456789 -ab", max_size=20),
                          st.none()), max_size=10))
def test_account_column_check_equals_cell_check_for_random_accounts(cells):
    assert check_bank_accounts(cells) == one_by_one(check_bank_account, cells)


# masking

def test_mask_keeps_area_code_and_last_four():
    assert ids.mask_id(VALID) == "500224" + "*" * 8 + "0015"
    assert len(ids.mask_id(VALID)) == 18


def test_mask_of_blank_or_short_values():
    assert ids.mask_id(None) == "" and ids.mask_id("") == ""
    assert ids.mask_id("1234567890") == "1234567890"
    assert ids.mask_id("12345678901") == "123456*8901"
