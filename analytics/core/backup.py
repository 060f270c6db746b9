"""Backups of the store: a directory of Parquet files written by DuckDB's EXPORT DATABASE, and restoring one.

Why EXPORT DATABASE rather than copying the .duckdb file: it runs as one read transaction, so the backup is one
consistent snapshot (an import committing meanwhile is wholly in it or wholly out) without stopping the app's
writers, whereas a file copy is only consistent after a checkpoint with every writer held off. And it outlives the
DuckDB storage format: Parquet plus the schema's SQL can be imported by a later DuckDB, a copied file maybe not.
Sequences keep their next values, views and macros come back, and a manifest of row counts taken in the same
transaction lets a restore check that every row came back.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.core import clock, db, migrate
from analytics.core.errors import JiuzhuError, StoreBusyError

MANIFEST = "manifest.json"
DAILY_KEPT = 14  # automatic daily backups kept; the oldest beyond go (manual and before-migration ones never do)
SETUP_TABLES = {"schema_version", "app_setting"}  # filled by the migrations, so not worth a daily backup alone


@dataclass(frozen=True)
class Backup:
    path: Path
    schema_version: int
    rows: dict[str, int]

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every base table of the store and its row count (the catalog names them; none comes from a user)."""
    names = [r[0] for r in con.execute("select table_name from duckdb_tables() where database_name = "
                                       "current_database() and schema_name = 'main' order by table_name").fetchall()]
    return {name: con.execute(f"select count(*) from {db.quote_identifier(name)}").fetchone()[0] for name in names}


def export(con: duckdb.DuckDBPyConnection, directory: Path) -> Backup:
    """Write the store's snapshot into `directory` (created; it must not hold files already)."""
    directory = Path(directory).resolve()
    if directory.exists() and any(directory.iterdir()):
        raise JiuzhuError(f"备份目录 {directory} 已存在且不为空，请另选一个新目录")
    directory.mkdir(parents=True, exist_ok=True)
    con.execute("begin transaction")  # the counts and the files are one snapshot
    try:
        rows = table_rows(con)
        version = con.execute("select coalesce(max(version), 0) from schema_version").fetchone()[0]
        con.execute(f"export database {_literal(directory)} (format parquet)")
    finally:
        con.execute("commit")
    manifest = {"created_at": clock.now().isoformat(timespec="seconds"), "schema_version": version,
                "duckdb": duckdb.__version__, "rows": rows}
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return Backup(directory, version, rows)


def read_manifest(directory: Path) -> Backup:
    try:
        manifest = json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))
        return Backup(Path(directory).resolve(), int(manifest["schema_version"]), dict(manifest["rows"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise JiuzhuError(f"{directory} 不是看板的备份目录（缺少或无法读取 {MANIFEST}）") from None


def restore(directory: Path, target: Path) -> tuple[Backup, Path | None]:
    """Import the backup into a new file, check every table's row count, then put it in place of `target`.
    The store it replaces is moved aside, not deleted; returns where (None when there was none)."""
    backup, target = read_manifest(directory), Path(target).resolve()
    latest = migrate.migration_files()[-1][0]
    if backup.schema_version > latest:
        raise JiuzhuError(f"该备份来自更新版本的看板（数据库版本 {backup.schema_version}，本程序为 {latest}），请先升级看板")
    incoming = target.with_name(target.name + ".restoring")
    _remove(incoming)
    con = duckdb.connect(str(incoming))
    try:
        con.execute(f"import database {_literal(backup.path)}")
        found = table_rows(con)
    finally:
        con.close()
    if found != backup.rows:
        _remove(incoming)
        wrong = sorted(name for name in backup.rows.keys() | found.keys() if backup.rows.get(name) != found.get(name))
        raise JiuzhuError(f"备份恢复校验未通过：表 {'、'.join(wrong)} 的行数与备份清单不符，未作任何改动")
    aside = _move_aside(target) if target.exists() else None
    os.replace(incoming, target)
    return backup, aside


def before_migration(con: duckdb.DuckDBPyConnection, version: int) -> Backup | None:
    """The automatic backup a migration takes first, next to the store: backups/<name>-before-<version>-<time>/."""
    path = _database_path(con)
    if path is None:
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    return export(con, path.parent / "backups" / f"{path.stem}-before-{version:04d}-{stamp}")


def now(con: duckdb.DuckDBPyConnection) -> Backup:
    """A backup taken on request (the 立即备份 button): backups/<name>-<time>/ next to the store, like the CLI's."""
    return export(con, _backups(con) / f"{_database_path(con).stem}-{clock.now():%Y%m%d-%H%M%S}")


def daily(con: duckdb.DuckDBPyConnection, keep: int = DAILY_KEPT) -> Backup | None:
    """The day's automatic backup, backups/<name>-daily-<time>/, unless today's exists or the store holds nothing but
    what the migrations wrote; then only the newest `keep` daily backups stay."""
    path = _database_path(con)
    if path is None or not any(n for name, n in table_rows(con).items() if name not in SETUP_TABLES):
        return None
    stamp = clock.now()
    taken = sorted(_backups(con).glob(f"{path.stem}-daily-*"))
    if taken and taken[-1].name.startswith(f"{path.stem}-daily-{stamp:%Y%m%d}"):
        return None
    done = export(con, _backups(con) / f"{path.stem}-daily-{stamp:%Y%m%d-%H%M%S}")
    for old in sorted(_backups(con).glob(f"{path.stem}-daily-*"))[:-keep]:
        if (old / MANIFEST).exists():  # only what this module wrote
            shutil.rmtree(old)
    return done


def _backups(con: duckdb.DuckDBPyConnection) -> Path:
    path = _database_path(con)
    if path is None:
        raise JiuzhuError("内存中的数据库无法备份")
    return path.parent / "backups"


def _database_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    found = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return Path(found[0]) if found and found[0] else None


def _move_aside(target: Path) -> Path:
    """The replaced store goes to backups/<name>-before-restore-<time>.duckdb, after checking nobody has it open."""
    try:
        duckdb.connect(str(target)).close()
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(f"数据库文件 {target} 正被另一个程序（如正在运行的看板）使用，无法恢复；请先关闭看板") from None
        raise
    aside = target.parent / "backups" / f"{target.stem}-before-restore-{clock.now():%Y%m%d-%H%M%S}.duckdb"
    aside.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, aside)
    wal = target.with_name(target.name + ".wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + ".wal"))
    return aside


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _literal(path: Path) -> str:
    """EXPORT/IMPORT DATABASE take no bound parameters: the path goes in as a quoted SQL string."""
    text = str(path)
    if "\x00" in text:
        raise JiuzhuError(f"路径无效：{text!r}")
    return "'" + text.replace("'", "''") + "'"
