"""The sidebar filters as one value: parameters and caption, as a table of cases."""
import datetime as dt

import pytest

from analytics.core.filters import Filters

JUNE, SEPT = dt.date(2022, 6, 1), dt.date(2022, 9, 1)


@pytest.mark.parametrize("filters, caption", [
    (Filters(), "全部月份 · 全部村(居) · 全部救助类别"),
    (Filters(SEPT, SEPT, ("冬笋村",), ("低保",)), "2022年9月 · 冬笋村 · 低保"),
    (Filters(JUNE, SEPT, ("冬笋村", "金源村")), "2022年6月—2022年9月 · 冬笋村、金源村 · 全部救助类别"),
    (Filters(as_of=dt.date(2022, 9, 30)), "全部月份 · 全部村(居) · 全部救助类别 · 截至 2022-09-30"),
])
def test_caption(filters, caption):
    assert filters.caption == caption


def test_params_bind_lists_and_nulls(fresh_db):
    params = Filters(JUNE, None, ("冬笋村",), ()).params()
    assert params == {"month_from": JUNE, "month_to": None, "villages": ["冬笋村"], "programs": []}


@pytest.mark.parametrize("filters, expected", [
    (Filters(), 3),
    (Filters(SEPT, SEPT), 1),
    (Filters(villages=("金源村",)), 1),
    (Filters(programs=("低保", "孤儿")), 2),
    (Filters(JUNE, JUNE, ("同康村",)), 0),
])
def test_the_overview_query_honours_every_filter(fresh_db, filters, expected):
    fresh_db.execute("insert into roster (batch_id, row_no, person_id, name, village, program, period) values "
                     "(1, 2, 'a', '甲', '冬笋村', '低保', '2022-06-01'), (1, 3, 'b', '乙', '金源村', '孤儿', '2022-07-01'),"
                     "(1, 4, 'c', '丙', '冬笋村', '特困供养', '2022-09-01')")
    from analytics.analysis import metrics
    assert len(metrics.data_overview(fresh_db, filters)) == expected


@pytest.mark.parametrize("filters, kwargs, text, caption", [
    (Filters(), {}, "($month_from is null or period >= $month_from)\n  and ($month_to is null or period <= $month_to)"
     "\n  and (len($villages) = 0 or list_contains($villages, village))"
     "\n  and (len($programs) = 0 or list_contains($programs, program))", "全部月份 · 全部村(居) · 全部救助类别"),
    (Filters(villages=("冬笋村",)), {"alias": "i", "only": ("villages",)},
     "(len($villages) = 0 or list_contains($villages, i.village))", "冬笋村"),
    (Filters(SEPT, SEPT), {"alias": "e", "only": ("months",), "period": "month"},
     "($month_from is null or e.month >= $month_from)\n  and ($month_to is null or e.month <= $month_to)", "2022年9月"),
    (Filters(programs=("低保",)), {"only": ("months", "programs"), "undated": True, "second_program": True},
     "($month_from is null or period is null or period >= $month_from)"
     "\n  and ($month_to is null or period is null or period <= $month_to)"
     "\n  and (len($programs) = 0 or program is null or list_contains($programs, program)"
     " or list_contains($programs, program_b))", "全部月份 · 低保"),
    (Filters(), {"only": ()}, "true", ""),
])
def test_where_makes_the_condition_its_parameters_and_its_caption(filters, kwargs, text, caption):
    condition = filters.where(**kwargs)
    assert (condition.text, condition.caption) == (text, caption)
    assert set(condition.params) == {name for name in ("month_from", "month_to", "villages", "programs")
                                     if f"${name}" in text}


@pytest.mark.parametrize("kwargs", [{"alias": "x; drop table roster"}, {"period": "paid_date"}])
def test_where_names_only_whitelisted_columns(kwargs):
    with pytest.raises(ValueError):
        Filters().where(**kwargs)


def test_a_condition_left_out_of_its_query_is_an_error_not_a_lost_filter(fresh_db):
    from analytics.core import db
    with pytest.raises(Exception, match="(?i)syntax|parser"):
        db.query(fresh_db, "coverage_by_month")
