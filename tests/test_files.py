"""commit_files: the one way files go in, for the CLI, the upload page and the ledger page alike."""
import json

import pytest

from analytics.access import audit
from analytics.access.scope import ADMIN, Scope
from analytics.campaign import ledger
from analytics.core import store
from analytics.importing import files
from analytics.importing.files import commit_files
from conftest import PAYMENT_HEADER, payment_rows, xlsx_bytes

USER = Scope("王主任", ADMIN)


def payments(rows: list[list], title: str = "2022年6月特困供养发放明细") -> bytes:
    return xlsx_bytes(("发放", [[title], PAYMENT_HEADER, *rows]))


@pytest.fixture
def refreshes(monkeypatch) -> list:
    """Each findings refresh commit_files asks for, counted (and still run)."""
    calls = []
    real = files.refresh

    def counted(con, config):
        calls.append(con)
        return real(con, config)
    monkeypatch.setattr(files, "refresh", counted)
    return calls


def logged(con) -> list[tuple]:
    return [(u, a, json.loads(d), r) for u, a, d, r in
            con.execute("select user_name, action, detail, rows from audit_log order by seq").fetchall()]


def test_one_call_commits_two_files_audits_each_and_refreshes_the_findings_once(fresh_db, config, refreshes):
    done = commit_files(fresh_db, [("冬笋村6月.xlsx", payments(payment_rows(3))),
                                   ("金源村6月.xlsx", payments(payment_rows(2, village="金源村", start=10)))],
                        config, scope=USER)
    assert [(r["file"], r["status"], r["batch_id"]) for r in done.files] == [("冬笋村6月.xlsx", "committed", 1),
                                                                            ("金源村6月.xlsx", "committed", 2)]
    assert done.refreshed and not done.failed and len(refreshes) == 1
    assert logged(fresh_db) == [
        ("王主任", audit.IMPORT, {"文件": "冬笋村6月.xlsx", "批次": 1, "结果": "committed", "隔离行数": 0}, 3),
        ("王主任", audit.IMPORT, {"文件": "金源村6月.xlsx", "批次": 2, "结果": "committed", "隔离行数": 0}, 2)]


def test_a_rejected_file_leaves_the_others_committed_and_is_reported(fresh_db, config, refreshes):
    done = commit_files(fresh_db, [("随便.xlsx", xlsx_bytes(("表", [["甲", "乙"], [1, 2]]))),
                                   ("6月发放.xlsx", payments(payment_rows(2)))], config, scope=USER,
                        noted={"方式": "命令行"})
    rejected, committed = done.files
    assert rejected["status"] == "rejected" and rejected["problems"][0]["message"].startswith("文件“随便.xlsx”未导入")
    assert committed["status"] == "committed" and done.failed and len(refreshes) == 1
    assert [(d, r) for _, _, d, r in logged(fresh_db)] == [
        ({"文件": "随便.xlsx", "结果": "拒绝", "方式": "命令行"}, None),
        ({"文件": "6月发放.xlsx", "批次": 1, "结果": "committed", "隔离行数": 0, "方式": "命令行"}, 2)]


def test_a_file_already_live_changes_nothing_and_refreshes_nothing(fresh_db, config, refreshes):
    data = payments(payment_rows(2))
    commit_files(fresh_db, [("6月发放.xlsx", data)], config, scope=USER)
    again = commit_files(fresh_db, [("6月发放（副本）.xlsx", data)], config, scope=USER)
    assert again.files[0]["unchanged"] and not again.refreshed and len(refreshes) == 1
    assert logged(fresh_db)[-1][2:] == ({"文件": "6月发放（副本）.xlsx", "批次": 1, "结果": "unchanged", "隔离行数": 0}, 0)


def test_an_unreadable_path_is_a_rejected_file_said_in_chinese(fresh_db, config, tmp_path):
    missing, folder = commit_files(fresh_db, [tmp_path / "不存在.xlsx", tmp_path], config, scope=USER).files
    assert missing["status"] == folder["status"] == "rejected"
    assert missing["problems"][0]["message"].endswith("文件不存在，请检查路径和文件名")
    assert folder["problems"][0]["message"].endswith("这是一个文件夹，不是文件")


def test_a_dry_run_plans_without_a_store_and_audits_nothing(config, refreshes):
    done = commit_files(None, [("6月发放.xlsx", payments(payment_rows(2)))], config, dry_run=True)
    assert [r["status"] for r in done.files] == ["dry-run"] and not done.refreshed and not refreshes


def test_the_audit_goes_to_the_log_given_and_the_rows_to_the_store(fresh_db, config, tmp_path):
    """The page shows the sample in a store of its own while the audit log stays in the real one."""
    log = store.connect(tmp_path / "accounts.duckdb")
    commit_files(fresh_db, [("6月发放.xlsx", payments(payment_rows(2)))], config, scope=USER, log=log)
    assert len(audit.entries(log)) == 1 and audit.entries(fresh_db).empty
    log.close()


def test_a_ledger_workbook_alone_does_not_refresh_the_findings(fresh_db, config, refreshes):
    header = [f.label for f in ledger.FIELDS]
    issue = {"issue_no": "QL-1", "village": "冬笋村", "focus": "资金使用管理", "description": "死亡后仍发放"}
    data = xlsx_bytes(("问题台账", [header, [issue.get(f.name) for f in ledger.FIELDS]]))
    done = commit_files(fresh_db, [("台账.xlsx", data)], config, kind="issues", scope=USER, noted={"类别": "问题台账"})
    assert done.files[0]["status"] == "committed" and not done.refreshed and not refreshes
    assert logged(fresh_db)[0][2]["类别"] == "问题台账"


def test_progress_hears_of_each_file_and_of_the_refresh(fresh_db, config):
    heard = []
    commit_files(fresh_db, [("a.xlsx", payments(payment_rows(2))), ("b.xlsx", payments(payment_rows(1, start=5)))],
                 config, scope=USER, progress=lambda share, text: heard.append((share, text)))
    assert heard == [(0.0, "正在写入 a.xlsx（2 行）"), (0.5, "正在写入 b.xlsx（1 行）"), (1.0, "正在重新计算疑点…")]
