"""The store: migrations in order, tables that match the contract, a busy file explained in Chinese."""
import datetime as dt
import subprocess
import sys

import duckdb
import pytest

from analytics.core import clock, db, migrate, store
from analytics.core.contract import DATASETS, table_columns
from analytics.core.errors import StoreBusyError


def test_a_new_store_is_migrated_to_the_latest_version(fresh_db):
    latest = migrate.migration_files()[-1][0]
    assert migrate.schema_version(fresh_db) == latest
    assert migrate.migrate(fresh_db) == latest  # applying again is a no-op


@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_every_dataset_table_matches_the_contract(fresh_db, kind):
    for table, extra in ((kind, []), (kind + "_archive", ["archived_by", "archived_at"])):
        columns = [r[0] for r in fresh_db.execute(
            "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
            [table]).fetchall()]
        # rows move between the tables by column name, so a column added by a later migration may come last
        assert sorted(columns) == sorted([name for name, _ in table_columns(DATASETS[kind])] + extra)


def test_the_store_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("JIUZHU_DB", str(tmp_path / "elsewhere.duckdb"))
    assert store.default_path() == tmp_path / "elsewhere.duckdb"


def test_a_store_held_by_another_process_gives_a_chinese_message(tmp_path):
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(path)!r}); "
                                                     "print('ready', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusyError, match="正被另一个程序"):
            store.connect(path)
    finally:
        holder.kill()
        holder.wait()


def test_query_binds_only_the_parameters_a_named_query_uses(fresh_db):
    assert db.query(fresh_db, "quarantined_rows", {"batch_id": 1, "villages": ["冬笋村"]}).fetchall() == []


def test_the_store_keeps_beijing_time_whatever_the_server_zone(tmp_path):
    """DuckDB wrote now() in UTC until ICU was loaded: an upload at 07:30 on the 10th in the town read as the 9th."""
    con = store.connect(tmp_path / "clock.duckdb")
    written = con.execute("select now()::timestamp").fetchone()[0]
    cursor = con.cursor().execute("select now()::timestamp").fetchone()[0]
    assert abs(written - clock.now()) < dt.timedelta(minutes=1) and abs(cursor - clock.now()) < dt.timedelta(minutes=1)
    assert clock.now() - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) > dt.timedelta(hours=7, minutes=59)


def test_the_timestamps_written_in_utc_move_to_beijing_time(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    migrate.migrate(con, upto=6)  # a store of the previous version, its upload time written in UTC
    con.execute("insert into import_batch values (1, 'a.xlsx', 'x', 1, 'payments', null, null, null, null, '甲', "
                "timestamp '2022-10-09 23:30:00', 1, 1, 0, false)")
    con.close()
    con = store.connect(tmp_path / "old.duckdb")
    assert con.execute("select uploaded_at from import_batch").fetchone()[0] == dt.datetime(2022, 10, 10, 7, 30)


def test_a_migration_numbered_below_one_already_applied_is_still_applied(tmp_path):
    """Migrations are numbered ahead by parallel work: a store that ran 0012 before 0010 existed gets 0010 later."""
    con = store.connect(tmp_path / "gap.duckdb")
    latest = migrate.schema_version(con)
    con.execute("delete from schema_version where version = ?", [latest - 1])
    assert [v for v, _ in migrate.pending(con)] == [latest - 1]


def test_payments_and_lists_of_an_older_store_get_their_month_and_list_date(tmp_path):
    con = duckdb.connect(str(tmp_path / "older.duckdb"))
    migrate.migrate(con, upto=9)  # before 所属期 and 比对日期
    con.execute("insert into import_batch values (1, 'a.xlsx', 'x', 1, 'payments', null, null, null, null, '甲', "
                "timestamp '2022-11-25 10:00:00', 1, 1, 0, false)")
    for note in ("补发2022年10月", "一卡通", None):
        con.execute("insert into payments (batch_id, row_no, period, person_id, amount, note) "
                    "values (1, 2, date '2022-11-01', 'x', 1, ?)", [note])
    con.execute("insert into crosscheck (batch_id, row_no, person_id, source) values (1, 2, 'x', '死亡')")
    con.close()
    con = store.connect(tmp_path / "older.duckdb")
    assert con.execute("select paid_for from payments order by note nulls last").fetchall() == \
        [(dt.date(2022, 11, 1),), (dt.date(2022, 10, 1),), (dt.date(2022, 11, 1),)]
    assert con.execute("select list_date from crosscheck").fetchall() == [(dt.date(2022, 11, 25),)]
