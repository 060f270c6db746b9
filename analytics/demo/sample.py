"""The sample town (示例数据) loaded into its own store through the normal import path, never into real data.

It is loaded the way an office lives through a campaign: every file up to the month before the last is imported and
the findings computed; the office makes issues from that month's findings for a few villages; then the last month
arrives and the recompute re-checks those issues. Milestone completions are recorded as the office would, and each
monthly file's upload time is set to a day of the following month (a few late) so that 数据完整性 has a history.
"""
from __future__ import annotations

import datetime as dt
import tempfile
import zlib
from pathlib import Path
from typing import Callable

import duckdb

from analytics.access.scope import ADMIN, Scope
from analytics.campaign import ledger, phases
from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.filters import Filters
from analytics.demo import MILESTONE_RECORDS, write_demo
from analytics.findings import findings as read_findings
from analytics.findings import refresh
from analytics.importing.files import import_file

SAMPLE_USER = "示例数据"
SAMPLE_SCOPE = Scope(SAMPLE_USER, ADMIN)  # the sample is loaded as an administrator would load it
# the office makes one issue per village from the last computed month's findings of these codes
ISSUE_CODES = ("DEATH_PAID", "INACTIVE_PAID", "LATE_PAID", "STAFF_PROXY")
# (month, file-name word) of the monthly files uploaded after the report day
LATE_FILES = (("2022-03", "一卡通"), ("2022-08", "高龄"), ("2022-08", "残疾"), ("2022-11", "特困"))


def load_sample(con: duckdb.DuckDBPyConnection, config: Config, *, seed: int = 42,
                progress: Callable[[float, str], None] | None = None) -> list[dict]:
    """Generate the sample town's files and import each one; returns the import reports."""
    with tempfile.TemporaryDirectory() as folder:
        manifest = write_demo(Path(folder), scale="town", seed=seed)
        last = max(manifest["months"].values())
        files = sorted(manifest["files"], key=lambda name: manifest["months"].get(name) == last)
        reports = []
        for i, name in enumerate(files):
            if manifest["months"].get(name) == last and not any(manifest["months"].get(r["file"]) == last
                                                                for r in reports):
                refresh(con, config)
                issues_from_findings(con, ISSUE_CODES, ["village"])
            if progress:
                progress(i / len(files), name)
            reports.append(import_file(con, name, (Path(folder) / name).read_bytes(), config,
                                       scope=SAMPLE_SCOPE))
    refresh(con, config)
    _record_milestones(con, config)
    _date_uploads(con, manifest["months"], config.rules.report_due_day)
    return reports


def issues_from_findings(con: duckdb.DuckDBPyConnection, codes: tuple[str, ...], by: list[str]) -> None:
    """Issues as the office makes them from the last computed month's findings of `codes`: one per group `by`."""
    found = read_findings(con, Filters(), codes=codes)
    latest = found[found["period"] == found["period"].max()]
    as_of = query(con, "finding_as_of").fetchone()[0]
    for _, chosen in latest.groupby(by):
        draft = ledger.draft_from_findings(con, chosen, as_of)
        ledger.create(con, draft, scope=SAMPLE_SCOPE, note="由疑点清单生成",
                      finding_keys=tuple(chosen["finding_key"]))


def _record_milestones(con: duckdb.DuckDBPyConnection, config: Config) -> None:
    for milestone, village, completed_on, evidence in MILESTONE_RECORDS:
        village_name = config.village_names[village] if village is not None else phases.TOWN
        phases.record(con, config, milestone, village_name, completed_on, evidence,
                      scope=SAMPLE_SCOPE)


def _date_uploads(con: duckdb.DuckDBPyConnection, months: dict[str, str], due_day: int) -> None:
    """Each monthly file as uploaded on a day of the following month: by the report day, or after it for LATE_FILES."""
    names, times = [], []
    for name, month in months.items():
        year, number = map(int, month.split("-"))
        following = dt.date(year + number // 12, number % 12 + 1, 1)
        late = any(month == m and word in name for m, word in LATE_FILES)
        day = due_day + 3 + zlib.crc32(name.encode()) % 8 if late else 2 + zlib.crc32(name.encode()) % (due_day - 1)
        names.append(name)
        times.append(dt.datetime.combine(following.replace(day=day), dt.time(9 + len(name) % 8, 30)))
    query(con, "sample_upload_times", {"names": names, "times": times})
