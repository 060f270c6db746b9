"""export: the meeting pack (workbook or PDF brief)."""
from __future__ import annotations

import sys

from analytics.access import audit
from analytics.commands.common import scope_of
from analytics.core import config as config_module, store
from analytics.reports import meeting, meeting_pdf, meeting_xlsx


def export(args) -> int:
    """The meeting pack for --as-of with the change since --since, as the workbook or the PDF brief."""
    render = {".xlsx": meeting_xlsx.workbook, ".pdf": meeting_pdf.brief}.get(args.out.suffix.lower())
    if render is None:
        print("错误：--out 的文件名须以 .xlsx 或 .pdf 结尾", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    pack = meeting.build(con, config_module.load(), scope=user, as_of=args.as_of, since=args.since,
                         village=args.village or user.village)
    args.out.write_bytes(render(pack))
    audit.record(con, user.user, audit.EXPORT, {"内容": "会议材料（命令行）", "文件": args.out.name,
                                                "村(居)": pack.village or "全镇"})
    print(f"已导出{pack.scope}会议材料：{args.out}（{pack.dates_note}）")
    return 0
