"""The rectification ledger (问题台账, domain.md §6): the status flow, the change log, overdue buckets, issues made from
findings and their re-check after a new month, and the ledger imported from and exported to Excel."""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from analytics.importing import batches
from analytics.core import clock
from analytics.campaign import ledger, ledger_io
from analytics.core.errors import JiuzhuError
from analytics.core.filters import Filters
from analytics.findings import findings, refresh
from analytics.importing.files import import_file
from analytics.access.privacy import Privacy
from analytics.access.scope import ADMIN, LOCAL_SCOPE, Scope
from conftest import csv_bytes, person, xlsx_bytes

AS_OF = dt.date(2022, 9, 1)
CLOSING = {"closed_date": dt.date(2022, 9, 10), "evidence": "整改报告及退款凭证"}
ILLEGAL = [(a, b) for a in ledger.STATUSES for b in ledger.STATUSES if a != b and b not in ledger.FLOW[a]]


def new(con, issue_no: str = "QL-2022-001", finding_keys: tuple[str, ...] = (), **values) -> str:
    base = {"issue_no": issue_no, "village": "冬笋村", "focus": "资金使用管理", "description": "死亡后仍发放"}
    if values.get("status") == ledger.CLOSED:
        base |= CLOSING
    return ledger.create(con, base | values, scope=Scope("张办事员", ADMIN), finding_keys=finding_keys)


def status(con, issue_no: str = "QL-2022-001") -> str:
    return ledger.issue(con, issue_no, LOCAL_SCOPE)["status"]


def events(con, issue_no: str = "QL-2022-001") -> list[dict]:
    """The change log of an issue, blanks as None (pandas reads them as NaN)."""
    return [{k: None if not isinstance(v, str) and pd.isna(v) else v for k, v in e.items()}
            for e in ledger.history(con, issue_no, LOCAL_SCOPE).to_dict("records")]


def event_count(con) -> int:
    return con.execute("select count(*) from ledger_event").fetchone()[0]


# the status flow

def test_every_transition_of_the_flow_is_accepted_and_logged(fresh_db):
    legal = [(a, b) for a, nexts in ledger.FLOW.items() for b in nexts]
    assert len(legal) == 8
    for n, (start, to) in enumerate(legal):
        new(fresh_db, f"QL-{n}", status=start)
        ledger.change_status(fresh_db, f"QL-{n}", to, scope=Scope("李站长", ADMIN), note="已核实",
                             **(CLOSING if to == ledger.CLOSED else {}))
    got = [(status(fresh_db, f"QL-{n}"), *(events(fresh_db, f"QL-{n}")[-1][k] for k in
                                           ("action", "from_status", "to_status", "done_by", "note")))
           for n in range(len(legal))]
    assert got == [(to, "状态变更", start, to, "李站长", "已核实") for start, to in legal]


def test_a_transition_off_the_flow_is_refused_naming_both_statuses(fresh_db):
    refused = []
    for n, (start, to) in enumerate(ILLEGAL):
        new(fresh_db, f"QL-{n}", status=start)
        with pytest.raises(ledger.LedgerError) as error:
            ledger.change_status(fresh_db, f"QL-{n}", to, scope=Scope("李站长", ADMIN), **CLOSING)
        refused.append((status(fresh_db, f"QL-{n}"), str(error.value)))
    assert [(state, f"不能从“{start}”改为“{to}”" in message)
            for (state, message), (start, to) in zip(refused, ILLEGAL)] == [(start, True) for start, _ in ILLEGAL]
    assert refused[0][1] == "“整改状态”：问题 QL-0 不能从“待整改”改为“已整改待销号”（可改为：整改中、长期整改）"
    assert "（可改为：无（已销号的问题不能再变更））" in refused[ILLEGAL.index((ledger.CLOSED, "整改中"))][1]
    assert event_count(fresh_db) == len(ILLEGAL)  # their creation only


def test_the_same_or_an_unknown_status_is_refused_in_chinese(fresh_db):
    new(fresh_db)
    with pytest.raises(ledger.LedgerError, match="已经是“待整改”"):
        ledger.change_status(fresh_db, "QL-2022-001", "待整改", scope=Scope("u", ADMIN))
    with pytest.raises(ledger.LedgerError, match="“整改状态”只能是：待整改、整改中"):
        ledger.change_status(fresh_db, "QL-2022-001", "已完成", scope=Scope("u", ADMIN))
    with pytest.raises(ledger.LedgerError, match="没有编号为“QL-9”"):
        ledger.change_status(fresh_db, "QL-9", "整改中", scope=Scope("u", ADMIN))


def test_closing_needs_a_closing_date_and_evidence(fresh_db):
    new(fresh_db, status="已整改待销号")
    for given, missing in (({"evidence": "退款凭证"}, "“销号日期”："),
                           ({"closed_date": dt.date(2022, 9, 10)}, "“佐证材料”："),
                           ({"closed_date": dt.date(2022, 9, 10), "evidence": "  "}, "“佐证材料”："),
                           ({}, "“销号日期”和“佐证材料”：销号需要填写销号日期和佐证材料")):
        with pytest.raises(ledger.LedgerError, match=missing):
            ledger.change_status(fresh_db, "QL-2022-001", ledger.CLOSED, scope=Scope("u", ADMIN), **given)
    assert status(fresh_db) == "已整改待销号" and len(events(fresh_db)) == 1


def test_evidence_filled_in_earlier_counts_for_closing_and_is_kept(fresh_db):
    new(fresh_db, status="已整改待销号")
    ledger.edit(fresh_db, "QL-2022-001", {"evidence": "退款凭证"}, scope=Scope("u", ADMIN))
    ledger.change_status(fresh_db, "QL-2022-001", ledger.CLOSED, scope=Scope("u", ADMIN),
                         closed_date=dt.date(2022, 9, 10))
    closed = ledger.issue(fresh_db, "QL-2022-001", LOCAL_SCOPE)
    assert (closed["status"], closed["closed_date"], closed["evidence"]) == \
        (ledger.CLOSED, dt.date(2022, 9, 10), "退款凭证")


def test_a_closed_issue_cannot_lose_its_closing_date_or_evidence_by_an_edit(fresh_db):
    new(fresh_db, status=ledger.CLOSED)
    for field in ("evidence", "closed_date"):
        with pytest.raises(ledger.LedgerError, match="销号需要填写销号日期和佐证材料"):
            ledger.edit(fresh_db, "QL-2022-001", {field: None}, scope=Scope("u", ADMIN))
    assert ledger.issue(fresh_db, "QL-2022-001", LOCAL_SCOPE)["evidence"] == CLOSING["evidence"]


def test_a_new_issue_is_checked_before_it_is_kept(fresh_db):
    new(fresh_db)
    cases = [({"issue_no": "QL-2022-001"}, "“QL-2022-001”已存在"),
             ({"issue_no": "QL 2"}, "“问题编号”不能为空，且不能含空格"),
             ({"issue_no": "QL-2", "description": " "}, "“问题描述”不能为空"),
             ({"issue_no": "QL-2", "focus": "其他"}, "“整治重点”只能是：政策执行、资金使用管理、关爱服务、工作保障（现为“其他”）"),
             ({"issue_no": "QL-2", "amount": Decimal("-1")}, "“涉及金额”不能为负数"),
             ({"issue_no": "QL-2", "status": "已销号", "evidence": "凭证"}, "“销号日期”：")]
    for values, message in cases:
        with pytest.raises(ledger.LedgerError, match=message):
            ledger.create(fresh_db, {"village": "冬笋村", "focus": "政策执行", "description": "x"} | values,
                          scope=Scope("u", ADMIN))
    assert fresh_db.execute("select count(*) from ledger_issue").fetchone()[0] == 1


def test_issue_numbers_continue_the_years_numbering(fresh_db):
    assert ledger.next_issue_no(fresh_db, 2022) == "QL-2022-001"
    new(fresh_db, "QL-2022-007")
    new(fresh_db, "QL-2021-020")
    new(fresh_db, "自查-3")
    assert ledger.next_issue_no(fresh_db, 2022) == "QL-2022-008"


# the change log

def test_creation_edits_and_status_changes_are_kept_with_who_when_what_and_a_note(fresh_db):
    started = clock.now()
    ledger.create(fresh_db, {"issue_no": "QL-2022-001", "village": "冬笋村", "focus": "资金使用管理",
                             "description": "死亡后仍发放", "amount": Decimal("932")},
                  scope=Scope("张办事员", ADMIN), note="村上报")
    diff = ledger.edit(fresh_db, "QL-2022-001", {"measures": "停发并追回", "amount": Decimal("1864"),
                                                 "description": "死亡后仍发放"}, scope=Scope("王会计", ADMIN), note="补充金额")
    assert diff == {"measures": (None, "停发并追回"), "amount": (Decimal("932.00"), Decimal("1864"))}
    # no change, no entry
    assert ledger.edit(fresh_db, "QL-2022-001", {"amount": 1864.0, "note": ""}, scope=Scope("王会计", ADMIN)) == {}
    ledger.change_status(fresh_db, "QL-2022-001", "整改中", scope=Scope("李站长", ADMIN), note="已约谈")
    logged = events(fresh_db)
    assert [(e["action"], e["done_by"], e["from_status"], e["to_status"], e["note"]) for e in logged] == [
        ("新建", "张办事员", None, "待整改", "村上报"),
        ("修改", "王会计", None, None, "补充金额"),
        ("状态变更", "李站长", "待整改", "整改中", "已约谈")]
    assert json.loads(logged[1]["changes"]) == {"整改措施": [None, "停发并追回"], "涉及金额": ["932.00", "1864.00"]}
    assert all(started <= e["done_at"] <= clock.now() for e in logged)


def test_the_status_and_number_are_not_changed_by_an_edit(fresh_db):
    new(fresh_db)
    for changes in ({"status": "整改中"}, {"issue_no": "QL-2"}):
        with pytest.raises(ledger.LedgerError, match="整改状态请用“变更状态”修改"):
            ledger.edit(fresh_db, "QL-2022-001", changes, scope=Scope("u", ADMIN))
    assert len(events(fresh_db)) == 1


# overdue buckets

def test_an_open_issue_is_bucketed_by_the_days_left_to_its_deadline(fresh_db):
    deadline = dt.date(2022, 10, 31)
    new(fresh_db, deadline=deadline)
    expected = [(-30, "已超期"), (-1, "已超期"), (0, "剩余≤10天"), (1, "剩余≤10天"), (10, "剩余≤10天"),
                (11, "剩余≤20天"), (20, "剩余≤20天"), (21, "20天以上"), (90, "20天以上")]
    got = []
    for days_left, _ in expected:  # -1: the day after the deadline; 0: the day of the deadline
        (row,) = ledger.issues(fresh_db, Filters(), deadline - dt.timedelta(days=days_left)).to_dict("records")
        got.append((row["days_left"], row["bucket"]))
    assert got == expected


def test_closed_issues_are_not_bucketed_and_every_bucket_is_listed(fresh_db):
    new(fresh_db, "QL-1", deadline=dt.date(2022, 8, 31), amount=Decimal("100"))
    new(fresh_db, "QL-2", deadline=dt.date(2022, 8, 1), amount=Decimal("50.5"), status="长期整改")
    new(fresh_db, "QL-3", deadline=dt.date(2022, 9, 5))
    new(fresh_db, "QL-4")
    new(fresh_db, "QL-5", deadline=dt.date(2022, 8, 1), status=ledger.CLOSED, amount=Decimal("999"))
    listed = ledger.issues(fresh_db, Filters(), AS_OF)
    assert listed["issue_no"].tolist() == ["QL-2", "QL-1", "QL-3", "QL-4", "QL-5"]  # open first, most urgent first
    closed = listed.set_index("issue_no").loc["QL-5"]
    assert closed["bucket"] == ledger.CLOSED and pd.isna(closed["days_left"])
    table = ledger.buckets(listed).set_index("期限")
    assert table.index.tolist() == list(ledger.BUCKETS)
    assert table["问题数"].to_dict() == {"已超期": 2, "剩余≤10天": 1, "剩余≤20天": 0, "20天以上": 0, "未定时限": 1}
    assert table.loc["已超期", "涉及金额"] == Decimal("150.50")


def test_views_count_by_village_and_focus_and_sum_the_money(fresh_db):
    new(fresh_db, "QL-1", amount=Decimal("100"), recovered=Decimal("40"))
    new(fresh_db, "QL-2", focus="政策执行", amount=Decimal("20"))
    new(fresh_db, "QL-3", village="金源村", status=ledger.CLOSED, amount=Decimal("5"), recovered=Decimal("5"))
    listed = ledger.issues(fresh_db, Filters(), AS_OF)
    focuses = ("政策执行", "资金使用管理", "关爱服务", "工作保障")
    grid = ledger.heatmap(listed, ("镜滩社区", "冬笋村", "金源村"), focuses, ledger.OPEN_STATUSES)
    assert grid.loc["冬笋村"].tolist() == [1, 1, 0, 0] and grid.loc["金源村"].sum() == 0
    assert grid.loc["镜滩社区"].sum() == 0
    assert ledger.heatmap(listed, (), focuses, (ledger.CLOSED,)).loc["金源村", "资金使用管理"] == 1
    assert list(ledger.busiest(grid, limit=2).index) == ["镜滩社区", "冬笋村"], "most issues first kept, in order"
    assert ledger.money(listed)["村(居)"].tolist() == ["冬笋村", "金源村"], "the largest 涉及金额 first"
    money = ledger.money(listed).set_index("村(居)")
    assert money.loc["冬笋村"].tolist() == [120.0, 40.0] and money.loc["金源村"].tolist() == [5.0, 5.0]
    assert ledger.issues(fresh_db, Filters(villages=("金源村",)), AS_OF)["issue_no"].tolist() == ["QL-3"]


def test_the_totals_sum_all_the_money_and_a_heat_map_cell_lists_the_issues_it_counts(fresh_db):
    new(fresh_db, "QL-1", amount=Decimal("100"), recovered=Decimal("40"))
    new(fresh_db, "QL-2", status=ledger.CLOSED, amount=Decimal("5.5"), recovered=Decimal("5.5"))
    new(fresh_db, "QL-3", focus="政策执行", amount=Decimal("20"))
    new(fresh_db, "QL-4", village="金源村", amount=Decimal("1"))
    listed = ledger.issues(fresh_db, Filters(), AS_OF)
    assert ledger.totals(listed) == (126.5, 45.5)
    assert ledger.totals(listed.iloc[0:0]) == (0.0, 0.0)
    cells = {counted: sorted(ledger.in_cell(listed, "冬笋村", "资金使用管理", counted)["issue_no"])
             for counted in ledger.HEAT_COUNTS}
    assert cells == {"未销号": ["QL-1"], "已销号": ["QL-2"], "全部": ["QL-1", "QL-2"]}


# from findings to issues, and the re-check after a new month

A, B, C = person(1), person(2), person(3)


def roster_csv(month: int, people) -> bytes:
    return csv_bytes([["姓名", "身份证号", "村(居)", "救助类别", "保障金额", "名册月份", "状态"]] +
                     [[name, pid, "冬笋村", "特困供养", "932", f"2022-{month:02d}", state] for name, pid, state in people])


def payments_csv(month: int, people) -> bytes:
    return csv_bytes([["发放年月", "姓名", "享受人身份证号码", "项目名称", "发放金额", "发放日期", "村(居)"]] +
                     [[f"2022-{month:02d}", name, pid, "特困供养", "932.00", f"2022-{month:02d}-20", "冬笋村"]
                      for name, pid in people])


def import_month(con, config, month: int, paid) -> None:
    """甲 and 乙 stopped (停发), 丙 covered; `paid` are the ones paid that month."""
    roster = [("甲", A, "停发"), ("乙", B, "停发"), ("丙", C, "在保")]
    for name, data in ((f"2022年{month}月特困供养名册.csv", roster_csv(month, roster)),
                       (f"2022年{month}月特困供养发放.csv", payments_csv(month, paid))):
        assert import_file(con, name, data, config)["status"] == "committed"


@pytest.fixture
def from_findings(fresh_db, config):
    """June: 甲 and 乙 paid although stopped (two INACTIVE_PAID findings); one issue made from each."""
    import_month(fresh_db, config, 6, [("甲", A), ("乙", B), ("丙", C)])
    refresh(fresh_db, config, dt.date(2022, 6, 30))
    found = findings(fresh_db, codes=("INACTIVE_PAID",)).set_index("name")
    for name in ("甲", "乙"):
        draft = ledger.draft_from_findings(fresh_db, found.loc[[name]].reset_index(), dt.date(2022, 6, 30))
        ledger.create(fresh_db, draft, scope=Scope("张办事员", ADMIN), finding_keys=(found.loc[name, "finding_key"],))
    return fresh_db


def rechecked(con) -> dict:
    return {r[0]: r[1:] for r in con.execute("select issue_no, recheck, recheck_month from ledger_issue").fetchall()}


def test_an_issue_drafted_from_findings_is_prefilled_and_linked(from_findings, config):
    one = ledger.issue(from_findings, "QL-2022-001", LOCAL_SCOPE)
    assert {k: one[k] for k in ("village", "focus", "category", "origin", "found_date", "persons", "amount",
                                "deadline", "status", "baseline_month")} == {
        "village": "冬笋村", "focus": "资金使用管理", "category": "非在保对象领取", "origin": "信息比对",
        "found_date": dt.date(2022, 6, 30), "persons": "1人：甲", "amount": Decimal("932.00"),
        "deadline": dt.date(2022, 7, 30), "status": "待整改", "baseline_month": dt.date(2022, 6, 1)}
    assert "停发" in one["description"]
    linked = ledger.linked_findings(from_findings, "QL-2022-001", LOCAL_SCOPE)
    assert linked[["code", "person_id", "still_found"]].values.tolist() == [["INACTIVE_PAID", A, True]]
    both = findings(from_findings, codes=("INACTIVE_PAID",))
    draft = ledger.draft_from_findings(from_findings, both, dt.date(2022, 6, 30))
    assert (draft["issue_no"], draft["persons"], draft["amount"]) == ("QL-2022-003", "2人：甲、乙", Decimal("1864.00"))


def test_an_issue_from_findings_no_longer_current_is_refused_and_not_kept(from_findings):
    with pytest.raises(ledger.LedgerError, match="所选疑点已不在当前疑点中"):
        new(from_findings, "QL-2022-003", finding_keys=("INACTIVE_PAID|gone|特困供养||2022-06|||||",))
    assert "QL-2022-003" not in rechecked(from_findings)


def test_before_a_new_month_arrives_the_recheck_has_no_outcome(from_findings, config):
    for as_of in (dt.date(2022, 6, 30), dt.date(2022, 7, 31), dt.date(2022, 12, 31)):
        refresh(from_findings, config, as_of)
        assert rechecked(from_findings) == {"QL-2022-001": (None, None), "QL-2022-002": (None, None)}
    assert [e["action"] for e in events(from_findings)] == ["新建"]


def test_after_a_new_month_a_recurring_problem_is_not_effective_and_a_gone_one_can_be_closed(from_findings, config):
    import_month(from_findings, config, 7, [("甲", A), ("丙", C)])  # 甲 paid again while stopped; 乙 no longer
    refresh(from_findings, config)
    july = dt.date(2022, 7, 1)
    # 乙 was paid while stopped (INACTIVE_PAID): gone in July, but closing waits for the money to be recovered
    assert rechecked(from_findings) == {"QL-2022-001": (ledger.NOT_EFFECTIVE, july),
                                        "QL-2022-002": (ledger.AWAITING_RECOVERY, july)}
    ledger.edit(from_findings, "QL-2022-002", {"recovered": Decimal("900")}, scope=LOCAL_SCOPE)
    assert rechecked(from_findings)["QL-2022-002"] == (ledger.AWAITING_RECOVERY, july)
    ledger.edit(from_findings, "QL-2022-002", {"recovered": Decimal("932")}, scope=LOCAL_SCOPE)
    assert rechecked(from_findings)["QL-2022-002"] == (ledger.READY_TO_CLOSE, july)
    (_, check) = [e for e in events(from_findings, "QL-2022-002") if e["action"] == "复核"]
    assert check["note"] == "2022年7月数据复核：可销号"
    assert events(from_findings)[-1]["note"] == "2022年7月数据复核：整改未见效"
    before = event_count(from_findings)
    refresh(from_findings, config)  # the same outcome again writes no new entry
    assert event_count(from_findings) == before


def test_an_issue_made_from_findings_of_a_later_as_of_is_rechecked_by_the_next_month_of_data(from_findings, config):
    refresh(from_findings, config, dt.date(2022, 12, 31))  # the data still end in June
    key = findings(from_findings, codes=("INACTIVE_PAID",)).set_index("name").loc["甲", "finding_key"]
    new(from_findings, "QL-2022-003", finding_keys=(key,))
    assert ledger.issue(from_findings, "QL-2022-003", LOCAL_SCOPE)["baseline_month"] == dt.date(2022, 6, 1)
    import_month(from_findings, config, 7, [("甲", A)])
    refresh(from_findings, config, dt.date(2022, 12, 31))
    assert rechecked(from_findings)["QL-2022-003"] == (ledger.NOT_EFFECTIVE, dt.date(2022, 7, 1))


# the ledger as a workbook: import and export

HEADER = [f.label for f in ledger.FIELDS]


def ledger_file(*rows: dict, sheet: str = "问题台账") -> bytes:
    return xlsx_bytes((sheet, [HEADER, *[[row.get(f.name) for f in ledger.FIELDS] for row in rows]]))


def snapshot(con) -> dict:
    return {t: con.execute(f"select * exclude (done_at) from {t} order by all" if t == "ledger_event" else
                           f"select * from {t} order by all").fetchall()
            for t in ("ledger_issue", "ledger_event", "issues", "import_batch")}


def test_an_import_adds_new_numbers_and_changes_only_the_cells_filled_in(fresh_db, config):
    new(fresh_db, "QL-1", measures="停发", responsible_person="李站长", deadline=dt.date(2022, 9, 30))
    report = import_file(fresh_db, "台账.xlsx", ledger_file(
        {"issue_no": "QL-1", "village": "冬笋村", "focus": "资金使用管理", "description": "死亡后仍发放",
         "status": "整改中", "recovered": "300", "deadline": "2022-10-15"},
        {"issue_no": "QL-2", "village": "金源村", "focus": "关爱服务", "description": "未按月走访"}), config,
        scope=Scope("王会计", ADMIN))
    assert report["status"] == "committed"
    one, two = ledger.issue(fresh_db, "QL-1", LOCAL_SCOPE), ledger.issue(fresh_db, "QL-2", LOCAL_SCOPE)
    assert (one["status"], one["recovered"], one["deadline"]) == ("整改中", Decimal("300.00"), dt.date(2022, 10, 15))
    assert (one["measures"], one["responsible_person"]) == ("停发", "李站长")  # empty cells erase nothing
    assert (two["village"], two["status"], two["referred"]) == ("金源村", "待整改", "否")
    changed = events(fresh_db, "QL-1")[-1]
    assert (changed["action"], changed["from_status"], changed["to_status"], changed["done_by"], changed["note"]) == \
        ("导入修改", "待整改", "整改中", "王会计", "导入文件“台账.xlsx”")
    assert json.loads(changed["changes"]) == {"整改时限": ["2022-09-30", "2022-10-15"], "追回金额": [None, "300.00"]}
    assert [(e["action"], e["to_status"]) for e in events(fresh_db, "QL-2")] == [("导入新建", "待整改")]


def test_an_illegal_status_jump_in_a_file_refuses_the_whole_file(fresh_db, config):
    new(fresh_db, "QL-1")
    before = snapshot(fresh_db)
    report = import_file(fresh_db, "台账.xlsx", ledger_file(
        {"issue_no": "QL-2", "village": "金源村", "focus": "关爱服务", "description": "未按月走访"},
        {"issue_no": "QL-1", "village": "冬笋村", "focus": "资金使用管理", "description": "死亡后仍发放",
         "status": "已整改待销号"}), config)
    assert report["status"] == "rejected"
    message = report["problems"][0]["message"]
    assert "工作表“问题台账” 第 3 行" in message and "“整改状态”" in message
    assert "不能从“待整改”改为“已整改待销号”" in message
    assert snapshot(fresh_db) == before


def test_a_file_may_close_an_issue_whose_evidence_the_ledger_already_holds(fresh_db, config):
    new(fresh_db, "QL-1", status="已整改待销号", evidence="退款凭证")
    report = import_file(fresh_db, "台账.xlsx", ledger_file(
        {"issue_no": "QL-1", "village": "冬笋村", "focus": "资金使用管理", "description": "死亡后仍发放",
         "status": "已销号", "closed_date": "2022-09-10"}), config)
    assert report["status"] == "committed", report["problems"]
    closed = ledger.issue(fresh_db, "QL-1", LOCAL_SCOPE)
    assert (closed["status"], closed["closed_date"], closed["evidence"]) == \
        (ledger.CLOSED, dt.date(2022, 9, 10), "退款凭证")


def test_an_imported_ledger_batch_cannot_be_undone_or_restored(fresh_db, config):
    report = import_file(fresh_db, "台账.xlsx", ledger_file(
        {"issue_no": "QL-2", "village": "金源村", "focus": "关爱服务", "description": "未按月走访"}), config)
    for action in (batches.undo, batches.restore):
        with pytest.raises(JiuzhuError, match="不能整批撤销或恢复"):
            action(fresh_db, report["batch_id"])
    assert status(fresh_db, "QL-2") == "待整改"


@pytest.mark.parametrize("projector", [False, True])
def test_the_exported_workbook_reimports_into_the_same_ledger_without_change_entries(fresh_db, config, projector):
    new(fresh_db, "QL-2022-001", persons="2人：张三、欧阳小明", amount=Decimal("932.5"), found_date=dt.date(2022, 8, 1),
        description=f"身份证号 {A} 死亡后仍发放", deadline=dt.date(2022, 9, 30), referred="是")
    new(fresh_db, "QL-2022-002", village="金源村", focus="关爱服务", status="整改中", recovered=Decimal("100"),
        measures="=补走访")
    new(fresh_db, "QL-2022-003", status=ledger.CLOSED, note="+已退回")
    before, entries = ledger.issues(fresh_db, Filters(), AS_OF), event_count(fresh_db)
    data = ledger_io.workbook(fresh_db, before, "庆隆镇", AS_OF, Privacy(projector=projector), LOCAL_SCOPE)
    shown = openpyxl.load_workbook(io.BytesIO(data))["问题台账"]
    assert shown["H3"].value == ("2人：张*、欧**明" if projector else "2人：张三、欧阳小明")
    assert A not in shown["E3"].value  # IDs inside text are always masked
    report = import_file(fresh_db, "台账导出.xlsx", data, config)
    assert report["status"] == "committed" and report["rows_imported"] == 3
    after = ledger.issues(fresh_db, Filters(), AS_OF)
    assert after.equals(before)
    assert ledger.issue(fresh_db, "QL-2022-001", LOCAL_SCOPE)["persons"] == "2人：张三、欧阳小明"
    assert event_count(fresh_db) == entries


def test_the_export_holds_the_change_log(fresh_db):
    new(fresh_db, "QL-1")
    ledger.edit(fresh_db, "QL-1", {"measures": "停发"}, scope=Scope("王会计", ADMIN))
    data = ledger_io.workbook(fresh_db, ledger.issues(fresh_db, Filters(), AS_OF), "庆隆镇", AS_OF, Privacy(), LOCAL_SCOPE)
    log = list(openpyxl.load_workbook(io.BytesIO(data))["变更记录"].values)
    assert log[0] == ("问题编号", "时间", "操作人", "操作", "原状态", "新状态", "修改内容", "说明")
    assert log[2][0] == "QL-1" and log[2][2:4] == ("王会计", "修改") and log[2][6] == "整改措施：（空） → 停发"
