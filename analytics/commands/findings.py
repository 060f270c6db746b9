"""findings, verify and summary: the findings recomputed, exported, checked and summed up."""
from __future__ import annotations

import json
import sys

from analytics.access import audit
from analytics.access.privacy import Privacy, masked
from analytics.commands.common import scope_of
from analytics.core import config as config_module, store
from analytics.core.filters import Filters
from analytics.findings import export, refresh
from analytics.findings import findings as read_findings, summary as summary_module, verify as verify_module


def findings(args) -> int:
    """Recompute the findings for --as-of, then print or write them: JSON records or Parquet (written by DuckDB, every
    finding with its verification, those judged 不属实 too), or a table with Chinese headers (CSV, Excel)."""
    if args.format in ("xlsx", "parquet") and not args.out:
        print(f"错误：{args.format} 格式请用 --out 指定输出文件", file=sys.stderr)
        return 2
    con = store.connect(args.db)
    user = scope_of(con, args.as_user)
    done = refresh(con, config_module.load(), args.as_of)
    for code, missing in done.missing.items():
        if not args.code or code in args.code:
            print(f"提示：{code} 缺少数据（{'、'.join(missing)}），未计算", file=sys.stderr)
    filters, codes = user.filters(Filters()), tuple(args.code or ())
    privacy = None if user.rights.unmask else Privacy()
    if args.format in ("json", "parquet"):
        rows = export.rows(con, filters, codes, dismissed=True, privacy=privacy)
        count = rows.num_rows
    else:
        frame = read_findings(con, filters, codes=codes)
        frame, count = frame if privacy is None else masked(frame, privacy), len(frame)
    audit.record(con, user.user, audit.EXPORT, {"内容": "疑点清单（命令行）", "格式": args.format,
                                                "村(居)": user.village or "全镇"}, count)
    if args.format == "parquet":
        export.write_parquet(con, rows, args.out)
    elif args.format == "xlsx":
        args.out.write_bytes(export.to_xlsx(frame))
    else:
        text = export.json_text(con, rows) if args.format == "json" else export.to_csv(frame)
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
