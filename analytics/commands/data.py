"""import, demo, history, rollback, restore and backup: the data in the store and its batches."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from analytics.access import accounts, audit
from analytics.commands.common import cli_user, scope_of
from analytics.core import backup as backup_module, clock, store
from analytics.core import config as config_module
from analytics.core.contract import DATASETS
from analytics.core.errors import JiuzhuError
from analytics.findings import refresh
from analytics.importing import batches
from analytics.importing.ahead import PlansAhead
from analytics.importing.files import commit_files, report_row


def import_files(args, ahead: PlansAhead) -> int:
    """Each file (being read `ahead`) committed and audited on its own, then the findings recomputed once if any
    changed (a dry run opens no store, checks no account and writes nothing)."""
    con = None if args.dry_run else store.connect(args.db)
    done = commit_files(con, ahead, ahead.config, scope=scope_of(con, None if args.dry_run else args.as_user),
                        noted={"方式": "命令行"}, strict=args.strict, dry_run=args.dry_run, replace=args.replace)
    if args.json:
        print(json.dumps({"files": done.files}, ensure_ascii=False, indent=1, default=str))
    else:
        print("\n".join(map(report_row, done.files)))
    return 1 if done.failed else 0


def demo(args) -> int:
    from analytics.demo import write_demo
    manifest = write_demo(args.out, scale=args.scale, seed=args.seed)
    print(f"示例数据已写入 {args.out}：{len(manifest['files'])} 个文件，预埋疑点 {len(manifest['findings'])} 条")
    return 0


def history(args) -> int:
    frame = batches.history(store.connect(args.db))
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        for row in frame.itertuples():
            period = row.period.strftime("%Y-%m") if not pd.isna(row.period) else ""
            print(f"{row.batch_id:>5}  {row.state:<6} {DATASETS[row.kind].label:<10} {row.program or '':<10} "
                  f"{period:<8} 有效 {row.rows_imported:>7} 隔离 {row.rows_quarantined:>5}  {row.file_name}")
    return 0


def _batch_action(action, done: str, logged_as: str):
    """rollback and restore: change which rows are live, then recompute the findings; audited."""
    def run(args) -> int:
        con = store.connect(args.db)
        user = scope_of(con, args.as_user)
        rows = action(con, args.batch, scope=user)
        audit.record(con, user.user, logged_as, {"批次": args.batch, "方式": "命令行"}, rows)
        refresh(con, config_module.load())
        print(done.format(batch=args.batch, rows=rows))
        return 0
    return run


rollback = _batch_action(batches.undo, "已撤销批次 {batch}，恢复了被它替换的 {rows} 行", audit.UNDO)
_restore_batch = _batch_action(batches.restore, "已恢复批次 {batch} 的 {rows} 行", audit.RESTORE)


def backup(args) -> int:
    path = Path(args.db or store.default_path())
    if not path.exists():
        print(f"错误：数据库文件 {path} 不存在", file=sys.stderr)
        return 1
    con = store.connect(path)
    out = args.out or path.parent / "backups" / f"{path.stem}-{clock.now():%Y%m%d-%H%M%S}"
    done = backup_module.export(con, out)
    con.close()
    print(f"已备份到 {done.path}：{len(done.rows)} 张表，共 {done.total_rows:,} 行（数据库版本 {done.schema_version}）")
    return 0


def restore(args) -> int:
    """A backup directory replaces the store; a batch number restores that batch."""
    if Path(args.target).is_dir():
        target = Path(args.db or store.default_path())
        user = _user_before_restore(target, args.as_user)
        done, aside = backup_module.restore(Path(args.target), target)
        restored = store.connect(target)  # migrates a backup of an older version
        audit.record(restored, user, audit.RESTORE, {"备份": str(done.path), "表": len(done.rows), "方式": "命令行"},
                     done.total_rows)
        restored.close()
        print(f"已从 {done.path} 恢复：{len(done.rows)} 张表，共 {done.total_rows:,} 行，已逐表核对行数"
              + (f"；原数据库已移到 {aside}" if aside else ""))
        return 0
    if not args.target.isdigit():
        print(f"错误：{args.target} 既不是批次号，也不是备份目录", file=sys.stderr)
        return 2
    args.batch = int(args.target)
    return _restore_batch(args)


def _user_before_restore(target: Path, name: str | None) -> str:
    """The account is looked up in the store about to be replaced, whose accounts are the ones in force."""
    if not name:
        return cli_user()
    if not target.exists():
        raise JiuzhuError(f"数据库文件 {target} 不存在，无从查找账户 {name}")
    con = store.connect(target)
    try:
        user = accounts.scope_of(con, name)
    finally:
        con.close()
    user.check_import()
    return user.user
