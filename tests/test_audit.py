"""The audit log: entries appended in order and filtered, details masked, unmask events, the xlsx export."""
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from analytics.access import audit
from analytics.core import db
from analytics.core.errors import JiuzhuError
from analytics.access.scope import Forbidden, Scope
from conftest import person

T0 = dt.datetime(2022, 9, 1, 9, 0)
ADMIN = Scope("王主任", "管理员")


def details(con) -> list[dict]:
    return [json.loads(d) for d in audit.entries(con)["detail"]]


def test_entries_are_appended_in_order_and_filtered_by_time_user_and_action(fresh_db):
    audit.record(fresh_db, "王主任", audit.IMPORT, {"文件": "6月发放.xlsx", "批次": 3}, rows=120, now=T0)
    audit.record(fresh_db, "李四", audit.EXPORT, {"内容": "疑点清单"}, rows=8, now=T0 + dt.timedelta(hours=1))
    audit.record(fresh_db, "王主任", audit.UNDO, {"批次": 3}, now=T0 + dt.timedelta(hours=2))
    log = audit.entries(fresh_db)
    assert list(log["seq"]) == [1, 2, 3] and list(log["action"]) == ["导入", "导出", "撤销"]
    assert list(log["rows"].fillna(-1)) == [120, 8, -1]
    assert list(audit.entries(fresh_db, since=T0 + dt.timedelta(minutes=30))["seq"]) == [2, 3]
    assert list(audit.entries(fresh_db, user="王主任")["seq"]) == [1, 3]
    assert list(audit.entries(fresh_db, action=audit.EXPORT)["user_name"]) == ["李四"]


def test_an_unknown_action_is_a_programming_error(fresh_db):
    with pytest.raises(ValueError):
        audit.record(fresh_db, "王主任", "删除", {})


def test_nothing_in_analytics_updates_or_deletes_the_audit_log():
    root = Path(audit.__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in [*(root / "sql").glob("*.sql"), *root.glob("*.py")]]
    assert not any(re.search(r"\b(update|delete\s+from|truncate)\s+audit_log\b", t, re.IGNORECASE) for t in texts)


def test_an_entry_written_in_a_transaction_that_fails_is_gone_with_it(fresh_db):
    with pytest.raises(RuntimeError):
        with db.write_lock, db.transaction(fresh_db):
            audit.record(fresh_db, "王主任", audit.LEDGER, {"问题编号": "QL-2022-001"}, now=T0)
            raise RuntimeError("the change itself failed")
    assert audit.entries(fresh_db).empty


def test_id_numbers_and_accounts_in_a_detail_are_masked_at_any_depth(fresh_db):
    pid = person(7)
    audit.record(fresh_db, "王主任", audit.EXPORT,
                 {"说明": f"代领人 {pid} 的账号 6228480012345678", "对象": [pid], "筛选": {"身份证号": pid}}, now=T0)
    (detail,) = details(fresh_db)
    masked = pid[:6] + "********" + pid[-4:]
    assert detail == {"说明": f"代领人 {masked} 的账号 ************5678", "对象": [masked], "筛选": {"身份证号": masked}}
    assert pid not in audit.entries(fresh_db).to_string()


def test_passwords_and_hashes_never_reach_a_detail(fresh_db):
    audit.record(fresh_db, "王主任", audit.ACCOUNT,
                 {"账户": "李四", "password": "qinglong2022", "新密码": "x1234567", "值": "scrypt$32768$8$1$c2FsdA==$aGFzaA=="},
                 now=T0)
    (detail,) = details(fresh_db)
    assert detail == {"账户": "李四", "password": "（已隐去）", "新密码": "（已隐去）", "值": "（已隐去）"}


def test_an_unmask_event_keeps_only_the_masked_number_and_the_reason(fresh_db):
    pid = person(8)
    audit.record_unmask(fresh_db, ADMIN, pid, " 核对代领人身份 ", now=T0)
    audit.record(fresh_db, "王主任", audit.UNMASK, {"号码": pid, "原因": "复核", "姓名": "张三"}, now=T0)
    assert details(fresh_db) == [{"号码": pid[:6] + "********" + pid[-4:], "原因": "核对代领人身份"},
                                 {"号码": pid[:6] + "********" + pid[-4:], "原因": "复核"}]
    assert list(audit.entries(fresh_db)["action"]) == ["查看完整证件号"] * 2


def test_unmasking_needs_the_admin_role_and_a_reason(fresh_db):
    with pytest.raises(Forbidden, match="只有管理员"):
        audit.record_unmask(fresh_db, Scope("领导甲", "领导"), person(9), "开会要看")
    with pytest.raises(JiuzhuError, match="请填写查看完整号码的原因"):
        audit.record_unmask(fresh_db, ADMIN, person(9), "  ")
    assert audit.entries(fresh_db).empty


def test_the_export_is_one_sheet_with_chinese_headers_and_readable_details(fresh_db):
    audit.record(fresh_db, "王主任", audit.EXPORT, {"内容": "=疑点清单", "村(居)": ["冬笋村", "金源村"]}, rows=8, now=T0)
    sheet = openpyxl.load_workbook(io.BytesIO(audit.to_xlsx(audit.entries(fresh_db)))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert sheet.title == "审计日志"
    assert rows == [["序号", "时间", "用户", "操作", "详情", "行数"],
                    [1, T0, "王主任", "导出", "内容：=疑点清单；村(居)：冬笋村、金源村", 8]]
