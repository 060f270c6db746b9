"""Import benchmark: a 100,000-row payments workbook read, validated and committed end to end.

Prints JSON: median seconds of our import (target ≤ 3 s), of pandas.read_excel(engine="openpyxl") merely reading the
same file, their ratio (target ≥ 10), and peak memory of our import. Run: python bench/import_bench.py [--rows N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.importing import batches, ids, parse  # noqa: E402
from analytics.core import config as config_module, store
from analytics.importing.ids import luhn_ok, make_id  # noqa: E402
from analytics.importing.plan import plan_import  # noqa: E402

HEADERS = ["序号", "发放年月", "村(居)", "组", "享受人姓名", "享受人身份证号码", "户主姓名", "户主身份证号", "项目名称",
           "发放金额", "发放日期", "收款人姓名", "银行账号", "开户银行", "发放方式", "备注"]
VILLAGES = ["镜滩社区", "冬笋村", "金源村", "庆新村", "同康村"]
PROGRAMS = [("特困供养", "932.00"), ("困难残疾人生活补贴", "80.00"), ("高龄津贴", "100.00"), ("低保", "581.00")]


def write_workbook(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("发放明细")
    sheet.append(["2022年9月困难群众救助补助资金发放明细（基准测试数据）"])
    sheet.append(HEADERS)
    for i in range(rows):
        person = make_id("500224", dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000)), i % 1000)
        program, amount = PROGRAMS[i % len(PROGRAMS)]
        name = "测试" + "甲乙丙丁戊己庚辛"[i % 8]
        sheet.append([i + 1, "2022-09", VILLAGES[i % 5], f"{i % 12 + 1}组", name, person, name, person, program,
                      amount, dt.datetime(2022, 9, 15 + i % 10), name, account(i), "农商行", "银行", ""])
    book.save(path)


def account(i: int) -> str:
    """A Luhn-valid synthetic card number, as real 一卡通 accounts are."""
    stem = f"622202{i:012d}"
    return next(stem + d for d in "0123456789" if luhn_ok(stem + d))


def clear_parse_caches() -> None:
    """Each run starts cold, as a new month's file would: no ID, account, date or amount seen before."""
    for cached in (ids._check_id_text, ids._check_account_text, parse._parse_text, parse._parse_amount_text):
        cached.cache_clear()


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = config_module.load()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2022年9月发放明细.xlsx"
        write_workbook(path, args.rows)
        data = path.read_bytes()

        ours_times = []
        for run in range(args.repeat):
            con = store.connect(Path(tmp) / f"bench{run}.duckdb")  # a fresh, migrated store: not part of an import
            clear_parse_caches()
            start = time.perf_counter()
            batches.commit(con, plan_import(path.name, data, config))
            ours_times.append(time.perf_counter() - start)
            con.close()
        tracemalloc.start()
        plan_import(path.name, data, config)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        import pandas as pd
        openpyxl_times = timed(lambda: pd.read_excel(path, engine="openpyxl"), 1)
    result = {"rows": args.rows, "file_mb": round(len(data) / 2**20, 2),
              "import_median_s": round(statistics.median(ours_times), 3), "import_runs_s": [round(t, 3) for t in ours_times],
              "pandas_openpyxl_read_s": round(openpyxl_times[0], 3),
              "speedup_vs_openpyxl_read": round(openpyxl_times[0] / statistics.median(ours_times), 1),
              "plan_peak_python_mb": round(peak / 2**20, 1),
              "targets": {"import_median_s": 3.0, "speedup_vs_openpyxl_read": 10}}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
