"""Findings benchmark at three scales: town (the sample town, imported file by file as a user would), district
(50,000 recipients × 12 months) and city (1,000,000 × 12, ~11 M payment rows), both written by analytics.demo.scale.

Prints JSON per scale: seconds to recompute all 19 findings (the first refresh in a fresh process, then the median of
three more), seconds to read each page summary from the findings table (best of 5), the peak RSS of that process (and
again after analytics.analysis.metrics.data_overview, which is not ours), the 1-minute load average when it started (other
processes on the machine skew every timing), and — in a process of its own, on the same store — a plain-pandas
implementation of five checks (EXCLUSIVE_DUP, DEATH_PAID, UNPAID + LATE_PAID, SHARED_ACCOUNT and the village ×
program summary): its seconds (loading the tables into pandas apart), peak RSS, its counts against ours, and the
ratios pandas / ours: the four finding checks against all 19 findings, the summary against
analytics.analysis.metrics.data_overview, and the five together.
Targets on 2 cores: city ≤ 15 s and ≤ 3 GB; each summary read ≤ 0.2 s; ours ≥ 5× faster than pandas.

Then, as a user waits for it, `python -m analytics findings --format json --out F` end to end (a new process each run,
on a copy of the store: the 19 rules recomputed, the findings written) — median seconds of --cli-repeat runs and the
findings written; at district scale also on a copy with one payment row in eight removed, so that UNPAID fires some
65,000 times (the issue's 68,012-finding export). Targets: district ≤ 2.5 s; all 19 rules at city ≤ 6 s and ≤ 2 GB.

Run: python bench/findings_bench.py [--scales town district city] [--work DIR] [--cli-repeat N]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analytics.core import config as config_module, store  # noqa: E402
from analytics.analysis import metrics
from analytics.core.filters import Filters  # noqa: E402
from analytics.findings import refresh, summary  # noqa: E402

DEATH = ("死亡", "火化", "户籍注销")
COMPARED = ("EXCLUSIVE_DUP", "DEATH_PAID", "UNPAID", "LATE_PAID", "SHARED_ACCOUNT")


def build(scale: str, work: Path) -> Path:
    """A store holding the scale's data (kept in `work` for the next run)."""
    path = work / f"{scale}.duckdb"
    if path.exists():
        return path
    con = store.connect(path)
    if scale == "town":
        from analytics.demo import write_demo
        from analytics.importing.files import import_file
        config, files = config_module.load(), work / "town-files"
        for name in write_demo(files)["files"]:
            import_file(con, name, (files / name).read_bytes(), config)
    else:
        from analytics.demo.scale import write_scale
        write_scale(con, scale)
    con.execute("checkpoint")
    con.close()
    return path


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def cpu_s() -> float:
    """CPU seconds of this process: unlike wall time, hardly moved by other processes on the machine."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def peak_gb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2, 2)  # Linux: kilobytes


def measure_ours(db: Path) -> dict:
    con, config = store.connect(db), config_module.load()
    load_before = round(os.getloadavg()[0], 1)  # other processes on the machine skew every timing
    cpu_before = cpu_s()
    first, done = timed(lambda: refresh(con, config))
    first_cpu = cpu_s() - cpu_before
    again = sorted(timed(lambda: refresh(con, config))[0] for _ in range(3))[1]
    reads = {name: round(min(timed(lambda: read(con))[0] for _ in range(5)), 4)
             for name, read in summary.SUMMARIES.items()}
    peak = peak_gb()
    overview, _ = timed(lambda: metrics.data_overview(con, Filters()))  # last: not ours, and heavier on memory
    roster_rows, payment_rows = con.execute(
        "select (select count(*) from roster), (select count(*) from payments)").fetchone()
    return {"rows": {"roster": roster_rows, "payments": payment_rows}, "load_avg_1m": load_before,
            "recompute_s": round(first, 2), "recompute_cpu_s": round(first_cpu, 2),
            "recompute_again_median_s": round(again, 2),
            "slowest_steps_s": {k: round(v, 2) for k, v in sorted(done.seconds.items(), key=lambda kv: -kv[1])[:5]},
            "summary_read_s": reads, "peak_rss_gb": peak, "overview_s": round(overview, 2),
            "peak_rss_with_overview_gb": peak_gb(), "findings": sum(done.counts.values()),
            "counts": {c: done.counts.get(c, 0) for c in COMPARED}}


def measure_pandas(db: Path) -> dict:
    con, config = store.connect(db), config_module.load()
    load, (roster, payments, crosscheck) = timed(lambda: (
        con.execute("select person_id, program, village, period, monthly_amount, status, start_date, end_date, "
                    "sub_type, head_id from roster").df(),
        con.execute("select person_id, program, village, period, amount, paid_date, note, bank_account, head_id "
                    "from payments").df(),
        con.execute("select person_id, source, event_date from crosscheck").df()))
    as_of = pd.Timestamp(max(roster.period.max(), payments.period.max())) + pd.offsets.MonthEnd(0)
    con.close()
    cpu_before = cpu_s()
    checks, counts = timed(lambda: pandas_checks(roster, payments, crosscheck, config, as_of))
    checks_cpu = cpu_s() - cpu_before
    overview, rows = timed(lambda: pandas_overview(roster, payments))
    return {"load_s": round(load, 2), "checks_s": round(checks, 2), "checks_cpu_s": round(checks_cpu, 2),
            "overview_s": round(overview, 2),
            "peak_rss_gb": peak_gb(), "counts": counts | {"overview_rows": rows}}


def pandas_checks(roster, payments, crosscheck, config, as_of) -> dict:
    """The five checks read literally from domain.md §5, the way an analyst would write them in pandas."""
    key = ["person_id", "program", "period"]
    month_end = roster.period + pd.offsets.MonthEnd(0)
    active = roster[(roster.status.isna() | roster.status.isin(["在保", "正常"]))
                    & (roster.start_date.fillna(roster.period) <= month_end)
                    & (roster.end_date.fillna(roster.period) >= roster.period)]
    pairs = pd.DataFrame([(p.a, p.b) for p in config.exclusive_pairs], columns=["program_a", "program_b"])
    slim = active[key]
    both = slim.merge(slim, on=["person_id", "period"], suffixes=("_a", "_b")).merge(pairs)
    exclusive = both.drop_duplicates(["person_id", "period", "program_a", "program_b"])
    paid = payments[payments.amount > 0]
    deaths = crosscheck[crosscheck.source.isin(DEATH) & (crosscheck.event_date <= as_of)]
    died = deaths.groupby("person_id").event_date.min().rename("died").reset_index()
    dead = paid.merge(died, on="person_id")
    death_paid = dead[dead.died < dead.period].drop_duplicates(key)
    first = paid.groupby(key).paid_date.min().rename("first_paid").reset_index()
    one_off = [p.name for p in config.programs if p.pays == "one-off"]
    due = pd.to_timedelta(config.rules.due_day - 1, unit="D")
    late = first[(first.first_paid > first.period + due) & ~first.program.isin(one_off)]
    owed = active[(active.monthly_amount > 0) & ~active.program.isin(one_off) & (as_of > active.period + due)]
    to_institution = {(p.name, sub) for p in config.programs for sub in p.institution_paid}  # paid to the 院, not them
    owed = owed[[pair not in to_institution for pair in zip(owed.program, owed.sub_type)]]
    covered = paid[["program", "period", "village"]].drop_duplicates()  # S1/S2: a village-month with no payments
    owed = owed.merge(covered, on=["program", "period", "village"])     # file is not judged
    unpaid = owed.merge(first, on=key, how="left")
    unpaid = unpaid[unpaid.first_paid.isna()].drop_duplicates(key)
    institutional = roster.loc[roster.sub_type == "集中", key].drop_duplicates().assign(institutional=True)
    cards = paid[paid.bank_account.notna()].merge(institutional, on=key, how="left")
    cards = cards[cards.institutional.isna()]
    heads = roster.loc[roster.head_id.notna(), ["person_id", "period", "head_id"]].drop_duplicates(
        ["person_id", "period"]).rename(columns={"head_id": "roster_head"})
    cards = cards.merge(heads, on=["person_id", "period"], how="left")
    cards["household"] = cards.head_id.fillna(cards.roster_head).fillna(cards.person_id)
    households = cards.groupby(["bank_account", "period"]).household.nunique()
    shared = households[households >= config.rules.shared_account_min_households]
    return {"EXCLUSIVE_DUP": len(exclusive), "DEATH_PAID": len(death_paid), "UNPAID": len(unpaid),
            "LATE_PAID": len(late), "SHARED_ACCOUNT": len(shared)}


def pandas_overview(roster, payments) -> int:
    """The village × program summary: persons and approved money on the rosters, rows and money paid, per month."""
    people = roster.groupby(["period", "village", "program"]).agg(persons=("person_id", "nunique"),
                                                                 approved=("monthly_amount", "sum"))
    money = payments.groupby(["period", "village", "program"]).agg(payment_rows=("amount", "size"),
                                                                   paid=("amount", "sum"))
    return len(people.join(money, how="outer"))


def cli_findings(db: Path, work: Path, repeat: int, thin_payments: bool = False) -> dict:
    """`findings --format json` from a new process each run, on a copy of the store (the command writes to it)."""
    copy = work / f"{db.stem}-cli.duckdb"
    shutil.copy(db, copy)
    if thin_payments:
        con = store.connect(copy)
        con.execute("delete from payments where hash(rowid) % 8 = 0")
        con.close()
    out, times = work / f"{db.stem}-findings.json", []
    load = round(os.getloadavg()[0], 1)
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analytics", "findings", "--db", str(copy), "--format", "json",
                        "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    findings = len(json.loads(out.read_text(encoding="utf-8")))
    copy.unlink()
    return {"load_avg_1m": load, "median_s": round(statistics.median(times), 2), "runs_s": [round(t, 2) for t in times],
            "findings": findings}


def child(kind: str, db: Path) -> dict:
    """Each measurement in a fresh process, so its peak memory is its own."""
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--db", str(db)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["town", "district", "city"],
                        choices=["town", "district", "city"])
    parser.add_argument("--work", type=Path, help="where the stores are kept between runs (default: a temp dir)")
    parser.add_argument("--cli-repeat", type=int, default=3, help="runs of the end-to-end findings command")
    parser.add_argument("--child", choices=["ours", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps((measure_ours if args.child == "ours" else measure_pandas)(args.db)))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="findings-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = {}
    for scale in args.scales:
        build_s, db = timed(lambda: build(scale, work))
        ours, theirs = child("ours", db), child("pandas", db)
        report[scale] = {"build_s": round(build_s, 1), "ours": ours, "pandas": theirs, "pandas_over_ours": {
            "four_finding_checks_vs_all_19_findings": round(theirs["checks_s"] / ours["recompute_s"], 1),
            "same_in_cpu_seconds": round(theirs["checks_cpu_s"] / ours["recompute_cpu_s"], 1),
            "village_program_summary": round(theirs["overview_s"] / ours["overview_s"], 1),
            "five_checks_vs_19_findings_and_summary": round((theirs["checks_s"] + theirs["overview_s"])
                                                            / (ours["recompute_s"] + ours["overview_s"]), 1)},
                         "counts_agree": all(ours["counts"][c] == theirs["counts"][c] for c in COMPARED),
                         "cli_findings_json": cli_findings(db, work, args.cli_repeat)}
        if scale == "district":
            report[scale]["cli_findings_json_unpaid_one_in_eight"] = cli_findings(db, work, args.cli_repeat, True)
        print(json.dumps({scale: report[scale]}, ensure_ascii=False), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
