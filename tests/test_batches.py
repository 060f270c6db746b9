"""Commit, re-import, replace, undo and restore: whole batches or nothing, and nothing ever lost."""
import datetime as dt

import pytest

from analytics.importing import batches
from analytics.access.scope import ADMIN, Scope
from analytics.core.errors import FileRejected, Forbidden, JiuzhuError
from analytics.importing.plan import plan_import
from conftest import PAYMENT_HEADER, payment_rows, person, xlsx_bytes

TABLES = ("payments", "payments_archive", "import_batch", "batch_event", "quarantine", "import_problem")


def payments_file(rows, title="2022年6月特困供养发放明细"):
    return xlsx_bytes(("发放", [[title], PAYMENT_HEADER, *rows]))


def plan(config, rows, name="2022年6月发放.xlsx", **kw):
    return plan_import(name, payments_file(rows), config, **kw)


def snapshot(con):
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def live_people(con):
    return sorted(r[0] for r in con.execute("select name from payments").fetchall())


def test_commit_writes_valid_rows_and_quarantines_bad_ones(fresh_db, config):
    wrong_check = person(9)[:17] + ("1" if person(9)[17] != "1" else "2")
    bad = [9, "坏行", wrong_check, "特困供养", "-5", "2022-06-20", "冬笋村"]
    result = batches.commit(fresh_db, plan(config, payment_rows(2) + [bad]))
    assert (result.status, result.rows_imported, result.rows_quarantined) == ("committed", 2, 1)
    assert live_people(fresh_db) == ["测试1", "测试2"]
    sheet, row_no, reasons = fresh_db.execute("select sheet, row_no, reasons from quarantine").fetchone()
    assert (sheet, row_no) == ("发放", 5)
    assert "校验位" in reasons and "负数" in reasons


def test_rows_are_traceable_to_their_batch_file_sheet_and_row(fresh_db, config):
    result = batches.commit(fresh_db, plan(config, payment_rows(1)), scope=Scope("张办事员", ADMIN))
    row = fresh_db.execute("select p.sheet, p.row_no, b.file_name, b.sha256, b.uploaded_by from payments p "
                           "join import_batch b using (batch_id) where b.batch_id = ?", [result.batch_id]).fetchone()
    assert row[:3] == ("发放", 3, "2022年6月发放.xlsx") and len(row[3]) == 64 and row[4] == "张办事员"


def test_money_and_dates_are_typed(fresh_db, config):
    batches.commit(fresh_db, plan(config, payment_rows(1)))
    types = dict(fresh_db.execute("select column_name, data_type from information_schema.columns "
                                  "where table_name = 'payments'").fetchall())
    assert types["amount"] == "DECIMAL(12,2)" and types["paid_date"] == "DATE" and types["period"] == "DATE"
    assert fresh_db.execute("select amount, paid_date from payments").fetchone()[1] == dt.date(2022, 6, 20)


def test_reimporting_the_same_file_changes_nothing(fresh_db, config):
    data = payments_file(payment_rows(3))  # built once: openpyxl stamps the second it saves into the file
    first = batches.commit(fresh_db, plan_import("2022年6月发放.xlsx", data, config))
    before = snapshot(fresh_db)
    again = batches.commit(fresh_db, plan_import("2022年6月发放.xlsx", data, config))
    assert again.status == "unchanged" and again.batch_id == first.batch_id
    assert snapshot(fresh_db) == before


def test_the_same_bytes_for_another_month_are_imported_not_taken_for_a_reimport(fresh_db, config):
    rows = payment_rows(2)
    june = batches.commit(fresh_db, plan_import("发放.xlsx", payments_file(rows, "特困供养发放明细"), config,
                                                period=dt.date(2022, 6, 1)))
    july = batches.commit(fresh_db, plan_import("发放.xlsx", payments_file(rows, "特困供养发放明细"), config,
                                                period=dt.date(2022, 7, 1)))
    assert (june.status, july.status) == ("committed", "committed")
    assert fresh_db.execute("select count(distinct batch_period) from payments").fetchone()[0] == 2


def test_a_new_file_for_the_same_program_month_and_village_replaces_the_old_rows(fresh_db, config):
    old = batches.commit(fresh_db, plan(config, payment_rows(3)))
    new = batches.commit(fresh_db, plan(config, payment_rows(2, start=10)))
    assert new.rows_replaced == 3
    assert live_people(fresh_db) == ["测试10", "测试11"]
    assert fresh_db.execute("select count(*) from payments_archive where batch_id = ?", [old.batch_id]).fetchone()[0] == 3


def test_another_village_or_month_is_not_replaced(fresh_db, config):
    batches.commit(fresh_db, plan(config, payment_rows(2, village="冬笋村")))
    batches.commit(fresh_db, plan(config, payment_rows(1, village="金源村", start=5)))
    batches.commit(fresh_db, plan(config, payment_rows(1, start=7), name="2022年7月发放.xlsx",
                                  period=dt.date(2022, 7, 1)))
    assert live_people(fresh_db) == ["测试1", "测试2", "测试5", "测试7"]


def test_a_list_without_months_is_replaced_whole(fresh_db, config):
    header = ["身份证号", "姓名", "类别"]
    for ids in ((1, 2, 3), (4,)):
        data = xlsx_bytes(("人员", [header, *[[person(i), f"人{i}", "工作人员"] for i in ids]]))
        batches.commit(fresh_db, plan_import("工作人员名单.xlsx", data, config))
    assert fresh_db.execute("select name from staff").fetchall() == [("人4",)]


def test_undo_brings_back_what_the_batch_replaced(fresh_db, config):
    batches.commit(fresh_db, plan(config, payment_rows(3)))
    new = batches.commit(fresh_db, plan(config, payment_rows(2, start=10)))
    back = batches.undo(fresh_db, new.batch_id)
    assert back == 3 and live_people(fresh_db) == ["测试1", "测试2", "测试3"]
    assert batches.history(fresh_db).set_index("batch_id").at[new.batch_id, "state"] == "已撤销"


def test_restore_makes_a_replaced_batch_live_again_and_can_itself_be_undone(fresh_db, config):
    old = batches.commit(fresh_db, plan(config, payment_rows(3)))
    batches.commit(fresh_db, plan(config, payment_rows(2, start=10)))
    assert batches.restore(fresh_db, old.batch_id) == 3
    assert live_people(fresh_db) == ["测试1", "测试2", "测试3"]
    batches.undo(fresh_db, old.batch_id)
    assert live_people(fresh_db) == ["测试10", "测试11"]


@pytest.mark.parametrize("role", ["领导", "纪委"])
def test_only_an_account_that_may_import_imports_undoes_or_restores(fresh_db, config, role):
    reader = Scope("甲", role)
    with pytest.raises(Forbidden, match=f"{role}账户无权导入、撤销或恢复数据"):
        batches.commit(fresh_db, plan(config, payment_rows(3)), scope=reader)
    assert batches.history(fresh_db).empty
    batch = batches.commit(fresh_db, plan(config, payment_rows(3)))
    for action in (batches.undo, batches.restore):
        with pytest.raises(Forbidden):
            action(fresh_db, batch.batch_id, scope=reader)
    assert batches.history(fresh_db).set_index("batch_id").at[batch.batch_id, "state"] == "生效中"


def test_undo_of_a_batch_that_was_replaced_later_is_refused(fresh_db, config):
    old = batches.commit(fresh_db, plan(config, payment_rows(3)))
    batches.commit(fresh_db, plan(config, payment_rows(2, start=10)))
    with pytest.raises(JiuzhuError, match="替换"):
        batches.undo(fresh_db, old.batch_id)


def test_strict_mode_rejects_a_file_with_any_bad_row_and_writes_nothing(fresh_db, config):
    before = snapshot(fresh_db)
    bad = [9, "坏行", "123", "特困供养", "932", "2022-06-20", "冬笋村"]
    with pytest.raises(FileRejected, match="严格模式"):
        batches.commit(fresh_db, plan(config, payment_rows(2) + [bad]), strict=True)
    assert snapshot(fresh_db) == before


def test_a_failure_in_the_middle_of_a_commit_leaves_the_store_exactly_as_before(fresh_db, config, monkeypatch):
    batches.commit(fresh_db, plan(config, payment_rows(3)))
    before = snapshot(fresh_db)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(batches, "_insert_quarantine", broken)
    with pytest.raises(RuntimeError):
        batches.commit(fresh_db, plan(config, payment_rows(2, start=10)))
    assert snapshot(fresh_db) == before
    assert not fresh_db.execute("select * from duckdb_views() where view_name = 'staging'").fetchall()


def test_history_lists_every_batch_newest_first(fresh_db, config):
    batches.commit(fresh_db, plan(config, payment_rows(1)))
    batches.commit(fresh_db, plan(config, payment_rows(1, village="金源村", start=3)))
    history = batches.history(fresh_db)
    assert list(history["batch_id"]) == [2, 1] and set(history["state"]) == {"生效中"}


def test_the_replace_statement_matches_on_the_contract_scope_and_binds_values():
    from analytics.importing.moves import Moves
    text = Moves("payments").archive_staged_scope()
    for column in ("program", "batch_period", "village"):
        assert f's."{column}" is not distinct from r."{column}"' in text
    assert "?" in text and "'" not in text
    assert "where" not in Moves("staff").in_staged_scope  # a list without months is replaced whole
