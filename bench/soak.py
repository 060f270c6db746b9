"""Soak: 300 consecutive imports of monthly files into one store, as the app does them (import, then recompute the
findings), with identical re-imports (no-ops) and corrected re-uploads (replacements) among them.

Every import step: a month's roster, its payments, an identical re-import of one of them, and a corrected payments
file that replaces the month's (so the archive keeps the replaced rows: nothing is deleted, by design). Prints JSON:
the store file's size and this process's resident memory after every 25th import, and the bytes per stored row
(live + archived) — bounded means memory levels off and the store grows with the rows it keeps, not with the number of
imports. With --months 12 the same year is imported again and again (live data constant, the archive growing by what each
cycle replaces). Run: python bench/soak.py [--imports 300] [--people 800] [--months 12] [--work DIR]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.core import config as config_module, store  # noqa: E402
from analytics.findings import refresh  # noqa: E402
from analytics.importing.ids import make_id  # noqa: E402
from analytics.importing.files import import_file  # noqa: E402

VILLAGES = ("镜滩社区", "冬笋村", "金源村", "庆新村", "同康村")
ROSTER = ["序号", "姓名", "身份证号", "村(居)", "救助类别", "保障金额"]
PAYMENTS = ["序号", "姓名", "身份证号", "项目名称", "发放金额", "发放日期", "村(居)"]


def month_of(step: int) -> dt.date:
    return dt.date(2020 + step // 12, step % 12 + 1, 1)


def table(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8-sig")


def files_for(month: dt.date, people: int, cycle: int) -> list[tuple[str, bytes]]:
    """A month's roster, payments, the payments again (identical) and a corrected payments file; a later cycle over
    the same month brings other amounts, so each of its files replaces the month's rows."""
    persons = [(f"对象{i}", make_id("500224", dt.date(1940, 1, 1) + dt.timedelta(days=i), i % 1000),
                VILLAGES[i % len(VILLAGES)]) for i in range(people)]
    amount = f"{932 + cycle}.00"
    roster = table(ROSTER, [[i, n, p, v, "特困供养", amount] for i, (n, p, v) in enumerate(persons, 1)])
    paid = [[i, n, p, "特困供养", amount, f"{month:%Y-%m}-20", v] for i, (n, p, v) in enumerate(persons, 1)]
    corrected = [row[:4] + [f"{935 + cycle}.00"] + row[5:] for row in paid]
    label = f"{month.year}年{month.month:02d}月"
    return [(f"{label}特困供养名册.csv", roster), (f"{label}特困供养发放明细.csv", table(PAYMENTS, paid)),
            (f"{label}特困供养发放明细.csv", table(PAYMENTS, paid)),
            (f"{label}特困供养发放明细（更正）.csv", table(PAYMENTS, corrected))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stored_rows(con) -> int:
    return sum(con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 (fixed names)
               for t in ("roster", "roster_archive", "payments", "payments_archive"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--imports", type=int, default=300)
    parser.add_argument("--people", type=int, default=800)
    parser.add_argument("--months", type=int, default=0,
                        help="cycle over this many months (live data stays the same size); 0: a new month each step")
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="soak-"))
    path = work / "soak.duckdb"
    path.unlink(missing_ok=True)
    con, config = store.connect(path), config_module.load()
    curve, done, step, started = [], 0, 0, time.perf_counter()
    outcomes = {"committed": 0, "unchanged": 0, "rejected": 0}
    while done < args.imports:
        month = month_of(step % args.months if args.months else step)
        for name, data in files_for(month, args.people, step // args.months if args.months else 0):
            if done == args.imports:
                break
            report = import_file(con, name, data, config, kind="roster" if "名册" in name else "payments",
                                 period=month)
            outcomes["unchanged" if report.get("unchanged") else report["status"]] += 1
            refresh(con, config)
            done += 1
            if done % 25 == 0 or done == 1:
                gc.collect()
                size = path.stat().st_size + (path.with_name(path.name + ".wal").stat().st_size
                                              if path.with_name(path.name + ".wal").exists() else 0)
                rows = stored_rows(con)
                curve.append({"imports": done, "store_mb": round(size / 2**20, 1), "rss_mb": round(rss_mb(), 1),
                              "stored_rows": rows, "bytes_per_row": round(size / max(rows, 1), 1),
                              "seconds": round(time.perf_counter() - started, 1)})
                print(json.dumps(curve[-1]), file=sys.stderr, flush=True)
        step += 1
    con.close()
    print(json.dumps({"imports": done, "months": step, "cycled_months": args.months, "people_per_month": args.people,
                      "outcomes": outcomes,
                      "curve": curve}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
