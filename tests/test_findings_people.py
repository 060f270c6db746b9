"""The findings about who is covered (domain.md §5): latest snapshot, staff, cross-checks, potential list, ages, visits,
institutions and excluded pairs — "given these rows, expect exactly these findings", near misses included."""
from __future__ import annotations

import datetime as dt

from analytics.findings import findings
from analytics.importing.ids import make_id
from test_findings import A, B, C, D, E, F, Rows, keys, one


def test_dead_on_roster_looks_at_the_latest_snapshot_of_each_village(fresh_db, config):
    rows = Rows(fresh_db)
    for pid in (A, B, C):
        rows.roster(pid, "特困供养", 12, sub_type="分散")
    rows.roster(D, "特困供养", 11, village="金源村")  # 金源村's latest 特困 roster is November's
    rows.roster(E, "特困供养", 11)  # gone from 冬笋村's December roster
    rows.roster(F, "特困供养", 12, status="死亡")
    for pid, day in ((A, dt.date(2022, 11, 30)), (B, dt.date(2022, 12, 1)), (D, dt.date(2022, 10, 2)),
                     (E, dt.date(2022, 10, 2)), (F, dt.date(2022, 10, 2))):
        rows.add("crosscheck", person_id=pid, source="死亡", event_date=day)
    rows.add("crosscheck", person_id=C, source="户籍注销", event_date=dt.date(2023, 1, 5))  # after as_of
    assert keys(fresh_db, config, "DEAD_ON_ROSTER") == {(A, "特困供养"), (D, "特困供养")}


def test_exclusive_dup_uses_the_configured_pairs_in_canonical_order(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 11, sub_type="分散")
    rows.roster(A, "困难残疾人生活补贴", 11, "80", village="金源村")  # pairs hold across villages
    rows.roster(B, "低保", 12, None, head_id=C)  # a covered member with a blank amount is active
    rows.roster(B, "特困供养", 12, sub_type="分散")
    rows.roster(C, "困难残疾人生活补贴", 12, "80")  # allowed together
    rows.roster(C, "重度残疾人护理补贴", 12, "90", disability_level="一级")
    rows.roster(D, "孤儿", 10, "1382", sub_type="散居")  # two programs, but not in the same month
    rows.roster(D, "事实无人抚养儿童", 11, "1382")
    rows.roster(E, "特困供养", 12, sub_type="分散")
    rows.roster(E, "重度残疾人护理补贴", 12, "80", status="停发")
    found = keys(fresh_db, config, "EXCLUSIVE_DUP")
    assert found == {(A, "特困供养", "2022-11", "困难残疾人生活补贴"), (B, "特困供养", "2022-12", "低保")}


def test_staff_kin_counts_every_kind_on_the_latest_snapshot(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "低保", 12, "900", head_id=A)
    rows.roster(B, "重度残疾人护理补贴", 12, "80", disability_level="二级")
    rows.roster(C, "失能老人补贴", 5, "200", village="金源村")
    rows.roster(C, "失能老人补贴", 12, "200", village="金源村", status="退出")
    rows.add("staff", person_id=A, name="甲", kind="近亲属", related_staff_id=D, relation="母子")
    rows.add("staff", person_id=B, name="乙", kind="村干部", unit="冬笋村", role="主任")
    rows.add("staff", person_id=C, name="丙", kind="近亲属", related_staff_id=D, relation="兄弟")
    assert keys(fresh_db, config, "STAFF_KIN") == {(A, "低保"), (B, "重度残疾人护理补贴")}


def test_crosscheck_hit_needs_a_covered_person_and_a_record_up_to_as_of(fresh_db, config):
    rows = Rows(fresh_db)
    for pid in (A, B, C):
        rows.roster(pid, "低保", 12, "900", head_id=pid)
    rows.add("crosscheck", person_id=A, source="车辆", event_date=dt.date(2022, 3, 10), detail="小型轿车1辆")
    rows.add("crosscheck", person_id=A, source="房产", event_date=dt.date(2022, 5, 20))
    rows.add("crosscheck", person_id=B, source="车辆", event_date=dt.date(2023, 1, 5))  # after as_of
    rows.add("crosscheck", person_id=C, source="死亡", event_date=dt.date(2022, 1, 5))  # a death is not a hit
    rows.add("crosscheck", person_id=D, source="工商", event_date=dt.date(2022, 4, 1))  # not covered
    assert keys(fresh_db, config, "CROSSCHECK_HIT") == {(A, "车辆"), (A, "房产")}


def test_missed_eligible_skips_the_covered_and_the_dead(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(B, "高龄津贴", 12, "100")
    for pid in (A, B, C):
        rows.add("potential", person_id=pid, program="高龄津贴", basis="年满80周岁", village="冬笋村")
    rows.add("potential", person_id=D, program="重度残疾人护理补贴", basis="新办一级残疾证")
    rows.add("crosscheck", person_id=C, source="火化", event_date=dt.date(2022, 11, 3))
    assert keys(fresh_db, config, "MISSED_ELIGIBLE") == {(A, "高龄津贴"), (D, "重度残疾人护理补贴")}


def test_age_ineligible_counts_completed_years_at_the_end_of_the_snapshot_month(fresh_db, config):
    rows = Rows(fresh_db)
    turned_18, still_17 = make_id("500224", dt.date(2004, 12, 31), 11), make_id("500224", dt.date(2005, 1, 1), 13)
    aged_79, aged_80 = make_id("500224", dt.date(1943, 3, 1), 15), make_id("500224", dt.date(1942, 12, 31), 17)
    rows.roster(turned_18, "孤儿", 12, "1382", sub_type="散居")
    rows.roster(still_17, "孤儿", 12, "1382", sub_type="散居")
    rows.roster(aged_79, "高龄津贴", 12, "50")
    rows.roster(aged_80, "高龄津贴", 12, "50")
    assert keys(fresh_db, config, "AGE_INELIGIBLE") == {(turned_18, "孤儿"), (aged_79, "高龄津贴")}


def test_not_visited_counts_visits_within_the_interval_before_as_of(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 12, sub_type="分散")
    rows.roster(B, "特困供养", 12, sub_type="分散")
    rows.roster(C, "孤儿", 12, "1382", sub_type="散居")
    rows.roster(D, "特困供养", 12, sub_type="集中")  # 集中 care needs no home visits
    rows.roster(E, "事实无人抚养儿童", 12, "1382")
    rows.add("visits", person_id=A, visit_date=dt.date(2022, 12, 1))  # as_of − 30 days: counts
    rows.add("visits", person_id=B, visit_date=dt.date(2022, 11, 30))  # one day too early
    rows.add("visits", person_id=E, visit_date=dt.date(2022, 12, 31))
    assert keys(fresh_db, config, "NOT_VISITED") == {(B,), (C,)}
    explained = findings(fresh_db, codes=("NOT_VISITED",)).set_index("person_id")["explanation"]
    assert "最近一次走访为 2022-11-30" in explained[B] and "从未走访" in explained[C]


def test_institution_risk_lists_each_missing_item_and_a_ratio_above_the_limit(fresh_db, config):
    rows = Rows(fresh_db)
    complete = dict(legal_registration="是", fire_approval="是", property_right="是", catering_licence="是",
                    finance_rules="是")
    rows.add("institutions", name="庆隆镇敬老院", **complete, caregivers=3, residents=30)  # exactly at the limit
    rows.add("institutions", name="庆隆镇冬笋村互助养老点", **complete | dict(fire_approval="否", catering_licence=None),
             caregivers=2, residents=12)
    rows.add("institutions", name="庆隆镇金源村农村幸福院", **complete | dict(legal_registration="办理中"),
             caregivers=2, residents=23)
    assert keys(fresh_db, config, "INSTITUTION_RISK") == {
        ("庆隆镇冬笋村互助养老点", "fire_approval"), ("庆隆镇冬笋村互助养老点", "catering_licence"),
        ("庆隆镇金源村农村幸福院", "legal_registration"), ("庆隆镇金源村农村幸福院", "caregiver_ratio")}


def test_an_institution_names_its_village_when_its_name_holds_one(fresh_db, config):
    rows = Rows(fresh_db)
    rows.add("institutions", name="庆隆镇冬笋村互助养老点", fire_approval="否", legal_registration="是",
             property_right="是", catering_licence="是", finance_rules="是", caregivers=1, residents=5)
    keys(fresh_db, config, "INSTITUTION_RISK")
    assert one(fresh_db, "INSTITUTION_RISK")["village"] == "冬笋村"
