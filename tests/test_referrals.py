"""问题线索移送登记: leads registered and edited by 纪委 and 管理员 only, linked to ledger issues and findings that exist,
every change audited with what changed, the register exported to a workbook with the store's figures."""
import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from analytics.access import audit
from analytics.access.scope import ADMIN, DISCIPLINE, LEADER, VILLAGE, Scope
from analytics.campaign import referrals
from analytics.core import store
from analytics.core.errors import Forbidden
from conftest import sample_copy

JIWEI = Scope("纪委乙", DISCIPLINE)
LEAD = {"source": "信息比对", "persons": "冬笋村村委委员 张某", "nature": "代领代管", "amount": "1,864.00",
        "referred_on": dt.date(2022, 9, 26), "receiver": "镇纪委"}


@pytest.fixture
def sample(tmp_path, sample_town_file):
    con = store.connect(sample_copy(sample_town_file, tmp_path))
    yield con
    con.close()


def test_a_lead_is_registered_with_its_links_numbered_and_audited(sample):
    issue = sample.execute("select issue_no from ledger_issue order by issue_no limit 1").fetchone()[0]
    key = sample.execute("select finding_key from finding where code = 'STAFF_PROXY' limit 1").fetchone()[0]
    number = referrals.add(sample, LEAD | {"issue_nos": [issue], "finding_keys": [key]}, scope=JIWEI)
    assert number == "XS-2022-001"
    assert referrals.next_no(sample, 2022) == "XS-2022-002"
    lead = referrals.one(sample, number, JIWEI)
    assert (lead["amount"], lead["issue_nos"], lead["finding_keys"]) == (Decimal("1864.00"), [issue], [key])
    entry = audit.entries(sample, action=audit.REFERRAL).iloc[-1]
    detail = json.loads(entry["detail"])
    assert entry["user_name"] == "纪委乙" and detail["操作"] == "新建" and detail["涉及人员"] == LEAD["persons"]
    assert key.split("|")[1] not in entry["detail"]  # the beneficiary's ID in the finding key is masked


def test_an_edit_is_audited_with_old_and_new_and_no_change_writes_nothing(sample):
    number = referrals.add(sample, LEAD, scope=JIWEI)
    changed = referrals.edit(sample, number, {"outcome": "已立案", "sanction": "党内警告"}, scope=JIWEI)
    assert changed == {"办理结果": [None, "已立案"], "处理处分": [None, "党内警告"]}
    before = len(audit.entries(sample, action=audit.REFERRAL))
    assert referrals.edit(sample, number, {"outcome": "已立案"}, scope=JIWEI) == {}
    assert len(audit.entries(sample, action=audit.REFERRAL)) == before
    last = json.loads(audit.entries(sample, action=audit.REFERRAL).iloc[-1]["detail"])
    assert last == {"线索编号": number, "操作": "修改", "办理结果": [None, "已立案"], "处理处分": [None, "党内警告"]}


def test_every_problem_of_a_lead_is_reported_at_once_and_unknown_links_are_refused(sample):
    with pytest.raises(referrals.ReferralError) as missing:
        referrals.add(sample, {"amount": "三千"}, scope=JIWEI)
    assert all(w in str(missing.value) for w in ("线索来源", "涉及人员", "问题性质", "移送日期", "接收单位", "不是数字"))
    with pytest.raises(referrals.ReferralError, match="QL-9999-999"):
        referrals.add(sample, LEAD | {"issue_nos": ["QL-9999-999"]}, scope=JIWEI)


@pytest.mark.parametrize("scope", [Scope("dongsun", VILLAGE, "冬笋村"), Scope("leader", LEADER)])
def test_only_discipline_and_administrators_read_or_keep_the_register(sample, scope):
    for call in (lambda: referrals.referrals(sample, scope), lambda: referrals.add(sample, LEAD, scope=scope)):
        with pytest.raises(Forbidden):
            call()
    assert referrals.referrals(sample, Scope("admin", ADMIN)).empty


def test_the_workbook_lists_each_lead_with_its_amount(sample):
    referrals.add(sample, LEAD, scope=JIWEI)
    referrals.add(sample, LEAD | {"amount": "500", "referred_on": dt.date(2022, 10, 8), "persons": "某社区主任 李某"},
                  scope=JIWEI)
    book = openpyxl.load_workbook(io.BytesIO(referrals.workbook(referrals.referrals(sample, JIWEI), "庆隆镇",
                                                                dt.date(2022, 12, 31))))
    rows = list(book.active.iter_rows(values_only=True))
    assert "共 2 件" in rows[0][0] and rows[2][:5] == ("线索编号", "线索来源", "涉及人员", "问题性质", "涉及金额(元)")
    assert [(r[0], r[4]) for r in rows[3:]] == [("XS-2022-002", 500.0), ("XS-2022-001", 1864.0)]
