"""findings, verify and summary: the findings recomputed, exported, checked and summed up."""
from __future__ import annotations

import json
import sys

import pandas as pd

from analytics.access import audit
from analytics.access.privacy import Privacy, masked
from analytics.commands.common import scope_of
from analytics.core import config as config_module, store
from analytics.core.filters import Filters
from analytics.findings import export, refresh
from analytics.findings import findings as read_findings, summary as summary_module, verify as verify_module


def findings(args) -> int:
    """Recompute the findings for --as-of, then print or write them (JSON records, or a table with Chinese headers)."""
    if args.format == "xlsx" and not args.out:
        print("错误：xlsx 格式请用 --out 指定输出文件", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    done = refresh(con, config_module.load(), args.as_of)
    for code, missing in done.missing.items():
        if not args.code or code in args.code:
            print(f"提示：{code} 缺少数据（{'、'.join(missing)}），未计算", file=sys.stderr)
    frame = read_findings(con, user.filters(Filters()), codes=tuple(args.code or ()))
    if args.format == "json":  # every finding with its verification, those judged 不属实 too
        dismissed = read_findings(con, user.filters(Filters()), codes=tuple(args.code or ()), dismissed=True)
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


def verify(args) -> int:
    con = store.connect(args.db)
    done = verify_module.verify(con, args.key, args.result, action=args.action, note=args.note,
                                scope=scope_of(con, args.as_user))
    print(f"已登记核实结论：{done['result']}（{done['village'] or '镇级'}）")
    return 0


def summary(args) -> int:
    """The headline at --as-of (recomputed there when given), within the account's scope and --village."""
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    if args.as_of:
        refresh(con, config_module.load(), args.as_of)
    villages = (args.village,) if args.village else ()
    print(json.dumps(summary_module.headline(con, user.filters(Filters(villages=villages))), ensure_ascii=False,
                     indent=1))
    return 0
