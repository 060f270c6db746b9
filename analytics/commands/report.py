"""report: the 整改报告 of a campaign phase as an editable .docx."""
from __future__ import annotations

import sys

from analytics.access import audit
from analytics.commands.common import scope_of
from analytics.core import config as config_module, store
from analytics.reports import rectification, rectification_docx


def report(args) -> int:
    """The phase's report for the town, or for --village; a 村(居) account gets its own village's only."""
    if args.out.suffix.lower() != ".docx":
        print("错误：--out 的文件名须以 .docx 结尾", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    built = rectification.build(con, config_module.load(), scope=user, phase=args.phase, village=args.village,
                                as_of=args.as_of)
    args.out.write_bytes(rectification_docx.document(built))
    audit.record(con, user.user, audit.EXPORT, {"内容": f"整改报告（{built.phase.name}，命令行）", "文件": args.out.name,
                                                "截至": built.as_of, "村(居)": built.village or "全镇"})
    print(f"已导出{built.scope}{built.phase.name}阶段整改报告：{args.out}（{built.date_note}）")
    return 0
