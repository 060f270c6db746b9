"""Findings verified in the village, money counted once in its three meanings, people counted as people (issue 17)."""
from __future__ import annotations

import datetime as dt

import pytest

from analytics.access.scope import ADMIN, DISCIPLINE, LEADER, LOCAL_SCOPE, VILLAGE, Scope
from analytics.core.errors import Forbidden, JiuzhuError
from analytics.core.filters import Filters
from analytics.findings import findings, refresh, summary, verify
from analytics.reports import meeting
from conftest import person
from test_findings import AS_OF, Rows

A, B, C = (person(n) for n in range(1, 4))


def stopped_and_dead(con) -> Rows:
    """A: stopped in October yet paid, and dead since September (DEATH_PAID and INACTIVE_PAID on the same 932 元);
    B: paid 932 twice in October (DOUBLE_PAID: 932 extra); C: paid late in October (LATE_PAID, in 金源村)."""
    rows = Rows(con)
    for month in (9, 10):
        rows.roster(A, "特困供养", month, status="在保" if month == 9 else "停发")
        rows.roster(B, "特困供养", month)
        rows.roster(C, "特困供养", month, village="金源村")
        rows.payment(B, "特困供养", month)
        rows.payment(C, "特困供养", month, day=20 if month == 9 else 30, village="金源村")
    rows.payment(A, "特困供养", 9)
    rows.payment(A, "特困供养", 10)
    rows.payment(B, "特困供养", 10, day=25)
    rows.add("crosscheck", person_id=A, source="死亡", event_date=dt.date(2022, 8, 20))
    return rows


def test_a_payment_flagged_by_two_rules_counts_once_to_recover_and_late_money_is_never_at_risk(fresh_db, config):
    stopped_and_dead(fresh_db)
    refresh(fresh_db, config, AS_OF)
    codes = sorted(findings(fresh_db)["code"])
    assert codes.count("DEATH_PAID") == 2 and "INACTIVE_PAID" in codes and "DOUBLE_PAID" in codes
    assert "LATE_PAID" in codes
    numbers = summary.headline(fresh_db)
    # A's September and October (932 each, both DEATH_PAID, October also INACTIVE_PAID) + B's extra 932: once each
    assert numbers["money"]["to_recover"] == 932 * 3
    assert numbers["money"]["paid_late"] == 932          # C's October: timeliness, not money at risk
    assert numbers["money"]["owed"] == 0
    assert numbers["persons"] == 3 and numbers["findings"] == len(codes)


def test_a_finding_judged_untrue_leaves_every_count_and_stays_listed_after_a_recompute(fresh_db, config):
    stopped_and_dead(fresh_db)
    refresh(fresh_db, config, AS_OF)
    before = summary.headline(fresh_db)
    late = findings(fresh_db, codes=("LATE_PAID",)).iloc[0]
    verify.verify(fresh_db, late["finding_key"], "不属实", action="无需处理", note="发放系统日期有误，实际25日到账",
                  scope=LOCAL_SCOPE)
    # the same rows again under new row ids, as a re-import gives them, and a recompute that rewrites the findings:
    # the verification is kept by the finding's natural key
    fresh_db.execute("create temp table again as select * from payments; delete from payments; "
                     "insert into payments select * from again; drop table again")
    refresh(fresh_db, config, AS_OF)
    after = summary.headline(fresh_db)
    assert after["findings"] == before["findings"] - 1 and after["dismissed"] == 1
    assert after["money"]["paid_late"] == 0 and after["persons"] == 2
    assert after["by_code"].get("LATE_PAID", 0) == 0
    (listed,) = findings(fresh_db, dismissed=True).to_dict("records")
    assert (listed["code"], listed["verification_result"], listed["verification_note"]) == \
        ("LATE_PAID", "不属实", "发放系统日期有误，实际25日到账")
    assert late["finding_key"] not in set(findings(fresh_db)["finding_key"])
    pack = meeting.build(fresh_db, config, scope=LOCAL_SCOPE, as_of=AS_OF)
    figures = {f.label: f.now for f in pack.figures}
    assert figures["疑点（条）"] == after["findings"] and figures["迟发金额"] == 0 and figures["涉及人数（人）"] == 2


def test_a_finding_judged_true_counts_as_before(fresh_db, config):
    stopped_and_dead(fresh_db)
    refresh(fresh_db, config, AS_OF)
    before = summary.headline(fresh_db)
    key = findings(fresh_db, codes=("DOUBLE_PAID",)).iloc[0]["finding_key"]
    verify.verify(fresh_db, key, "属实", action="追回", note="已通知银行", scope=LOCAL_SCOPE)
    after = summary.headline(fresh_db)
    assert {k: after[k] for k in ("findings", "persons", "money")} == \
        {k: before[k] for k in ("findings", "persons", "money")}


@pytest.mark.parametrize("scope, allowed", [
    (Scope("管理员甲", ADMIN), True), (Scope("冬笋村", VILLAGE, "冬笋村"), True),
    (Scope("金源村", VILLAGE, "金源村"), False), (Scope("领导甲", LEADER), False), (Scope("纪委甲", DISCIPLINE), False),
])
def test_a_village_account_verifies_its_own_village_only_and_leaders_only_read(fresh_db, config, scope, allowed):
    stopped_and_dead(fresh_db)
    refresh(fresh_db, config, AS_OF)
    key = findings(fresh_db, Filters(villages=("冬笋村",)), codes=("DOUBLE_PAID",)).iloc[0]["finding_key"]
    if allowed:
        assert verify.verify(fresh_db, key, "部分属实", note="核实中", scope=scope)["village"] == "冬笋村"
    else:
        with pytest.raises(Forbidden):
            verify.verify(fresh_db, key, "不属实", note="越权", scope=scope)
        assert summary.headline(fresh_db)["dismissed"] == 0


@pytest.mark.parametrize("result, action, note, message", [
    ("存疑", None, "说明", "核实结论应为"), ("属实", "罚款", "说明", "处理方式应为"), ("属实", None, "  ", "请填写核实情况说明"),
])
def test_a_verification_needs_a_known_result_and_action_and_a_note(fresh_db, config, result, action, note, message):
    stopped_and_dead(fresh_db)
    refresh(fresh_db, config, AS_OF)
    key = findings(fresh_db).iloc[0]["finding_key"]
    with pytest.raises(JiuzhuError, match=message):
        verify.verify(fresh_db, key, result, action=action, note=note, scope=LOCAL_SCOPE)
    with pytest.raises(JiuzhuError, match="找不到疑点"):
        verify.verify(fresh_db, "DEATH_PAID|nobody||||||||", "属实", note="说明", scope=LOCAL_SCOPE)


def test_an_issue_made_from_money_owed_closes_only_once_the_month_is_paid_in_full(fresh_db, config):
    from analytics.campaign import ledger
    rows = Rows(fresh_db)
    for month in (6, 7):
        rows.roster(C, "特困供养", month)
        rows.roster(B, "特困供养", month)
        rows.payment(B, "特困供养", month)  # June's and July's payments files are in
    rows.payment(C, "特困供养", 7)  # June never paid: UNPAID once June's due day has passed
    refresh(fresh_db, config, dt.date(2022, 7, 31))
    unpaid = findings(fresh_db, codes=("UNPAID",))
    draft = ledger.draft_from_findings(fresh_db, unpaid, dt.date(2022, 7, 31))
    issue_no = ledger.create(fresh_db, draft, scope=LOCAL_SCOPE, finding_keys=tuple(unpaid["finding_key"]))

    def outcome() -> str | None:
        return ledger.issue(fresh_db, issue_no, LOCAL_SCOPE)["recheck"]

    rows.roster(C, "特困供养", 8)
    rows.payment(C, "特困供养", 8)
    rows.payment(C, "特困供养", 6, amount="500", day=10, paid_date=dt.date(2022, 8, 10))  # part of June, in August
    refresh(fresh_db, config, dt.date(2022, 8, 31))
    assert findings(fresh_db, codes=("UNPAID",)).empty  # the finding is gone, the money is not all there
    assert outcome() == ledger.AWAITING_PAYMENT
    rows.payment(C, "特困供养", 6, amount="432", day=20, paid_date=dt.date(2022, 8, 20))
    refresh(fresh_db, config, dt.date(2022, 8, 31))
    assert outcome() == ledger.READY_TO_CLOSE


def test_a_pair_to_review_is_of_medium_severity_and_a_forbidden_pair_high(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "特困供养", 10)
    rows.roster(A, "低保", 10, amount="300")            # configured 复核: to review
    rows.roster(B, "特困供养", 10)
    rows.roster(B, "困难残疾人生活补贴", 10, amount="80")  # configured 禁止
    refresh(fresh_db, config, AS_OF)
    found = findings(fresh_db, codes=("EXCLUSIVE_DUP",)).set_index("person_id")["severity"].to_dict()
    assert found == {A: "中", B: "高"}
    assert summary.headline_by_village(fresh_db).set_index("village").loc["冬笋村", "high_persons"] == 1
