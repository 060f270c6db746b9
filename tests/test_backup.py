"""Backups: one restored into a fresh store holds every table row for row; a migration backs the store up first; a
store written by the previous schema version opens with the current code and keeps its data."""
import datetime as dt
import json
from decimal import Decimal

import duckdb
import pytest

from analytics.access import audit
from analytics.core import backup, db, migrate, store
from analytics.importing import batches
from analytics.cli import main
from analytics.core.errors import JiuzhuError
from analytics.findings import refresh
from analytics.importing.files import import_file
from conftest import PAYMENT_HEADER, payment_rows, xlsx_bytes

JUNE = [["2022年6月特困供养发放明细"], PAYMENT_HEADER]


def filled(path, config) -> duckdb.DuckDBPyConnection:
    """A store with live, replaced and undone batches, a quarantined row, findings and settings."""
    con = store.connect(path)
    bad = [9, "坏行", "12345", "特困供养", "932", "2022-06-20", "冬笋村"]
    for rows in (payment_rows(3) + [bad], payment_rows(4)):
        assert import_file(con, "6月发放.xlsx", xlsx_bytes(("发放", JUNE + rows)), config)["status"] == "committed"
    july = [["2022年7月特困供养发放明细"], PAYMENT_HEADER, *payment_rows(2)]
    undone = import_file(con, "7月发放.xlsx", xlsx_bytes(("发放", july)), config)["batch_id"]
    batches.undo(con, undone)
    refresh(con, config)
    return con


def contents(con) -> dict:
    """Every table's rows, each sequence's next value, the views and the macros."""
    tables = {name: con.execute(f"select * from {db.quote_identifier(name)} order by all").fetchall()
              for name in backup.table_rows(con)}
    sequences = con.execute("select sequence_name, coalesce(last_value + increment_by, start_value) "
                            "from duckdb_sequences() order by 1").fetchall()
    views = con.execute("select view_name, sql from duckdb_views() where not internal order by 1").fetchall()
    macros = con.execute("select function_name from duckdb_functions() where function_type = 'macro' "
                         "and not internal order by 1").fetchall()
    return {"tables": tables, "sequences": sequences, "views": [v[0] for v in views], "macros": macros}


def test_a_backup_restored_into_a_fresh_store_has_every_table_row_for_row(tmp_path, config, capsys):
    original = tmp_path / "store.duckdb"
    con = filled(original, config)
    before = contents(con)
    con.close()
    assert all(before["tables"][t] for t in ("payments", "payments_archive", "quarantine", "batch_event", "app_setting"))
    assert all(before[k] for k in ("sequences", "views", "macros"))

    assert main(["backup", "--out", str(tmp_path / "备份"), "--db", str(original)]) == 0
    assert "已备份到" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "备份"), "--db", str(tmp_path / "fresh.duckdb")]) == 0
    assert "已逐表核对行数" in capsys.readouterr().out

    restored = store.connect(tmp_path / "fresh.duckdb")
    after = contents(restored)
    logged = audit.entries(restored)  # the restore itself is the one entry more
    assert list(logged["action"]) == [audit.RESTORE] and logged["rows"].iloc[0] == sum(map(len, before["tables"].values()))
    after["tables"]["audit_log"] = [row for row in after["tables"]["audit_log"] if row[0] != logged["seq"].iloc[0]]
    after["sequences"] = [s for s in after["sequences"] if s[0] != "audit_log_seq"]
    assert after == before | {"sequences": [s for s in before["sequences"] if s[0] != "audit_log_seq"]}
    next_batch = import_file(restored, "8月发放.xlsx", xlsx_bytes(("发放", [["2022年8月特困供养发放明细"], PAYMENT_HEADER,
                                                                          *payment_rows(1)])), config)
    assert next_batch["batch_id"] == max(r[0] for r in before["tables"]["import_batch"]) + 1


def test_restoring_over_a_store_moves_the_replaced_one_aside(tmp_path, config):
    con = filled(tmp_path / "store.duckdb", config)
    backup.export(con, tmp_path / "b")
    batches.undo(con, 2)  # a change after the backup
    con.close()
    done, aside = backup.restore(tmp_path / "b", tmp_path / "store.duckdb")
    assert aside.parent == tmp_path / "backups" and aside.name.startswith("store-before-restore-")
    kept = duckdb.connect(str(aside), read_only=True)
    assert kept.execute("select count(*) from batch_event where action = '撤销'").fetchone()[0] == 2
    kept.close()
    back = store.connect(tmp_path / "store.duckdb")
    assert back.execute("select count(*) from batch_event where action = '撤销'").fetchone()[0] == 1
    assert backup.table_rows(back) == done.rows


def test_a_restore_that_does_not_get_every_row_back_changes_nothing(tmp_path, config):
    con = filled(tmp_path / "store.duckdb", config)
    backup.export(con, tmp_path / "b")
    con.close()
    manifest = json.loads((tmp_path / "b" / backup.MANIFEST).read_text(encoding="utf-8"))
    manifest["rows"]["payments"] += 1
    (tmp_path / "b" / backup.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    target = tmp_path / "other.duckdb"
    with pytest.raises(JiuzhuError, match="payments"):
        backup.restore(tmp_path / "b", target)
    assert not target.exists() and not (tmp_path / "other.duckdb.restoring").exists()


def test_backup_wants_a_new_directory_and_restore_a_backup(tmp_path, config, capsys):
    store.connect(tmp_path / "store.duckdb").close()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "note.txt").write_text("x")
    assert main(["backup", "--out", str(tmp_path / "full"), "--db", str(tmp_path / "store.duckdb")]) == 1
    assert "不为空" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "full"), "--db", str(tmp_path / "store.duckdb")]) == 1
    assert "不是看板的备份目录" in capsys.readouterr().err
    assert main(["restore", "no-such-thing", "--db", str(tmp_path / "store.duckdb")]) == 2


def fill_every_table(con) -> None:
    """Three rows in every table, built from the column types alone, so the test holds whatever a migration adds."""
    columns = con.execute("select table_name, data_type from information_schema.columns where table_schema = 'main' "
                          "and table_name in (select table_name from duckdb_tables()) and table_name <> "
                          "'schema_version' order by table_name, ordinal_position").fetchall()
    tables: dict[str, list[str]] = {}
    for table, data_type in columns:
        tables.setdefault(table, []).append(data_type)
    for table, types in tables.items():
        marks = ", ".join("?" * len(types))
        for i in range(1, 4):
            con.execute(f"insert into {db.quote_identifier(table)} values ({marks})",
                        [_value(data_type, table, i) for data_type in types])


def _value(data_type: str, table: str, i: int) -> object:
    if data_type in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT"):
        return 1_000_000 + i if data_type in ("BIGINT", "INTEGER", "HUGEINT") else i  # clear of the sequences' ids
    if data_type.startswith("DECIMAL"):
        return Decimal(i) + Decimal("0.5")
    samples = {"VARCHAR": f"{table}-{i}", "DATE": dt.date(2022, 1, i), "TIMESTAMP": dt.datetime(2022, 1, i, 8),
               "BOOLEAN": i % 2 == 0, "DOUBLE": i + 0.25, "VARCHAR[]": [f"{table}-{i}"]}
    assert data_type in samples, f"a migration uses {data_type} (table {table}): give it a sample value here"
    return samples[data_type]


# what the latest migration changes on purpose: 0007 moves the store's own timestamps from UTC to Beijing time
ARCHIVES = ("roster", "payments", "proxy_agreements", "staff", "crosscheck", "potential", "visits", "institutions",
            "issues")
MOVED = {7: {("import_batch", "uploaded_at"), ("batch_event", "done_at"), ("ledger_event", "done_at"),
             ("milestone_record", "done_at"), *((f"{t}_archive", "archived_at") for t in ARCHIVES)}}


def as_migrated(table: str, columns: list[str], rows: list[tuple], version: int) -> list[tuple]:
    moved = [i for i, c in enumerate(columns) if (table, c) in MOVED.get(version, ())]
    return sorted(tuple(v + dt.timedelta(hours=8) if i in moved and v is not None else v for i, v in enumerate(row))
                  for row in rows)


def test_a_store_of_the_previous_schema_version_opens_migrates_and_keeps_its_data(tmp_path, config):
    *_, (previous, _), (latest, _) = migrate.migration_files()
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    assert migrate.migrate(old, upto=previous) == previous
    fill_every_table(old)
    before = {table: old.execute(f"select * from {db.quote_identifier(table)} order by all").fetchall()
              for table in backup.table_rows(old)}
    columns = {table: [c[0] for c in old.execute(f"describe {db.quote_identifier(table)}").fetchall()]
               for table in before}
    old.close()

    con = store.connect(path)  # the current code: migrates, backing up first
    assert migrate.schema_version(con) == latest
    for table, rows in before.items():
        if table == "schema_version":
            continue
        kept = ", ".join(map(db.quote_identifier, columns[table]))
        assert con.execute(f"select {kept} from {db.quote_identifier(table)} order by all").fetchall() == \
            as_migrated(table, columns[table], rows, latest), table
    assert import_file(con, "6月发放.xlsx", xlsx_bytes(("发放", JUNE + payment_rows(2))), config)["status"] == \
        "committed"
    con.close()

    [taken] = (tmp_path / "backups").glob(f"old-before-{latest:04d}-*")
    assert backup.read_manifest(taken).schema_version == previous
    backup.restore(taken, tmp_path / "as-before.duckdb")
    again = duckdb.connect(str(tmp_path / "as-before.duckdb"), read_only=True)
    assert {t: again.execute(f"select * from {db.quote_identifier(t)} order by all").fetchall()
            for t in before} == before


def test_a_new_or_empty_store_is_migrated_without_a_backup(tmp_path):
    store.connect(tmp_path / "new.duckdb").close()
    assert not (tmp_path / "backups").exists()
