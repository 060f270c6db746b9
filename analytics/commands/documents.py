"""export: the meeting pack (analytics.commands.meeting) or one of the campaign's documents — 公示名单, 入户核查表 (chosen
findings or a seeded 抽查), 问题线索移送登记 — each scoped like the pages (a 村(居) account its own village's 公示 and
forms only, no register) and audited."""
from __future__ import annotations

import sys

from analytics.access import audit
from analytics.commands import meeting
from analytics.commands.common import scope_of
from analytics.core import clock, config as config_module, store

FORMATS = {"公示": (".xlsx", ".pdf"), "核查表": (".docx", ".pdf"), "线索": (".xlsx",)}


def export(args) -> int:
    if args.kind not in FORMATS:
        return meeting.export(args)
    suffix = args.out.suffix.lower()
    if suffix not in FORMATS[args.kind]:
        print(f"错误：{args.kind}的 --out 文件名须以 {' 或 '.join(FORMATS[args.kind])} 结尾", file=sys.stderr)
        return 2
    problem = _missing_options(args)
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    config = config_module.load()
    make = {"公示": _notice, "核查表": _forms, "线索": _register}[args.kind]
    data, rows, village, what, unit = make(con, config, user, args, suffix)
    args.out.write_bytes(data)
    audit.record(con, user.user, audit.EXPORT, {"内容": f"{what}（命令行）", "文件": args.out.name,
                                                "村(居)": village or "全镇"}, rows)
    print(f"已导出{what}：{args.out}（{rows} {unit}）")
    return 0


def _missing_options(args) -> str:
    if args.kind == "公示" and not (args.village and args.month):
        return "公示名单须给出 --village 和 --month"
    if args.kind == "核查表" and bool(args.finding) == (args.sample is not None):
        return "入户核查表须给出 --finding（所列疑点）或 --sample N --seed S（随机抽查）之一"
    if args.kind == "核查表" and args.sample is not None and args.seed is None:
        return "随机抽查须给出 --seed，以便同一种子重抽出同一名单"
    return ""


def _notice(con, config, user, args, suffix):
    from analytics.reports import notice, notice_pdf  # reportlab is loaded only when a PDF is asked for
    built = notice.build(con, config, args.village, args.month, user)
    data = notice.workbook(built) if suffix == ".xlsx" else notice_pdf.document(built)
    return data, built.rows, built.village, f"{built.village}{built.month:%Y年%-m月}公示名单", "行"


def _forms(con, config, user, args, suffix):
    from analytics.reports import checkform_docx, checkform_pdf, checkforms
    if args.finding:
        forms = checkforms.for_findings(con, config, args.finding, user)
        villages = {f.village for f in forms.forms}
    else:
        forms = checkforms.sample(con, config, args.sample, args.seed, user, as_of=args.as_of,
                                  villages=(args.village,) if args.village else ())
        villages = {args.village or user.village}
    render = checkform_docx.document if suffix == ".docx" else checkform_pdf.document
    village = next(iter(villages)) if len(villages) == 1 else None
    return render(forms), len(forms.forms), village, "入户核查表" + ("（抽查）" if forms.draw else ""), "户"


def _register(con, config, user, args, suffix):
    from analytics.campaign import referrals
    frame = referrals.referrals(con, user)
    return referrals.workbook(frame, config.town, clock.today()), len(frame), None, "问题线索移送登记", "件"
