"""python -m analytics: the same functions the app uses, from the command line.

Exit codes: 0 done (quarantined rows are reported, not fatal), 1 a file rejected or an action refused, 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

import pandas as pd

from analytics.access import accounts, audit, scope
from analytics.access.privacy import Privacy, masked
from analytics.core import backup, clock, store
from analytics.core import config as config_module
from analytics.core.contract import DATASETS, VERIFY_ACTIONS, VERIFY_RESULTS
from analytics.core.errors import JiuzhuError
from analytics.core.filters import Filters
from analytics.findings import CODES, export, findings, refresh, summary, verify
from analytics.importing import batches
from analytics.importing.files import commit_files, report_row

# the parser: one builder per command, then the arguments several commands share

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description="救助整治看板命令行工具")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_import(sub)
    demo = sub.add_parser("demo", help="生成示例数据（示例镇的表格文件与预埋疑点清单）")
    demo.add_argument("--out", type=Path, default=Path("示例数据"))
    demo.add_argument("--scale", choices=("town", "district", "city"), default="town")
    demo.add_argument("--seed", type=int, default=42)
    hist = sub.add_parser("history", help="列出导入批次")
    _add_db(hist)
    hist.add_argument("--json", action="store_true")
    _add_findings(sub)
    rollback = sub.add_parser("rollback", help="撤销一个导入批次（恢复被它替换的数据）")
    _add_db(rollback)
    rollback.add_argument("batch", type=int)
    _add_as_user(rollback)
    _add_backup(sub)
    _add_export(sub)
    _add_user(sub)
    _add_verify(sub)
    _add_summary(sub)
    return parser


def _add_import(sub) -> None:
    imp = sub.add_parser("import", help="导入表格文件（.xlsx/.xls/.csv）")
    _add_db(imp)
    imp.add_argument("--kind", choices=sorted(DATASETS), help="数据类型；不给则按表头判断")
    imp.add_argument("--program", help="救助类别；不给则按列、标题行或文件名判断")
    imp.add_argument("--period", type=_month, help="所属月份 YYYY-MM")
    imp.add_argument("--set", dest="given", action="append", type=_given, default=[], metavar="列名=值",
                     help="文件中没有、对整个文件都相同的值（可重复），如 --set 比对来源=火化、--set 类别=村干部")
    imp.add_argument("--village", help="文件中没有村(居)列、工作表名和标题也看不出时，整个文件所属的村(居)")
    imp.add_argument("--strict", action="store_true", help="有任何错误行则整个文件不导入")
    imp.add_argument("--dry-run", action="store_true", help="只校验，不写入")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    _add_as_user(imp)
    imp.add_argument("files", nargs="+", type=Path)


def _add_backup(sub) -> None:
    backup_parser = sub.add_parser("backup", help="备份整个数据库到一个新目录（看板运行时请先关闭看板）")
    _add_db(backup_parser)
    backup_parser.add_argument("--out", type=Path, help="备份目录（须为新目录）；默认 数据库所在目录/backups/<名称>-<时间>")
    restore = sub.add_parser("restore", help="恢复：给批次号则恢复一个已被替换或撤销的批次；给备份目录则用该备份替换数据库")
    _add_db(restore)
    restore.add_argument("target", help="批次号，或 backup 命令写出的备份目录")
    _add_as_user(restore)


def _add_findings(sub) -> None:
    found = sub.add_parser("findings", help="重新计算并导出疑点清单")
    _add_db(found)
    found.add_argument("--as-of", type=_day, help="分析日期 YYYY-MM-DD；默认取名册或发放数据最新月份的最后一天")
    found.add_argument("--code", action="append", choices=[c.code for c in CODES], metavar="CODE",
                       help="只导出这一疑点代码（可重复），如 DEATH_PAID")
    found.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
    found.add_argument("--out", type=Path, help="输出文件；不给则打印到屏幕（xlsx 必须给出）")
    _add_as_user(found)


def _add_export(sub) -> None:
    out = sub.add_parser("export", help="导出会议材料：--out 以 .xlsx 结尾为工作簿，以 .pdf 结尾为简报")
    _add_db(out)
    out.add_argument("--out", type=Path, required=True, help="输出文件（.xlsx 或 .pdf）")
    out.add_argument("--as-of", type=_day, help="分析日期 YYYY-MM-DD；默认取当前疑点的计算日期")
    out.add_argument("--since", type=_day, help="上次会议日期 YYYY-MM-DD，对比其后的变化；默认为分析日期前一个月")
    out.add_argument("--village", help="只导出这一村(居)的材料")
    _add_as_user(out)


def _add_verify(sub) -> None:
    parser = sub.add_parser("verify", help="登记一条疑点的核实结论（KEY 为 findings --format json 中的 finding_key）")
    _add_db(parser)
    parser.add_argument("key", metavar="KEY")
    parser.add_argument("--result", required=True, choices=VERIFY_RESULTS, help="核实结论")
    parser.add_argument("--action", choices=VERIFY_ACTIONS, help="处理方式")
    parser.add_argument("--note", required=True, help="核实情况说明")
    _add_as_user(parser)


def _add_summary(sub) -> None:
    summary_parser = sub.add_parser("summary", help="疑点汇总：条数、涉及人数和户数、三类金额（与总览、会议材料一致）")
    _add_db(summary_parser)
    summary_parser.add_argument("--as-of", type=_day, help="分析日期 YYYY-MM-DD；默认为当前疑点的计算日期（不重新计算）")
    summary_parser.add_argument("--village", help="只汇总这一村(居)")
    summary_parser.add_argument("--format", choices=("json",), default="json")
    _add_as_user(summary_parser)


def _add_user(sub) -> None:
    user = sub.add_parser("user", help="管理登录账户：一旦有账户，看板须登录使用")
    actions = user.add_subparsers(dest="user_command", required=True)
    add = actions.add_parser("add", help="新建账户，随后输入密码")
    add.add_argument("name", help="用户名")
    add.add_argument("--role", required=True, choices=scope.ROLES)
    add.add_argument("--village", help="村(居)账户所属的村(居)")
    actions.add_parser("list", help="列出账户及其状态")
    actions.add_parser("disable", help="停用账户").add_argument("name", help="用户名")
    actions.add_parser("passwd", help="修改密码（也解除因连续输错而加的锁定）").add_argument("name", help="用户名")
    for parser in actions.choices.values():
        _add_db(parser)


def _add_as_user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", dest="as_user", metavar="NAME",
                        help="以此账户的名义和权限操作（导入、撤销、恢复须为管理员；导出时村(居)账户只含本村(居)，"
                             "非管理员账户的身份证号和银行账号部分隐去），并记入审计日志；"
                             "不给则为在本机操作数据库文件的管理员")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="数据库文件（默认取环境变量 JIUZHU_DB，否则 data/jiuzhu.duckdb）")


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份应写作 YYYY-MM，例如 2022-06，而不是 {text!r}") from None


def _given(text: str) -> tuple[str, str]:
    label, sep, value = text.partition("=")
    if not sep or not label.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"应写作 列名=值，例如 比对来源=火化，而不是 {text!r}")
    return label.strip(), value.strip()


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD，例如 2022-12-31，而不是 {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except JiuzhuError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _import(args) -> int:
    """Each file committed and audited on its own, then the findings recomputed once if any changed (a dry run
    opens no store, checks no account and writes nothing)."""
    config = config_module.load()
    con = None if args.dry_run else store.connect(args.db)
    done = commit_files(con, args.files, config, scope=_scope(con, None if args.dry_run else args.as_user),
                        noted={"方式": "命令行"}, kind=args.kind, program=args.program, period=args.period,
                        given=dict(args.given) | ({"村(居)": args.village} if args.village else {}),
                        strict=args.strict, dry_run=args.dry_run)
    if args.json:
        print(json.dumps({"files": done.files}, ensure_ascii=False, indent=1, default=str))
    else:
        print("\n".join(map(report_row, done.files)))
    return 1 if done.failed else 0


def _demo(args) -> int:
    from analytics.demo import write_demo
    manifest = write_demo(args.out, scale=args.scale, seed=args.seed)
    print(f"示例数据已写入 {args.out}：{len(manifest['files'])} 个文件，预埋疑点 {len(manifest['findings'])} 条")
    return 0


def _history(args) -> int:
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
        user = _scope(con, args.as_user)
        rows = action(con, args.batch, scope=user)
        audit.record(con, user.user, logged_as, {"批次": args.batch, "方式": "命令行"}, rows)
        refresh(con, config_module.load())
        print(done.format(batch=args.batch, rows=rows))
        return 0
    return run


_rollback = _batch_action(batches.undo, "已撤销批次 {batch}，恢复了被它替换的 {rows} 行", audit.UNDO)
_restore_batch = _batch_action(batches.restore, "已恢复批次 {batch} 的 {rows} 行", audit.RESTORE)


def _backup(args) -> int:
    path = Path(args.db or store.default_path())
    if not path.exists():
        print(f"错误：数据库文件 {path} 不存在", file=sys.stderr)
        return 1
    con = store.connect(path)
    out = args.out or path.parent / "backups" / f"{path.stem}-{clock.now():%Y%m%d-%H%M%S}"
    done = backup.export(con, out)
    con.close()
    print(f"已备份到 {done.path}：{len(done.rows)} 张表，共 {done.total_rows:,} 行（数据库版本 {done.schema_version}）")
    return 0


def _restore(args) -> int:
    """A backup directory replaces the store; a batch number restores that batch."""
    if Path(args.target).is_dir():
        target = Path(args.db or store.default_path())
        user = _user_before_restore(target, args.as_user)
        done, aside = backup.restore(Path(args.target), target)
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
        return _cli_user()
    if not target.exists():
        raise JiuzhuError(f"数据库文件 {target} 不存在，无从查找账户 {name}")
    con = store.connect(target)
    try:
        user = accounts.scope_of(con, name)
    finally:
        con.close()
    user.check_import()
    return user.user


def _findings(args) -> int:
    """Recompute the findings for --as-of, then print or write them (JSON records, or a table with Chinese headers)."""
    if args.format == "xlsx" and not args.out:
        print("错误：xlsx 格式请用 --out 指定输出文件", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = _scope(con, args.as_user)
    done = refresh(con, config_module.load(), args.as_of)
    for code, missing in done.missing.items():
        if not args.code or code in args.code:
            print(f"提示：{code} 缺少数据（{'、'.join(missing)}），未计算", file=sys.stderr)
    frame = findings(con, user.filters(Filters()), codes=tuple(args.code or ()))
    if args.format == "json":  # every finding with its verification, those judged 不属实 too
        dismissed = findings(con, user.filters(Filters()), codes=tuple(args.code or ()), dismissed=True)
        frame = pd.concat([frame, dismissed], ignore_index=True) if len(dismissed) else frame
    if not user.rights.unmask:
        frame = masked(frame, Privacy())
    audit.record(con, user.user, audit.EXPORT, {"内容": "疑点清单（命令行）", "格式": args.format,
                                                "村(居)": user.village or "全镇"}, len(frame))
    if args.format == "xlsx":
        args.out.write_bytes(export.to_xlsx(frame))
        return 0
    text = export.to_json(frame) if args.format == "json" else export.to_csv(frame)
    if args.out:
        args.out.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    else:
        print(text)
    return 0


def _export(args) -> int:
    """The meeting pack for --as-of with the change since --since, as the workbook or the PDF brief."""
    from analytics.reports import meeting, meeting_pdf, meeting_xlsx  # reportlab is loaded only by this command
    render = {".xlsx": meeting_xlsx.workbook, ".pdf": meeting_pdf.brief}.get(args.out.suffix.lower())
    if render is None:
        print("错误：--out 的文件名须以 .xlsx 或 .pdf 结尾", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = _scope(con, args.as_user)
    pack = meeting.build(con, config_module.load(), scope=user, as_of=args.as_of, since=args.since,
                         village=args.village or user.village)
    args.out.write_bytes(render(pack))
    audit.record(con, user.user, audit.EXPORT, {"内容": "会议材料（命令行）", "文件": args.out.name,
                                                "村(居)": pack.village or "全镇"})
    print(f"已导出{pack.scope}会议材料：{args.out}（{pack.dates_note}）")
    return 0


def _verify(args) -> int:
    con = store.connect(args.db)
    done = verify.verify(con, args.key, args.result, action=args.action, note=args.note,
                         scope=_scope(con, args.as_user))
    print(f"已登记核实结论：{done['result']}（{done['village'] or '镇级'}）")
    return 0


def _summary(args) -> int:
    """The headline at --as-of (recomputed there when given), within the account's scope and --village."""
    con = store.connect(args.db)
    user = _scope(con, args.as_user)
    if args.as_of:
        refresh(con, config_module.load(), args.as_of)
    villages = (args.village,) if args.village else ()
    print(json.dumps(summary.headline(con, user.filters(Filters(villages=villages))), ensure_ascii=False, indent=1))
    return 0


def _user(args) -> int:
    """The password comes from a prompt, or one line of stdin when it is not a terminal; never from the arguments."""
    con, by = store.connect(args.db), _cli_user()
    if args.user_command == "add":
        accounts.add_user(con, config_module.load(), args.name, args.role, _read_password(), village=args.village,
                          by=by)
        print(f"已新建{args.role}账户 {args.name}" + (f"（{args.village}）" if args.village else ""))
    elif args.user_command == "passwd":
        accounts.set_password(con, args.name, _read_password(), by=by)
        print(f"已修改 {args.name} 的密码")
    elif args.user_command == "disable":
        accounts.disable(con, args.name, by=by)
        print(f"已停用账户 {args.name}")
    else:
        users = accounts.list_users(con)
        if users.empty:
            print("尚无账户：看板以单机模式运行，只能在本机访问")
        for u in users.itertuples():
            last = f"{u.last_login:%Y-%m-%d %H:%M}" if not pd.isna(u.last_login) else "从未登录"
            village = "" if pd.isna(u.village) else u.village
            print(f"{u.name:<12} {u.role:<6} {village:<6} {u.status:<12} 最近登录 {last}")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != password:
            raise JiuzhuError("两次输入的密码不一致，未作改动")
        return password
    line = sys.stdin.readline()
    if not line:
        raise JiuzhuError("未从标准输入读到密码")
    return line.rstrip("\r\n")


def _scope(con, name: str | None) -> scope.Scope:
    """The account a command runs as; without one, the administrator at the keyboard (who holds the store itself)."""
    return accounts.scope_of(con, name) if name else scope.Scope(_cli_user(), scope.ADMIN)


def _cli_user() -> str:
    """Who the audit log names for a command: the operating-system user at the keyboard."""
    try:
        return f"命令行（{getpass.getuser()}）"
    except (KeyError, OSError):
        return "命令行"


COMMANDS = {"import": _import, "demo": _demo, "history": _history, "rollback": _rollback, "restore": _restore,
            "findings": _findings, "backup": _backup,
            "export": _export, "user": _user, "verify": _verify, "summary": _summary}
