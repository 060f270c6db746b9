"""python -m analytics: the same functions the app uses, from the command line.

This module holds the parser and the dispatch only. Each command's handler lives in analytics.commands and is imported
when that command runs, so `--help` and a usage error load none of pandas, duckdb, openpyxl or reportlab. A new
command: a parser builder `_add_<command>` called from build_parser, and a line in COMMANDS naming its handler.

Exit codes: 0 done (quarantined rows are reported, not fatal), 1 a file rejected or an action refused, 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from pathlib import Path

from analytics.core.contract import DATASETS, VERIFY_ACTIONS, VERIFY_RESULTS
from analytics.core.errors import JiuzhuError

EXPORT_KINDS = ("会议材料", "公示", "核查表", "线索")   # export --kind


class Later:
    """Choices kept in a heavy module (the findings' codes, the roles), imported only when argparse checks a value
    or prints a command's own help."""

    def __init__(self, module: str, name: str, field: str | None = None):
        self.module, self.name, self.field = module, name, field

    def values(self) -> tuple[str, ...]:
        found = getattr(importlib.import_module(self.module), self.name)
        return tuple(getattr(v, self.field) for v in found) if self.field else tuple(found)

    def __contains__(self, value) -> bool:
        return value in self.values()

    def __iter__(self):
        return iter(self.values())


CODE_CHOICES = Later("analytics.findings.codes", "CODES", "code")
ROLE_CHOICES = Later("analytics.access.scope", "ROLES")

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
    _add_report(sub)
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
    imp.add_argument("--replace", action="store_true",
                     help="比对名单默认与此前同来源的名单累加；本名单是更正后的完整名单时，用它替换同来源的旧名单")
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
    found.add_argument("--code", action="append", choices=CODE_CHOICES, metavar="CODE",
                       help="只导出这一疑点代码（可重复），如 DEATH_PAID")
    found.add_argument("--format", choices=("json", "csv", "xlsx", "parquet"), default="json",
                       help="json：每行一条疑点的 JSON 数组，含核实结论（不属实的也在内）；parquet：同样的字段，各为其类型；"
                            "csv、xlsx：中文表头的清单")
    found.add_argument("--out", type=Path, help="输出文件；不给则打印到屏幕（xlsx、parquet 必须给出）")
    _add_as_user(found)


def _add_export(sub) -> None:
    out = sub.add_parser("export", help="导出会议材料（默认）、公示名单、入户核查表或问题线索移送登记；格式按 --out 的扩展名")
    _add_db(out)
    out.add_argument("--kind", choices=EXPORT_KINDS, default=EXPORT_KINDS[0],
                     help="会议材料：.xlsx 工作簿或 .pdf 简报；公示：--village 与 --month 的公示名单，.xlsx 或 .pdf；"
                          "核查表：--finding 所列疑点或 --sample 随机抽查的入户核查表，.docx 或 .pdf；线索：问题线索移送登记，.xlsx")
    out.add_argument("--out", type=Path, required=True, help="输出文件（.xlsx、.pdf 或 .docx）")
    out.add_argument("--as-of", type=_day, help="分析日期 YYYY-MM-DD；默认取当前疑点的计算日期")
    out.add_argument("--since", type=_day, help="上次会议日期 YYYY-MM-DD，对比其后的变化；默认为分析日期前一个月")
    out.add_argument("--village", help="只导出这一村(居)的材料；公示名单必填；抽查时只抽这一村(居)")
    out.add_argument("--month", type=_month, help="公示名单的月份 YYYY-MM")
    out.add_argument("--finding", nargs="+", metavar="KEY", help="入户核查的疑点（findings --format json 中的 finding_key）")
    out.add_argument("--sample", type=int, metavar="N", help="随机抽查：每个村(居)抽 N 户")
    out.add_argument("--seed", type=int, help="随机抽查的种子（同一种子抽出同一名单，记入审计日志）")
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


def _add_report(sub) -> None:
    parser = sub.add_parser("report", help="导出整治阶段的整改报告（可编辑的 .docx）")
    _add_db(parser)
    parser.add_argument("--phase", required=True, help="整治阶段名称（config.toml 的 [[phases]]），如 自查自纠")
    parser.add_argument("--out", type=Path, required=True, help="输出文件（.docx）")
    parser.add_argument("--village", help="只出这一村(居)的报告（村(居)账户总是本村(居)的）")
    parser.add_argument("--as-of", type=_day, help="截至日期 YYYY-MM-DD；默认为该阶段上报报告的时限，没有则为阶段结束日")
    _add_as_user(parser)


def _add_user(sub) -> None:
    user = sub.add_parser("user", help="管理登录账户：一旦有账户，看板须登录使用")
    actions = user.add_subparsers(dest="user_command", required=True)
    add = actions.add_parser("add", help="新建账户，随后输入密码")
    add.add_argument("name", help="用户名")
    add.add_argument("--role", required=True, choices=ROLE_CHOICES, metavar="ROLE", help="角色：%(choices)s")
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
    module, _, name = COMMANDS[args.command].partition(":")
    handler = getattr(importlib.import_module(module), name)
    try:
        return handler(args)
    except JiuzhuError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


# command → "module:handler", the handler taking the parsed arguments and returning the exit code
COMMANDS = {
    "import": "analytics.commands.imports:import_files",
    "demo": "analytics.commands.data:demo",
    "history": "analytics.commands.data:history",
    "rollback": "analytics.commands.data:rollback",
    "restore": "analytics.commands.data:restore",
    "backup": "analytics.commands.data:backup",
    "findings": "analytics.commands.findings:findings",
    "verify": "analytics.commands.findings:verify",
    "summary": "analytics.commands.findings:summary",
    "export": "analytics.commands.documents:export",
    "user": "analytics.commands.users:user",
    "report": "analytics.commands.report:report",
}
